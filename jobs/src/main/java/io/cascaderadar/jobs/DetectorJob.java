package io.cascaderadar.jobs;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.alerts.AlertLifecycle;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.ingest.Deduplicator;
import io.cascaderadar.jobs.ingest.InputStream;
import io.cascaderadar.jobs.ingest.ScopeFanOut;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import io.cascaderadar.jobs.ingest.ScopeStepSums;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import io.cascaderadar.jobs.ingest.SourceGate;
import io.cascaderadar.jobs.ingest.VenueLiquidation;
import io.cascaderadar.jobs.ingest.Watermarks;
import io.cascaderadar.jobs.patterns.CascadeOnset;
import io.cascaderadar.jobs.patterns.CexDefiContagion;
import io.cascaderadar.jobs.patterns.MarketWide;
import io.cascaderadar.jobs.patterns.OpenInterestFlush;
import io.cascaderadar.jobs.patterns.PatternMatch;
import io.cascaderadar.jobs.patterns.PatternMatcher;
import io.cascaderadar.jobs.patterns.Patterns;
import io.cascaderadar.jobs.patterns.Resolution;
import io.cascaderadar.jobs.patterns.ScopeEvidence;
import io.cascaderadar.jobs.patterns.SustainedCascade;
import io.cascaderadar.jobs.signals.BreadthAssembler;
import io.cascaderadar.jobs.signals.CascadeIntensityFunction;
import io.cascaderadar.jobs.signals.OpenInterestStressFunction;
import io.cascaderadar.jobs.signals.PriceMoveFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detector's job graph, the same for live and replay: inputs and sinks are the caller's. It is built in three
 * stages, {@link #ingest}, {@link #signals} and {@link #alerts}, which the bench measures apart.
 *
 * <pre>
 * liquidations ─ gate ─ dedup ─ scopes' step sums ─ cascade intensity ─┬──────────── scope signals
 * feed health ─ gate ─ broadcast (feed gaps) ───────────────┘           └─ breadth ─ market signals
 * open interest ─ gate ─ fan-out ─ open-interest stress (+ liquidations) ─ OI stress
 * prices ─ gate ─ price moves (per asset: median price, changes, drawdown) ─ price points
 * signals, OI stress ─ CEP: onset, sustained, market-wide, OI flush, contagion, resolution ─ lifecycle ─ alerts
 * </pre>
 */
public final class DetectorJob {

    public static final String LIQUIDATIONS = "liquidations";
    public static final String OPEN_INTEREST = "open-interest";
    public static final String FEED_HEALTH = "feed-health";
    public static final String PRICES = "prices";
    /** Prices older than this leave an asset's median. */
    static final Duration PRICE_STALE_AFTER = Duration.ofMinutes(5);

    private DetectorJob() {}

    public static DetectorOutputs defineWorkflow(StreamExecutionEnvironment env, DetectorInputs inputs,
            DetectorConfig config) {
        Ingested ingested = ingest(env, inputs, config);
        Signals signals = signals(ingested, config, inputs.end());
        return DetectorOutputs.of(ingested, signals, alerts(signals, config));
    }

    /**
     * The inputs through their gates (event time, lateness), the liquidations de-duplicated and summed per scope and
     * evaluation step. The first of the detector's three stages, which the bench also measures apart.
     *
     * @param prices null when the run has no prices
     * @param deadLetters late events and retractions of liquidations never counted
     */
    public record Ingested(DataStream<ScopedLiquidations> liquidations, DataStream<OpenInterestUpdate> openInterest,
            DataStream<FeedHealth> feedHealth, DataStream<PriceUpdate> prices, DataStream<DeadLetter> deadLetters) {}

    /**
     * Every signal, the second stage: cascade intensity per scope (the whole market's with breadth), open-interest
     * stress, price moves (null without prices).
     */
    public record Signals(DataStream<CascadeSignal> scopeSignals, DataStream<CascadeSignal> marketSignals,
            DataStream<OpenInterestStress> openInterestStress, DataStream<PriceMove> priceMoves) {}

    public static Ingested ingest(StreamExecutionEnvironment env, DetectorInputs inputs, DetectorConfig config) {
        // Every record is Avro or a Flink POJO: a type that would fall back to Kryo (slow, and fragile across
        // upgrades) fails the job graph at once instead, live, on a cluster and in replay alike.
        // Chained operators pass records on without a deep copy (a seventh of a replay's ingest thread): no operator
        // here changes a record after it has emitted it, and those that keep records (the step batches of breadth,
        // CEP's buffers, the lifecycle's episodes) get them from a shuffle, which always deserializes a new one.
        env.configure(new Configuration().set(PipelineOptions.GENERIC_TYPES, false)
                .set(PipelineOptions.OBJECT_REUSE, true));
        SingleOutputStreamOperator<LiquidationEvent> liquidations = gate(env, inputs.liquidations(), LIQUIDATIONS,
                (e, previous) -> e.getEventTime().toEpochMilli(), config);
        SingleOutputStreamOperator<OpenInterestUpdate> openInterest = gate(env, inputs.openInterest(), OPEN_INTEREST,
                (u, previous) -> u.getEventTime().toEpochMilli(), config);
        SingleOutputStreamOperator<FeedHealth> feedHealth = gate(env, inputs.feedHealth(), FEED_HEALTH,
                (h, previous) -> h.getEventTime().toEpochMilli(), config);

        // Dedup and the scopes' step sums run at the source's parallelism: with one history file every scope then
        // sums the liquidations in file order, so floating-point sums, and hence replays, are exactly repeatable.
        int ingest = liquidations.getParallelism();
        SingleOutputStreamOperator<VenueLiquidation> venueLiquidations = liquidations
                .map(new VenueLiquidation.FromEvents()).setParallelism(ingest)
                .uid("venue-liquidations").name("liquidations by venue");
        // One source subtask (a replay's file) owns every venue already: the de-duplication chains to it instead of
        // a shuffle that would serialize every event to the same subtask (a fifth of a replay's CPU).
        KeyedStream<VenueLiquidation, String> byVenue = ingest == 1
                ? DataStreamUtils.reinterpretAsKeyedStream(venueLiquidations, v -> v.venue, Types.STRING)
                : venueLiquidations.keyBy(v -> v.venue, Types.STRING);
        SingleOutputStreamOperator<VenueLiquidation> counted = byVenue
                .process(new Deduplicator(config.eventTime().dedupHorizon())).setParallelism(ingest)
                .uid("dedup-by-venue").name("dedup by event id");
        DataStream<ScopedLiquidations> scoped = counted
                .transform("liquidations per scope and step", TypeInformation.of(ScopedLiquidations.class),
                        new ScopeStepSums(config.intensity().step())).setParallelism(ingest)
                .uid("liquidation-scope-steps");

        DataStream<DeadLetter> deadLetters = liquidations.getSideOutput(SourceGate.LATE)
                .union(openInterest.getSideOutput(SourceGate.LATE), feedHealth.getSideOutput(SourceGate.LATE),
                        counted.getSideOutput(Deduplicator.UNMATCHED_RETRACTIONS));
        SingleOutputStreamOperator<PriceUpdate> prices = null;
        if (inputs.prices() != null) {
            prices = gate(env, inputs.prices(), PRICES, (p, previous) -> p.getEventTime().toEpochMilli(), config);
            deadLetters = deadLetters.union(prices.getSideOutput(SourceGate.LATE));
        }
        return new Ingested(scoped, openInterest, feedHealth, prices, deadLetters);
    }

    /** @param inputEnd as {@link DetectorInputs#end} */
    public static Signals signals(Ingested ingested, DetectorConfig config, Instant inputEnd) {
        DataStream<ScopedLiquidations> scoped = ingested.liquidations();
        SingleOutputStreamOperator<CascadeSignal> intensity = scoped
                .keyBy(s -> s.scopeId, Types.STRING)
                .connect(ingested.feedHealth().broadcast(CascadeIntensityFunction.FEED_GAPS))
                .process(new CascadeIntensityFunction(config.intensity(), config.patterns().resolveAfter(), inputEnd))
                .uid("cascade-intensity").name("cascade intensity");
        // Breadth adds to the market's signal only, and reads only some of the others: the rest go on from here.
        DataStream<CascadeSignal> marketSignals = intensity
                .flatMap(new BreadthAssembler.Input()).uid("breadth-input").name("signals breadth reads")
                .keyBy(s -> BreadthAssembler.MARKET_KEY, Types.STRING)
                .process(new BreadthAssembler(config.patterns().breadthWindow())).uid("breadth").name("breadth");
        DataStream<CascadeSignal> scopeSignals = intensity.filter(s -> !BreadthAssembler.addsTo(s))
                .uid("scope-signals").name("scope signals");

        DataStream<OpenInterestUpdate> openInterest = ingested.openInterest();
        DataStream<OpenInterestStress> stress = openInterest
                .flatMap(new ScopeFanOut.OpenInterest()).setParallelism(openInterest.getParallelism())
                .uid("open-interest-scopes").name("open-interest scopes")
                .keyBy(s -> s.scopeId, Types.STRING)
                .connect(scoped.filter(s -> s.scope == Scope.ASSET || s.scopeId.equals(ScopeKeys.MARKET_ALL))
                        .setParallelism(scoped.getParallelism()).uid("liquidations-for-oi")
                        .name("liquidations for open interest")
                        .keyBy(s -> s.scopeId, Types.STRING))
                .process(new OpenInterestStressFunction(config.openInterest(), inputEnd)).uid("oi-stress")
                .name("open-interest stress");

        DataStream<PriceMove> priceMoves = ingested.prices() == null ? null : ingested.prices()
                .keyBy(PriceUpdate::getBaseAsset, Types.STRING)
                .process(new PriceMoveFunction(config.openInterest().windows(), PRICE_STALE_AFTER))
                .uid("price-moves").name("price moves");
        return new Signals(scopeSignals, marketSignals, stress, priceMoves);
    }

    /** The last stage: the CEP patterns over the signals, and the alerts' lifecycle. */
    public static DataStream<DeleveragingAlert> alerts(Signals signals, DetectorConfig config) {
        return patterns(signals.scopeSignals(), signals.marketSignals(), signals.openInterestStress(), config)
                .keyBy(m -> AlertLifecycle.MARKET_KEY, Types.STRING)
                .process(new AlertLifecycle(config.patterns(), config.eventTimeClock()))
                .uid("alert-lifecycle").name("alert lifecycle");
    }

    private static DataStream<PatternMatch> patterns(DataStream<CascadeSignal> scopeSignals,
            DataStream<CascadeSignal> marketSignals, DataStream<OpenInterestStress> stress, DetectorConfig config) {
        Duration step = config.intensity().step();
        List<PatternMatcher<CascadeSignal>> alertPatterns = List.of(new CascadeOnset(step), new SustainedCascade(step),
                new Resolution(config.patterns()));
        // The alert scopes' patterns chain after one shuffle by scope, which carries only what one of them may use:
        // most steps are calm, and every signal crossing a shuffle is serialized.
        FilterFunction<CascadeSignal> usable = Patterns.anyMayUse(alertPatterns);
        KeyedStream<CascadeSignal, String> alertScopes = scopeSignals
                .filter(s -> carriesAlerts(s) && usable.filter(s))
                .uid("alert-scope-signals").name("alert scopes' signals")
                .union(marketSignals.filter(usable).uid("alert-market-signals").name("market signals for alerts"))
                .keyBy(DetectorJob::scopeId, Types.STRING);
        KeyedStream<CascadeSignal, String> market = marketSignals.keyBy(DetectorJob::scopeId, Types.STRING);
        CexDefiContagion contagion = new CexDefiContagion(config.patterns().contagionWithin());
        KeyedStream<CascadeSignal, String> venueTypes = scopeSignals
                .filter(s -> s.getScope() == Scope.MARKET && contagion.mayUse(s))
                .uid("venue-type-scopes").name("venue-type scopes")
                .keyBy(s -> ScopeKeys.MARKET_ALL, Types.STRING);
        KeyedStream<ScopeEvidence, String> evidence = intensityEvidence(
                        scopeSignals.filter(s -> s.getScope() == Scope.ASSET).uid("oi-intensity-scopes")
                                .name("intensity for OI flush"), "scope")
                .union(intensityEvidence(marketSignals, "market"),
                        stress.map(ScopeEvidence::of).returns(ScopeEvidence.class).uid("oi-evidence").name("OI evidence")
                                .filter(OpenInterestFlush::takesPart).uid("oi-evidence-for-oi-flush").name("OI flushes"))
                .keyBy(e -> e.intensity != null ? scopeId(e.intensity) : ScopeKeys.id(e.openInterest.getScope(),
                        e.openInterest.getScopeKey()), Types.STRING);

        return Patterns.match(market, new MarketWide(config.patterns()))
                .union(Patterns.match(evidence, new OpenInterestFlush(config.patterns().oiFlushWithin()),
                                ScopeEvidence::tieBreak),
                        Patterns.match(venueTypes, contagion,
                                (a, b) -> a.getScopeKey().compareTo(b.getScopeKey())),
                        Patterns.matchAll(alertScopes, alertPatterns, "alert-scope-patterns",
                                "alert scopes' patterns"));
    }

    /** Intensity as OI flush's evidence, only where elevated enough to take part (before its shuffle). */
    private static DataStream<ScopeEvidence> intensityEvidence(DataStream<CascadeSignal> signals, String origin) {
        return signals.map(ScopeEvidence::of).returns(ScopeEvidence.class)
                .uid(origin + "-intensity-evidence").name(origin + " intensity evidence")
                .filter(OpenInterestFlush::takesPart).uid(origin + "-intensity-evidence-for-oi-flush")
                .name(origin + " elevated intensity");
    }

    /** Alerts are raised for the market, for DeFi as a whole and for single assets (see {@link AlertLifecycle}). */
    static boolean carriesAlerts(CascadeSignal s) {
        return s.getScope() == Scope.ASSET
                || (s.getScope() == Scope.MARKET && !VenueType.CEX.name().equals(s.getScopeKey()));
    }

    private static String scopeId(CascadeSignal s) {
        return ScopeKeys.id(s.getScope(), s.getScopeKey());
    }

    private static <T extends SpecificRecord> SingleOutputStreamOperator<T> gate(StreamExecutionEnvironment env,
            InputStream<T> input, String name, SerializableTimestampAssigner<T> eventTime, DetectorConfig config) {
        DataStream<T> stream = input.create(env, Watermarks.forInput(config.eventTime(), eventTime));
        // Same parallelism as the source: the gate chains to it and sees each source partition in order.
        return stream.process(new SourceGate<T>(name, config.eventTime().allowedLateness())).returns(stream.getType())
                .setParallelism(stream.getParallelism())
                .uid("gate-" + name).name(name + " gate");
    }
}
