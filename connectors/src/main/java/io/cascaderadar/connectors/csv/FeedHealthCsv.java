package io.cascaderadar.connectors.csv;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The feed-health CSV: {@code event_time,venue,channel,state,gap_start,gap_end,detail}. */
public final class FeedHealthCsv extends NormalizedCsvFormat<FeedHealth> {

    public static final String NAME = "feed-health";
    public static final List<String> REQUIRED = List.of("event_time", "venue", "channel", "state");
    public static final List<String> HEADER = List.of("event_time", "venue", "channel", "state",
            "gap_start", "gap_end", "detail");

    public FeedHealthCsv(InputRules rules, Instant now) {
        super(NAME, REQUIRED, HEADER, rules, now);
    }

    public static FeedHealthCsv writer() {
        return new FeedHealthCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    protected FeedHealth parse(CsvRow row) throws Rejection {
        return FeedHealth.newBuilder()
                .setEventTime(row.time("event_time"))
                .setVenue(row.text("venue"))
                .setChannel(row.text("channel"))
                .setState(row.enumValue("state", FeedState.class))
                .setGapStart(row.optionalTime("gap_start"))
                .setGapEnd(row.optionalTime("gap_end"))
                .setDetail(row.optionalText("detail"))
                .build();
    }

    @Override
    protected void check(FeedHealth health) throws Rejection {
        rules.check(health, now);
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
