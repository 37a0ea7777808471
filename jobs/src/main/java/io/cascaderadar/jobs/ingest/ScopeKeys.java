package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.VenueType;

/** The keys of scopes: {@code MARKET:ALL}, {@code MARKET:CEX}, {@code MARKET:DEFI}, {@code ASSET:BTC}, {@code VENUE:bybit}. */
public final class ScopeKeys {

    public static final String ALL = "ALL";
    public static final String MARKET_ALL = id(Scope.MARKET, ALL);

    private ScopeKeys() {}

    public static String id(Scope scope, String key) {
        return scope.name() + ':' + key;
    }

    /** The MARKET key of a venue type: CEX or DEFI. */
    public static String marketOf(VenueType type) {
        return type.name();
    }
}
