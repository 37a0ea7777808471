package io.cascaderadar.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The parts of Flink's REST API that deploy and upgrade the detector: upload a job jar and run it (from a
 * savepoint), a job's state and checkpoints, stop with a savepoint. Errors carry Flink's own message.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public FlinkRestClient(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** @return the id of the uploaded jar */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "radar-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    /**
     * Runs an uploaded jar's main class, which submits the job.
     *
     * @param savepoint where to start from, or null
     * @param dropUnmatchedState start even where the savepoint holds state of operators the job no longer has
     * @return the job id
     */
    public String run(String jarId, String entryClass, List<String> args, int parallelism, String savepoint,
            boolean dropUnmatchedState) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("entryClass", entryClass).put("parallelism", parallelism);
        args.forEach(request.putArray("programArgsList")::add);
        if (savepoint != null) {
            request.put("savepointPath", savepoint).put("allowNonRestoredState", dropUnmatchedState);
        }
        return send(post("/jars/" + jarId + "/run", request)).path("jobid").asText();
    }

    /** A job's state: RUNNING, FINISHED, FAILED, RESTARTING… */
    public String state(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId)).GET()).path("state").asText();
    }

    /**
     * How many checkpoints of a job have completed or failed, how many times it was restored from one, and the
     * completed ones' end-to-end durations (ms) and state sizes (bytes) as Flink summarizes them.
     */
    public record Checkpoints(long completed, long failed, long restored, Summary duration, Summary stateSize) {}

    /** Flink's summary of a figure over a job's completed checkpoints. */
    public record Summary(long p50, long p99, long max, double avg) {
        static Summary of(JsonNode stats) {
            return new Summary(stats.path("p50").asLong(), stats.path("p99").asLong(), stats.path("max").asLong(),
                    stats.path("avg").asDouble());
        }
    }

    public Checkpoints checkpoints(String jobId) throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "/checkpoints")).GET());
        JsonNode counts = answer.path("counts");
        JsonNode summary = answer.path("summary");
        return new Checkpoints(counts.path("completed").asLong(), counts.path("failed").asLong(),
                counts.path("restored").asLong(), Summary.of(summary.path("end_to_end_duration")),
                Summary.of(summary.path("state_size")));
    }

    /** The state backend a job runs with, as Flink names it (HashMapStateBackend, EmbeddedRocksDBStateBackend). */
    public String stateBackend(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "/checkpoints/config")).GET())
                .path("state_backend").asText();
    }

    /** The ids of the TaskManagers registered with the JobManager. */
    public List<String> taskManagers() throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/taskmanagers")).GET());
        return java.util.stream.StreamSupport.stream(answer.path("taskmanagers").spliterator(), false)
                .map(tm -> tm.path("id").asText()).toList();
    }

    /**
     * Stops a job with a savepoint in {@code directory} (null: the cluster's savepoint directory), waiting until it
     * is written.
     *
     * @return the savepoint's path
     */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("drain", false).put("formatType", "CANONICAL");
        if (directory != null) {
            request.put("targetDirectory", directory);
        }
        String trigger = send(post("/jobs/" + jobId + "/stop", request)).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "/savepoints/" + trigger)).GET());
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("the savepoint of job " + jobId + " failed: "
                            + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse(""));
                }
                return operation.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the savepoint of job " + jobId + " is not written after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private HttpRequest.Builder post(String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            String errors = body.path("errors").isArray() && !body.path("errors").isEmpty()
                    ? body.path("errors").get(0).asText().lines().limit(3).reduce((a, b) -> a + " " + b).orElse("")
                    : response.body();
            throw new IOException("Flink " + request.build().method() + " " + request.build().uri().getPath() + ": HTTP "
                    + response.statusCode() + ": " + errors);
        }
        return body;
    }
}
