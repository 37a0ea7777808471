package io.cascaderadar.connectors.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.avro.LiquidationEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * How far a chain has been read: the last block read and its hash, and the recent blocks read (their hashes, and
 * the events published from each), so that a reorg can be found (a remembered hash the node no longer has) and the
 * events of the orphaned blocks retracted. Kept in a small JSON file, replaced atomically after every batch the
 * sink has taken.
 *
 * @param block the last block read, -1 before the first
 * @param recent the recent blocks read that had events, and the last block of each batch
 */
public record ChainCursor(String chain, long block, String hash, NavigableMap<Long, SeenBlock> recent) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A block read: its hash then, and what was published from it. */
    public record SeenBlock(long number, String hash, List<LiquidationEvent> events) {}

    public static ChainCursor start(String chain, long fromBlock) {
        return new ChainCursor(chain, fromBlock - 1, null, new TreeMap<>());
    }

    /** The cursor in {@code file}, or null where there is none. */
    public static ChainCursor load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root = JSON.readTree(file.toFile());
        TreeMap<Long, SeenBlock> recent = new TreeMap<>();
        SpecificDatumReader<LiquidationEvent> reader = new SpecificDatumReader<>(LiquidationEvent.class);
        for (JsonNode b : root.path("recent")) {
            List<LiquidationEvent> events = new ArrayList<>();
            for (JsonNode e : b.path("events")) {
                events.add(reader.read(null,
                        DecoderFactory.get().jsonDecoder(LiquidationEvent.getClassSchema(), e.asText())));
            }
            recent.put(b.get("number").asLong(), new SeenBlock(b.get("number").asLong(), b.get("hash").asText(), events));
        }
        return new ChainCursor(root.get("chain").asText(), root.get("block").asLong(),
                root.hasNonNull("hash") ? root.get("hash").asText() : null, recent);
    }

    /** Writes the cursor to {@code file}: a reader sees the old one or the new one, never half of one. */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("chain", chain).put("block", block).put("hash", hash);
        ArrayNode blocks = root.putArray("recent");
        SpecificDatumWriter<LiquidationEvent> writer = new SpecificDatumWriter<>(LiquidationEvent.class);
        for (SeenBlock b : recent.values()) {
            ArrayNode events = blocks.addObject().put("number", b.number()).put("hash", b.hash()).putArray("events");
            for (LiquidationEvent e : b.events()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                JsonEncoder encoder = EncoderFactory.get().jsonEncoder(LiquidationEvent.getClassSchema(), out);
                writer.write(e, encoder);
                encoder.flush();
                events.add(out.toString(StandardCharsets.UTF_8));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
