package io.cascaderadar.connectors.venue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A venue's instrument listing from its REST API (OKX {@code /api/v5/public/instruments}, Binance COIN-M
 * {@code exchangeInfo}, BitMEX {@code /instrument/active}): what one contract of each instrument is worth, for the
 * decoders of venues that count in contracts. The collector loads it before its feeds start, records the listing
 * with the frames, and loads it again when a message names an instrument it does not know, such as a new listing
 * (not more often than its setting allows). A replay of raw recordings learns it from the recorded listing, through
 * {@link #listingDecoder()}.
 */
public final class InstrumentCatalog implements ContractSizes {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * One contract: {@code size} is in USD for inverse instruments (quoted and settled against USD face value), in
     * base units for linear ones.
     */
    public record Contract(double size, boolean inverse) {}

    /** Reads a listing; instruments without a contract size of their own (spot, quanto) are left out. */
    @FunctionalInterface
    public interface Listing extends Serializable {
        Map<String, Contract> contracts(JsonNode listing) throws WireMessageException;
    }

    private final String venue;
    private final URI url;
    private final Listing listing;
    private volatile Map<String, Contract> contracts = Map.of();
    private volatile Instant loaded = Instant.EPOCH;
    private transient HttpClient http;

    /** @param url where the listing is served: the venue's, or a mirror's through {@code --endpoint} */
    public InstrumentCatalog(String venue, URI url, Listing listing) {
        this.venue = venue;
        this.url = url;
        this.listing = listing;
    }

    public String venue() {
        return venue;
    }

    public URI url() {
        return url;
    }

    @Override
    public Double of(String instrument) {
        Contract contract = contracts.get(instrument);
        return contract == null ? null : contract.size();
    }

    /** The instrument's contract, or null. */
    public Contract contract(String instrument) {
        return contracts.get(instrument);
    }

    public int size() {
        return contracts.size();
    }

    /**
     * Learns a listing: its instruments are added to those known (an instrument delisted since stays known, so
     * late messages about it still decode).
     *
     * @throws WireMessageException when the text is not a listing of this venue's instruments
     */
    public synchronized void learn(String body) throws WireMessageException {
        Map<String, Contract> listed = listing.contracts(WireJson.parse(body));
        if (listed.isEmpty()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "not an instrument listing of " + venue);
        }
        Map<String, Contract> merged = new HashMap<>(contracts);
        merged.putAll(listed);
        contracts = Map.copyOf(merged);
    }

    /**
     * Fetches the listing and learns it.
     *
     * @return the listing as served, for the raw recording
     * @throws IOException when the venue does not answer with a listing
     */
    public String load() throws IOException, InterruptedException {
        loaded = Instant.now();
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(venue + " instruments: " + url + " answered " + response.statusCode());
        }
        try {
            learn(response.body());
        } catch (WireMessageException e) {
            throw new IOException(venue + " instruments: " + url + ": " + e.getMessage(), e);
        }
        return response.body();
    }

    /** True when the listing was loaded less than {@code period} ago: asking again so soon would not help. */
    public boolean loadedWithin(Duration period) {
        return Duration.between(loaded, Instant.now()).compareTo(period) < 0;
    }

    /** Reads recorded listings into this catalog; any other message is not its own. */
    public WireDecoder listingDecoder() {
        return new WireDecoder() {
            @Override
            public String venue() {
                return venue;
            }

            @Override
            public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
                learn(message);
                return WireRecords.NONE;
            }
        };
    }

    /** A contract size from a listing, which venues give as a number or a numeric string. */
    public static double positive(JsonNode instrument, String field) {
        double value = instrument.path(field).asDouble(Double.NaN);
        return value > 0 ? value : Double.NaN;
    }
}
