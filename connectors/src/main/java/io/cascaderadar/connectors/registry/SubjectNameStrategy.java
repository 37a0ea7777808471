package io.cascaderadar.connectors.registry;

import org.apache.avro.Schema;

/** How a topic's records name their registry subject, as Confluent's serializers do. */
public enum SubjectNameStrategy {
    /** {@code <topic>-value} and {@code <topic>-key}: one record type per topic (the default). */
    TOPIC {
        @Override
        public String subject(String topic, Schema schema, boolean isKey) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one subject per type, whatever the topic. */
    RECORD {
        @Override
        public String subject(String topic, Schema schema, boolean isKey) {
            return schema.getFullName();
        }
    };

    public abstract String subject(String topic, Schema schema, boolean isKey);
}
