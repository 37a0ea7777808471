package io.cascaderadar.connectors.chain;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * Turns the protocols' liquidation logs into {@link LiquidationEvent}s, with the semantics of the CEX feeds: the
 * borrower is long its collateral against its debt (a LONG liquidation of the collateral's asset, sized by the
 * collateral seized), except that stable collateral against volatile debt is a SHORT of the debt's asset, sized by
 * the debt repaid. USD values come from the protocol's own oracle at the log's block where it has one (Aave v3,
 * SparkLend: {@code ORACLE}; Aave v2's, in ETH, over its price of USDC; Compound's {@code usdValue}), otherwise from
 * the chain's mark oracle
 * ({@code MARK}); dollar tokens without a price count 1 USD. Bad debt joins the liquidation of the same borrower in
 * the same transaction: Aave's {@code DeficitCreated}, Morpho's {@code badDebtAssets}, and Compound's absorbed debt
 * beyond the collateral absorbed. A log that cannot be valued, or bad debt without its liquidation, is a dead letter
 * with the log. Event ids are {@code chain:txHash:logIndex}.
 */
public final class LiquidationLogs {
    private static final String GET_ASSET_PRICE = Tokens.selector("getAssetPrice(address)");
    private static final String ID_TO_MARKET_PARAMS = Tokens.selector("idToMarketParams(bytes32)");
    private static final BigDecimal WAD = BigDecimal.TEN.pow(18);
    private static final BigDecimal RAD = BigDecimal.TEN.pow(45);
    private static final BigDecimal USD_8 = BigDecimal.TEN.pow(8);

    /** What a batch of logs gave. */
    public record Result(List<LiquidationEvent> events, List<DeadLetter> deadLetters) {}

    private record Priced(double usd, PriceKind kind) {}

    private final ChainSpec spec;
    private final ChainRpc rpc;
    private final Tokens tokens;

    public LiquidationLogs(ChainSpec spec, ChainRpc rpc, Tokens tokens) {
        this.spec = spec;
        this.rpc = rpc;
        this.tokens = tokens;
    }

    /**
     * @param logs in chain order
     * @param blockTimes the block times (seconds) of the logs' blocks
     */
    public Result map(List<ChainLog> logs, Map<Long, Long> blockTimes, Instant receiveTime) throws IOException, InterruptedException {
        List<LiquidationEvent.Builder> events = new ArrayList<>();
        Map<String, LiquidationEvent.Builder> byBorrowerInTx = new HashMap<>();
        Map<String, Double> collateralUsdInTx = new HashMap<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (ChainLog log : logs) {
            ChainSpec.Deployment deployment = spec.at(log.address());
            ChainEvent event = ChainEvent.ofTopic0(log.topic0());
            if (deployment == null || event == null || !deployment.events().contains(event)) {
                deadLetters.add(dead(log, RejectReason.UNKNOWN_VALUE, "not a configured liquidation event of " + log.address()));
                continue;
            }
            try {
                Map<String, Object> v = event.decode(log);
                Long blockTime = blockTimes.get(log.blockNumber());
                if (blockTime == null) {
                    throw new IllegalArgumentException("no time for block " + log.blockNumber());
                }
                Context c = new Context(log, deployment, Instant.ofEpochSecond(blockTime), receiveTime);
                switch (event) {
                    case LIQUIDATION_CALL -> {
                        String borrower = (String) v.get("user");
                        add(events, byBorrowerInTx, c.key(borrower), aave(c, v, borrower));
                    }
                    case DEFICIT_CREATED -> {
                        String borrower = (String) v.get("user");
                        LiquidationEvent.Builder liquidation = byBorrowerInTx.get(c.key(borrower));
                        if (liquidation == null) {
                            deadLetters.add(dead(log, RejectReason.MISSING_VALUE, "bad debt without a liquidation of " + borrower + " in its transaction"));
                            continue;
                        }
                        Tokens.Token debt = tokens.of((String) v.get("debtAsset"), log.blockNumber());
                        double usd = debt.amount((BigInteger) v.get("amountCreated")) * price(c, debt).usd();
                        liquidation.setBadDebtUsd(plus(liquidation.getBadDebtUsd(), usd));
                    }
                    case ABSORB_COLLATERAL -> {
                        String borrower = (String) v.get("borrower");
                        Tokens.Token collateral = tokens.of((String) v.get("asset"), log.blockNumber());
                        double quantity = collateral.amount((BigInteger) v.get("collateralAbsorbed"));
                        double usd = usd8((BigInteger) v.get("usdValue"));
                        add(events, byBorrowerInTx, c.key(borrower), c.builder(collateral.asset(), PositionSide.LONG, quantity, usd,
                                PriceKind.ORACLE).setInstrument(collateral.symbol()).setCollateralAsset(collateral.asset())
                                .setBorrower(borrower).setLiquidator((String) v.get("absorber")));
                        collateralUsdInTx.merge(c.key(borrower), usd, Double::sum);
                    }
                    case ABSORB_DEBT -> {
                        String borrower = (String) v.get("borrower");
                        LiquidationEvent.Builder liquidation = byBorrowerInTx.get(c.key(borrower));
                        double shortfall = usd8((BigInteger) v.get("usdValue")) - collateralUsdInTx.getOrDefault(c.key(borrower), 0.0);
                        if (liquidation == null) {
                            deadLetters.add(dead(log, RejectReason.MISSING_VALUE, "debt absorbed without collateral of " + borrower + " in its transaction"));
                            continue;
                        }
                        if (shortfall > 0) {
                            liquidation.setBadDebtUsd(plus(liquidation.getBadDebtUsd(), shortfall));
                        }
                    }
                    case BARK -> add(events, byBorrowerInTx, c.key((String) v.get("urn")), maker(c, v));
                    case MORPHO_LIQUIDATE -> add(events, byBorrowerInTx, c.key((String) v.get("borrower")), morpho(c, v));
                }
            } catch (IllegalArgumentException e) {
                deadLetters.add(dead(log, RejectReason.MALFORMED_MESSAGE, e.getMessage()));
            } catch (Unpriced | Tokens.NotAToken e) {
                deadLetters.add(dead(log, RejectReason.MISSING_VALUE, e.getMessage()));
            }
        }
        return new Result(events.stream().map(LiquidationEvent.Builder::build).toList(), deadLetters);
    }

    /** An event, and the one that bad debt later in the transaction joins (the borrower's last). */
    private static void add(List<LiquidationEvent.Builder> events, Map<String, LiquidationEvent.Builder> byBorrowerInTx,
            String key, LiquidationEvent.Builder event) {
        events.add(event);
        byBorrowerInTx.put(key, event);
    }

    private LiquidationEvent.Builder aave(Context c, Map<String, Object> v, String borrower)
            throws IOException, InterruptedException, Unpriced {
        long block = c.log.blockNumber();
        Tokens.Token collateral = tokens.of((String) v.get("collateralAsset"), block);
        Tokens.Token debt = tokens.of((String) v.get("debtAsset"), block);
        double seized = collateral.amount((BigInteger) v.get("liquidatedCollateralAmount"));
        double repaid = debt.amount((BigInteger) v.get("debtToCover"));
        boolean shortDebt = collateral.stable() && !debt.stable();
        Priced price = shortDebt ? price(c, debt) : price(c, collateral);
        Tokens.Token base = shortDebt ? debt : collateral;
        double quantity = shortDebt ? repaid : seized;
        return c.builder(base.asset(), shortDebt ? PositionSide.SHORT : PositionSide.LONG, quantity, quantity * price.usd(), price.kind())
                .setInstrument(collateral.symbol() + "/" + debt.symbol())
                .setCollateralAsset(collateral.asset()).setDebtAsset(debt.asset())
                .setBorrower(borrower).setLiquidator((String) v.get("liquidator"));
    }

    /**
     * Maker: {@code ink} collateral (18 decimals in the Vat) of the collateral type named by {@code ilk}
     * ({@code ETH-A}: ETH), {@code due} the debt to cover with the penalty (45 decimals, DAI as USD). There is no price
     * in the event: the price is the debt per unit of collateral (UNKNOWN).
     */
    private LiquidationEvent.Builder maker(Context c, Map<String, Object> v) {
        String ilk = new String((byte[]) v.get("ilk"), StandardCharsets.US_ASCII).replace("\0", "").trim();
        String gem = ilk.contains("-") ? ilk.substring(0, ilk.lastIndexOf('-')) : ilk;
        Tokens.Token collateral = Tokens.withAsset(null, gem, 18);
        double quantity = new BigDecimal((BigInteger) v.get("ink")).divide(WAD).doubleValue();
        double usd = new BigDecimal((BigInteger) v.get("due")).divide(RAD).doubleValue();
        return c.builder(collateral.asset(), PositionSide.LONG, quantity, usd, PriceKind.UNKNOWN)
                .setInstrument(ilk).setCollateralAsset(collateral.asset()).setDebtAsset("DAI")
                .setBorrower((String) v.get("urn"));
    }

    /** Morpho Blue: the market's tokens from {@code idToMarketParams(id)}, valued at the mark oracle. */
    private LiquidationEvent.Builder morpho(Context c, Map<String, Object> v) throws IOException, InterruptedException, Unpriced {
        long block = c.log.blockNumber();
        byte[] params = Numeric.hexStringToByteArray(rpc.call(c.log.address(), ID_TO_MARKET_PARAMS
                + Numeric.toHexStringNoPrefix((byte[]) v.get("id")), block));
        if (params.length < 64) {
            throw new IllegalArgumentException("Morpho market " + Numeric.toHexString((byte[]) v.get("id")) + " has no parameters");
        }
        Tokens.Token loan = tokens.of(addressAt(params, 0), block);
        Tokens.Token collateral = tokens.of(addressAt(params, 1), block);
        boolean shortDebt = collateral.stable() && !loan.stable();
        Tokens.Token base = shortDebt ? loan : collateral;
        double quantity = shortDebt ? loan.amount((BigInteger) v.get("repaidAssets")) : collateral.amount((BigInteger) v.get("seizedAssets"));
        Priced price = price(c, base);
        LiquidationEvent.Builder builder = c.builder(base.asset(), shortDebt ? PositionSide.SHORT : PositionSide.LONG, quantity,
                        quantity * price.usd(), price.kind())
                .setInstrument(collateral.symbol() + "/" + loan.symbol())
                .setCollateralAsset(collateral.asset()).setDebtAsset(loan.asset())
                .setBorrower((String) v.get("borrower")).setLiquidator((String) v.get("caller"));
        BigInteger badDebt = (BigInteger) v.get("badDebtAssets");
        if (badDebt.signum() > 0) {
            builder.setBadDebtUsd(loan.amount(badDebt) * price(c, loan).usd());
        }
        return builder;
    }

    private static String addressAt(byte[] words, int index) {
        return Numeric.toHexString(Arrays.copyOfRange(words, 32 * index + 12, 32 * index + 32));
    }

    /** The token's USD price at the log's block: the protocol's oracle, else the mark oracle, else 1 for a dollar token. */
    private Priced price(Context c, Tokens.Token token) throws IOException, InterruptedException, Unpriced {
        long block = c.log.blockNumber();
        String oracle = c.deployment.oracle();
        if (oracle != null) {
            BigInteger price = oraclePrice(oracle, token.address(), block);
            String usdToken = c.deployment.oracleUsdToken();
            BigInteger perUsd = usdToken == null ? null : oraclePrice(oracle, usdToken, block);
            if (price != null && usdToken == null) {
                return new Priced(usd8(price), PriceKind.ORACLE);
            }
            if (price != null && perUsd != null) {
                return new Priced(new BigDecimal(price).divide(new BigDecimal(perUsd), MathContext.DECIMAL64).doubleValue(),
                        PriceKind.ORACLE);
            }
        }
        if (spec.markOracle() != null) {
            BigInteger price = oraclePrice(spec.markOracle(), token.address(), block);
            if (price != null) {
                return new Priced(usd8(price), PriceKind.MARK);
            }
        }
        if (token.stable()) {
            return new Priced(1.0, PriceKind.MARK);
        }
        throw new Unpriced("no USD price for " + token.symbol() + " (" + token.address() + ") at block " + c.log.blockNumber());
    }

    /** {@code getAssetPrice(token)} of an Aave-style oracle as of a block; null where it has no price. */
    private BigInteger oraclePrice(String oracle, String token, long block) throws InterruptedException {
        try {
            byte[] answer = Numeric.hexStringToByteArray(rpc.call(oracle, GET_ASSET_PRICE
                    + Numeric.toHexStringNoPrefixZeroPadded(Numeric.toBigInt(token), 64), block));
            if (answer.length < 32) {
                return null;
            }
            BigInteger price = new BigInteger(1, Arrays.copyOf(answer, 32));
            return price.signum() > 0 ? price : null;
        } catch (IOException reverted) {
            return null;
        }
    }

    private static double usd8(BigInteger value) {
        return new BigDecimal(value).divide(USD_8).doubleValue();
    }

    private static Double plus(Double a, double b) {
        return a == null ? b : a + b;
    }

    private DeadLetter dead(ChainLog log, RejectReason reason, String detail) {
        return new DeadLetter(spec.chain() + " " + log.address() + " block " + log.blockNumber(), reason, detail, log.toString());
    }

    /** No USD price for a token. */
    private static final class Unpriced extends Exception {
        Unpriced(String message) {
            super(message);
        }
    }

    /** One log's place: its deployment, block time, and the builder every event of it starts from. */
    private final class Context {
        final ChainLog log;
        final ChainSpec.Deployment deployment;
        final Instant blockTime;
        final Instant receiveTime;

        Context(ChainLog log, ChainSpec.Deployment deployment, Instant blockTime, Instant receiveTime) {
            this.log = log;
            this.deployment = deployment;
            this.blockTime = blockTime;
            this.receiveTime = receiveTime;
        }

        /** A borrower within this log's transaction. */
        String key(String borrower) {
            return log.txHash() + ":" + borrower;
        }

        LiquidationEvent.Builder builder(String asset, PositionSide side, double quantity, double usd, PriceKind kind) {
            return LiquidationEvent.newBuilder()
                    .setEventId(log.eventId(spec.chain()))
                    .setVenue(deployment.protocol())
                    .setVenueType(VenueType.DEFI)
                    .setBaseAsset(asset)
                    .setQuoteAsset("USD")
                    .setLiquidatedSide(side)
                    .setPrice(quantity > 0 ? usd / quantity : 0)
                    .setPriceKind(kind)
                    .setQuantityBase(quantity)
                    .setNotionalUsd(usd)
                    .setEventTime(blockTime)
                    .setReceiveTime(receiveTime.isBefore(blockTime) ? blockTime : receiveTime)
                    .setSampled(false)
                    .setChain(spec.chain())
                    .setProtocol(deployment.protocol())
                    .setTxHash(log.txHash())
                    .setLogIndex(log.logIndex())
                    .setBlockNumber(log.blockNumber());
        }
    }
}
