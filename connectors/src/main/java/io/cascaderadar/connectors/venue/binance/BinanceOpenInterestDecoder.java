package io.cascaderadar.connectors.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;

/**
 * Binance futures open interest, from the REST answers the collector polls (Binance pushes none): one JSON object
 * per answer, {@code /fapi/v1/openInterest} on USD-M and {@code /dapi/v1/openInterest} on COIN-M.
 * <ul>
 *   <li>one side of the book ({@code ONE_SIDED});</li>
 *   <li>USD-M {@code openInterest} is in base units (times the unit prefix: {@code 1000PEPEUSDT} counts thousands
 *       of PEPE), and the answer has no USD figure: null;</li>
 *   <li>COIN-M {@code openInterest} is in contracts of a USD face value per instrument ({@link ContractSizes},
 *       from {@code exchangeInfo}: 100 USD for BTC, 10 USD for the others): a USD figure and no base one; the base
 *       asset is that of {@code pair};</li>
 *   <li>the event time is {@code time};</li>
 *   <li>an error answer ({@code {"code": -1121, "msg": "Invalid symbol."}}) is refused with its code and text.</li>
 * </ul>
 */
public final class BinanceOpenInterestDecoder implements WireDecoder {
    private final String venue;
    private final ContractSizes coinMarginedContracts;

    private BinanceOpenInterestDecoder(String venue, ContractSizes coinMarginedContracts) {
        this.venue = venue;
        this.coinMarginedContracts = coinMarginedContracts;
    }

    public static BinanceOpenInterestDecoder usdMargined() {
        return new BinanceOpenInterestDecoder(BinanceForceOrderDecoder.USD_M, null);
    }

    /** COIN-M, whose open interest is in contracts of the USD face value that {@code exchangeInfo} lists per symbol. */
    public static BinanceOpenInterestDecoder coinMargined(ContractSizes contractSizes) {
        return new BinanceOpenInterestDecoder(BinanceForceOrderDecoder.COIN_M, contractSizes);
    }

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode root = WireJson.parse(message);
        if (root.has("code")) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE,
                    "error " + root.get("code").asText() + ": " + root.path("msg").asText());
        }
        String symbol = WireJson.text(root, "symbol");
        double openInterest = WireJson.number(root, "openInterest");
        OpenInterestUpdate.Builder update = OpenInterestUpdate.newBuilder()
                .setVenue(venue)
                .setInstrument(symbol)
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(WireJson.millis(root, "time"));
        if (coinMarginedContracts == null) {
            Symbols.Pair pair = Symbols.concatenated(symbol);
            update.setBaseAsset(pair.base())
                    .setOpenInterestBase(openInterest * pair.unit())
                    .setOpenInterestUsd(null);
        } else {
            update.setBaseAsset(Symbols.concatenated(WireJson.text(root, "pair")).base())
                    .setOpenInterestBase(null)
                    .setOpenInterestUsd(openInterest * coinMarginedContracts.require(symbol));
        }
        return WireRecords.openInterest(List.of(update.build()));
    }
}
