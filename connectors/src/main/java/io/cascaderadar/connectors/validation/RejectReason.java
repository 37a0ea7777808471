package io.cascaderadar.connectors.validation;

/** Why an input record was rejected; dead letters are counted by reason. */
public enum RejectReason {
    /** The line could not be split into the header's columns. */
    MALFORMED_LINE,
    /** A required value is blank. */
    MISSING_VALUE,
    /** A number that does not parse. */
    BAD_NUMBER,
    /** A timestamp that is neither ISO-8601 nor epoch milliseconds. */
    BAD_TIMESTAMP,
    /** A value outside its enumeration: an unknown side, venue type or feed state. */
    UNKNOWN_VALUE,
    /** NaN or infinity. */
    NON_FINITE,
    /** A price, quantity or notional that is zero or negative. */
    NON_POSITIVE,
    /** A notional no single liquidation has ever reached. */
    ABSURD_NOTIONAL,
    /** An event time far after the time it was read. */
    FUTURE_TIMESTAMP,
    /** An event time before liquidations of crypto derivatives existed (often epoch seconds read as ms). */
    PREHISTORIC_TIMESTAMP,
    /** An event behind the watermark by more than the allowed out-of-orderness. */
    LATE_EVENT,
    /** A Kafka record that is not in the Confluent wire format: empty, too short, or a magic byte other than 0. */
    NOT_WIRE_FORMAT,
    /** A Kafka record whose schema id the registry does not know. */
    UNKNOWN_SCHEMA_ID,
    /** A Kafka record written with a schema that cannot be read as the topic's record type. */
    INCOMPATIBLE_SCHEMA,
    /** A Kafka record whose Avro payload does not decode with its own schema: truncated or corrupt. */
    CORRUPT_AVRO,
    /** A venue's wire message that is not JSON, not of the feed, or lacks a field the feed always has. */
    MALFORMED_MESSAGE,
    /** A venue's wire message about an instrument whose contract size is not known. */
    UNKNOWN_INSTRUMENT,
    /** A point that InfluxDB refused: a parse error, a field type conflict, a time outside the retention policy. */
    INFLUX_REJECTED,
    /**
     * A liquidation withdrawn because a chain reorg orphaned its block: kept out of the signals, which are not yet
     * recomputed for an event already counted.
     */
    RETRACTED
}
