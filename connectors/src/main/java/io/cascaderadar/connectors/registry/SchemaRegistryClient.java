package io.cascaderadar.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.tls.TrustStores;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (served by Confluent, Apicurio Registry under
 * {@code /apis/ccompat/v7}, Karapace, Redpanda): register, look up by id and by subject, compatibility.
 * Schemas by id and ids by subject and schema are cached, so that after the first record of a schema the hot
 * path never does I/O. Thread-safe. Requests are retried twice (0.2 s, then 0.4 s) when the registry does not
 * answer or answers 5xx; every other failure is a {@link SchemaRegistryException} at once.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A schema under a subject: the key of the id cache. */
    private record SubjectSchema(String subject, Schema schema) {}

    /** A subject's version of a schema. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {}

    private final RegistryConfig config;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(config.timeout());
        if (config.truststoreLocation() != null) {
            http.sslContext(TrustStores.sslContext("schema registry", config.truststoreLocation(),
                    config.truststorePassword(), config.truststoreType()));
        }
        this.http = http.build();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Registers a schema under a subject (a no-op for the registry if it is there) and returns its id. */
    public int register(String subject, Schema schema) throws SchemaRegistryException {
        return id(subject, schema, "/subjects/" + encode(subject) + "/versions",
                "registering a schema under subject '" + subject + "'");
    }

    /** The id of a schema already registered under a subject, without registering it. */
    public int idOf(String subject, Schema schema) throws SchemaRegistryException {
        return id(subject, schema, "/subjects/" + encode(subject), "looking up a schema under subject '" + subject + "'");
    }

    private int id(String subject, Schema schema, String path, String what) throws SchemaRegistryException {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubject.get(key);
        if (cached != null) {
            return cached;
        }
        int id = send("POST", path, schemaBody(schema), what).get("id").asInt();
        idsBySubject.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The schema of an id: ids never change their schema, so each is fetched once. */
    public Schema schemaById(int id) throws SchemaRegistryException {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
        Schema schema = parse(answer.get("schema").asText(), "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    /** The latest version under a subject (not cached: it changes when a schema is registered). */
    public RegisteredSchema latest(String subject) throws SchemaRegistryException {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
                "reading the latest version of subject '" + subject + "'");
        return new RegisteredSchema(subject, answer.get("version").asInt(), answer.get("id").asInt(),
                parse(answer.get("schema").asText(), "subject " + subject));
    }

    /** Whether a schema could be registered under a subject, by the subject's compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) throws SchemaRegistryException {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema), "checking compatibility under subject '" + subject + "'");
        return answer.path("is_compatible").asBoolean(false);
    }

    /** Sets a subject's compatibility rule: BACKWARD, FORWARD, FULL, NONE, or a _TRANSITIVE variant. */
    public void setCompatibility(String subject, String level) throws SchemaRegistryException {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level).toString(),
                "setting the compatibility of subject '" + subject + "'");
    }

    /** A subject's compatibility rule. */
    public String compatibility(String subject) throws SchemaRegistryException {
        JsonNode answer = send("GET", "/config/" + encode(subject), null,
                "reading the compatibility of subject '" + subject + "'");
        return answer.has("compatibilityLevel") ? answer.get("compatibilityLevel").asText() : answer.path("compatibility").asText();
    }

    /** HTTP requests made so far: what the caches save. */
    public long requests() {
        return requests.get();
    }

    private JsonNode send(String method, String path, String body, String what) throws SchemaRegistryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + path))
                .timeout(config.timeout())
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (config.basicAuthUserInfo() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8)));
        } else if (config.bearerToken() != null) {
            request.header("Authorization", "Bearer " + config.bearerToken());
        }
        SchemaRegistryException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                pause(200L << (attempt - 1));
            }
            HttpResponse<String> response;
            try {
                requests.incrementAndGet();
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return JSON.readTree(response.body());
                }
            } catch (ConnectException | HttpTimeoutException e) {
                failure = new SchemaRegistryException(SchemaRegistryException.Kind.UNREACHABLE, 0, 0,
                        "schema registry at " + config.url() + " is not reachable (" + what + "): " + e, e);
                continue;
            } catch (IOException e) {
                failure = new SchemaRegistryException(SchemaRegistryException.Kind.UNREACHABLE, 0, 0,
                        "schema registry at " + config.url() + " failed to answer (" + what + "): " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(SchemaRegistryException.Kind.UNREACHABLE, 0, 0,
                        "interrupted while " + what, e);
            }
            failure = refusal(response, what);
            if (failure.kind() != SchemaRegistryException.Kind.SERVER) {
                throw failure;
            }
        }
        throw failure;
    }

    private SchemaRegistryException refusal(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        int errorCode = 0;
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body());
            errorCode = error.path("error_code").asInt(0);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // The body as it came is the message.
        }
        SchemaRegistryException.Kind kind = switch (status) {
            case 404 -> SchemaRegistryException.Kind.NOT_FOUND;
            case 409 -> SchemaRegistryException.Kind.INCOMPATIBLE;
            case 401, 403 -> SchemaRegistryException.Kind.UNAUTHORIZED;
            case 400, 422 -> SchemaRegistryException.Kind.INVALID;
            default -> SchemaRegistryException.Kind.SERVER;
        };
        String explanation = switch (kind) {
            case NOT_FOUND -> "not found";
            case INCOMPATIBLE -> "refused: the schema is incompatible with the subject's latest version under its compatibility rule";
            case UNAUTHORIZED -> "access refused (check basic.auth.user.info or bearer.auth.token)";
            case INVALID -> "refused: not a valid schema";
            default -> "failed";
        };
        return new SchemaRegistryException(kind, status, errorCode, "schema registry at " + config.url() + ": "
                + what + " " + explanation + " (HTTP " + status + (errorCode != 0 ? ", error " + errorCode : "")
                + "): " + message, null);
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String schema, String what) throws SchemaRegistryException {
        try {
            return new Schema.Parser().parse(schema);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID, 200, 0,
                    "schema registry returned a schema that is not Avro for " + what + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(long millis) throws SchemaRegistryException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNREACHABLE, 0, 0, "interrupted", e);
        }
    }
}
