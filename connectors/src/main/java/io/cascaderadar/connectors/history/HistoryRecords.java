package io.cascaderadar.connectors.history;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import org.apache.avro.specific.SpecificRecord;

/** Where imported records go, one method per normalized contract. */
public interface HistoryRecords {

    void liquidation(LiquidationEvent event);

    void openInterest(OpenInterestUpdate update);

    void price(PriceUpdate price);

    /** Routes a record of any of the three contracts. */
    default void accept(SpecificRecord record) {
        if (record instanceof LiquidationEvent e) {
            liquidation(e);
        } else if (record instanceof OpenInterestUpdate u) {
            openInterest(u);
        } else if (record instanceof PriceUpdate p) {
            price(p);
        } else {
            throw new IllegalArgumentException("not a history record: " + record.getSchema().getFullName());
        }
    }
}
