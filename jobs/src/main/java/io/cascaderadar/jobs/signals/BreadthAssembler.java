package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.functions.TimestampBatchFunction;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;

/**
 * Gathers the signals of all scopes for each step (one key for the whole market; only those it {@linkplain #reads
 * reads} are sent to it) and emits the market's signal with its breadth: how many assets and venues were ELEVATED
 * or SEVERE at some step of the breadth window, and which venues were live (a venue scope reports at least once a
 * minute while it has liquidations). The step is complete once the watermark has passed it. The other scopes'
 * signals are read, not emitted: they leave cascade intensity on their own subtasks ({@link #addsTo}), and one
 * subtask serializing every signal again was the cost.
 */
public class BreadthAssembler extends TimestampBatchFunction<CascadeSignal, CascadeSignal> {

    public static final String MARKET_KEY = "market";
    /** Accumulator: the latest step the detector has completed (event time, ms), for progress. */
    public static final String PROGRESS = "detector-event-time";
    private static final long LIVE_MILLIS = 120_000L;

    private final long breadthWindowMillis;
    private transient MapState<String, Long> lastElevated;
    private transient LongMaximum progress;
    private transient MapState<String, Long> lastVenueSignal;

    public BreadthAssembler(Duration breadthWindow) {
        super(new AvroTypeInfo<>(CascadeSignal.class));
        this.breadthWindowMillis = breadthWindow.toMillis();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        progress = new LongMaximum(Long.MIN_VALUE);
        getRuntimeContext().addAccumulator(PROGRESS, progress);
        lastElevated = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-elevated", Types.STRING, Types.LONG));
        lastVenueSignal = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-venue-signal", Types.STRING, Types.LONG));
    }

    @Override
    protected void onBatch(long t, List<CascadeSignal> step, Collector<CascadeSignal> out) throws Exception {
        progress.add(t);
        for (CascadeSignal s : step) {
            if (s.getScope() != Scope.MARKET && s.getLevel().compareTo(IntensityLevel.ELEVATED) >= 0) {
                lastElevated.put(ScopeKeys.id(s.getScope(), s.getScopeKey()), t);
            }
            if (s.getScope() == Scope.VENUE) {
                lastVenueSignal.put(s.getScopeKey(), t);
            }
        }
        // A calm venue reports once a minute: live if it reported within the last two.
        TreeSet<String> live = new TreeSet<>();
        Iterator<Map.Entry<String, Long>> venuesSeen = lastVenueSignal.iterator();
        while (venuesSeen.hasNext()) {
            Map.Entry<String, Long> v = venuesSeen.next();
            if (v.getValue() <= t - LIVE_MILLIS) {
                venuesSeen.remove();
            } else {
                live.add(v.getKey());
            }
        }
        List<String> liveVenues = new ArrayList<>(live);
        TreeSet<String> assets = new TreeSet<>();
        TreeSet<String> venues = new TreeSet<>();
        Iterator<Map.Entry<String, Long>> it = lastElevated.iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() <= t - breadthWindowMillis) {
                it.remove();
                continue;
            }
            String id = e.getKey();
            String name = id.substring(id.indexOf(':') + 1);
            (id.startsWith(Scope.ASSET.name()) ? assets : venues).add(name);
        }
        for (CascadeSignal s : step) {
            if (addsTo(s)) {
                s.setBreadthAssets(assets.size());
                s.setBreadthVenues(venues.size());
                s.setElevatedAssets(new ArrayList<>(assets));
                s.setElevatedVenues(new ArrayList<>(venues));
                s.setLiveVenues(liveVenues);
                out.collect(s);
            }
        }
    }

    /**
     * Whether breadth reads this signal: the whole market's, which it completes; every venue's, which tells that the
     * venue is live; an asset's when elevated. Nothing else changes its state or its output.
     */
    public static boolean reads(CascadeSignal s) {
        return addsTo(s) || s.getScope() == Scope.VENUE
                || (s.getScope() == Scope.ASSET && s.getLevel().compareTo(IntensityLevel.ELEVATED) >= 0);
    }

    /**
     * What crosses to breadth of each signal it {@linkplain #reads reads}: the whole market's as it is, the others'
     * scope, key, step and level alone. Those are all breadth reads of them, and their windows were most of what a
     * venue's signal cost to serialize at every step. A new record, since the signal goes on to other operators.
     */
    public static final class Input implements FlatMapFunction<CascadeSignal, CascadeSignal> {
        @Override
        public void flatMap(CascadeSignal s, Collector<CascadeSignal> out) {
            if (addsTo(s)) {
                out.collect(s);
            } else if (reads(s)) {
                CascadeSignal read = new CascadeSignal();
                read.setScope(s.getScope());
                read.setScopeKey(s.getScopeKey());
                read.setStepStart(s.getStepStart());
                read.setStepEnd(s.getStepEnd());
                read.setLevel(s.getLevel());
                read.setWindows(List.of());
                read.setBaselineUsdPerMinute(0.0);
                read.setRobustZ(0.0);
                read.setAcceleration(0.0);
                read.setBaselineMinutes(0L);
                read.setSampledShare(0.0);
                read.setCalmSeconds(0L);
                read.setBreadthAssets(0);
                read.setBreadthVenues(0);
                read.setElevatedAssets(List.of());
                read.setElevatedVenues(List.of());
                read.setLiveVenues(List.of());
                read.setCoverageGaps(List.of());
                out.collect(read);
            }
        }
    }

    /** Whether breadth is added to this signal: the whole market's. */
    public static boolean addsTo(CascadeSignal s) {
        return s.getScope() == Scope.MARKET && ScopeKeys.ALL.equals(s.getScopeKey());
    }
}
