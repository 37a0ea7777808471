package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/** Where liquidations enter: a line of a history file and a frame of a venue's WebSocket, each to a {@link LiquidationEvent}. */
@State(Scope.Thread)
public class InputDecodingBenchmarks {

    /**
     * One {@code !forceOrder@arr} frame as Binance USD-M pushes it (the documented fields: symbol, order side and
     * type, time in force, quantity, price, average price, status, last and cumulative filled quantity, trade time).
     */
    private static final String BINANCE_FORCE_ORDER = """
            {"e":"forceOrder","E":1760130421153,"o":{"s":"ETHUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"12.408",\
            "p":"3702.15","ap":"3719.42","X":"FILLED","l":"4.150","z":"12.408","T":1760130421149}}""";

    private final BinanceForceOrderDecoder binanceUsdMargined = BinanceForceOrderDecoder.usdMargined();
    private final Instant receiveTime = Instant.ofEpochMilli(1760130421191L);
    private final LiquidationCsv liquidationCsv = new LiquidationCsv(InputRules.defaults(), Instant.now());
    private Path directory;
    private Path liquidationsFile;

    /** The samples as a normalized liquidations file, written the way the simulator and the importers write it. */
    @Setup
    public void writeLiquidationsFile() throws IOException, InputFileException {
        directory = Files.createTempDirectory("radar-function-bench");
        liquidationsFile = directory.resolve("liquidations.csv");
        try (CsvFileWriter<LiquidationEvent> writer = new CsvFileWriter<>(liquidationsFile, LiquidationCsv.writer())) {
            SampleLiquidations.generate().forEach(writer::write);
        }
        CsvFileReader.Counts counts = readLiquidationsFile(event -> {});
        if (counts.records() != SampleLiquidations.COUNT) {
            throw new IllegalStateException("the sample file should decode whole, but gave " + counts);
        }
    }

    @TearDown
    public void deleteLiquidationsFile() throws IOException {
        Files.deleteIfExists(liquidationsFile);
        Files.deleteIfExists(directory);
    }

    /**
     * A line of a normalized liquidations CSV to a checked {@link LiquidationEvent}: split, parsed by column name,
     * judged by the input rules. A replay reads every history line this way ({@code SortedInput}), as does
     * {@code radar publish}. The per-line step is not public ({@code CsvRow} is built by the reader alone), so this
     * reads a file of {@value SampleLiquidations#COUNT} lines from the page cache through the public
     * {@link CsvFileReader} and counts per line: reading the line and opening the file are in the figure.
     */
    @Benchmark
    @OperationsPerInvocation(SampleLiquidations.COUNT)
    public CsvFileReader.Counts csvLineToLiquidation(Blackhole events) throws InputFileException {
        return readLiquidationsFile(events::consume);
    }

    /**
     * A Binance forceOrder frame to a {@link LiquidationEvent} (JSON parse, side and sizes, a stable id): what
     * {@code radar collect} does per frame before the record goes to Kafka, and a replay of raw recordings per line.
     */
    @Benchmark
    public WireRecords binanceForceOrderToLiquidation() throws WireMessageException {
        return binanceUsdMargined.decode(BINANCE_FORCE_ORDER, receiveTime);
    }

    private CsvFileReader.Counts readLiquidationsFile(Consumer<LiquidationEvent> events) throws InputFileException {
        return CsvFileReader.read(liquidationsFile, liquidationCsv, events, rejected -> {
            throw new IllegalStateException("a sample line was rejected: " + rejected.detail);
        });
    }
}
