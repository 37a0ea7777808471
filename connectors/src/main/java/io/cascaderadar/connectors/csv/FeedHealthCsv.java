package io.cascaderadar.connectors.csv;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The feed-health CSV: {@code event_time,venue,channel,state,gap_start,gap_end,detail}. */
public final class FeedHealthCsv implements CsvReadFormat<FeedHealth>, CsvWriteFormat<FeedHealth> {

    public static final List<String> REQUIRED = List.of("event_time", "venue", "channel", "state");
    public static final List<String> HEADER = List.of("event_time", "venue", "channel", "state",
            "gap_start", "gap_end", "detail");

    private final InputRules rules;
    private final Instant now;

    public FeedHealthCsv(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    public static FeedHealthCsv writer() {
        return new FeedHealthCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    public String name() {
        return "feed-health";
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
    public FeedHealth fromRow(CsvRow row) throws Rejection {
        FeedHealth health = FeedHealth.newBuilder()
                .setEventTime(row.time("event_time"))
                .setVenue(row.text("venue"))
                .setChannel(row.text("channel"))
                .setState(row.enumValue("state", FeedState.class))
                .setGapStart(row.optionalTime("gap_start"))
                .setGapEnd(row.optionalTime("gap_end"))
                .setDetail(row.optionalText("detail"))
                .build();
        rules.check(health, now);
        return health;
    }

    @Override
    public List<String> toRow(FeedHealth h) {
        return Arrays.asList(
                Timestamps.format(h.getEventTime()),
                h.getVenue(),
                h.getChannel(),
                h.getState().name(),
                h.getGapStart() == null ? null : Timestamps.format(h.getGapStart()),
                h.getGapEnd() == null ? null : Timestamps.format(h.getGapEnd()),
                h.getDetail());
    }
}
