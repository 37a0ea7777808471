package io.cascaderadar.jobs.signals;

import java.util.HashMap;
import java.util.Map;

/**
 * Prices of one asset's instruments (key {@code venue|instrument}) with their times: the latest known of each, or
 * what arrived for one minute before the watermark passed it. A Flink POJO.
 */
public class PriceBook {
    public Map<String, Double> prices = new HashMap<>();
    public Map<String, Long> times = new HashMap<>();

    public PriceBook() {}

    /** Keeps the later of two prices of an instrument; of two at the same time, the one that arrived last. */
    void offer(String instrument, double price, long time) {
        Long known = times.get(instrument);
        if (known == null || time >= known) {
            prices.put(instrument, price);
            times.put(instrument, time);
        }
    }

    void mergeFrom(PriceBook minute) {
        minute.prices.forEach((instrument, price) -> offer(instrument, price, minute.times.get(instrument)));
    }

    /** Forgets instruments not updated since {@code oldest}. */
    void dropOlderThan(long oldest) {
        times.entrySet().removeIf(e -> {
            boolean stale = e.getValue() < oldest;
            if (stale) {
                prices.remove(e.getKey());
            }
            return stale;
        });
    }

    double median() {
        double[] sorted = prices.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
