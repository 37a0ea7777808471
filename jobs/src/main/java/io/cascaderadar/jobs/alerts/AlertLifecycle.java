package io.cascaderadar.jobs.alerts;

import io.cascaderadar.avro.AlertEvidence;
import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.AlertState;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.Coverage;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.Direction;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.jobs.config.PatternConfig;
import io.cascaderadar.jobs.functions.TimestampBatchFunction;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import io.cascaderadar.jobs.patterns.PatternMatch;
import io.cascaderadar.jobs.patterns.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Turns pattern matches into alerts with a lifecycle, one alert per episode of a scope: OPEN on the first
 * match, ESCALATED when a match argues for a higher severity, UPDATED (at most once per update interval) when
 * the evidence grows, RESOLVED on the resolution pattern. Alerts exist for the market (MARKET:ALL), for DeFi
 * (MARKET:DEFI) and for single assets; while the market's alert is open, DeFi and asset matches become its
 * evidence instead of alerts or records of their own (an asset alert opened earlier only resolves), so one
 * event gives one alert, not one per asset.
 *
 * <p>One key for the whole market. The matches of each timestamp are handled together once the watermark has
 * passed it, in a fixed order, so the same input always gives the same alerts.
 */
public class AlertLifecycle extends TimestampBatchFunction<PatternMatch, DeleveragingAlert> {

    public static final String MARKET_KEY = "market";
    private static final Comparator<PatternMatch> ORDER = Comparator.<PatternMatch, Scope>comparing(m -> m.scope)
            .thenComparing(m -> m.scopeKey)
            .thenComparing(m -> m.pattern)
            .thenComparingLong(m -> m.start);
    private static final int W1M = 60;
    private static final int W5M = 300;
    private static final int W15M = 900;
    private static final int W60M = 3600;

    private final PatternConfig config;
    private final boolean eventTimeClock;
    private transient MapState<String, Episode> open;

    public AlertLifecycle(PatternConfig config, boolean eventTimeClock) {
        super(TypeInformation.of(PatternMatch.class));
        this.config = config;
        this.eventTimeClock = eventTimeClock;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open", Types.STRING,
                TypeInformation.of(Episode.class)));
    }

    @Override
    protected void onBatch(long t, List<PatternMatch> batch, Collector<DeleveragingAlert> out) throws Exception {
        batch.sort(ORDER);
        for (PatternMatch m : batch) {
            handle(m, out);
        }
    }

    private void handle(PatternMatch m, Collector<DeleveragingAlert> out) throws Exception {
        String own = ScopeKeys.id(m.scope, m.scopeKey);
        if (m.pattern == AlertPattern.RESOLUTION) {
            Episode e = open.get(own);
            if (e != null) {
                absorb(e, m, true);
                emit(e, m, AlertState.RESOLVED, out);
                open.remove(own);
            }
            return;
        }
        // While the market's alert is open, every other scope's match is its evidence; an alert that scope
        // opened before stays quiet until it resolves.
        boolean folded = !own.equals(ScopeKeys.MARKET_ALL) && open.contains(ScopeKeys.MARKET_ALL);
        String target = folded ? ScopeKeys.MARKET_ALL : own;
        Episode e = open.get(target);
        if (e == null) {
            e = start(m);
            absorb(e, m, true);
            emit(e, m, AlertState.OPEN, out);
        } else {
            boolean changed = absorb(e, m, !folded);
            if (m.severity.compareTo(e.severity) > 0) {
                e.severity = m.severity;
                emit(e, m, AlertState.ESCALATED, out);
            } else if ((changed || e.changed) && m.time - e.lastEmitted >= config.updateInterval().toMillis()) {
                emit(e, m, AlertState.UPDATED, out);
            } else {
                e.changed |= changed;
            }
        }
        open.put(target, e);
    }

    private static Episode start(PatternMatch m) {
        Episode e = new Episode();
        e.scope = m.scope;
        e.scopeKey = m.scopeKey;
        e.episodeStart = m.start;
        e.openingPattern = m.pattern;
        e.severity = m.severity;
        e.alertId = StableId.hash(m.pattern, m.scope, m.scopeKey, m.start);
        e.episodeId = StableId.hash(m.scope, m.scopeKey, m.start);
        return e;
    }

    /** Adds a match's evidence to the episode; true if it says something new. */
    private static boolean absorb(Episode e, PatternMatch m, boolean ownSignal) {
        CascadeSignal s = m.signal;
        boolean changed = Episode.addSorted(e.patterns, m.pattern);
        if (m.scope == Scope.ASSET) {
            changed |= Episode.addSorted(e.assets, m.scopeKey);
        }
        for (String asset : s.getElevatedAssets()) {
            changed |= Episode.addSorted(e.assets, asset);
        }
        for (String venue : s.getElevatedVenues()) {
            changed |= Episode.addSorted(e.venues, venue);
        }
        if (ownSignal) {
            e.signal = s;
            e.peakUsdPerMinute = Math.max(e.peakUsdPerMinute, Signals.window(s, W1M).getUsd());
            changed |= e.peakUsdPerMinute >= 2 * Math.max(e.peakAtLastRecord, 1.0);
        }
        if (m.oiChangePct != null) {
            e.oiChangePct = m.oiChangePct;
            e.forcedShare = m.forcedShare;
        }
        if (m.defiUsd15m != null) {
            e.defiUsd15m = m.defiUsd15m;
        }
        return changed;
    }

    private void emit(Episode e, PatternMatch m, AlertState state, Collector<DeleveragingAlert> out) {
        e.sequence++;
        e.lastEmitted = m.time;
        e.changed = false;
        e.peakAtLastRecord = e.peakUsdPerMinute;
        CascadeSignal s = e.signal;
        WindowStats w15 = Signals.window(s, W15M);
        DeleveragingAlert alert = DeleveragingAlert.newBuilder()
                .setAlertId(e.alertId)
                .setEpisodeId(e.episodeId)
                .setSequence(e.sequence)
                .setPattern(m.pattern)
                .setState(state)
                .setSeverity(e.severity)
                .setDirection(w15.getLongUsd() >= w15.getShortUsd() ? Direction.LONG_FLUSH : Direction.SHORT_SQUEEZE)
                .setScope(e.scope)
                .setScopeKey(e.scopeKey)
                .setEpisodeStart(Instant.ofEpochMilli(e.episodeStart))
                .setDetectedAt(Instant.ofEpochMilli(m.time))
                .setEmittedAt(Instant.ofEpochMilli(eventTimeClock ? m.time : System.currentTimeMillis()))
                .setEvidence(AlertEvidence.newBuilder()
                        .setUsd1m(Signals.window(s, W1M).getUsd())
                        .setUsd5m(Signals.window(s, W5M).getUsd())
                        .setUsd15m(w15.getUsd())
                        .setUsd60m(Signals.window(s, W60M).getUsd())
                        .setCount15m(w15.getCount())
                        .setExcess5m(Signals.window(s, W5M).getExcess())
                        .setExcess15m(w15.getExcess())
                        .setBaselineUsdPerMinute(s.getBaselineUsdPerMinute())
                        .setRobustZ(s.getRobustZ())
                        .setBranchingRatio(s.getBranchingRatio())
                        .setAcceleration(s.getAcceleration())
                        .setLongShare(w15.getUsd() > 0 ? w15.getLongUsd() / w15.getUsd() : 0.0)
                        .setBreadthAssets(s.getBreadthAssets())
                        .setBreadthVenues(s.getBreadthVenues())
                        .setAssets(new ArrayList<>(e.assets))
                        .setVenues(new ArrayList<>(e.venues))
                        .setPatterns(new ArrayList<>(e.patterns))
                        .setPeakUsdPerMinute(e.peakUsdPerMinute)
                        .setOiChangePct15m(e.oiChangePct)
                        .setForcedShare(e.forcedShare)
                        .setDefiUsd15m(e.defiUsd15m)
                        .build())
                .setCoverage(Coverage.newBuilder()
                        .setLiveVenues(new ArrayList<>(s.getLiveVenues().isEmpty() ? e.venues : s.getLiveVenues()))
                        .setGapVenues(new ArrayList<>(s.getCoverageGaps()))
                        .setSampledShare(s.getSampledShare())
                        .build())
                .setSummary("")
                .build();
        alert.setSummary(AlertText.summary(alert));
        out.collect(alert);
    }
}
