package io.cascaderadar.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiquidationCsvTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HEADER =
            "event_time,venue,venue_type,instrument,base_asset,liquidated_side,price,quantity_base,notional_usd,event_id";

    @TempDir
    Path dir;

    private final List<LiquidationEvent> events = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @Test
    void readsGoodRowsAndFillsWhatMayBeBlank() throws Exception {
        Path file = write("in.csv", HEADER,
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,110000,0.5,,",
                "1760130900000,aave-v3,defi,WETH/USDC,ETH,long,3800,10,38000,my-id");
        CsvFileReader.Counts counts = read(file);

        assertThat(counts).isEqualTo(new CsvFileReader.Counts(2, 0));
        LiquidationEvent first = events.get(0);
        assertThat(first.getNotionalUsd()).isEqualTo(55000.0);
        assertThat(first.getEventId()).startsWith("bybit:");
        assertThat(first.getReceiveTime()).isEqualTo(first.getEventTime());
        assertThat(first.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        LiquidationEvent second = events.get(1);
        assertThat(second.getVenueType()).isEqualTo(VenueType.DEFI);
        assertThat(second.getEventTime()).isEqualTo(Instant.parse("2025-10-10T21:15:00Z"));
        assertThat(second.getEventId()).isEqualTo("my-id");
    }

    @Test
    void theSameRowAlwaysGetsTheSameId() throws Exception {
        Path file = write("in.csv", HEADER,
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,110000,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,110000,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,SHORT,110000,0.5,,");
        read(file);
        assertThat(events.get(0).getEventId()).isEqualTo(events.get(1).getEventId());
        assertThat(events.get(2).getEventId()).isNotEqualTo(events.get(0).getEventId());
    }

    @Test
    void everyBadRowBecomesADeadLetterWithItsReasonAndLine() throws Exception {
        Path file = write("in.csv", HEADER,
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,-5,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,NaN,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,SIDEWAYS,100,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,5e12,",
                "2031-01-01T00:00:00Z,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,,",
                "1760130900,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,,",
                "yesterday,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,abc,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,100",
                "2025-10-10T21:15:00Z,bybit,SPOT,BTCUSDT,BTC,LONG,100,0.5,,",
                "2025-10-10T21:15:00Z,,CEX,BTCUSDT,BTC,LONG,100,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,\"BTCUSDT,BTC,LONG,100,0.5,,",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,,,surplus",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,100,0.5,,ok",
                "2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,SHORT,100,0.5");
        CsvFileReader.Counts counts = read(file);

        assertThat(counts).as("the last row leaves out its blank trailing columns").isEqualTo(new CsvFileReader.Counts(2, 13));
        assertThat(rejects).extracting(d -> d.reason).containsExactly(
                RejectReason.NON_POSITIVE, RejectReason.NON_FINITE, RejectReason.UNKNOWN_VALUE,
                RejectReason.ABSURD_NOTIONAL, RejectReason.FUTURE_TIMESTAMP, RejectReason.PREHISTORIC_TIMESTAMP,
                RejectReason.BAD_TIMESTAMP, RejectReason.BAD_NUMBER, RejectReason.MISSING_VALUE,
                RejectReason.UNKNOWN_VALUE, RejectReason.MISSING_VALUE, RejectReason.MALFORMED_LINE,
                RejectReason.MALFORMED_LINE);
        assertThat(rejects.get(0).source).isEqualTo("in.csv:2");
        assertThat(rejects.get(0).input).isEqualTo("2025-10-10T21:15:00Z,bybit,CEX,BTCUSDT,BTC,LONG,-5,0.5,,");
        assertThat(rejects.get(2).detail).contains("SIDEWAYS");
    }

    @Test
    void readsGzipAndRoundTripsWhatItWrites() throws Exception {
        Path plain = write("in.csv", HEADER + ",chain,protocol,tx_hash,log_index,collateral_asset,debt_asset,sampled",
                "2025-10-10T21:15:00.250Z,aave-v3,DEFI,WETH/USDC,ETH,LONG,3800,10,38000,,ethereum,aave-v3,0xabc,7,ETH,USDC,false",
                "2025-10-10T21:15:01Z,binance-usdm,CEX,ETHUSDT,ETH,SHORT,3801,2,,,,,,,,,true");
        read(plain);
        List<LiquidationEvent> original = List.copyOf(events);
        assertThat(original.get(0).getEventId()).isEqualTo("ethereum:0xabc:7");
        assertThat(original.get(1).getSampled()).isTrue();

        Path gz = dir.resolve("out.csv.gz");
        try (CsvFileWriter<LiquidationEvent> writer = new CsvFileWriter<>(gz, LiquidationCsv.writer())) {
            original.forEach(writer::write);
        }
        events.clear();
        read(gz);
        assertThat(events).isEqualTo(original);
    }

    @Test
    void aFileThatCannotBeUsedIsOneClearError() throws Exception {
        assertThatThrownBy(() -> read(dir.resolve("missing.csv")))
                .isInstanceOf(InputFileException.class).hasMessageEndingWith("missing.csv: no such file");
        Path wrong = write("wrong.csv", "time,venue,side", "1,2,3");
        assertThatThrownBy(() -> read(wrong))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("not a liquidations CSV")
                .hasMessageContaining("event_time");
        Path empty = write("empty.csv");
        assertThatThrownBy(() -> read(empty)).isInstanceOf(InputFileException.class).hasMessageContaining("empty file");
    }

    private CsvFileReader.Counts read(Path file) throws InputFileException {
        return CsvFileReader.read(file, new LiquidationCsv(InputRules.defaults(), NOW), events::add, rejects::add);
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = (String.join("\n", lines) + (lines.length > 0 ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }
}
