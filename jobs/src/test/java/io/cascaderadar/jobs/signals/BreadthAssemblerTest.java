package io.cascaderadar.jobs.signals;

import static io.cascaderadar.avro.IntensityLevel.CALM;
import static io.cascaderadar.avro.IntensityLevel.ELEVATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.testing.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BreadthAssemblerTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;
    private static final long MINUTE = 60_000;
    private static final long STEP = 10_000;

    @Test
    void countsAssetsAndVenuesElevatedInTheWindowIntoTheMarketsSignalAlone() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BreadthAssembler(Duration.ofMinutes(20))),
                (CascadeSignal s) -> BreadthAssembler.MARKET_KEY, Types.STRING);
        h.open();
        send(h, Signals.signal(Scope.ASSET, "SOL", T0 + MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.VENUE, "bybit", T0 + MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.MARKET, "ALL", T0 + MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.ASSET, "BTC", T0 + MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.ASSET, "ETH", T0 + 10 * MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.MARKET, "ALL", T0 + 10 * MINUTE, ELEVATED, 1e6));
        send(h, Signals.signal(Scope.ASSET, "DOGE", T0 + 25 * MINUTE, CALM, 1e3));
        send(h, Signals.signal(Scope.MARKET, "ALL", T0 + 25 * MINUTE, ELEVATED, 1e6));
        h.processWatermark(T0 + 30 * MINUTE);

        List<CascadeSignal> market = h.extractOutputValues();
        assertThat(market).extracting(s -> s.getScope() + ":" + s.getScopeKey() + "@" + s.getStepEnd().toEpochMilli())
                .containsExactly("MARKET:ALL@" + (T0 + MINUTE), "MARKET:ALL@" + (T0 + 10 * MINUTE),
                        "MARKET:ALL@" + (T0 + 25 * MINUTE));
        assertThat(market.get(0).getElevatedAssets()).containsExactly("BTC", "SOL");
        assertThat(market.get(0).getBreadthVenues()).isEqualTo(1);
        assertThat(market.get(0).getLiveVenues()).containsExactly("bybit");
        assertThat(market.get(1).getElevatedAssets()).containsExactly("BTC", "ETH", "SOL");
        assertThat(market.get(2).getElevatedAssets()).as("BTC and SOL left the 20-minute window").containsExactly("ETH");
        assertThat(market.get(2).getLiveVenues()).isEmpty();

        send(h, Signals.signal(Scope.MARKET, "ALL", T0 + 60 * MINUTE, CALM, 1e3));
        h.processWatermark(T0 + 60 * MINUTE);
        assertThat(h.extractOutputValues().get(market.size()).getElevatedAssets()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void readsOnlyWhatChangesItsOutput() throws Exception {
        // Random steps of assets, venues and the three markets at random levels: breadth fed what it reads (the
        // others' signals without their windows) gives the same market signals as breadth fed everything.
        Random random = new Random(5);
        List<CascadeSignal> signals = new ArrayList<>();
        for (long t = T0 + STEP; t <= T0 + 6 * 60 * MINUTE; t += STEP) {
            for (String asset : List.of("BTC", "ETH", "SOL", "DOGE")) {
                if (random.nextInt(3) > 0) {
                    signals.add(Signals.signal(Scope.ASSET, asset, t, level(random), 1e6));
                }
            }
            for (String venue : List.of("binance", "bybit", "hyperliquid")) {
                if (random.nextInt(20) == 0) {
                    signals.add(Signals.signal(Scope.VENUE, venue, t, level(random), 1e6));
                }
            }
            for (String market : List.of("ALL", "CEX", "DEFI")) {
                if (random.nextInt(4) > 0) {
                    signals.add(Signals.signal(Scope.MARKET, market, t, level(random), 1e6));
                }
            }
        }
        List<CascadeSignal> read = new ArrayList<>();
        BreadthAssembler.Input input = new BreadthAssembler.Input();
        for (CascadeSignal s : signals) {
            input.flatMap(s, new ListCollector<>(read));
        }

        List<CascadeSignal> fromAll = breadth(signals);
        assertThat(fromAll).as("market signals to compare").hasSizeGreaterThan(1000);
        assertThat(fromAll).as("some with elevated assets and live venues")
                .anyMatch(s -> s.getBreadthAssets() > 1 && !s.getLiveVenues().isEmpty());
        assertThat(breadth(read)).isEqualTo(fromAll);
        assertThat(read.size()).as("most signals are not read").isLessThan(signals.size() / 2);
    }

    /** Mostly CALM or NORMAL, a fifth ELEVATED or SEVERE. */
    private static IntensityLevel level(Random random) {
        return IntensityLevel.values()[random.nextInt(5) > 0 ? random.nextInt(2) : 2 + random.nextInt(2)];
    }

    private static List<CascadeSignal> breadth(List<CascadeSignal> signals) throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BreadthAssembler(Duration.ofMinutes(20))),
                (CascadeSignal s) -> BreadthAssembler.MARKET_KEY, Types.STRING)) {
            h.open();
            for (CascadeSignal s : signals) {
                // Signals are made anew for each harness: breadth sets its fields on the market's.
                send(h, CascadeSignal.newBuilder(s).build());
            }
            h.processWatermark(Long.MAX_VALUE);
            return h.extractOutputValues();
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, CascadeSignal, CascadeSignal> h,
            CascadeSignal s) throws Exception {
        h.processElement(s, s.getStepEnd().toEpochMilli() - 1);
    }
}
