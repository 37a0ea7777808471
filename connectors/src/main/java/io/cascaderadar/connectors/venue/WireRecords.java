package io.cascaderadar.connectors.venue;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import java.util.List;

/**
 * What one wire message of a venue carries once decoded: liquidations, open-interest figures, or nothing (a
 * subscription acknowledgement, a pong, a snapshot to skip).
 */
public record WireRecords(List<LiquidationEvent> liquidations, List<OpenInterestUpdate> openInterest) {

    public static final WireRecords NONE = new WireRecords(List.of(), List.of());

    public static WireRecords liquidations(List<LiquidationEvent> events) {
        return new WireRecords(List.copyOf(events), List.of());
    }

    public static WireRecords openInterest(List<OpenInterestUpdate> updates) {
        return new WireRecords(List.of(), List.copyOf(updates));
    }
}
