package io.cascaderadar.jobs.patterns;

import static io.cascaderadar.avro.IntensityLevel.ELEVATED;
import static io.cascaderadar.avro.IntensityLevel.NORMAL;
import static io.cascaderadar.avro.IntensityLevel.SEVERE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.PatternConfig;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import io.cascaderadar.jobs.testing.CepHarness;
import io.cascaderadar.jobs.testing.Signals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Every CEP pattern in its operator: what matches, what does not, and that state and timers go afterwards. */
class PatternMatchersTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;
    private static final long STEP = 10_000;
    private static final Duration STEP_DURATION = Duration.ofSeconds(10);
    private static final PatternConfig CONFIG = PatternConfig.defaults();

    @Test
    void onsetNeedsTwoConsecutiveElevatedStepsTheFirstAccelerating() throws Exception {
        var h = signals(new CascadeOnset(STEP_DURATION));
        CascadeSignal decelerating = Signals.signal(Scope.ASSET, "BTC", T0 + STEP, ELEVATED, 1e6);
        decelerating.setAcceleration(0.5);
        feed(h, decelerating, Signals.signal(Scope.ASSET, "BTC", T0 + 2 * STEP, NORMAL, 1e6),
                Signals.signal(Scope.ASSET, "BTC", T0 + 3 * STEP, ELEVATED, 1e6),
                Signals.signal(Scope.ASSET, "BTC", T0 + 4 * STEP, ELEVATED, 1e6));
        List<PatternMatch> matches = drain(h, T0 + 10 * STEP);
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.pattern).isEqualTo(AlertPattern.CASCADE_ONSET);
            assertThat(m.severity).isEqualTo(Severity.WATCH);
            assertThat(m.start).isEqualTo(T0 + 2 * STEP);
            assertThat(m.time).isEqualTo(T0 + 4 * STEP);
        });
        assertCleanedUp(h, T0 + 20 * STEP);
    }

    @Test
    void sustainedCascadeNeedsTwoSevereStepsInARow() throws Exception {
        var h = signals(new SustainedCascade(STEP_DURATION));
        feed(h, Signals.signal(Scope.MARKET, "ALL", T0 + STEP, SEVERE, 1e8),
                Signals.signal(Scope.MARKET, "ALL", T0 + 2 * STEP, ELEVATED, 1e8),
                Signals.signal(Scope.MARKET, "ALL", T0 + 3 * STEP, SEVERE, 1e8));
        assertThat(drain(h, T0 + 3 * STEP)).isEmpty();
        feed(h, Signals.signal(Scope.MARKET, "ALL", T0 + 4 * STEP, SEVERE, 1e8));
        assertThat(drain(h, T0 + 6 * STEP)).singleElement()
                .satisfies(m -> assertThat(m.severity).isEqualTo(Severity.WARNING));
        assertCleanedUp(h, T0 + 20 * STEP);
    }

    @Test
    void marketWideNeedsBreadthAfterASevereMarketWithinTheWindow() throws Exception {
        var h = signals(new MarketWide(CONFIG));
        feed(h, Signals.market(T0 + STEP, SEVERE, 1, 1), Signals.market(T0 + 2 * STEP, ELEVATED, 2, 1));
        assertThat(drain(h, T0 + 3 * STEP)).isEmpty();
        long late = T0 + STEP + CONFIG.marketWideWithin().toMillis() + STEP;
        feed(h, Signals.market(late, ELEVATED, 5, 3));
        assertThat(drain(h, late)).as("breadth after the window").isEmpty();
        feed(h, Signals.market(late + STEP, SEVERE, 1, 1), Signals.market(late + 2 * STEP, ELEVATED, 2, 2));
        assertThat(drain(h, late + 2 * STEP)).singleElement().satisfies(m -> {
            assertThat(m.pattern).isEqualTo(AlertPattern.MARKET_WIDE);
            assertThat(m.severity).isEqualTo(Severity.CRITICAL);
        });
        assertCleanedUp(h, late + CONFIG.marketWideWithin().toMillis() + 2 * STEP);
    }

    @Test
    void resolutionNeedsTheCalmPeriodAfterAnElevatedStep() throws Exception {
        var h = signals(new Resolution(CONFIG));
        long calm = CONFIG.resolveAfter().toSeconds();
        feed(h, Signals.calm(Scope.ASSET, "ETH", T0 + STEP, calm + 60),
                Signals.signal(Scope.ASSET, "ETH", T0 + 2 * STEP, ELEVATED, 1e6),
                Signals.calm(Scope.ASSET, "ETH", T0 + 3 * STEP, 10),
                Signals.calm(Scope.ASSET, "ETH", T0 + 90 * STEP, calm - 10));
        assertThat(drain(h, T0 + 90 * STEP)).isEmpty();
        feed(h, Signals.calm(Scope.ASSET, "ETH", T0 + 92 * STEP, calm + 10));
        assertThat(drain(h, T0 + 92 * STEP)).singleElement().satisfies(m -> {
            assertThat(m.pattern).isEqualTo(AlertPattern.RESOLUTION);
            assertThat(m.start).isEqualTo(T0 + STEP);
        });
        assertCleanedUp(h, T0 + 92 * STEP + CONFIG.maxEpisode().toMillis());
    }

    @Test
    void aLongEpisodeKeepsOnlyItsLatestElevatedStepWaitingForTheCalm() throws Exception {
        var h = signals(new Resolution(CONFIG));
        int steps = 360;
        long early = 0;
        for (int i = 1; i <= steps; i++) {
            feed(h, Signals.signal(Scope.ASSET, "ETH", T0 + i * STEP, ELEVATED, 1e6));
            assertThat(drain(h, T0 + i * STEP)).isEmpty();
            if (i == 20) {
                early = h.snapshot(i, i).getStateSize();
            }
        }
        assertThat(h.snapshot(steps, steps).getStateSize()).as("state after an hour of elevated steps, not growing")
                .isLessThan(2 * early);
        long calm = CONFIG.resolveAfter().toSeconds();
        long end = T0 + (steps + 1) * STEP + calm * 1000;
        feed(h, Signals.calm(Scope.ASSET, "ETH", end, calm));
        assertThat(drain(h, end)).singleElement().satisfies(m -> {
            assertThat(m.pattern).isEqualTo(AlertPattern.RESOLUTION);
            assertThat(m.start).as("the latest elevated step").isEqualTo(T0 + (steps - 1) * STEP);
        });
        assertCleanedUp(h, end + CONFIG.maxEpisode().toMillis());
    }

    @Test
    void openInterestFlushNeedsLiquidationsFirstAndKnowsTheMarketIsCritical() throws Exception {
        var h = CepHarness.of(new OpenInterestFlush(CONFIG.oiFlushWithin()), TypeInformation.of(ScopeEvidence.class),
                e -> e.intensity != null ? ScopeKeys.id(e.intensity.getScope(), e.intensity.getScopeKey())
                        : ScopeKeys.id(e.openInterest.getScope(), e.openInterest.getScopeKey()),
                ScopeEvidence::tieBreak);
        h.processElement(ScopeEvidence.of(flush(Scope.ASSET, "SOL", T0 + 60_000)), T0 + 60_000 - 1);
        h.processElement(ScopeEvidence.of(Signals.signal(Scope.ASSET, "SOL", T0 + 60_000, ELEVATED, 1e6)), T0 + 60_000 - 1);
        h.processElement(ScopeEvidence.of(Signals.signal(Scope.MARKET, "ALL", T0 + 120_000, SEVERE, 1e8)), T0 + 120_000 - 1);
        h.processElement(ScopeEvidence.of(flush(Scope.MARKET, "ALL", T0 + 180_000)), T0 + 180_000 - 1);
        h.processWatermark(T0 + 180_000);
        List<PatternMatch> matches = h.extractOutputValues();
        assertThat(matches).extracting(m -> m.scopeKey + "/" + m.severity)
                .containsExactlyInAnyOrder("SOL/WARNING", "ALL/CRITICAL");
        assertThat(matches).allSatisfy(m -> {
            assertThat(m.oiChangePct).isEqualTo(-6.0);
            assertThat(m.forcedShare).isEqualTo(0.4);
        });
    }

    @Test
    void eachPatternMatchesTheSameOnlyOnTheSignalsItsInputFilterKeeps() throws Exception {
        List<CascadeSignal> signals = randomEpisodes(new Random(11), 36, Scope.ASSET, List.of("BTC", "ETH", "SOL"));
        List<PatternMatcher<CascadeSignal>> alertPatterns = List.of(new CascadeOnset(STEP_DURATION),
                new SustainedCascade(STEP_DURATION), new Resolution(CONFIG));
        // What crosses the alert scopes' shuffle in the job: what one of the three may use.
        FilterFunction<CascadeSignal> anyMayUse = Patterns.anyMayUse(alertPatterns);
        List<CascadeSignal> shuffled = new ArrayList<>();
        for (CascadeSignal s : signals) {
            if (anyMayUse.filter(s)) {
                shuffled.add(s);
            }
        }
        assertThat(shuffled.size()).as("the shuffle leaves steps out").isLessThan(signals.size());
        for (PatternMatcher<CascadeSignal> matcher : alertPatterns) {
            List<CascadeSignal> kept = kept(matcher, signals);
            List<String> all = matches(matcher, signals);

            assertThat(all).as(matcher.name() + ": the random days have matches to compare").hasSizeGreaterThan(10);
            assertThat(matches(matcher, kept)).as(matcher.name()).isEqualTo(all);
            assertThat(kept.size()).as(matcher.name() + ": most steps are left out").isLessThan(signals.size() / 4);
            assertThat(kept).as(matcher.name() + ": it may use what its input keeps").allMatch(matcher::mayUse);
            assertThat(kept(matcher, shuffled)).as(matcher.name() + ": after the shared shuffle").isEqualTo(kept);
        }
    }

    /**
     * Scopes over {@code hours}: calm, with now and then an episode of ELEVATED and SEVERE steps (accelerating
     * or not, a calm step among them now and then); calm seconds count from an episode's end, and a feed gap
     * restarts them; a calm scope misses a step now and then.
     */
    private static List<CascadeSignal> randomEpisodes(Random random, int hours, Scope scope, List<String> keys) {
        List<CascadeSignal> signals = new ArrayList<>();
        int[] episodeLeft = new int[keys.size()];
        long[] calmSince = new long[keys.size()];
        for (long t = T0 + STEP; t <= T0 + hours * 3_600_000L; t += STEP) {
            for (int a = 0; a < keys.size(); a++) {
                if (episodeLeft[a] == 0 && random.nextInt(400) == 0) {
                    episodeLeft[a] = 1 + random.nextInt(40);
                }
                IntensityLevel level = NORMAL;
                if (episodeLeft[a] > 0) {
                    episodeLeft[a]--;
                    int roll = random.nextInt(10);
                    level = roll == 0 ? NORMAL : roll < 4 ? SEVERE : ELEVATED;
                    calmSince[a] = t;
                } else if (random.nextInt(500) == 0) {
                    calmSince[a] = t;
                } else if (random.nextInt(5) == 0) {
                    continue;
                }
                CascadeSignal s = Signals.signal(scope, keys.get(a), t, level, 1e6);
                s.setAcceleration(random.nextBoolean() ? 2.0 : 0.5);
                s.setCalmSeconds((t - calmSince[a]) / 1000);
                signals.add(s);
            }
        }
        return signals;
    }

    @Test
    void resolutionsInputTakesAScopeWithoutStateAsWaitingForTheCalm() throws Exception {
        // A savepoint from before the filter may hold an episode in the CEP operator and no filter state: the
        // scope's first calm-enough step must still reach it, and only that one.
        long calm = CONFIG.resolveAfter().toSeconds();
        List<CascadeSignal> steps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CascadeSignal s = Signals.signal(Scope.ASSET, "BTC", T0 + i * STEP, NORMAL, 1e3);
            s.setCalmSeconds(calm + i * 10);
            steps.add(s);
        }
        assertThat(kept(new Resolution(CONFIG), steps)).containsExactly(steps.get(0));
    }

    private static List<CascadeSignal> kept(PatternMatcher<CascadeSignal> matcher, List<CascadeSignal> signals)
            throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new StreamFilter<>(matcher.input()),
                (CascadeSignal s) -> ScopeKeys.id(s.getScope(), s.getScopeKey()), Types.STRING)) {
            h.open();
            for (CascadeSignal s : signals) {
                h.processElement(s, s.getStepEnd().toEpochMilli() - 1);
            }
            return h.extractOutputValues();
        }
    }

    private static List<String> matches(PatternMatcher<CascadeSignal> matcher, List<CascadeSignal> signals)
            throws Exception {
        return matches(signals(matcher), signals);
    }

    private static List<String> matches(KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, PatternMatch> h,
            List<CascadeSignal> signals) throws Exception {
        long watermark = Long.MIN_VALUE;
        for (CascadeSignal s : signals) {
            long t = s.getStepEnd().toEpochMilli() - 1;
            if (t - STEP > watermark) {
                watermark = t - STEP;
                h.processWatermark(watermark);
            }
            h.processElement(s, t);
        }
        return drained(h);
    }

    private static List<String> drained(KeyedOneInputStreamOperatorTestHarness<String, ?, PatternMatch> h)
            throws Exception {
        h.processWatermark(Long.MAX_VALUE);
        List<String> matches = new ArrayList<>();
        for (PatternMatch m : h.extractOutputValues()) {
            matches.add(m.pattern + " " + m.scopeKey + "@" + m.time + " from " + m.start + " " + m.severity + " "
                    + m.oiChangePct);
        }
        h.close();
        return matches;
    }

    @Test
    void openInterestFlushMatchesTheSameWithOnlyTheEvidenceThatTakesPart() throws Exception {
        // Random hours of two scopes: intensity every step at a random level, open interest every minute, a flush
        // now and then. Fed all of it, or only what takesPart keeps, the pattern must match the same.
        Random random = new Random(7);
        List<ScopeEvidence> evidence = new ArrayList<>();
        for (long t = T0 + STEP; t <= T0 + 6 * 3_600_000L; t += STEP) {
            for (String asset : List.of("BTC", "ETH")) {
                IntensityLevel level = random.nextInt(20) == 0 ? (random.nextBoolean() ? SEVERE : ELEVATED) : NORMAL;
                evidence.add(ScopeEvidence.of(Signals.signal(Scope.ASSET, asset, t, level, 1e6)));
                if ((t - T0) % 60_000 == 0) {
                    OpenInterestStress stress = flush(Scope.ASSET, asset, t);
                    stress.setFlush(random.nextInt(8) == 0);
                    evidence.add(ScopeEvidence.of(stress));
                }
            }
        }
        List<String> all = flushMatches(evidence);
        List<String> takingPart = flushMatches(evidence.stream().filter(OpenInterestFlush::takesPart).toList());

        assertThat(all).as("the random hours have matches to compare").hasSizeGreaterThan(10);
        assertThat(takingPart).isEqualTo(all);
        assertThat(evidence.stream().filter(OpenInterestFlush::takesPart).count())
                .as("most evidence is left out").isLessThan(evidence.size() / 4);
    }

    private static List<String> flushMatches(List<ScopeEvidence> evidence) throws Exception {
        var h = CepHarness.of(new OpenInterestFlush(CONFIG.oiFlushWithin()), TypeInformation.of(ScopeEvidence.class),
                e -> e.intensity != null ? ScopeKeys.id(e.intensity.getScope(), e.intensity.getScopeKey())
                        : ScopeKeys.id(e.openInterest.getScope(), e.openInterest.getScopeKey()),
                ScopeEvidence::tieBreak);
        long watermark = Long.MIN_VALUE;
        for (ScopeEvidence e : evidence) {
            long t = e.intensity != null ? e.intensity.getStepEnd().toEpochMilli() : e.openInterest.getEventTime().toEpochMilli();
            if (t - STEP > watermark) {
                watermark = t - STEP;
                h.processWatermark(watermark);
            }
            h.processElement(e, t - 1);
        }
        return drained(h);
    }

    @Test
    void contagionIsACexCascadeFollowedByDefiNotTheReverse() throws Exception {
        var h = contagion(new CexDefiContagion(CONFIG.contagionWithin()));
        feed(h, Signals.signal(Scope.MARKET, "DEFI", T0 + STEP, ELEVATED, 1e6),
                Signals.signal(Scope.MARKET, "CEX", T0 + 2 * STEP, ELEVATED, 1e8));
        assertThat(drain(h, T0 + 3 * STEP)).as("DeFi first, CEX not severe").isEmpty();
        feed(h, Signals.signal(Scope.MARKET, "CEX", T0 + 4 * STEP, SEVERE, 1e8),
                Signals.signal(Scope.MARKET, "DEFI", T0 + 40 * STEP, ELEVATED, 2e6));
        assertThat(drain(h, T0 + 40 * STEP)).singleElement().satisfies(m -> {
            assertThat(m.pattern).isEqualTo(AlertPattern.CEX_DEFI_CONTAGION);
            assertThat(m.scope).isEqualTo(Scope.MARKET);
            assertThat(m.scopeKey).isEqualTo("ALL");
            assertThat(m.defiUsd15m).isEqualTo(2e6);
        });
        assertCleanedUp(h, T0 + 40 * STEP + CONFIG.contagionWithin().toMillis());
    }

    @Test
    void contagionMatchesTheSameOnlyOnTheStepsItMayUse() throws Exception {
        List<CascadeSignal> signals = randomEpisodes(new Random(5), 72, Scope.MARKET, List.of("CEX", "DEFI"));
        CexDefiContagion contagion = new CexDefiContagion(CONFIG.contagionWithin());
        List<CascadeSignal> used = signals.stream().filter(contagion::mayUse).toList();
        List<String> all = matches(contagion(contagion), signals);

        assertThat(all).as("the random days have matches to compare").hasSizeGreaterThan(10);
        assertThat(used.size()).as("most steps are left out").isLessThan(signals.size() / 4);
        assertThat(matches(contagion(contagion), used)).isEqualTo(all);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, PatternMatch> contagion(
            CexDefiContagion matcher) throws Exception {
        return signals(matcher, (a, b) -> a.getScopeKey().compareTo(b.getScopeKey()), s -> ScopeKeys.MARKET_ALL);
    }

    private static OpenInterestStress flush(Scope scope, String key, long t) {
        return OpenInterestStress.newBuilder().setScope(scope).setScopeKey(key).setEventTime(Instant.ofEpochMilli(t))
                .setOpenInterestUsd(1e9).setInstruments(2).setTypicalChangePct(0.5).setStress(12).setFlush(true)
                .setChanges(List.of(OpenInterestChange.newBuilder().setWindowSeconds(900).setChangePctBase(-6.0)
                        .setChangePctUsd(-9.0).setLiquidatedUsd(1e8).setForcedShare(0.4).build()))
                .build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, PatternMatch> signals(
            PatternMatcher<CascadeSignal> matcher) throws Exception {
        return signals(matcher, null, s -> ScopeKeys.id(s.getScope(), s.getScopeKey()));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, PatternMatch> signals(
            PatternMatcher<CascadeSignal> matcher, org.apache.flink.cep.EventComparator<CascadeSignal> tieBreak,
            org.apache.flink.api.java.functions.KeySelector<CascadeSignal, String> key) throws Exception {
        return CepHarness.of(matcher, new AvroTypeInfo<>(CascadeSignal.class), key, tieBreak);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, PatternMatch> h,
            CascadeSignal... signals) throws Exception {
        for (CascadeSignal s : signals) {
            h.processElement(s, s.getStepEnd().toEpochMilli() - 1);
        }
    }

    private static List<PatternMatch> drain(KeyedOneInputStreamOperatorTestHarness<String, ?, PatternMatch> h,
            long watermark) throws Exception {
        h.processWatermark(watermark);
        List<PatternMatch> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    private static void assertCleanedUp(KeyedOneInputStreamOperatorTestHarness<String, ?, PatternMatch> h,
            long watermark) throws Exception {
        h.processWatermark(watermark);
        assertThat(h.numEventTimeTimers()).as("timers left").isZero();
        h.close();
    }
}
