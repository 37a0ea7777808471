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
public final class OpenInterestCsv implements CsvReadFormat<OpenInterestUpdate>, CsvWriteFormat<OpenInterestUpdate> {

    public static final List<String> REQUIRED = List.of("event_time", "venue", "instrument", "base_asset");
    public static final List<String> HEADER = List.of("event_time", "venue", "instrument", "base_asset",
            "open_interest_base", "open_interest_usd", "sidedness");

    private final InputRules rules;
    private final Instant now;

    public OpenInterestCsv(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    public static OpenInterestCsv writer() {
        return new OpenInterestCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    public String name() {
        return "open-interest";
    }

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public OpenInterestUpdate fromRow(CsvRow row) throws Rejection {
        OpenInterestUpdate update = OpenInterestUpdate.newBuilder()
                .setEventTime(row.time("event_time"))
                .setVenue(row.text("venue"))
                .setInstrument(row.text("instrument"))
                .setBaseAsset(row.text("base_asset"))
                .setOpenInterestBase(row.optionalNumber("open_interest_base"))
                .setOpenInterestUsd(row.optionalNumber("open_interest_usd"))
                .setSidedness(row.optionalEnum("sidedness", Sidedness.class, Sidedness.ONE_SIDED))
                .build();
        rules.check(update, now);
        return update;
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
