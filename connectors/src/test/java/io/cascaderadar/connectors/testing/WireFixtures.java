package io.cascaderadar.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/**
 * The recorded wire messages of {@code wire_fixtures/} (read in place), one {@code {test, line, message}} per line:
 * the messages of the tests whose name contains a text, as the venue sent them.
 */
public final class WireFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFixtures() {}

    public static List<String> messages(String testNameContains) {
        try {
            return Files.readAllLines(RecordedData.file("wire_fixtures/tardis_node_mappers_test_liquidation_messages.jsonl")).stream()
                    .map(WireFixtures::tree)
                    .filter(line -> line.path("test").asText().contains(testNameContains))
                    .map(line -> line.get("message").toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a decoder refuses a message; fails the test if it accepts it. */
    public static RejectReason rejectionOf(WireDecoder decoder, String message) {
        try {
            decoder.decode(message, Instant.EPOCH);
        } catch (WireMessageException e) {
            return e.reason();
        }
        throw new AssertionError(decoder.venue() + " accepted: " + message);
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
