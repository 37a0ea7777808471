package io.cascaderadar.connectors.csv;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalized liquidations CSV (README, "Input files"):
 * {@code event_time,venue,venue_type,instrument,base_asset,liquidated_side,price,quantity_base,notional_usd,event_id}
 * then optional DeFi columns {@code chain,protocol,tx_hash,log_index,collateral_asset,debt_asset} and optional
 * {@code quote_asset,price_kind,sampled,receive_time,block_number,borrower,liquidator,bad_debt_usd}.
 */
public final class LiquidationCsv extends NormalizedCsvFormat<LiquidationEvent> {

    public static final String NAME = "liquidations";
    public static final List<String> REQUIRED = List.of("event_time", "venue", "venue_type", "instrument",
            "base_asset", "liquidated_side", "price", "quantity_base");
    public static final List<String> HEADER = List.of("event_time", "venue", "venue_type", "instrument",
            "base_asset", "liquidated_side", "price", "quantity_base", "notional_usd", "event_id",
            "chain", "protocol", "tx_hash", "log_index", "collateral_asset", "debt_asset",
            "quote_asset", "price_kind", "sampled", "receive_time", "block_number", "borrower", "liquidator",
            "bad_debt_usd");

    /** @param now the reading time, against which future timestamps are judged */
    public LiquidationCsv(InputRules rules, Instant now) {
        super(NAME, REQUIRED, HEADER, rules, now);
    }

    /** A format for writing only. */
    public static LiquidationCsv writer() {
        return new LiquidationCsv(InputRules.defaults(), Instant.now());
    }

    @Override
    protected LiquidationEvent parse(CsvRow row) throws Rejection {
        Instant eventTime = row.time("event_time");
        String venue = row.text("venue");
        String instrument = row.text("instrument");
        PositionSide side = row.enumValue("liquidated_side", PositionSide.class);
        double price = row.number("price");
        double quantity = row.number("quantity_base");
        Double notional = row.optionalNumber("notional_usd");
        String chain = row.optionalText("chain");
        String txHash = row.optionalText("tx_hash");
        Long logIndex = row.optionalLong("log_index");
        Instant receiveTime = row.optionalTime("receive_time");
        Long blockNumber = row.optionalLong("block_number");
        String eventId = row.optionalText("event_id");
        if (eventId == null) {
            eventId = txHash != null && logIndex != null
                    ? (chain == null ? venue : chain) + ":" + txHash + ":" + logIndex
                    : venue + ":" + StableId.hash(instrument, eventTime.toEpochMilli(), side, price, quantity);
        }
        return LiquidationEvent.newBuilder()
                .setEventId(eventId)
                .setVenue(venue)
                .setVenueType(row.enumValue("venue_type", VenueType.class))
                .setInstrument(instrument)
                .setBaseAsset(row.text("base_asset"))
                .setQuoteAsset(row.optionalText("quote_asset"))
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(row.optionalEnum("price_kind", PriceKind.class, PriceKind.UNKNOWN))
                .setQuantityBase(quantity)
                .setNotionalUsd(notional != null ? notional : price * quantity)
                .setEventTime(eventTime)
                .setReceiveTime(receiveTime != null ? receiveTime : eventTime)
                .setSampled(row.optionalBoolean("sampled", false))
                .setChain(chain)
                .setProtocol(row.optionalText("protocol"))
                .setTxHash(txHash)
                .setLogIndex(logIndex == null ? null : Math.toIntExact(logIndex))
                .setBlockNumber(blockNumber)
                .setCollateralAsset(row.optionalText("collateral_asset"))
                .setDebtAsset(row.optionalText("debt_asset"))
                .setBorrower(row.optionalText("borrower"))
                .setLiquidator(row.optionalText("liquidator"))
                .setBadDebtUsd(row.optionalNumber("bad_debt_usd"))
                .build();
    }

    @Override
    protected void check(LiquidationEvent event) throws Rejection {
        rules.check(event, now);
    }

    @Override
    public List<String> toRow(LiquidationEvent e) {
        List<String> f = new ArrayList<>(HEADER.size());
        f.add(Timestamps.format(e.getEventTime()));
        f.add(e.getVenue());
        f.add(e.getVenueType().name());
        f.add(e.getInstrument());
        f.add(e.getBaseAsset());
        f.add(e.getLiquidatedSide().name());
        f.add(Double.toString(e.getPrice()));
        f.add(Double.toString(e.getQuantityBase()));
        f.add(Double.toString(e.getNotionalUsd()));
        f.add(e.getEventId());
        f.add(e.getChain());
        f.add(e.getProtocol());
        f.add(e.getTxHash());
        f.add(e.getLogIndex() == null ? null : e.getLogIndex().toString());
        f.add(e.getCollateralAsset());
        f.add(e.getDebtAsset());
        f.add(e.getQuoteAsset());
        f.add(e.getPriceKind().name());
        f.add(Boolean.toString(e.getSampled()));
        f.add(e.getReceiveTime().equals(e.getEventTime()) ? null : Timestamps.format(e.getReceiveTime()));
        f.add(e.getBlockNumber() == null ? null : e.getBlockNumber().toString());
        f.add(e.getBorrower());
        f.add(e.getLiquidator());
        f.add(e.getBadDebtUsd() == null ? null : e.getBadDebtUsd().toString());
        return f;
    }
}
