package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.validation.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter as a Kafka record. The value is the rejected input exactly as it came (the bytes of an
 * undecodable Kafka record, so that it can be re-published once fixed), or the dead letter as JSON where there
 * are no such bytes; the headers say why: {@value #REASON} (a {@code RejectReason}), {@value #DETAIL},
 * {@value #SOURCE} ({@code topic[partition]@offset}, {@code file:line} or a stream) and {@value #CONTENT}
 * ({@code original} or {@code application/json}).
 */
public final class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {
    public static final String REASON = "radar.reason";
    public static final String DETAIL = "radar.detail";
    public static final String SOURCE = "radar.source";
    public static final String CONTENT = "radar.content";

    private final String topic;

    public DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return toRecord(topic, letter);
    }

    /**
     * The record of a dead letter, for the job's sink and for producers outside Flink; its timestamp is the time of
     * writing (an event time years old would fall to the broker's time-based retention at once).
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String topic, DeadLetter letter) {
        boolean original = letter.payload != null;
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason.name()));
        headers.add(DETAIL, utf8(String.valueOf(letter.detail)));
        headers.add(SOURCE, utf8(String.valueOf(letter.source)));
        headers.add(CONTENT, utf8(original ? "original" : "application/json"));
        byte[] value = original ? letter.payload : utf8(DeadLetterJson.toJson(letter));
        return new ProducerRecord<>(topic, null, null, null, value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
