package io.cascaderadar.connectors.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;

/**
 * The liquidation events of the lending protocols, as their contracts declare them: the names and Solidity types of
 * the parameters in order, which are indexed (in topics) and which are in the data. Aave v2 and SparkLend (an Aave v3
 * fork) emit Aave v3's {@code LiquidationCall}.
 */
public enum ChainEvent {
    /** Aave v3 Pool (also v2, SparkLend). */
    LIQUIDATION_CALL("LiquidationCall", indexed("address", "collateralAsset"), indexed("address", "debtAsset"),
            indexed("address", "user"), value("uint256", "debtToCover"), value("uint256", "liquidatedCollateralAmount"),
            value("address", "liquidator"), value("bool", "receiveAToken")),
    /** Aave v3.3+ Pool: debt left without collateral, written off as bad debt. */
    DEFICIT_CREATED("DeficitCreated", indexed("address", "user"), indexed("address", "debtAsset"),
            value("uint256", "amountCreated")),
    /** Compound v3 Comet: collateral taken from an underwater account, with its USD value (8 decimals). */
    ABSORB_COLLATERAL("AbsorbCollateral", indexed("address", "absorber"), indexed("address", "borrower"),
            indexed("address", "asset"), value("uint256", "collateralAbsorbed"), value("uint256", "usdValue")),
    /** Compound v3 Comet: the base-asset debt absorbed, with its USD value (8 decimals). */
    ABSORB_DEBT("AbsorbDebt", indexed("address", "absorber"), indexed("address", "borrower"),
            value("uint256", "basePaidOut"), value("uint256", "usdValue")),
    /** Maker/Sky Dog: a vault sent to auction ({@code ink} collateral and {@code due} debt with penalty). */
    BARK("Bark", indexed("bytes32", "ilk"), indexed("address", "urn"), value("uint256", "ink"), value("uint256", "art"),
            value("uint256", "due"), value("address", "clip"), indexed("uint256", "id")),
    /** Morpho Blue v1.0.0, the deployed event with bad debt (8 parameters). */
    MORPHO_LIQUIDATE("Liquidate", indexed("bytes32", "id"), indexed("address", "caller"), indexed("address", "borrower"),
            value("uint256", "repaidAssets"), value("uint256", "repaidShares"), value("uint256", "seizedAssets"),
            value("uint256", "badDebtAssets"), value("uint256", "badDebtShares"));

    /** One declared parameter. */
    public record Parameter(String type, String name, boolean indexed) {}

    private final String name;
    private final List<Parameter> parameters;
    private final Event event;
    private final String topic0;

    ChainEvent(String name, Parameter... parameters) {
        this.name = name;
        this.parameters = List.of(parameters);
        List<TypeReference<?>> types = new ArrayList<>();
        for (Parameter p : parameters) {
            types.add(reference(p));
        }
        this.event = new Event(name, types);
        this.topic0 = EventEncoder.encode(event);
    }

    private static Parameter indexed(String type, String name) {
        return new Parameter(type, name, true);
    }

    private static Parameter value(String type, String name) {
        return new Parameter(type, name, false);
    }

    private static TypeReference<?> reference(Parameter p) {
        try {
            return TypeReference.makeTypeReference(p.type(), p.indexed(), false);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no ABI type " + p.type(), e);
        }
    }

    /** {@code LiquidationCall(address,address,address,uint256,uint256,address,bool)}. */
    public String signature() {
        return name + "(" + String.join(",", parameters.stream().map(Parameter::type).toList()) + ")";
    }

    /** keccak256 of the signature, the log's first topic. */
    public String topic0() {
        return topic0;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters' values by name: addresses as lower-case hex, integers as {@link java.math.BigInteger}, bytes32
     * as {@code byte[]}, booleans as {@link Boolean}.
     *
     * @throws IllegalArgumentException when the log is not this event (another topic0, too few topics, short data)
     */
    public Map<String, Object> decode(ChainLog log) {
        if (!topic0.equals(log.topic0())) {
            throw new IllegalArgumentException("log topic0 " + log.topic0() + " is not " + signature());
        }
        long indexedCount = parameters.stream().filter(Parameter::indexed).count();
        if (log.topics().size() != indexedCount + 1) {
            throw new IllegalArgumentException(signature() + " has " + indexedCount + " indexed parameters, the log "
                    + (log.topics().size() - 1) + " topics");
        }
        List<Type> values;
        try {
            values = FunctionReturnDecoder.decode(log.data(), event.getNonIndexedParameters());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(signature() + ": the log's data does not decode: " + e.getMessage(), e);
        }
        if (values.size() != parameters.size() - indexedCount) {
            throw new IllegalArgumentException(signature() + ": the log's data holds " + values.size() + " values");
        }
        Map<String, Object> decoded = new LinkedHashMap<>();
        int topic = 1;
        int value = 0;
        List<TypeReference<Type>> indexedTypes = event.getIndexedParameters();
        for (Parameter p : parameters) {
            Type<?> v = p.indexed()
                    ? FunctionReturnDecoder.decodeIndexedValue(log.topics().get(topic), indexedTypes.get(topic++ - 1))
                    : values.get(value++);
            decoded.put(p.name(), v.getValue() instanceof String s ? s.toLowerCase(Locale.ROOT) : v.getValue());
        }
        return decoded;
    }

    /** The event of a topic0 among these, or null. */
    public static ChainEvent ofTopic0(String topic0) {
        for (ChainEvent e : values()) {
            if (e.topic0.equals(topic0)) {
                return e;
            }
        }
        return null;
    }
}
