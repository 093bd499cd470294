package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.ClusterConfig;
import io.flarewatch.config.ConfigException;
import io.flarewatch.launcher.Subcommands;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes manifests: central's and InfluxDB's, checked against central's code. */
class KubernetesManifestsTest {

  private static final String CENTRAL = "deploy/kubernetes/central.yaml";
  private static final String INFLUXDB = "deploy/kubernetes/influxdb.yaml";

  private final List<JsonNode> central = Repository.yamlDocuments(CENTRAL);
  private final List<JsonNode> influxdb = Repository.yamlDocuments(INFLUXDB);
  private final JsonNode deployment = one(central, "Deployment");
  private final JsonNode container = deployment.at("/spec/template/spec/containers/0");
  private final JsonNode secret = one(central, "Secret");

  @Test
  void centralRunsAsTwoOrMoreReplicasWithLimits() {
    assertTrue(deployment.at("/spec/replicas").asInt() >= 2, "2+ replicas");
    assertEquals(1, deployment.at("/spec/template/spec/containers").size());
    for (String kind : List.of("requests", "limits")) {
      JsonNode resources = container.path("resources").path(kind);
      assertTrue(resources.has("cpu") && resources.has("memory"), kind + " of cpu and memory");
    }
    assertEquals(
        deployment.at("/spec/selector/matchLabels"),
        labelsSubset(deployment.at("/spec/template/metadata/labels"), deployment.at("/spec")));
    assertTrue(container.path("image").asText().endsWith(":" + Repository.version()));
  }

  @Test
  void centralRunsAsTheImagesUserWithoutPrivileges() {
    JsonNode pod = deployment.at("/spec/template/spec/securityContext");
    assertTrue(pod.path("runAsNonRoot").asBoolean());
    assertEquals(
        DockerfilesTest.uid(Dockerfile.parse(Repository.read(DockerfilesTest.CENTRAL))),
        pod.path("runAsUser").asInt(),
        "the user the image makes");
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
  }

  @Test
  void theSecretsConfigIsAcceptedByCentralAndAgreesWithTheManifests(@TempDir Path folder)
      throws Exception {
    List<String> args = words(container.path("args"));
    assertTrue(Subcommands.names().contains(args.get(0)), args.get(0) + " is a command");
    assertEquals("--config", args.get(1));
    Path configPath = Path.of(args.get(2));
    String mountPath = mountOf(secret.at("/metadata/name").asText());
    assertEquals(Path.of(mountPath), configPath.getParent(), "the config is in the mounted Secret");
    String yaml = secret.path("stringData").path(configPath.getFileName().toString()).asText();
    assertFalse(yaml.isEmpty(), "the Secret holds " + configPath.getFileName());

    // the signing keys are read where deployed: each must be another file of the Secret, and a
    // key; the placeholder the manifest ships stops central with an error naming the key
    Path key = DeployConfigs.signingKey(folder);
    for (String section : List.of("reports", "commands")) {
      String keyPath = Repository.yaml(yaml).at("/" + section + "/signingKeyFile").asText();
      assertEquals(Path.of(mountPath), Path.of(keyPath).getParent(), section);
      String keyFile = Path.of(keyPath).getFileName().toString();
      assertTrue(secret.path("stringData").has(keyFile), section + ": " + keyFile);
      Path placeholder = folder.resolve("placeholder-" + keyFile);
      Files.writeString(placeholder, secret.path("stringData").path(keyFile).asText());
      ConfigException refused =
          assertThrows(
              ConfigException.class,
              () ->
                  Repository.loadConfig(
                      yaml,
                      CentralConfig.class,
                      tree -> {
                        withKeys(tree, key);
                        tree.withObjectProperty(section)
                            .put("signingKeyFile", placeholder.toString());
                      }));
      assertTrue(refused.getMessage().contains(section + ".signingKeyFile"), refused.getMessage());
    }
    CentralConfig config = Repository.loadConfig(yaml, CentralConfig.class, t -> withKeys(t, key));

    assertEquals(config.http().port(), container.at("/ports/0/containerPort").asInt());
    URI influx = config.influx().url();
    JsonNode influxService = one(influxdb, "Service");
    assertEquals(influxService.at("/metadata/name").asText(), influx.getHost());
    assertEquals(influxService.at("/spec/ports/0/port").asInt(), influx.getPort());
  }

  @Test
  void probesAskRoutesCentralServesOnItsPort(@TempDir Path folder) throws Exception {
    String portName = container.at("/ports/0/name").asText();
    Map<String, String> paths = new java.util.LinkedHashMap<>();
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      JsonNode get = container.path(probe).path("httpGet");
      assertEquals(portName, get.path("port").asText(), probe);
      paths.put(probe, get.path("path").asText());
    }
    String yaml = secret.path("stringData").path("central.yaml").asText();
    Path key = DeployConfigs.signingKey(folder);
    Map<String, Integer> served =
        ServedPaths.central(
            Repository.loadConfig(
                yaml,
                CentralConfig.class,
                tree -> {
                  withKeys(tree, key);
                  tree.withObjectProperty("http").put("port", 0).put("host", "127.0.0.1");
                  tree.withObjectProperty("influx").put("url", "http://127.0.0.1:1");
                }),
            List.copyOf(paths.values()));
    // with InfluxDB down: not ready (out of the Service), but alive (not restarted)
    assertEquals(503, served.get(paths.get("readinessProbe")), "readiness " + paths);
    assertEquals(200, served.get(paths.get("livenessProbe")), "liveness " + paths);
    assertEquals(200, served.get(paths.get("startupProbe")), "startup " + paths);
  }

  @Test
  void theServiceReachesThePodsPort() {
    JsonNode service = serviceNamed(central, deployment.at("/metadata/name").asText());
    assertEquals(
        service.at("/spec/selector"),
        labelsSubset(deployment.at("/spec/template/metadata/labels"), service.at("/spec")));
    assertEquals(
        container.at("/ports/0/name").asText(), service.at("/spec/ports/0/targetPort").asText());
  }

  @Test
  void replicasClusterThroughTheHeadlessServiceOnThePodsPortsOnly(@TempDir Path folder) {
    String yaml = secret.path("stringData").path("central.yaml").asText();
    Path key = DeployConfigs.signingKey(folder);
    ClusterConfig cluster =
        Repository.loadConfig(yaml, CentralConfig.class, t -> withKeys(t, key)).cluster();
    assertTrue(cluster.enabled(), "replicas cluster");
    assertEquals(null, cluster.host(), "each pod gives its own address");
    Map<String, Integer> ports = new java.util.HashMap<>();
    container
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    assertEquals(cluster.port(), ports.get("hazelcast"));
    assertEquals(cluster.eventBusPort(), ports.get("eventbus"));

    JsonNode headless = serviceNamed(central, "flarewatch-central-cluster");
    assertEquals(List.of(headless.at("/metadata/name").asText()), cluster.members());
    assertEquals("None", headless.at("/spec/clusterIP").asText(), "headless: a record per pod");
    assertTrue(headless.at("/spec/publishNotReadyAddresses").asBoolean(), "found before ready");
    assertEquals(
        headless.at("/spec/selector"),
        labelsSubset(deployment.at("/spec/template/metadata/labels"), headless.at("/spec")));
    Map<String, String> targets = new java.util.HashMap<>();
    headless
        .at("/spec/ports")
        .forEach(p -> targets.put(p.path("targetPort").asText(), p.path("port").asText()));
    assertEquals(
        Map.of("hazelcast", "" + cluster.port(), "eventbus", "" + cluster.eventBusPort()), targets);

    JsonNode policy = one(central, "NetworkPolicy");
    assertEquals(
        deployment.at("/spec/selector/matchLabels"),
        policy.at("/spec/podSelector/matchLabels"),
        "the policy guards the replicas");
    for (JsonNode rule : policy.at("/spec/ingress")) {
      List<String> rulePorts = new ArrayList<>();
      rule.path("ports").forEach(p -> rulePorts.add(p.path("port").asText()));
      if (rulePorts.contains("hazelcast") || rulePorts.contains("eventbus")) {
        assertEquals(
            policy.at("/spec/podSelector/matchLabels"),
            rule.at("/from/0/podSelector/matchLabels"),
            "cluster ports from the replicas alone");
        assertEquals(1, rule.path("from").size());
      }
    }
  }

  /** Both signing keys of the config replaced by {@code key}, which exists. */
  private static void withKeys(com.fasterxml.jackson.databind.node.ObjectNode tree, Path key) {
    tree.withObjectProperty("reports").put("signingKeyFile", key.toString());
    tree.withObjectProperty("commands").put("signingKeyFile", key.toString());
  }

  @Test
  void theConfigMapsVariablesAreReadByTheLauncher() {
    JsonNode configMap = one(central, "ConfigMap");
    assertEquals(
        configMap.at("/metadata/name").asText(),
        container.at("/envFrom/0/configMapRef/name").asText());
    String launcher = Repository.read("distribution/src/bin/flarewatch");
    configMap
        .path("data")
        .fieldNames()
        .forEachRemaining(
            name ->
                assertTrue(
                    launcher.contains("${" + name + ":-}"), name + " is read by bin/flarewatch"));
  }

  @Test
  void influxDbKeepsItsDataOnAPersistentVolume() {
    JsonNode statefulSet = one(influxdb, "StatefulSet");
    JsonNode influx = statefulSet.at("/spec/template/spec/containers/0");
    assertTrue(influx.path("image").asText().startsWith("influxdb:1."));
    JsonNode claim = statefulSet.at("/spec/volumeClaimTemplates/0");
    assertTrue(claim.at("/spec/resources/requests/storage").isTextual(), "a sized claim");
    assertEquals(claim.at("/metadata/name").asText(), influx.at("/volumeMounts/0/name").asText());
    assertEquals("/var/lib/influxdb", influx.at("/volumeMounts/0/mountPath").asText());
    JsonNode service = one(influxdb, "Service");
    assertEquals(
        service.at("/metadata/name").asText(), statefulSet.at("/spec/serviceName").asText());
    assertEquals(
        service.at("/spec/selector"),
        labelsSubset(statefulSet.at("/spec/template/metadata/labels"), service.at("/spec")));
    assertEquals("/ping", influx.at("/readinessProbe/httpGet/path").asText());
    assertTrue(influx.path("resources").path("limits").has("memory"));
  }

  private String mountOf(String secretName) {
    for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
      if (volume.at("/secret/secretName").asText().equals(secretName)) {
        for (JsonNode mount : container.path("volumeMounts")) {
          if (mount.path("name").asText().equals(volume.path("name").asText())) {
            return mount.path("mountPath").asText();
          }
        }
      }
    }
    throw new AssertionError("the Secret " + secretName + " is not mounted");
  }

  /** The labels a selector names, taken from the pod's: equal to the selector when they match. */
  private static JsonNode labelsSubset(JsonNode labels, JsonNode holder) {
    JsonNode selector =
        holder.has("selector") && holder.path("selector").has("matchLabels")
            ? holder.path("selector").path("matchLabels")
            : holder.path("selector");
    var subset = Repository.YAML.createObjectNode();
    selector.fieldNames().forEachRemaining(name -> subset.set(name, labels.path(name)));
    return subset;
  }

  private static JsonNode one(List<JsonNode> documents, String kind) {
    List<JsonNode> found =
        documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
  }

  private static JsonNode serviceNamed(List<JsonNode> documents, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals("Service"))
        .filter(d -> d.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Service " + name));
  }

  private static List<String> words(JsonNode array) {
    List<String> words = new ArrayList<>();
    array.forEach(word -> words.add(word.asText()));
    return words;
  }
}
