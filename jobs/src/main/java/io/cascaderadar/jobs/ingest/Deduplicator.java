package io.cascaderadar.jobs.ingest;

import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.DetectorJob;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Drops repeated liquidations: collectors reconnecting, overlapping history files, Kafka redelivery. Keyed by
 * venue (every copy of an event has its venue), it keeps the ids it has counted as {@link SeenIds}, each as the 8
 * bytes of its {@link StableId#fingerprint} (the ids of the last hour are most of the job's state), in shards picked
 * by the fingerprint's top bits: one state access per event finds an id, and on RocksDB, which (de)serializes a
 * value at every access, that value is a sixty-fourth of a venue's ids, not all of them. A copy is a
 * repeat when it comes within a horizon of event time of the first; the ids then expire, on one event-time timer per
 * venue and minute rather than one per event (a timer per event cost a third of the ingest thread). The decision
 * depends on event times only, never on whether a timer has fired yet, and processing-time state TTL would make a
 * replay's result depend on how fast it runs.
 *
 * <p>It also decides what a retraction (a liquidation withdrawn by a chain reorg) takes back: a retraction of a
 * counted liquidation passes on, and the scopes subtract it; the same liquidation seen again after its retraction
 * was mined again in the new chain and counts again. A retraction of a liquidation not counted here (never seen,
 * or beyond the horizon) goes to the dead letters as RETRACTED.
 */
public class Deduplicator extends KeyedProcessFunction<String, VenueLiquidation, VenueLiquidation> {

    public static final String DUPLICATES = "duplicates";
    public static final String RETRACTIONS = "retractions";
    public static final OutputTag<DeadLetter> UNMATCHED_RETRACTIONS = new OutputTag<>("unmatched-retractions") {};

    private static final long MINUTE = 60_000L;
    private static final int SHARD_BITS = 6;

    private final long horizonMillis;
    private transient MapState<Integer, SeenIds> seen;
    private transient LongCounter duplicates;
    private transient LongCounter retractions;
    private transient Counter duplicatesMetric;
    private transient Counter retractionsMetric;

    public Deduplicator(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-ids", IntSerializer.INSTANCE,
                SeenIdsSerializer.INSTANCE));
        duplicates = new LongCounter();
        retractions = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, duplicates);
        getRuntimeContext().addAccumulator(RETRACTIONS, retractions);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter(DUPLICATES);
        retractionsMetric = getRuntimeContext().getMetricGroup().counter(RETRACTIONS);
    }

    @Override
    public void processElement(VenueLiquidation event, Context ctx, Collector<VenueLiquidation> out) throws Exception {
        long id = event.id;
        long t = ctx.timestamp();
        int shard = (int) (id >>> (Long.SIZE - SHARD_BITS));
        SeenIds ids = seen.get(shard);
        int slot = ids == null ? -1 : ids.find(id);
        boolean known = slot >= 0 && t - ids.firstSeen(slot) <= horizonMillis;
        boolean counted = known && !ids.withdrawn(slot);
        if (event.retracted()) {
            if (!known) {
                ctx.output(UNMATCHED_RETRACTIONS, new DeadLetter(DetectorJob.LIQUIDATIONS, RejectReason.RETRACTED,
                        "withdrawn by a chain reorg, but " + event.retraction.getEventId() + " was not counted here (never seen, or more than "
                                + Duration.ofMillis(horizonMillis) + " before)", AvroJson.toJson(event.retraction)));
            } else if (counted) {
                ids.withdraw(slot);
                seen.put(shard, ids);
                retractions.add(1L);
                retractionsMetric.inc();
                out.collect(event);
            } else {
                repeat();
            }
            return;
        }
        if (counted) {
            repeat();
            return;
        }
        if (known) {
            ids.reinstate(slot);
        } else {
            if (ids == null) {
                ids = SeenIds.empty();
            }
            ids.count(id, t);
            long expiry = Math.floorDiv(t + horizonMillis, MINUTE) * MINUTE + MINUTE;
            if (ids.expiresLater(expiry)) {
                ctx.timerService().registerEventTimeTimer(expiry);
            }
        }
        seen.put(shard, ids);
        out.collect(event);
    }

    private void repeat() {
        duplicates.add(1L);
        duplicatesMetric.inc();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VenueLiquidation> out) throws Exception {
        Iterator<Map.Entry<Integer, SeenIds>> shards = seen.iterator();
        while (shards.hasNext()) {
            Map.Entry<Integer, SeenIds> shard = shards.next();
            SeenIds ids = shard.getValue();
            ids.expire(timestamp, horizonMillis);
            if (ids.isEmpty()) {
                shards.remove();
            } else {
                shard.setValue(ids);
            }
        }
        if (seen.isEmpty()) {
            seen.clear();
        }
    }
}
