package io.cascaderadar.connectors.csv;

import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.List;

/**
 * The prices CSV: {@code event_time,venue,instrument,base_asset,price} and an optional {@code price_kind}
 * (MARK, INDEX, LAST, ORACLE; UNKNOWN when blank). A kline's close is a LAST price at the kline's close time.
 */
public final class PriceCsv extends NormalizedCsvFormat<PriceUpdate> {

    public static final String NAME = "prices";
    public static final List<String> REQUIRED = List.of("event_time", "venue", "instrument", "base_asset", "price");
    public static final List<String> HEADER = List.of("event_time", "venue", "instrument", "base_asset", "price",
            "price_kind");

    public PriceCsv(InputRules rules, Instant now) {
        super(NAME, REQUIRED, HEADER, rules, now);
    }

    public static PriceCsv writer() {
        return new PriceCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    protected PriceUpdate parse(CsvRow row) throws Rejection {
        return PriceUpdate.newBuilder()
                .setEventTime(row.time("event_time"))
                .setVenue(row.text("venue"))
                .setInstrument(row.text("instrument"))
                .setBaseAsset(row.text("base_asset"))
                .setPrice(row.number("price"))
                .setPriceKind(row.optionalEnum("price_kind", PriceKind.class, PriceKind.UNKNOWN))
                .build();
    }

    @Override
    protected void check(PriceUpdate price) throws Rejection {
        rules.check(price, now);
    }

    @Override
    public List<String> toRow(PriceUpdate p) {
        return List.of(Timestamps.format(p.getEventTime()), p.getVenue(), p.getInstrument(), p.getBaseAsset(),
                Double.toString(p.getPrice()), p.getPriceKind().name());
    }
}
