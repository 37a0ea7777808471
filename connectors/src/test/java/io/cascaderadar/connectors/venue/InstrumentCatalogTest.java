package io.cascaderadar.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.binance.BinanceCoinMInstruments;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import io.cascaderadar.connectors.venue.bitmex.BitmexContracts;
import io.cascaderadar.connectors.venue.bitmex.BitmexInstruments;
import io.cascaderadar.connectors.venue.bitmex.BitmexLiquidationDecoder;
import io.cascaderadar.connectors.venue.okx.OkxInstruments;
import io.cascaderadar.connectors.venue.okx.OkxLiquidationDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The venues' instrument listings, written from their documented formats, give the contract sizes their decoders
 * need; the catalog loads them over HTTP and refuses what is not a listing.
 */
class InstrumentCatalogTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00Z");
    private static final URI REST = URI.create("https://localhost");

    static final String OKX_LISTING = """
            {"code":"0","msg":"","data":[
            {"instType":"SWAP","instId":"BTC-USDT-SWAP","ctVal":"0.01","ctValCcy":"BTC","ctType":"linear","settleCcy":"USDT"},
            {"instType":"SWAP","instId":"BTC-USD-SWAP","ctVal":"100","ctValCcy":"USD","ctType":"inverse","settleCcy":"BTC"},
            {"instType":"SWAP","instId":"HALF-USDT-SWAP","ctVal":"","ctType":"linear"}]}""";

    @Test
    void okxCtValIsBaseUnitsForLinearSwapsAndUsdForInverseOnes() throws Exception {
        InstrumentCatalog catalog = OkxInstruments.catalog(REST);
        catalog.learn(OKX_LISTING);
        assertThat(catalog.size()).as("the swap without a ctVal is left out").isEqualTo(2);
        assertThat(catalog.contract("BTC-USDT-SWAP")).isEqualTo(new InstrumentCatalog.Contract(0.01, false));
        assertThat(catalog.contract("BTC-USD-SWAP")).isEqualTo(new InstrumentCatalog.Contract(100, true));
        assertThat(catalog.url()).isEqualTo(URI.create("https://localhost/api/v5/public/instruments?instType=SWAP"));

        LiquidationEvent e = new OkxLiquidationDecoder(catalog).decode("""
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[
                {"bkPx":"60000","posSide":"net","side":"sell","sz":"25","ts":"1775000000123"}],"instId":"BTC-USD-SWAP"}]}""",
                RECEIVED).liquidations().get(0);
        assertThat(e.getNotionalUsd()).isEqualTo(2500.0);
        assertThat(e.getQuantityBase()).isCloseTo(2500 / 60000.0, within(1e-12));
    }

    @Test
    void binanceCoinMExchangeInfoGivesUsdPerContract() throws Exception {
        InstrumentCatalog catalog = BinanceCoinMInstruments.catalog(REST);
        catalog.learn("""
                {"timezone":"UTC","serverTime":1775000000000,"symbols":[
                {"symbol":"BTCUSD_200925","pair":"BTCUSD","contractType":"CURRENT_QUARTER","contractSize":100},
                {"symbol":"ETHUSD_PERP","pair":"ETHUSD","contractType":"PERPETUAL","contractSize":10}]}""");
        assertThat(catalog.contract("ETHUSD_PERP")).isEqualTo(new InstrumentCatalog.Contract(10, true));

        LiquidationEvent e = BinanceForceOrderDecoder.coinMargined(catalog)
                .decode(WireFixtures.messages("binance delivery").get(0), RECEIVED).liquidations().get(0);
        assertThat(e.getNotionalUsd()).isEqualTo(300.0);
        assertThat(e.getQuantityBase()).isCloseTo(300 / 9352.7, within(1e-12));
    }

    @Test
    void bitmexInverseLinearAndQuantoContracts() throws Exception {
        InstrumentCatalog catalog = BitmexInstruments.catalog(REST);
        catalog.learn("""
                [{"symbol":"XBTUSD","isInverse":true,"isQuanto":false,"multiplier":-100000000,"underlyingToSettleMultiplier":100000000},
                 {"symbol":"XBTUSDT","isInverse":false,"isQuanto":false,"multiplier":1,"underlyingToPositionMultiplier":1000000},
                 {"symbol":"ETHUSD","isInverse":false,"isQuanto":true,"multiplier":100}]""");
        assertThat(catalog.contract("XBTUSD")).isEqualTo(new InstrumentCatalog.Contract(1, true));
        assertThat(catalog.contract("XBTUSDT").size()).isCloseTo(0.000001, within(1e-18));
        assertThat(catalog.contract("ETHUSD")).as("quanto: neither unit").isNull();

        BitmexLiquidationDecoder decoder = new BitmexLiquidationDecoder(BitmexContracts.of(catalog));
        LiquidationEvent e = decoder.decode(WireFixtures.messages("bitmex").get(0), RECEIVED).liquidations().get(0);
        assertThat(e.getNotionalUsd()).as("9,214 XBTUSD contracts of 1 USD").isEqualTo(9214.0);
        assertThat(WireFixtures.rejectionOf(decoder, """
                {"table":"liquidation","action":"insert","data":[{"orderID":"q","symbol":"ETHUSD","side":"Buy","price":2000,"leavesQty":5}]}"""))
                .isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void aMessageThatIsNotAListingIsRefusedAndWhatWasKnownStays() throws Exception {
        InstrumentCatalog catalog = OkxInstruments.catalog(REST);
        catalog.learn(OKX_LISTING);
        String liquidation = WireFixtures.messages("okex-futures").stream().filter(m -> m.contains("liquidation-orders")).findFirst().orElseThrow();
        assertThat(WireFixtures.rejectionOf(catalog.listingDecoder(), liquidation)).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(WireFixtures.rejectionOf(catalog.listingDecoder(), "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(catalog.size()).isEqualTo(2);

        // A later listing adds what is new; an instrument no longer listed is still known, for late messages about it.
        catalog.learn("{\"code\":\"0\",\"data\":[{\"instId\":\"NEW-USDT-SWAP\",\"ctVal\":\"10\",\"ctType\":\"linear\"}]}");
        assertThat(catalog.of("NEW-USDT-SWAP")).isEqualTo(10.0);
        assertThat(catalog.of("BTC-USDT-SWAP")).isEqualTo(0.01);
    }

    @Test
    void loadsTheListingOverHttpAndSaysWhyWhenItCannot() throws Exception {
        HttpServer okx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicReference<String> requested = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        okx.createContext("/", exchange -> {
            requested.set(exchange.getRequestURI().toString());
            byte[] body = (status.get() == 200 ? OKX_LISTING : "{\"code\":\"50001\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        okx.start();
        try {
            InstrumentCatalog catalog = OkxInstruments.catalog(URI.create("http://127.0.0.1:" + okx.getAddress().getPort()));
            assertThat(catalog.loadedWithin(Duration.ofMinutes(1))).isFalse();
            assertThat(catalog.load()).isEqualTo(OKX_LISTING);
            assertThat(requested.get()).isEqualTo("/api/v5/public/instruments?instType=SWAP");
            assertThat(catalog.size()).isEqualTo(2);
            assertThat(catalog.loadedWithin(Duration.ofMinutes(1))).isTrue();

            status.set(503);
            assertThatThrownBy(catalog::load).isInstanceOf(IOException.class).hasMessageContaining("answered 503");
            status.set(200);
            okx.removeContext("/");
            okx.createContext("/", exchange -> {
                byte[] body = "{\"code\":\"0\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            assertThatThrownBy(catalog::load).isInstanceOf(IOException.class).hasMessageContaining("not an instrument listing of okx");
        } finally {
            okx.stop(0);
        }
    }
}
