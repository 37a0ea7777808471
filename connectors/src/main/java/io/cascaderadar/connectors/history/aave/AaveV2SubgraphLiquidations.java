package io.cascaderadar.connectors.history.aave;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aave v2 {@code liquidationCalls} exported from the protocol's subgraph (columns collateralAmount,
 * collateralReserve, principalAmount, principalReserve, timestamp, user, reservePrice*...).
 *
 * <p>A borrower with volatile collateral and stable debt is long the collateral: a LONG liquidation of the
 * collateral asset, sized by the collateral seized. With stable collateral and volatile debt the borrower is
 * short the debt asset: a SHORT liquidation sized by the debt repaid. The export has no transaction hash, so
 * the event id hashes borrower, time, reserves and amounts. Amounts come either raw (integers in the token's
 * smallest unit, scaled here by the reserve's decimals) or already scaled (rows with {@code amountUSDPrincipal}).
 * USD values use the subgraph's reserve prices at the time of the call ({@code priceKind} ORACLE).
 */
public final class AaveV2SubgraphLiquidations implements CsvReadFormat<LiquidationEvent> {

    private static final Map<String, Reserve> RESERVES = loadReserves();

    private final InputRules rules;
    private final Instant now;

    public AaveV2SubgraphLiquidations(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    record Reserve(String symbol, int decimals, boolean stable, String asset) {}

    @Override
    public String name() {
        return "Aave v2 subgraph liquidationCalls";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("collateralamount", "collateralreserve", "principalamount", "principalreserve",
                "timestamp", "user");
    }

    @Override
    public LiquidationEvent fromRow(CsvRow row) throws Rejection {
        Reserve collateral = reserve(row.text("collateralreserve"));
        Reserve debt = reserve(row.text("principalreserve"));
        boolean scaled = row.has("amountusdprincipal");
        double collateralAmount = amount(row, "collateralamount", collateral, scaled);
        double debtAmount = amount(row, "principalamount", debt, scaled);
        Double debtUsd = scaled ? row.optionalNumber("amountusdprincipal") : product(debtAmount, row.optionalNumber("reservepriceusdprincipal"));
        Double collateralUsd = product(collateralAmount, row.optionalNumber("reservepriceusdcollateral"));
        long seconds = row.longValue("timestamp");
        Instant time = Instant.ofEpochSecond(seconds);

        boolean shortDebt = collateral.stable() && !debt.stable();
        Reserve base = shortDebt ? debt : collateral;
        double quantity = shortDebt ? debtAmount : collateralAmount;
        Double notional = shortDebt ? debtUsd : (collateralUsd != null ? collateralUsd : debtUsd);
        if (notional == null) {
            throw new Rejection(RejectReason.MISSING_VALUE, "no USD price for " + collateral.symbol() + " or " + debt.symbol());
        }
        String user = row.text("user").toLowerCase(Locale.ROOT);
        LiquidationEvent event = LiquidationEvent.newBuilder()
                .setEventId("aave-v2:" + StableId.hash(user, seconds, collateral.symbol(), debt.symbol(),
                        row.text("collateralamount"), row.text("principalamount")))
                .setVenue("aave-v2")
                .setVenueType(VenueType.DEFI)
                .setInstrument(collateral.symbol() + "/" + debt.symbol())
                .setBaseAsset(base.asset())
                .setQuoteAsset("USD")
                .setLiquidatedSide(shortDebt ? PositionSide.SHORT : PositionSide.LONG)
                .setPrice(quantity > 0 ? notional / quantity : 0)
                .setPriceKind(PriceKind.ORACLE)
                .setQuantityBase(quantity)
                .setNotionalUsd(notional)
                .setEventTime(time)
                .setReceiveTime(time)
                .setChain("ethereum")
                .setProtocol("aave-v2")
                .setCollateralAsset(collateral.asset())
                .setDebtAsset(debt.asset())
                .setBorrower(user)
                .setLiquidator(row.optionalText("liquidator"))
                .build();
        rules.check(event, now);
        return event;
    }

    private static Reserve reserve(String symbol) throws Rejection {
        Reserve r = RESERVES.get(symbol.toUpperCase(Locale.ROOT));
        if (r == null) {
            throw new Rejection(RejectReason.UNKNOWN_VALUE, "reserve " + symbol + " has no known decimals");
        }
        return r;
    }

    private static double amount(CsvRow row, String column, Reserve reserve, boolean scaled) throws Rejection {
        double value = row.number(column);
        return scaled ? value : value / Math.pow(10, reserve.decimals());
    }

    private static Double product(double amount, Double price) {
        return price == null ? null : amount * price;
    }

    private static Map<String, Reserve> loadReserves() {
        Map<String, Reserve> reserves = new HashMap<>();
        try (InputStream in = AaveV2SubgraphLiquidations.class.getResourceAsStream("aave-v2-reserves.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().skip(1).map(line -> line.split(",")).forEach(f -> reserves.put(
                    f[0].toUpperCase(Locale.ROOT), new Reserve(f[0], Integer.parseInt(f[1]), Boolean.parseBoolean(f[2]), f[3])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(reserves);
    }
}
