package io.cascaderadar.connectors.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.Liquidations;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperliquid's WebSocket API, messages {@code {"channel", "data"}}: liquidations from {@code userFills}, open
 * interest from {@code activeAssetCtx}.
 *
 * <p>Hyperliquid is an on-chain perpetuals exchange with its own order book, and its liquidations are CEX
 * liquidations here: forced closes of leveraged perpetual positions, as on Binance or Bybit. DEFI is the lending
 * protocols' collateral liquidations (Aave, Morpho); the MARKET:DEFI scope and the CEX_DEFI_CONTAGION pattern would
 * take a perpetuals cascade on Hyperliquid for lending contagion.
 *
 * <p>Liquidations, {@code {"channel":"userFills","data":{"user","fills":[fill,...]}}}:
 * <ul>
 *   <li>only fills with a {@code liquidation} object ({@code liquidatedUser}, {@code markPx}, {@code method}) are
 *       liquidations; the others are skipped;</li>
 *   <li>the liquidated side, on a fill of the liquidated wallet: what {@code dir} says it closed ({@code Close Long},
 *       {@code Liquidated Cross Long}, the flip {@code Long > Short}: a LONG; mirrored for shorts), else the
 *       {@code side}: A (a sell) closed a LONG, B (a buy) a SHORT;</li>
 *   <li>the counterparty's fill carries the {@code liquidation} object too: where the subscribed {@code user} is
 *       not the {@code liquidatedUser}, the liquidated wallet took the other side, so a counterparty's B means a
 *       LONG was liquidated (its {@code dir} is about its own position);</li>
 *   <li>{@code sz} is base units at {@code px}, the fill's price: AVERAGE_FILL (of that single fill), USD = sz × px
 *       (USDC as USD); a coin named with a k ({@code kPEPE}) is 1,000 units of the asset;</li>
 *   <li>the event time is the fill's {@code time}; the id is {@code hyperliquid:<tid>}, the trade's id, which both
 *       sides' fills share, so the same trade seen from both wallets is one liquidation;</li>
 *   <li>the snapshot of past fills sent on subscription ({@code isSnapshot}) repeats history: it is skipped.</li>
 * </ul>
 * The limits of the public feed: fills come per wallet only (one {@code userFills} subscription per address), and
 * the public {@code trades} channel does not flag liquidations, so the liquidations of unwatched wallets are
 * missing: every event is {@code sampled} and totals are lower bounds. Complete history is in a node's fills
 * ({@code node_fills}) or Hyperliquid's S3 export.
 *
 * <p>Open interest, {@code {"channel":"activeAssetCtx","data":{"coin","ctx":{"openInterest","markPx",...}}}}:
 * {@code openInterest} is base units of one side (ONE_SIDED), worth USD at {@code markPx}; the message has no time:
 * the event time is the receive time.
 *
 * <p>{@code subscriptionResponse} and {@code pong} carry nothing.
 */
public final class HyperliquidDecoder implements WireDecoder {
    public static final String VENUE = "hyperliquid";

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode root = WireJson.parse(message);
        String channel = WireJson.text(root, "channel");
        return switch (channel) {
            case "subscriptionResponse", "pong" -> WireRecords.NONE;
            case "userFills" -> liquidations(WireJson.field(root, "data"), receiveTime);
            case "activeAssetCtx" -> WireRecords.openInterest(List.of(openInterest(WireJson.field(root, "data"), receiveTime)));
            default -> throw new WireMessageException(RejectReason.MALFORMED_MESSAGE,
                    "channel '" + channel + "', not userFills or activeAssetCtx");
        };
    }

    private static WireRecords liquidations(JsonNode data, Instant receiveTime) throws WireMessageException {
        if (data.path("isSnapshot").asBoolean(false)) {
            return WireRecords.NONE;
        }
        String user = WireJson.text(data, "user");
        JsonNode fills = WireJson.field(data, "fills");
        if (!fills.isArray()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "field 'fills' is not a list of fills");
        }
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode fill : fills) {
            if (fill.hasNonNull("liquidation")) {
                events.add(liquidation(fill, user, receiveTime));
            }
        }
        return WireRecords.liquidations(events);
    }

    private static LiquidationEvent liquidation(JsonNode fill, String user, Instant receiveTime) throws WireMessageException {
        String coin = WireJson.text(fill, "coin");
        double size = WireJson.number(fill, "sz");
        double price = WireJson.number(fill, "px");
        Symbols.Pair pair = pair(coin);
        return Liquidations.cex(VENUE, coin, pair, receiveTime)
                .setEventId(VENUE + ":" + WireJson.text(fill, "tid"))
                .setLiquidatedSide(liquidatedSide(fill, user))
                .setPrice(price / pair.unit())
                .setPriceKind(PriceKind.AVERAGE_FILL)
                .setQuantityBase(size * pair.unit())
                .setNotionalUsd(size * price)
                .setEventTime(WireJson.millis(fill, "time"))
                .setSampled(true)
                .build();
    }

    private static PositionSide liquidatedSide(JsonNode fill, String user) throws WireMessageException {
        String orderSide = orderSide(WireJson.text(fill, "side"));
        JsonNode liquidatedUser = fill.get("liquidation").path("liquidatedUser");
        if (liquidatedUser.isTextual() && !liquidatedUser.asText().equalsIgnoreCase(user)) {
            // The counterparty's fill: the liquidated wallet's order was on the other side.
            return Liquidations.closedBy(orderSide.equals("sell") ? "buy" : "sell");
        }
        PositionSide closed = closedIn(fill.path("dir").asText());
        return closed != null ? closed : Liquidations.closedBy(orderSide);
    }

    /** Hyperliquid's sides: A (the ask) is a sell, B (the bid) a buy. */
    private static String orderSide(String side) throws WireMessageException {
        return switch (side) {
            case "A" -> "sell";
            case "B" -> "buy";
            default -> throw new WireMessageException(RejectReason.UNKNOWN_VALUE, "side '" + side + "' is not A or B");
        };
    }

    /**
     * The position a {@code dir} says the fill closed: {@code Close Long}, {@code Liquidated Isolated Short}, or the
     * first of a flip, {@code Long > Short}; null for any other {@code dir}.
     */
    private static PositionSide closedIn(String dir) {
        String closed = dir.startsWith("Close ") || dir.startsWith("Liquidated ") ? dir.substring(dir.lastIndexOf(' ') + 1)
                : dir.contains(" > ") ? dir.substring(0, dir.indexOf(' ')) : "";
        return switch (closed) {
            case "Long" -> PositionSide.LONG;
            case "Short" -> PositionSide.SHORT;
            default -> null;
        };
    }

    private static OpenInterestUpdate openInterest(JsonNode data, Instant receiveTime) throws WireMessageException {
        String coin = WireJson.text(data, "coin");
        JsonNode context = WireJson.field(data, "ctx");
        double openInterest = WireJson.number(context, "openInterest");
        Symbols.Pair pair = pair(coin);
        return OpenInterestUpdate.newBuilder()
                .setVenue(VENUE)
                .setInstrument(coin)
                .setBaseAsset(pair.base())
                .setOpenInterestBase(openInterest * pair.unit())
                .setOpenInterestUsd(openInterest * WireJson.number(context, "markPx"))
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(receiveTime)
                .build();
    }

    /** A perpetual's asset: {@code BTC}, or {@code kPEPE} for 1,000 PEPE; perpetuals are quoted in USDC. */
    private static Symbols.Pair pair(String coin) {
        boolean thousands = coin.length() > 1 && coin.charAt(0) == 'k' && Character.isUpperCase(coin.charAt(1));
        return new Symbols.Pair(thousands ? coin.substring(1) : coin, "USDC", thousands ? 1000 : 1);
    }
}
