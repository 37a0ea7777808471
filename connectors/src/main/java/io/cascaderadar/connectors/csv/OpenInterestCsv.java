package io.cascaderadar.connectors.csv;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The open-interest CSV: {@code event_time,venue,instrument,base_asset,open_interest_base,open_interest_usd}
 * (either open-interest value may be blank) and an optional {@code sidedness} (ONE_SIDED or TWO_SIDED).
 */
public final class OpenInterestCsv extends NormalizedCsvFormat<OpenInterestUpdate> {

    public static final String NAME = "open-interest";
    public static final List<String> REQUIRED = List.of("event_time", "venue", "instrument", "base_asset");
    public static final List<String> HEADER = List.of("event_time", "venue", "instrument", "base_asset",
            "open_interest_base", "open_interest_usd", "sidedness");

    public OpenInterestCsv(InputRules rules, Instant now) {
        super(NAME, REQUIRED, HEADER, rules, now);
    }

    public static OpenInterestCsv writer() {
        return new OpenInterestCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    protected OpenInterestUpdate parse(CsvRow row) throws Rejection {
        return OpenInterestUpdate.newBuilder()
                .setEventTime(row.time("event_time"))
                .setVenue(row.text("venue"))
                .setInstrument(row.text("instrument"))
                .setBaseAsset(row.text("base_asset"))
                .setOpenInterestBase(row.optionalNumber("open_interest_base"))
                .setOpenInterestUsd(row.optionalNumber("open_interest_usd"))
                .setSidedness(row.optionalEnum("sidedness", Sidedness.class, Sidedness.ONE_SIDED))
                .build();
    }

    @Override
    protected void check(OpenInterestUpdate update) throws Rejection {
        rules.check(update, now);
    }

    @Override
    public List<String> toRow(OpenInterestUpdate u) {
        return Arrays.asList(
                Timestamps.format(u.getEventTime()),
                u.getVenue(),
                u.getInstrument(),
                u.getBaseAsset(),
                u.getOpenInterestBase() == null ? null : u.getOpenInterestBase().toString(),
                u.getOpenInterestUsd() == null ? null : u.getOpenInterestUsd().toString(),
                u.getSidedness().name());
    }
}
