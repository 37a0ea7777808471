package io.cascaderadar.jobs.cli;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.history.aave.AaveV2SubgraphLiquidations;
import io.cascaderadar.connectors.history.binance.BinanceForceOrderRecorderCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sinks.DeadLetterJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar import}: history in another format to the normalized liquidations CSV that replay reads. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Converts liquidation history to the normalized CSV (liquidations.csv, dead-letter.jsonl).")
public final class ImportCommand implements Callable<Integer> {

    static final Map<String, BiFunction<InputRules, Instant, CsvReadFormat<LiquidationEvent>>> FORMATS = Map.of(
            "aave-v2-subgraph", AaveV2SubgraphLiquidations::new,
            "binance-forceorder-csv", BinanceForceOrderRecorderCsv::new);

    @Parameters(index = "0", paramLabel = "FORMAT", description = "aave-v2-subgraph or binance-forceorder-csv.")
    String format;

    @Parameters(index = "1..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        var reader = FORMATS.get(format);
        if (reader == null) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known: " + String.join(", ", FORMATS.keySet()));
        }
        Files.createDirectories(out);
        CsvReadFormat<LiquidationEvent> input = reader.apply(InputRules.defaults(), Instant.now());
        long written = 0;
        long rejected = 0;
        try (CsvFileWriter<LiquidationEvent> csv = new CsvFileWriter<>(out.resolve(SimulationFiles.LIQUIDATIONS), LiquidationCsv.writer());
                BufferedWriter dead = Files.newBufferedWriter(out.resolve(ReplayOutputs.DEAD_LETTERS), StandardCharsets.UTF_8)) {
            for (Path file : files) {
                CsvFileReader.Counts counts = CsvFileReader.read(file, input, csv::write, d -> {
                    try {
                        dead.write(DeadLetterJson.toJson(d));
                        dead.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                written += counts.records();
                rejected += counts.rejected();
            }
        }
        System.out.printf("imported %,d liquidations (%,d rejected -> %s) -> %s%n", written, rejected,
                ReplayOutputs.DEAD_LETTERS, out.resolve(SimulationFiles.LIQUIDATIONS));
        return 0;
    }
}
