package io.cascaderadar.jobs.testing;

import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.history.HistoryFormats;
import io.cascaderadar.jobs.history.NormalizedFiles;
import io.cascaderadar.jobs.sim.SimulationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Recorded prices from ../shared/data, imported to a normalized prices file as {@code radar import} does. */
public final class RecordedPrices {

    private RecordedPrices() {}

    /** Binance USD-M BTCUSDT one-minute klines: every recorded slice (2021-05-19 to 2025-10-10), as closes. */
    public static Path binanceBtcusdtMinutes(Path dir) throws Exception {
        Path out = dir.resolve("recorded-prices");
        List<Path> slices;
        try (Stream<Path> files = Files.list(RecordedData.dir().resolve("klines_1m_binance_usdm_btcusdt"))) {
            slices = files.filter(f -> f.getFileName().toString().startsWith("BTCUSDT-1m-")).sorted().toList();
        }
        HistoryFormat klines = HistoryFormats.all(InputRules.defaults(), RecordedLiquidations.NOW).get("binance-klines");
        try (NormalizedFiles normalized = new NormalizedFiles(out)) {
            for (Path slice : slices) {
                klines.read(slice, normalized, rejected -> {
                    throw new IllegalStateException("a recorded kline was rejected: " + rejected.detail);
                });
            }
        }
        return out.resolve(SimulationFiles.PRICES);
    }
}
