package io.cascaderadar.jobs.testing;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.VenueType;
import java.time.Instant;

/** Liquidations for tests. */
public final class Events {
    private static long counter;

    private Events() {}

    public static LiquidationEvent liquidation(String venue, String asset, long time, double usd, boolean longSide) {
        return LiquidationEvent.newBuilder()
                .setEventId(venue + ":test-" + (++counter))
                .setVenue(venue)
                .setVenueType(venue.startsWith("aave") ? VenueType.DEFI : VenueType.CEX)
                .setInstrument(asset + "USDT")
                .setBaseAsset(asset)
                .setLiquidatedSide(longSide ? PositionSide.LONG : PositionSide.SHORT)
                .setPrice(100)
                .setQuantityBase(usd / 100)
                .setNotionalUsd(usd)
                .setEventTime(Instant.ofEpochMilli(time))
                .setReceiveTime(Instant.ofEpochMilli(time))
                .build();
    }
}
