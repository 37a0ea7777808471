package io.cascaderadar.jobs.history;

import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.history.aave.AaveV2SubgraphLiquidations;
import io.cascaderadar.connectors.history.binance.BinanceForceOrderRecorderCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.replay.RawRecordings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every history format {@code radar import} knows, by its command-line name, in the order of the help. */
public final class HistoryFormats {

    private HistoryFormats() {}

    /** The formats, their records checked by {@code rules} against {@code now}. */
    public static Map<String, HistoryFormat> all(InputRules rules, Instant now) {
        List<HistoryFormat> formats = List.of(
                HistoryFormat.csv("aave-v2-subgraph", "Aave v2 subgraph liquidationCalls: a LONG of the collateral"
                        + " (or a SHORT of the debt when the collateral is a stablecoin), USD at the subgraph's reserve"
                        + " prices; no transaction hash, so the id hashes borrower, time and amounts",
                        new AaveV2SubgraphLiquidations(rules, now)),
                HistoryFormat.csv("binance-forceorder-csv", "tutorial recorders' Binance USD-M forceOrder CSV: sampled"
                        + " (at most one per symbol and second), filled quantity at the average price",
                        new BinanceForceOrderRecorderCsv(rules, now)),
                RawRecordings.format());
        Map<String, HistoryFormat> byId = new LinkedHashMap<>();
        formats.forEach(f -> byId.put(f.id(), f));
        return byId;
    }
}
