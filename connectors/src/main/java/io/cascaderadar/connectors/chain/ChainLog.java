package io.cascaderadar.connectors.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One log as {@code eth_getLogs} returns it: the emitting contract, its topics (topic0 first: the event's
 * signature hash) and data, and where it sits in the chain. Hex strings are lower case with {@code 0x}.
 *
 * @param removed true when the node withdrew it in a reorg
 */
public record ChainLog(String address, List<String> topics, String data, long blockNumber, String blockHash,
        String txHash, int logIndex, boolean removed) {

    public ChainLog {
        address = address.toLowerCase(Locale.ROOT);
        topics = topics.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    public static ChainLog of(Log log) {
        return new ChainLog(log.getAddress(), log.getTopics(), log.getData(), number(log.getBlockNumber()),
                log.getBlockHash(), log.getTransactionHash(), (int) number(log.getLogIndex()), log.isRemoved());
    }

    private static long number(BigInteger value) {
        return value == null ? -1 : value.longValueExact();
    }

    /** The event's signature hash, or null for an anonymous log. */
    public String topic0() {
        return topics.isEmpty() ? null : topics.get(0);
    }

    /** {@code chain:txHash:logIndex}, the id every record of this log carries. */
    public String eventId(String chain) {
        return chain + ":" + txHash.toLowerCase(Locale.ROOT) + ":" + logIndex;
    }
}
