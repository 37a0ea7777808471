package io.cascaderadar.connectors.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain the collector reads and the protocol deployments on it, from configuration: the shipped
 * {@code deployments.json} (Ethereum mainnet, the real addresses) or a file of the same shape for other chains
 * (Arbitrum, Base, ...): {@code {"<chain>": {"chainId", "confirmations", "markOracle", "deployments": [{"protocol",
 * "address", "oracle", "oracleUsdToken", "events": [...]}]}}}.
 *
 * @param confirmations how many blocks a block must have on top of it before it is read: reorgs shallower than
 *     this never reach the records
 * @param markOracle an Aave-style oracle ({@code getAssetPrice(address)}, USD with 8 decimals) that prices tokens
 *     for the protocols without an oracle of their own
 */
public record ChainSpec(String chain, long chainId, int confirmations, String markOracle, List<Deployment> deployments) {

    /**
     * One protocol's contract on the chain.
     *
     * @param oracle the protocol's own price oracle (Aave-style {@code getAssetPrice(address)}), or null
     * @param oracleUsdToken null where the oracle prices in USD with 8 decimals; else a dollar token the oracle prices
     *     in the same unit as the others (Aave v2's oracle prices in ETH: a token's USD price is its price over
     *     USDC's)
     */
    public record Deployment(String protocol, String address, String oracle, String oracleUsdToken, List<ChainEvent> events) {
        public Deployment {
            address = address.toLowerCase(Locale.ROOT);
            oracle = oracle == null ? null : oracle.toLowerCase(Locale.ROOT);
            oracleUsdToken = oracleUsdToken == null ? null : oracleUsdToken.toLowerCase(Locale.ROOT);
            events = List.copyOf(events);
        }
    }

    public ChainSpec {
        deployments = List.copyOf(deployments);
        markOracle = markOracle == null ? null : markOracle.toLowerCase(Locale.ROOT);
    }

    /** The deployment at an address, or null. */
    public Deployment at(String address) {
        for (Deployment d : deployments) {
            if (d.address().equalsIgnoreCase(address)) {
                return d;
            }
        }
        return null;
    }

    public List<String> addresses() {
        return deployments.stream().map(Deployment::address).toList();
    }

    public List<String> topic0s() {
        return deployments.stream().flatMap(d -> d.events().stream()).distinct().map(ChainEvent::topic0).toList();
    }

    /** The shipped chains. */
    public static Map<String, ChainSpec> defaults() {
        try (InputStream in = ChainSpec.class.getResourceAsStream("deployments.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chains of a configuration file. */
    public static Map<String, ChainSpec> fromFile(Path file) throws IOException {
        return parse(new ObjectMapper().readTree(Files.readString(file)));
    }

    private static Map<String, ChainSpec> parse(JsonNode root) {
        Map<String, ChainSpec> chains = new LinkedHashMap<>();
        root.fields().forEachRemaining(chain -> {
            JsonNode c = chain.getValue();
            List<Deployment> deployments = new ArrayList<>();
            for (JsonNode d : c.path("deployments")) {
                List<ChainEvent> events = new ArrayList<>();
                d.path("events").forEach(e -> events.add(ChainEvent.valueOf(e.asText())));
                deployments.add(new Deployment(required(d, "protocol"), required(d, "address"), optional(d, "oracle"),
                        optional(d, "oracleUsdToken"), events));
            }
            chains.put(chain.getKey(), new ChainSpec(chain.getKey(), c.path("chainId").asLong(), c.path("confirmations").asInt(12),
                    optional(c, "markOracle"), deployments));
        });
        return chains;
    }

    private static String optional(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("a deployment without '" + field + "': " + node);
        }
        return node.get(field).asText();
    }
}
