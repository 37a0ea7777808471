package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Liquidations as the detector receives them during a cascade, from a fixed seed: ten a second, four in five
 * longs, notionals from $1,000 to $2M. Most come from perpetual venues, with ids as their decoders make them (the
 * venue and 16 hex digits); one in six from Aave v3 on Ethereum, with the chain's longer ids (transaction hash and
 * log index), borrower and liquidator. The benchmarks cycle through them, so that no single input is measured.
 */
final class SampleLiquidations {
    /** How many; a power of two, so that a benchmark cycles through them with {@link #MASK}. */
    static final int COUNT = 1024;
    static final int MASK = COUNT - 1;
    static final Instant START = Instant.parse("2025-10-10T21:00:00Z");

    /** A perpetual market or a lending market, its price, and the decimals of its prices and sizes. */
    private record Market(String venue, VenueType type, String instrument, String base, String quote, double price,
            int priceDecimals, int sizeDecimals) {}

    private static final List<Market> MARKETS = List.of(
            new Market("binance-usdm", VenueType.CEX, "BTCUSDT", "BTC", "USDT", 112_500, 1, 3),
            new Market("binance-usdm", VenueType.CEX, "ETHUSDT", "ETH", "USDT", 3_850, 2, 3),
            new Market("binance-usdm", VenueType.CEX, "SOLUSDT", "SOL", "USDT", 182, 3, 2),
            new Market("bybit", VenueType.CEX, "BTCUSDT", "BTC", "USDT", 112_500, 1, 3),
            new Market("bybit", VenueType.CEX, "DOGEUSDT", "DOGE", "USDT", 0.215, 5, 0),
            new Market("aave-v3", VenueType.DEFI, "WETH/USDC", "ETH", "USD", 3_850, 2, 6));

    private SampleLiquidations() {}

    static List<LiquidationEvent> generate() {
        SplittableRandom random = new SplittableRandom(20251010);
        HexFormat hex = HexFormat.of();
        List<LiquidationEvent> events = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Market m = MARKETS.get(random.nextInt(MARKETS.size()));
            Instant time = START.plusMillis(i * 100L + random.nextInt(100));
            PositionSide side = random.nextInt(5) < 4 ? PositionSide.LONG : PositionSide.SHORT;
            double price = rounded(m.price() * (1 + random.nextDouble(-0.02, 0.02)), m.priceDecimals());
            double usd = Math.exp(random.nextDouble(Math.log(1e3), Math.log(2e6)));
            double quantity = Math.max(rounded(usd / price, m.sizeDecimals()), Math.pow(10, -m.sizeDecimals()));
            LiquidationEvent.Builder event = LiquidationEvent.newBuilder()
                    .setVenue(m.venue())
                    .setVenueType(m.type())
                    .setInstrument(m.instrument())
                    .setBaseAsset(m.base())
                    .setQuoteAsset(m.quote())
                    .setLiquidatedSide(side)
                    .setPrice(price)
                    .setQuantityBase(quantity)
                    .setNotionalUsd(price * quantity)
                    .setEventTime(time)
                    .setReceiveTime(time.plusMillis(40 + random.nextInt(200)));
            if (m.type() == VenueType.CEX) {
                event.setEventId(m.venue() + ":" + StableId.hash(m.instrument(), time.toEpochMilli(), side, quantity, price))
                        .setPriceKind(PriceKind.AVERAGE_FILL)
                        .setSampled(m.venue().startsWith("binance"));
            } else {
                String txHash = "0x" + hex.formatHex(randomBytes(random, 32));
                int logIndex = random.nextInt(400);
                event.setEventId("ethereum:" + txHash + ":" + logIndex)
                        .setPriceKind(PriceKind.ORACLE)
                        .setChain("ethereum")
                        .setProtocol(m.venue())
                        .setTxHash(txHash)
                        .setLogIndex(logIndex)
                        .setBlockNumber(23_545_000L + i / 120)
                        .setCollateralAsset("ETH")
                        .setDebtAsset("USDC")
                        .setBorrower("0x" + hex.formatHex(randomBytes(random, 20)))
                        .setLiquidator("0x" + hex.formatHex(randomBytes(random, 20)));
            }
            events.add(event.build());
        }
        return events;
    }

    /** A price or size with the decimals a venue quotes it in (the nearest double, so its text is short). */
    private static double rounded(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
