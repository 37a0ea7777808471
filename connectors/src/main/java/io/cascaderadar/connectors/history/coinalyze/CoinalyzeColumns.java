package io.cascaderadar.connectors.history.coinalyze;

import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.connectors.history.BucketRecords.Market;
import io.cascaderadar.connectors.history.ExchangeNames;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value columns of a Coinalyze wide export: every column but {@code t}, named as a common exporter renames the
 * API's symbols, {@code <base>/<quote> - <exchange>} (Coinalyze's exchange name), with {@code _long} or
 * {@code _short} after it in liquidation exports. When an exchange lists two markets of one pair (Kraken's and
 * Phemex's inverse and linear BTC/USD) the exporter gives both the same name and nothing in the file says which is
 * which: the second keeps its place as instrument {@code BTC/USD #2}, so that the two are never merged.
 */
final class CoinalyzeColumns {

    static final String TIME = "t";

    private static final Pattern NAME = Pattern.compile("([^/ ]+)/([^/ ]+) - (.+?)(_long|_short)?");

    /** A value column: its position, its name, the market it is of and, in liquidation exports, the side. */
    record Column(int position, String name, Market market, PositionSide side) {}

    private CoinalyzeColumns() {}

    static List<Column> of(List<String> header) throws Rejection {
        List<Column> columns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int position = 0; position < header.size(); position++) {
            String name = header.get(position);
            if (name.equals(TIME)) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new Rejection(RejectReason.UNKNOWN_VALUE,
                        "column '" + name + "' is not '<base>/<quote> - <exchange>' (with _long or _short for liquidations)");
            }
            int occurrence = seen.merge(name, 1, Integer::sum);
            String base = m.group(1).toUpperCase(Locale.ROOT);
            String quote = m.group(2).toUpperCase(Locale.ROOT);
            String instrument = base + "/" + quote + (occurrence > 1 ? " #" + occurrence : "");
            Market market = new Market(ExchangeNames.venue(m.group(3), quote), instrument, base, quote);
            PositionSide side = m.group(4) == null ? null : m.group(4).equals("_long") ? PositionSide.LONG : PositionSide.SHORT;
            columns.add(new Column(position, name, market, side));
        }
        return columns;
    }
}
