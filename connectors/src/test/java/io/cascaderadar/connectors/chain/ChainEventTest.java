package io.cascaderadar.connectors.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Every event's topic0 is keccak256 of its signature, computed here from the signature as the protocols declare it,
 * and equal to the hash DESIGN.md lists; logs laid out word by word as the ABI specifies decode to their values.
 */
class ChainEventTest {

    static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    static String word(BigInteger value) {
        return word(value.toString(16));
    }

    static String address(String address) {
        return "0x" + word(address.substring(2).toLowerCase());
    }

    @Test
    void topic0IsTheKeccakOfEachDeclaredSignature() {
        Map<ChainEvent, String[]> declared = Map.of(
                ChainEvent.LIQUIDATION_CALL, new String[] {"LiquidationCall(address,address,address,uint256,uint256,address,bool)",
                        "0xe413a321e8681d831f4dbccbca790d2952b56f977908e45be37335533e005286"},
                ChainEvent.DEFICIT_CREATED, new String[] {"DeficitCreated(address,address,uint256)",
                        "0x2bccfb3fad376d59d7accf970515eb77b2f27b082c90ed0fb15583dd5a942699"},
                ChainEvent.ABSORB_COLLATERAL, new String[] {"AbsorbCollateral(address,address,address,uint256,uint256)",
                        "0x9850ab1af75177e4a9201c65a2cf7976d5d28e40ef63494b44366f86b2f9412e"},
                ChainEvent.ABSORB_DEBT, new String[] {"AbsorbDebt(address,address,uint256,uint256)",
                        "0x1547a878dc89ad3c367b6338b4be6a65a5dd74fb77ae044da1e8747ef1f4f62f"},
                ChainEvent.BARK, new String[] {"Bark(bytes32,address,uint256,uint256,uint256,address,uint256)",
                        "0x85258d09e1e4ef299ff3fc11e74af99563f022d21f3f940db982229dc2a3358c"},
                ChainEvent.MORPHO_LIQUIDATE, new String[] {"Liquidate(bytes32,address,address,uint256,uint256,uint256,uint256,uint256)",
                        "0xa4946ede45d0c6f06a0f5ce92c9ad3b4751452d2fe0e25010783bcab57a67e41"});
        assertThat(declared).hasSize(ChainEvent.values().length);
        declared.forEach((event, signatureAndHash) -> {
            assertThat(event.signature()).isEqualTo(signatureAndHash[0]);
            assertThat(Hash.sha3String(signatureAndHash[0])).as("keccak256 of " + signatureAndHash[0]).isEqualTo(signatureAndHash[1]);
            assertThat(event.topic0()).isEqualTo(signatureAndHash[1]);
            assertThat(ChainEvent.ofTopic0(signatureAndHash[1])).isEqualTo(event);
        });
    }

    /** An Aave v2 liquidation from the protocol's subgraph export: 0.3309 WETH seized for 639.17 GUSD repaid. */
    static ChainLog aaveLiquidationCall(String txHash, int logIndex, long block) {
        String weth = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
        String gusd = "0x056Fd409E1d7A124BD7017459dFEa2F387b6d5Cd";
        String user = "0x3424b949dbc5d2d2654cb6fc622c4d723b2e8fb4";
        String liquidator = "0x00000000000000000000000000000000000000aa";
        String data = "0x" + word(BigInteger.valueOf(63917)) + word(new BigInteger("330855192754556269"))
                + word(liquidator.substring(2)) + word("0");
        return new ChainLog("0x7d2768dE32b0b80b7a3454c06BdAc94A69DDc7A9",
                List.of(ChainEvent.LIQUIDATION_CALL.topic0(), address(weth), address(gusd), address(user)), data, block,
                "0x" + word("b1"), txHash, logIndex, false);
    }

    @Test
    void aLiquidationCallLaidOutAsTheAbiSaysDecodesToItsValues() {
        Map<String, Object> v = ChainEvent.LIQUIDATION_CALL.decode(aaveLiquidationCall("0x" + word("a1"), 7, 12_000_000));
        assertThat(v.get("collateralAsset")).isEqualTo("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
        assertThat(v.get("debtAsset")).isEqualTo("0x056fd409e1d7a124bd7017459dfea2f387b6d5cd");
        assertThat(v.get("user")).isEqualTo("0x3424b949dbc5d2d2654cb6fc622c4d723b2e8fb4");
        assertThat(v.get("debtToCover")).isEqualTo(BigInteger.valueOf(63917));
        assertThat(v.get("liquidatedCollateralAmount")).isEqualTo(new BigInteger("330855192754556269"));
        assertThat(v.get("liquidator")).isEqualTo("0x00000000000000000000000000000000000000aa");
        assertThat(v.get("receiveAToken")).isEqualTo(false);
    }

    @Test
    void barkWithItsIndexedAuctionIdAfterTheData() {
        String ethA = "4554482d41" + "0".repeat(54);   // "ETH-A" as bytes32: left-aligned, unlike numbers
        ChainLog log = new ChainLog("0x135954d155898D42C90D2a57824C690e0c7BEf1B",
                List.of(ChainEvent.BARK.topic0(), "0x" + ethA, address("0x00000000000000000000000000000000000000bb"), "0x" + word("2a")),
                "0x" + word(new BigInteger("5000000000000000000")) + word(new BigInteger("4000000000000000000000"))
                        + word(new BigInteger("4520000000000000000000" + "0".repeat(27))) + word("cc"), 1, "0x" + word("b2"),
                "0x" + word("a2"), 0, false);
        Map<String, Object> v = ChainEvent.BARK.decode(log);
        assertThat(new String((byte[]) v.get("ilk")).trim().replace("\0", "")).isEqualTo("ETH-A");
        assertThat(v.get("urn")).isEqualTo("0x00000000000000000000000000000000000000bb");
        assertThat(v.get("ink")).isEqualTo(new BigInteger("5000000000000000000"));
        assertThat(v.get("due")).isEqualTo(new BigInteger("4520000000000000000000" + "0".repeat(27)));
        assertThat(v.get("clip")).isEqualTo("0x00000000000000000000000000000000000000cc");
        assertThat(v.get("id")).isEqualTo(BigInteger.valueOf(42));
    }

    @Test
    void aLogOfAnotherEventOrWithMissingPartsIsRefused() {
        ChainLog call = aaveLiquidationCall("0x" + word("a1"), 7, 1);
        assertThatThrownBy(() -> ChainEvent.BARK.decode(call)).hasMessageContaining("is not Bark(");
        ChainLog fewerTopics = new ChainLog(call.address(), call.topics().subList(0, 3), call.data(), 1, call.blockHash(),
                call.txHash(), 7, false);
        assertThatThrownBy(() -> ChainEvent.LIQUIDATION_CALL.decode(fewerTopics)).hasMessageContaining("3 indexed parameters, the log 2 topics");
        ChainLog shortData = new ChainLog(call.address(), call.topics(), call.data().substring(0, 2 + 64), 1, call.blockHash(),
                call.txHash(), 7, false);
        assertThatThrownBy(() -> ChainEvent.LIQUIDATION_CALL.decode(shortData)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data");
        assertThat(call.eventId("ethereum")).isEqualTo("ethereum:0x" + word("a1") + ":7");
    }
}
