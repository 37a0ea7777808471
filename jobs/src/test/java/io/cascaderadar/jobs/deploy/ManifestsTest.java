package io.cascaderadar.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.ClusterJob;
import io.cascaderadar.jobs.sinks.KafkaSinks;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The production manifests (deploy/docker, deploy/kubernetes, deploy/compose) against the code: a change on either
 * side that the other does not follow fails here. Each check collects problems rather than stopping at the first,
 * and the checks themselves are tried once on a deliberately broken manifest.
 */
class ManifestsTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    private static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");
    /** The job image, by one name everywhere. */
    private static final String IMAGE = "ghcr.io/cascade-radar/cascade-radar-job:0.1.0";
    /** The Secret the Kubernetes manifests take every secret from (deploy/README.md creates it). */
    private static final String SECRET = "cascade-radar-secrets";
    private static final String FLINK_CONTAINER = "flink-main-container";
    private static final YAMLMapper YAML = new YAMLMapper();

    // ---------------------------------------------------------------------------------------------------- tests

    @Test
    void everyKubernetesDocumentHasAnApiVersionAKindAndAName() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : kubernetesManifests()) {
            List<JsonNode> docs = documents(file);
            if (docs.isEmpty()) {
                problems.add(file.getFileName() + ": no document");
            }
            for (JsonNode doc : docs) {
                String where = file.getFileName() + ": " + doc.path("kind").asText("?") + " " + name(doc);
                for (String field : List.of("apiVersion", "kind")) {
                    if (doc.path(field).asText().isBlank()) {
                        problems.add(where + ": no " + field);
                    }
                }
                if (name(doc).isBlank()) {
                    problems.add(where + ": no metadata.name");
                }
                if (!seen.add(doc.path("kind").asText() + "/" + name(doc))) {
                    problems.add(where + ": defined twice");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen).contains("FlinkDeployment/cascade-radar", "ConfigMap/cascade-radar-config", "Kafka/radar",
                "Deployment/schema-registry", "Service/schema-registry", "StatefulSet/influxdb", "Service/influxdb");
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = single(documents(KUBERNETES.resolve("kustomization.yaml")));
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        assertThat(listed).isEqualTo(kubernetesManifests().stream().map(file -> file.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void theFlinkDeploymentRunsTheJobOfThisProject() throws IOException {
        assertThat(flinkDeploymentProblems(allKubernetesDocuments(), Facts.ofProject())).isEmpty();
    }

    @Test
    void theDockerfileBuildsOnTheProjectsFlinkAndJavaAndCopiesTheJobJar() throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
        Map<String, String> pom = pomProperties(ROOT.resolve("pom.xml"));
        assertThat(dockerfile.from()).isEqualTo("flink:" + pom.get("flink.version") + "-java"
                + pom.get("maven.compiler.release"));
        assertThat(dockerfile.copyTarget()).startsWith("/opt/flink/usrlib/");
        // What deploy/job builds (its shade plugin's finalName) is what the image copies.
        String jobPom = Files.readString(ROOT.resolve("deploy/job/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(jobPom);
        assertThat(finalName.find()).as("deploy/job/pom.xml names its jar").isTrue();
        assertThat(dockerfile.copySource()).isEqualTo("deploy/job/target/" + finalName.group(1) + ".jar");
        assertThat(jobPom).contains("<mainClass>" + ClusterJob.class.getName() + "</mainClass>");
    }

    @Test
    void theKafkaTopicsAreTheTopicsOfTheSettings() throws Exception {
        List<JsonNode> docs = allKubernetesDocuments();
        RadarSettings defaults = RadarSettings.load(null, Map.of());
        RadarSettings configured = configMapSettings(docs);
        JsonNode kafka = single(ofKind(docs, "Kafka"));
        Map<String, JsonNode> topics = new TreeMap<>();
        ofKind(docs, "KafkaTopic").forEach(topic -> topics.put(topicName(topic), topic));

        RadarSettings.Topics names = defaults.topics();
        assertThat(configured.topics()).isEqualTo(names);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String input : names.inputs()) {
            expected.put(input, defaults.partitions());
        }
        expected.put(names.alerts(), defaults.alertPartitions());
        assertThat(configured.partitions()).isEqualTo(defaults.partitions());
        assertThat(configured.alertPartitions()).isEqualTo(defaults.alertPartitions());

        // Besides the job's topics only the schema registry's (its KafkaSQL journal and snapshots).
        JsonNode registry = container(single(named(ofKind(docs, "Deployment"), "schema-registry")));
        for (String variable : List.of("APICURIO_KAFKASQL_TOPIC", "APICURIO_KAFKASQL_SNAPSHOTS_TOPIC")) {
            expected.put(env(registry).get(variable), 1);
        }
        Map<String, Integer> declared = new LinkedHashMap<>();
        topics.forEach((name, topic) -> declared.put(name, topic.path("spec").path("partitions").asInt()));
        assertThat(declared).containsExactlyInAnyOrderEntriesOf(expected);

        int brokers = 0;
        for (JsonNode pool : ofKind(docs, "KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(kafka));
            if (contains(pool.path("spec").path("roles"), "broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        int minInSync = config.path("min.insync.replicas").asInt();
        for (JsonNode topic : topics.values()) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(kafka));
            int replicas = topic.path("spec").path("replicas").asInt();
            assertThat(replicas).as("replicas of %s", topicName(topic)).isEqualTo(configured.replicationFactor())
                    .isLessThanOrEqualTo(brokers);
            int topicMinInSync = topic.path("spec").path("config").path("min.insync.replicas").asInt(minInSync);
            assertThat(topicMinInSync).as("min.insync.replicas of %s", topicName(topic)).isLessThan(replicas);
        }
        assertThat(config.path("transaction.state.log.replication.factor").asInt()).isEqualTo(configured.replicationFactor());
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isLessThan(configured.replicationFactor());
        assertThat(config.path("transaction.max.timeout.ms").asLong(900_000))
                .as("brokers must allow the alerts sink's transaction timeout")
                .isGreaterThanOrEqualTo(KafkaSinks.TRANSACTION_TIMEOUT.toMillis());
        // The brokers run the Kafka version of the project's clients.
        assertThat(kafka.path("spec").path("kafka").path("version").asText())
                .isEqualTo(pomProperties(ROOT.resolve("pom.xml")).get("kafka.version"));
    }

    @Test
    void theKubernetesServicesServeWhatTheSettingsPointAt() throws Exception {
        List<JsonNode> docs = allKubernetesDocuments();
        RadarSettings settings = configMapSettings(docs);
        List<String> problems = new ArrayList<>();

        // Kafka: Strimzi's bootstrap Service is <cluster>-kafka-bootstrap, on the port of a listener.
        JsonNode kafka = single(ofKind(docs, "Kafka"));
        HostPort bootstrap = HostPort.parse(settings.kafkaClient().getProperty("bootstrap.servers"));
        if (!bootstrap.host().equals(name(kafka) + "-kafka-bootstrap")) {
            problems.add("kafka.bootstrap.servers " + bootstrap + " is not the bootstrap Service of Kafka " + name(kafka));
        }
        boolean tls = settings.kafkaClient().getProperty("security.protocol", "PLAINTEXT").contains("SSL");
        boolean listener = stream(kafka.path("spec").path("kafka").path("listeners"))
                .anyMatch(l -> l.path("port").asInt() == bootstrap.port() && l.path("tls").asBoolean() == tls);
        if (!listener) {
            problems.add("no " + (tls ? "TLS" : "plain") + " listener on port " + bootstrap.port() + " of Kafka " + name(kafka));
        }
        // The registry keeps its schemas on the same Kafka.
        JsonNode registryDeployment = single(named(ofKind(docs, "Deployment"), "schema-registry"));
        Map<String, String> registryEnv = env(container(registryDeployment));
        if (!"kafkasql".equals(registryEnv.get("APICURIO_STORAGE_KIND"))
                || !bootstrap.toString().equals(registryEnv.get("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS"))) {
            problems.add("the schema registry does not keep its schemas (KafkaSQL) on " + bootstrap);
        }

        URI registry = URI.create(settings.registry().get("schema.registry.url"));
        if (!registry.getPath().equals("/apis/ccompat/v7")) {
            problems.add("schema.registry.url is not Apicurio's Confluent API: " + registry);
        }
        problems.addAll(serviceProblems(docs, "schema.registry.url", registry));
        URI influx = settings.influx().orElseThrow().url();
        problems.addAll(serviceProblems(docs, "influx.url", influx));

        Map<String, String> pom = pomProperties(ROOT.resolve("pom.xml"));
        String registryImage = container(registryDeployment).path("image").asText();
        if (!registryImage.endsWith(":" + pom.get("apicurio.version"))) {
            problems.add("registry image " + registryImage + " is not Apicurio Registry " + pom.get("apicurio.version"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySecretComesFromTheSecretTheReadmeCreates() throws IOException {
        String readme = Files.readString(ROOT.resolve("deploy/README.md"));
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : allKubernetesDocuments()) {
            for (JsonNode ref : doc.findValues("secretKeyRef")) {
                String where = doc.path("kind").asText() + " " + name(doc);
                if (!SECRET.equals(ref.path("name").asText())) {
                    problems.add(where + " takes a secret from " + ref.path("name").asText() + ", not " + SECRET);
                }
                if (!ref.path("optional").asBoolean() && !readme.contains("--from-literal=" + ref.path("key").asText() + "=")) {
                    problems.add(where + " needs the key " + ref.path("key").asText()
                            + " that deploy/README.md does not create");
                }
            }
        }
        // Compose takes its secrets from the environment: the README must say which.
        Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Files.readString(COMPOSE));
        while (required.find()) {
            if (!readme.contains(required.group(1))) {
                problems.add("compose.yaml needs " + required.group(1) + ", which deploy/README.md does not mention");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theComposeStackRunsTheJobOfThisProject() throws Exception {
        assertThat(composeProblems(single(documents(COMPOSE)), COMPOSE.getParent(), Facts.ofProject())).isEmpty();
    }

    @Test
    void aBrokenDeploymentIsCaught() throws IOException {
        List<JsonNode> broken = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: radar-config
                data:
                  radar.properties: |
                    kafka.bootstrap.servers=kafka:9092
                    influx.password=hunter2
                    checkpoint.interval=30s
                ---
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: cascade-radar
                spec:
                  image: ghcr.io/cascade-radar/cascade-radar-job:0.0.9
                  flinkVersion: v2_2
                  flinkConfiguration:
                    execution.checkpointing.dir: file:///tmp/checkpoints
                    execution.checkpointing.interval: 10s
                    s3.secret-key: AKIA-not-here
                  podTemplate:
                    spec:
                      containers:
                        - name: flink-main-container
                          env:
                            - name: RADAR_INFLUX_PASSWORD
                              value: hunter2
                            - name: RADAR_NOT_A_SETTING
                              value: "1"
                          volumeMounts:
                            - name: radar-config
                              mountPath: /etc/radar
                      volumes:
                        - name: radar-config
                          configMap:
                            name: radar-config
                  job:
                    jarURI: local:///opt/flink/lib/job.jar
                    entryClass: io.cascaderadar.jobs.DetectorJob
                    args: ["--config", "/etc/radar/radar.properties", "--set", "influx.password=hunter2"]
                    upgradeMode: stateless
                    state: running
                """);
        List<String> problems = flinkDeploymentProblems(broken, new Facts("2.3.0", "/opt/flink/usrlib/cascade-radar-job.jar"));

        assertThat(problems).anyMatch(p -> p.contains("flinkVersion v2_2"))
                .anyMatch(p -> p.contains("image ghcr.io/cascade-radar/cascade-radar-job:0.0.9"))
                .anyMatch(p -> p.contains("upgradeMode stateless"))
                .anyMatch(p -> p.contains("high-availability.type"))
                .anyMatch(p -> p.contains("execution.checkpointing.dir file:///tmp/checkpoints"))
                .anyMatch(p -> p.contains("execution.checkpointing.savepoint-dir"))
                .anyMatch(p -> p.contains("entryClass io.cascaderadar.jobs.DetectorJob"))
                .anyMatch(p -> p.contains("jarURI local:///opt/flink/lib/job.jar"))
                .anyMatch(p -> p.contains("args") && p.contains("a secret never goes on a command line"))
                .anyMatch(p -> p.contains("ENABLE_BUILT_IN_PLUGINS"))
                .anyMatch(p -> p.contains("RADAR_INFLUX_PASSWORD") && p.contains("not from a Secret"))
                .anyMatch(p -> p.contains("RADAR_NOT_A_SETTING"))
                .anyMatch(p -> p.contains("s3.secret-key"))
                .anyMatch(p -> p.contains("influx.password") && p.contains("ConfigMap"))
                .anyMatch(p -> p.contains("checkpoint.interval 30s"));

        // And compose's JobManager without the `--` before the job's arguments.
        List<String> composeProblems = jobManagerCommandProblems(
                "standalone-job --job-classname " + ClusterJob.class.getName() + " --config /opt/cascade-radar/radar.properties");
        assertThat(composeProblems).anyMatch(p -> p.contains("--configDir"));
    }

    // ---------------------------------------------------------------------------- the FlinkDeployment and its ConfigMap

    /** What the manifests must agree with: the project's Flink version and the image's job jar. */
    record Facts(String flinkVersion, String jarPath) {
        static Facts ofProject() throws IOException {
            return new Facts(pomProperties(ROOT.resolve("pom.xml")).get("flink.version"),
                    Dockerfile.read(DOCKERFILE).copyTarget());
        }

        /** {@code v2_3} for Flink 2.3.x, the operator's FlinkVersion. */
        String operatorFlinkVersion() {
            String[] parts = flinkVersion.split("\\.");
            return "v" + parts[0] + "_" + parts[1];
        }
    }

    static List<String> flinkDeploymentProblems(List<JsonNode> docs, Facts facts) throws IOException {
        List<String> problems = new ArrayList<>();
        List<JsonNode> deployments = ofKind(docs, "FlinkDeployment");
        if (deployments.size() != 1) {
            return List.of("expected one FlinkDeployment, found " + deployments.size());
        }
        JsonNode deployment = deployments.get(0);
        JsonNode spec = deployment.path("spec");
        JsonNode job = spec.path("job");
        expect(problems, deployment.path("apiVersion").asText(), "flink.apache.org/v1beta1", "apiVersion");
        expect(problems, spec.path("flinkVersion").asText(), facts.operatorFlinkVersion(), "flinkVersion",
                "the project's Flink is " + facts.flinkVersion());
        expect(problems, spec.path("image").asText(), IMAGE, "image");
        expect(problems, job.path("upgradeMode").asText(), "savepoint", "upgradeMode");
        expect(problems, job.path("state").asText(), "running", "job state");
        expect(problems, job.path("entryClass").asText(), ClusterJob.class.getName(), "entryClass");
        expect(problems, job.path("jarURI").asText(), "local://" + facts.jarPath(), "jarURI",
                "the Dockerfile copies the jar to " + facts.jarPath());
        if (job.path("parallelism").asInt() < 1) {
            problems.add("no job parallelism");
        }

        Map<String, String> flink = flatten(spec.path("flinkConfiguration"));
        expect(problems, flink.get("high-availability.type"), "kubernetes", "high-availability.type");
        for (String key : List.of("high-availability.storageDir", "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir")) {
            String value = flink.get(key);
            if (value == null || !value.startsWith("s3://")) {
                problems.add(key + " " + value + " is not on S3 (s3://)");
            }
        }
        expect(problems, flink.get("execution.checkpointing.externalized-checkpoint-retention"), "RETAIN_ON_CANCELLATION",
                "execution.checkpointing.externalized-checkpoint-retention");
        flink.keySet().stream().filter(RadarSettings::isSecret)
                .forEach(key -> problems.add("flinkConfiguration holds a secret, " + key + ": it belongs in a Secret"));

        // The Flink container of both the JobManager and the TaskManagers.
        JsonNode container = stream(spec.path("podTemplate").path("spec").path("containers"))
                .filter(c -> FLINK_CONTAINER.equals(c.path("name").asText())).findFirst().orElse(null);
        if (container == null) {
            problems.add("spec.podTemplate has no " + FLINK_CONTAINER);
            return problems;
        }
        String s3Plugin = "flink-s3-fs-presto-" + facts.flinkVersion() + ".jar";
        String plugins = env(container).getOrDefault("ENABLE_BUILT_IN_PLUGINS", "");
        if (!Arrays.asList(plugins.split(";")).contains(s3Plugin)) {
            problems.add("ENABLE_BUILT_IN_PLUGINS '" + plugins + "' does not enable " + s3Plugin + " (s3:// state)");
        }
        Map<String, String> radarEnvironment = new TreeMap<>();
        problems.addAll(radarEnvironmentProblems(container, radarEnvironment));

        // The program arguments, and the settings file they name: the ConfigMap mounted where they look.
        List<String> args = new ArrayList<>();
        job.path("args").forEach(arg -> args.add(arg.asText()));
        Path config;
        try {
            config = ClusterJob.Arguments.parse(args.toArray(String[]::new)).config();
        } catch (IllegalArgumentException e) {
            problems.add("args do not parse: " + e.getMessage());
            int option = args.indexOf("--config"); // go on with the file they name, for the problems it may have
            config = option >= 0 && option + 1 < args.size() ? Path.of(args.get(option + 1)) : null;
        }
        if (config == null) {
            problems.add("args name no --config file");
            return problems;
        }
        Optional<String> properties = mountedConfigMapFile(docs, spec.path("podTemplate").path("spec"), container, config);
        if (properties.isEmpty()) {
            problems.add("--config " + config + " is not a file of a ConfigMap mounted in " + FLINK_CONTAINER);
            return problems;
        }
        RadarSettings settings;
        try {
            settings = settings(properties.get(), radarEnvironment, "the ConfigMap's " + config.getFileName(), problems);
        } catch (IllegalArgumentException e) {
            problems.add("the ConfigMap's " + config.getFileName() + ": " + e.getMessage());
            return problems;
        }
        Duration configured = TimeUtils.parseDuration(flink.getOrDefault("execution.checkpointing.interval", "0s"));
        if (!configured.equals(settings.checkpointInterval())) {
            problems.add("execution.checkpointing.interval " + flink.get("execution.checkpointing.interval")
                    + " differs from the settings' checkpoint.interval " + settings.get("checkpoint.interval")
                    + " (which the job enables)");
        }
        if (job.path("parallelism").asInt() > settings.partitions()) {
            problems.add("parallelism " + job.path("parallelism").asInt() + " exceeds the input topics' "
                    + settings.partitions() + " partitions: source subtasks would idle");
        }
        return problems;
    }

    /** The RADAR_* variables of a container: known settings, secrets only from the Secret. */
    private static List<String> radarEnvironmentProblems(JsonNode container, Map<String, String> radarEnvironment) {
        List<String> problems = new ArrayList<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (!name.startsWith("RADAR_")) {
                continue;
            }
            radarEnvironment.put(name, "value-of-" + name);
            problems.addAll(settingVariableProblems(name));
            JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
            if (RadarSettings.isSecret(settingKey(name)) && (ref.isMissingNode() || variable.has("value"))) {
                problems.add(name + " holds a secret, not from a Secret (" + SECRET + ")");
            }
        }
        return problems;
    }

    /** The key a RADAR_* variable sets must be one RadarSettings knows. */
    private static List<String> settingVariableProblems(String name) {
        try {
            RadarSettings.load(null, Map.of()).withKnown(settingKey(name), "x");
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(name + " sets no known setting: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String settingKey(String variable) {
        return variable.substring("RADAR_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * Loads a settings file as the job does ({@link RadarSettings#load} refuses unknown keys), with the environment a
     * manifest gives the job, and adds a problem for every secret in it and for InfluxDB settings that do not hold.
     */
    private static RadarSettings settings(String properties, Map<String, String> environment, String where,
            List<String> problems) throws IOException {
        Properties keys = new Properties();
        keys.load(new StringReader(properties));
        keys.stringPropertyNames().stream().filter(RadarSettings::isSecret).sorted()
                .forEach(key -> problems.add(where + " holds the secret " + key
                        + ": secrets come from RADAR_* variables, never from a ConfigMap or a settings file"));
        Path file = Files.createTempFile("radar", ".properties");
        try {
            Files.writeString(file, properties);
            RadarSettings settings = RadarSettings.load(file, environment);
            settings.influx(); // the InfluxDB settings hold together (a username needs a password...)
            return settings;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The content of the file at {@code path} if a ConfigMap of {@code docs} is mounted at its directory. */
    private static Optional<String> mountedConfigMapFile(List<JsonNode> docs, JsonNode podSpec, JsonNode container,
            Path path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (!Path.of(mount.path("mountPath").asText()).equals(path.getParent())) {
                continue;
            }
            String volumeName = mount.path("name").asText();
            Optional<String> configMap = stream(podSpec.path("volumes"))
                    .filter(v -> volumeName.equals(v.path("name").asText()))
                    .map(v -> v.path("configMap").path("name").asText())
                    .filter(n -> !n.isEmpty()).findFirst();
            if (configMap.isPresent()) {
                JsonNode data = named(ofKind(docs, "ConfigMap"), configMap.get()).stream().findFirst()
                        .map(c -> c.path("data")).orElse(null);
                if (data != null && data.has(path.getFileName().toString())) {
                    return Optional.of(data.path(path.getFileName().toString()).asText());
                }
            }
        }
        return Optional.empty();
    }

    private static RadarSettings configMapSettings(List<JsonNode> docs) throws IOException {
        JsonNode deployment = single(ofKind(docs, "FlinkDeployment"));
        JsonNode podSpec = deployment.path("spec").path("podTemplate").path("spec");
        JsonNode container = stream(podSpec.path("containers"))
                .filter(c -> FLINK_CONTAINER.equals(c.path("name").asText())).findFirst().orElseThrow();
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(arg -> args.add(arg.asText()));
        Path config = ClusterJob.Arguments.parse(args.toArray(String[]::new)).config();
        Map<String, String> environment = new TreeMap<>();
        container.path("env").forEach(v -> environment.put(v.path("name").asText(), "value-of-" + v.path("name").asText()));
        List<String> problems = new ArrayList<>();
        RadarSettings settings = settings(mountedConfigMapFile(docs, podSpec, container, config).orElseThrow(),
                environment, "ConfigMap", problems);
        assertThat(problems).isEmpty();
        return settings;
    }

    /** A URL of the settings must name a Service, on its port, which leads to a port of the pods it selects. */
    private static List<String> serviceProblems(List<JsonNode> docs, String setting, URI url) {
        List<JsonNode> services = named(ofKind(docs, "Service"), url.getHost());
        if (services.isEmpty()) {
            return List.of(setting + " " + url + " names no Service");
        }
        JsonNode service = services.get(0);
        JsonNode port = stream(service.path("spec").path("ports")).filter(p -> p.path("port").asInt() == url.getPort())
                .findFirst().orElse(null);
        if (port == null) {
            return List.of(setting + " " + url + ": Service " + url.getHost() + " has no port " + url.getPort());
        }
        JsonNode selector = service.path("spec").path("selector");
        List<JsonNode> pods = Stream.of("Deployment", "StatefulSet").flatMap(kind -> ofKind(docs, kind).stream())
                .map(workload -> workload.path("spec").path("template"))
                .filter(template -> matches(selector, template.path("metadata").path("labels"))).toList();
        if (pods.isEmpty()) {
            return List.of("Service " + url.getHost() + " selects no Deployment or StatefulSet");
        }
        JsonNode target = port.path("targetPort").isMissingNode() ? port.path("port") : port.path("targetPort");
        for (JsonNode pod : pods) {
            boolean served = stream(pod.path("spec").path("containers")).flatMap(c -> stream(c.path("ports")))
                    .anyMatch(p -> target.isInt() ? p.path("containerPort").asInt() == target.asInt()
                            : target.asText().equals(p.path("name").asText()));
            if (!served) {
                return List.of("Service " + url.getHost() + " port " + url.getPort() + " leads to " + target.asText()
                        + ", which no container of its pods listens on");
            }
        }
        return List.of();
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    // -------------------------------------------------------------------------------------------------- compose

    static List<String> composeProblems(JsonNode compose, Path dir, Facts facts) throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode services = compose.path("services");
        Map<String, String> pom = pomProperties(ROOT.resolve("pom.xml"));

        // Flink: the job image (built from deploy/docker/Dockerfile) or the official image of the project's Flink.
        List<String> flinkServices = new ArrayList<>();
        List<String> taskManagers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : services.properties()) {
            JsonNode service = entry.getValue();
            String image = service.path("image").asText();
            String command = service.path("command").asText();
            if (!command.startsWith("standalone-job") && !command.startsWith("jobmanager") && !command.startsWith("taskmanager")) {
                continue;
            }
            flinkServices.add(entry.getKey());
            if (command.startsWith("taskmanager")) {
                taskManagers.add(entry.getKey());
            }
            if (image.equals(IMAGE)) {
                JsonNode build = service.path("build");
                Path dockerfile = dir.resolve(build.path("context").asText(".")).resolve(build.path("dockerfile").asText("Dockerfile"))
                        .normalize();
                if (!dockerfile.equals(DOCKERFILE.normalize())) {
                    problems.add(entry.getKey() + ": " + IMAGE + " is not built from deploy/docker/Dockerfile");
                }
            } else if (!image.equals("flink:" + facts.flinkVersion() + "-java" + pom.get("maven.compiler.release"))) {
                problems.add(entry.getKey() + ": image " + image + " is neither " + IMAGE + " nor Flink " + facts.flinkVersion());
            }
            String flinkProperties = env(service).getOrDefault("FLINK_PROPERTIES", "");
            flinkProperties(flinkProperties).keySet().stream().filter(RadarSettings::isSecret)
                    .forEach(key -> problems.add(entry.getKey() + ": FLINK_PROPERTIES holds a secret, " + key));
            env(service).forEach((name, value) -> {
                if (name.startsWith("RADAR_")) {
                    problems.addAll(settingVariableProblems(name));
                    if (RadarSettings.isSecret(settingKey(name)) && !value.matches("\\$\\{[A-Z0-9_]+(:[?-][^}]*)?}")) {
                        problems.add(entry.getKey() + ": " + name + " is written into compose.yaml, not taken from the environment");
                    }
                }
            });
        }
        List<String> jobManagers = flinkServices.stream()
                .filter(s -> services.path(s).path("command").asText().startsWith("standalone-job")).toList();
        if (jobManagers.size() != 1 || taskManagers.isEmpty()) {
            problems.add("expected one standalone-job JobManager and TaskManagers, found " + flinkServices);
            return problems;
        }
        JsonNode jobManager = services.path(jobManagers.get(0));
        List<String> commandProblems = jobManagerCommandProblems(jobManager.path("command").asText());
        problems.addAll(commandProblems);
        if (!commandProblems.isEmpty()) {
            return problems;
        }
        Path config = ClusterJob.Arguments.parse(programArguments(jobManager.path("command").asText())).config();

        // The settings file: bind-mounted from beside compose.yaml at the path the job reads.
        Path properties = volumes(jobManager).stream().filter(v -> Path.of(v[1]).equals(config))
                .map(v -> dir.resolve(v[0]).normalize()).findFirst().orElse(null);
        if (properties == null || !Files.isRegularFile(properties)) {
            problems.add("--config " + config + " is not a file mounted into " + jobManagers.get(0));
            return problems;
        }
        Map<String, String> radarEnvironment = new TreeMap<>();
        env(jobManager).forEach((name, value) -> {
            if (name.startsWith("RADAR_")) {
                radarEnvironment.put(name, "value-of-" + name);
            }
        });
        RadarSettings settings;
        try {
            settings = settings(Files.readString(properties), radarEnvironment, "compose's radar.properties", problems);
        } catch (IllegalArgumentException e) {
            problems.add("compose's radar.properties: " + e.getMessage());
            return problems;
        }

        // Checkpoints and savepoints on a volume that the JobManager and every TaskManager mount, same place.
        Map<String, String> jobManagerFlink = flinkProperties(env(jobManager).getOrDefault("FLINK_PROPERTIES", ""));
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
            String value = jobManagerFlink.getOrDefault(key, "");
            if (!value.startsWith("file:///")) {
                problems.add(jobManagers.get(0) + ": " + key + " '" + value + "' is not a file:/// directory");
                continue;
            }
            Path path = Path.of(URI.create(value));
            for (String service : flinkServices) {
                boolean mounted = volumes(services.path(service)).stream()
                        .anyMatch(v -> compose.path("volumes").has(v[0]) && path.startsWith(Path.of(v[1])));
                if (!mounted) {
                    problems.add(service + " does not mount a volume at " + key + " " + value);
                }
            }
        }
        Duration interval = TimeUtils.parseDuration(jobManagerFlink.getOrDefault("execution.checkpointing.interval", "0s"));
        if (!interval.equals(settings.checkpointInterval())) {
            problems.add("execution.checkpointing.interval differs from the settings' checkpoint.interval");
        }
        int slots = taskManagers.stream().mapToInt(s -> Integer.parseInt(
                flinkProperties(env(services.path(s)).getOrDefault("FLINK_PROPERTIES", ""))
                        .getOrDefault("taskmanager.numberOfTaskSlots", "1"))).sum();
        int parallelism = Integer.parseInt(jobManagerFlink.getOrDefault("parallelism.default", "1"));
        if (parallelism > slots) {
            problems.add("parallelism.default " + parallelism + " exceeds the TaskManagers' " + slots + " slots");
        }

        // Kafka: the broker the settings point at, advertised there, of the project's Kafka version.
        HostPort bootstrap = HostPort.parse(settings.kafkaClient().getProperty("bootstrap.servers"));
        JsonNode kafka = services.path(bootstrap.host());
        Map<String, String> kafkaEnv = env(kafka);
        if (kafka.isMissingNode()) {
            problems.add("kafka.bootstrap.servers " + bootstrap + " names no service");
        } else {
            expect(problems, kafka.path("image").asText(), "apache/kafka:" + pom.get("kafka.version"), "Kafka image");
            if (!Arrays.stream(kafkaEnv.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(","))
                    .anyMatch(l -> l.endsWith("://" + bootstrap))) {
                problems.add("Kafka does not advertise " + bootstrap);
            }
            if (!Arrays.stream(kafkaEnv.getOrDefault("KAFKA_LISTENERS", "").split(","))
                    .anyMatch(l -> l.endsWith(":" + bootstrap.port()))) {
                problems.add("Kafka does not listen on port " + bootstrap.port());
            }
            if (Long.parseLong(kafkaEnv.getOrDefault("KAFKA_TRANSACTION_MAX_TIMEOUT_MS", "900000"))
                    < KafkaSinks.TRANSACTION_TIMEOUT.toMillis()) {
                problems.add("Kafka's transaction.max.timeout.ms is below the alerts sink's transaction timeout");
            }
        }
        // The registry and InfluxDB: services that expose the ports the settings name.
        URI registry = URI.create(settings.registry().get("schema.registry.url"));
        problems.addAll(composeServiceProblems(services, "schema.registry.url", registry));
        JsonNode registryService = services.path(registry.getHost());
        if (!registryService.path("image").asText().endsWith(":" + pom.get("apicurio.version"))) {
            problems.add("registry image " + registryService.path("image").asText() + " is not Apicurio Registry "
                    + pom.get("apicurio.version"));
        }
        if (!"kafkasql".equals(env(registryService).get("APICURIO_STORAGE_KIND"))
                || !bootstrap.toString().equals(env(registryService).get("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS"))) {
            problems.add("the registry does not keep its schemas (KafkaSQL) on " + bootstrap);
        }
        problems.addAll(composeServiceProblems(services, "influx.url", settings.influx().orElseThrow().url()));
        return problems;
    }

    /**
     * The JobManager's command: application mode with ClusterJob, and the job's arguments after {@code --}. Flink's
     * entry point (flink-container 2.3.0) takes an unknown {@code --config} as an abbreviation of its own
     * {@code --configDir} and passes the job no arguments at all, unless {@code --} comes first.
     */
    static List<String> jobManagerCommandProblems(String command) {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        List<String> problems = new ArrayList<>();
        int classname = words.indexOf("--job-classname");
        if (!words.get(0).equals("standalone-job") || classname < 0 || classname + 1 >= words.size()
                || !words.get(classname + 1).equals(ClusterJob.class.getName())) {
            problems.add("the JobManager does not run standalone-job --job-classname " + ClusterJob.class.getName());
        }
        if (!words.contains("--")) {
            problems.add("the job's arguments must follow `--`: Flink's entry point takes --config for its --configDir");
            return problems;
        }
        try {
            if (ClusterJob.Arguments.parse(programArguments(command)).config() == null) {
                problems.add("the job gets no --config");
            }
        } catch (IllegalArgumentException e) {
            problems.add("the job's arguments do not parse: " + e.getMessage());
        }
        return problems;
    }

    private static String[] programArguments(String command) {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        return words.subList(words.indexOf("--") + 1, words.size()).toArray(String[]::new);
    }

    private static List<String> composeServiceProblems(JsonNode services, String setting, URI url) {
        JsonNode service = services.path(url.getHost());
        if (service.isMissingNode()) {
            return List.of(setting + " " + url + " names no service");
        }
        boolean exposed = stream(service.path("expose")).anyMatch(p -> p.asText().equals(String.valueOf(url.getPort())));
        return exposed ? List.of() : List.of(setting + " " + url + ": service " + url.getHost() + " exposes no port " + url.getPort());
    }

    /** {@code [source, target]} of each volume of a compose service (short syntax). */
    private static List<String[]> volumes(JsonNode service) {
        return stream(service.path("volumes")).map(v -> v.asText().split(":")).filter(v -> v.length >= 2).toList();
    }

    /** FLINK_PROPERTIES as the image's entry point reads it: {@code key: value} per line. */
    private static Map<String, String> flinkProperties(String text) {
        Map<String, String> properties = new TreeMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return properties;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private record HostPort(String host, int port) {
        static HostPort parse(String servers) {
            String first = servers.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            return new HostPort(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private record Dockerfile(String from, String copySource, String copyTarget) {
        static Dockerfile read(Path file) throws IOException {
            String from = null;
            String source = null;
            String target = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] words = line.trim().split("\\s+");
                if (words[0].equalsIgnoreCase("FROM")) {
                    from = words[1];
                } else if (words[0].equalsIgnoreCase("COPY") && words.length == 3) {
                    source = words[1];
                    target = words[2];
                }
            }
            return new Dockerfile(from, source, target);
        }
    }

    private static void expect(List<String> problems, String actual, String expected, String what) {
        expect(problems, actual, expected, what, null);
    }

    private static void expect(List<String> problems, String actual, String expected, String what, String why) {
        if (!expected.equals(actual)) {
            problems.add(what + " " + actual + ", expected " + expected + (why == null ? "" : " (" + why + ")"));
        }
    }

    private static Map<String, String> env(JsonNode containerOrService) {
        Map<String, String> env = new TreeMap<>();
        JsonNode variables = containerOrService.has("environment") ? containerOrService.path("environment")
                : containerOrService.path("env");
        if (variables.isArray()) {
            for (JsonNode variable : variables) {
                if (variable.has("name")) {
                    env.put(variable.path("name").asText(), variable.path("value").asText());
                } else {
                    String[] pair = variable.asText().split("=", 2);
                    env.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
            }
        } else {
            variables.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private static JsonNode container(JsonNode workload) {
        return single(stream(workload.path("spec").path("template").path("spec").path("containers")).toList());
    }

    /** flinkConfiguration as flat keys, whether written flat or nested. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", node, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), flat));
        } else if (!node.isMissingNode()) {
            flat.put(prefix, node.asText());
        }
    }

    private static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(name(topic));
    }

    private static boolean contains(JsonNode array, String value) {
        return stream(array).anyMatch(v -> v.asText().equals(value));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(doc -> kind.equals(doc.path("kind").asText())).toList();
    }

    private static List<JsonNode> named(List<JsonNode> docs, String name) {
        return docs.stream().filter(doc -> name.equals(name(doc))).toList();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<Path> kubernetesManifests() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Predicate.not(f -> f.getFileName().toString().equals("kustomization.yaml"))).sorted().toList();
        }
    }

    private static List<JsonNode> allKubernetesDocuments() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path file : kubernetesManifests()) {
            docs.addAll(documents(file));
        }
        return docs;
    }

    /** Every YAML document of a file, empty ones left out. */
    private static List<JsonNode> documents(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** The {@code <properties>} of a pom. */
    private static Map<String, String> pomProperties(Path pom) throws IOException {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            Map<String, String> properties = new TreeMap<>();
            for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals("properties")) {
                    for (Node p = element.getFirstChild(); p != null; p = p.getNextSibling()) {
                        if (p instanceof Element property) {
                            properties.put(property.getTagName(), property.getTextContent().trim());
                        }
                    }
                }
            }
            return properties;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(pom + ": " + e.getMessage(), e);
        }
    }

    private static Path repositoryRoot() {
        String home = System.getProperty("radar.home");
        if (home != null && Files.isDirectory(Path.of(home, "deploy", "kubernetes"))) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
}
