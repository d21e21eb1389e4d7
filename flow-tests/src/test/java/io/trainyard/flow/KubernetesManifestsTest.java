package io.trainyard.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.trainyard.devstack.JvmOptions;
import io.trainyard.devstack.ServiceLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base renders, and describes every service with its probes, its metrics and the JVM
 * options it ships with (the ones devstack's launcher runs it with).
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void baseListsOnlyFilesThatExistAndEveryServiceHasADeploymentAndService() throws IOException {
    JsonNode kustomization = YAML.readTree(K8S.resolve("base/kustomization.yaml").toFile());
    List<JsonNode> docs = new ArrayList<>();
    for (JsonNode resource : kustomization.get("resources")) {
      Path file = K8S.resolve("base").resolve(resource.asText());
      assertThat(file).exists();
      docs.addAll(readAll(file));
    }
    for (String service : ServiceLauncher.SERVICES) {
      JsonNode deployment = find(docs, "Deployment", service);
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      assertThat(container.at("/readinessProbe/httpGet/path").asText())
          .isEqualTo("/q/health/ready");
      assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
      assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1path").asText())
          .isEqualTo("/q/metrics");
      assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
      find(docs, "Service", service);
    }
  }

  @Test
  void everyDeploymentTakesTheConfigMapGeneratedFromItsJvmOptionsFile() throws IOException {
    JsonNode kustomization = YAML.readTree(K8S.resolve("base/kustomization.yaml").toFile());
    Set<String> generated = new TreeSet<>();
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      String name = generator.path("name").asText();
      assertThat(generated.add(name)).as("generated twice: " + name).isTrue();
      if (name.endsWith("-jvm")) {
        String service = name.substring(0, name.length() - "-jvm".length());
        assertThat(generator.path("envs")).hasSize(1);
        Path env = K8S.resolve("base").resolve(generator.path("envs").get(0).asText()).normalize();
        assertThat(env).isEqualTo(JvmOptions.file(K8S.getParent(), service));
      }
    }
    Set<String> expected = new TreeSet<>();
    ServiceLauncher.SERVICES.forEach(s -> expected.add(s + "-jvm"));
    assertThat(generated).as("one JVM options ConfigMap per service").isEqualTo(expected);

    List<JsonNode> docs = new ArrayList<>();
    for (JsonNode resource : kustomization.get("resources")) {
      docs.addAll(readAll(K8S.resolve("base").resolve(resource.asText())));
    }
    for (String service : ServiceLauncher.SERVICES) {
      JsonNode container = find(docs, "Deployment", service).at("/spec/template/spec/containers/0");
      List<String> fromMaps = new ArrayList<>();
      container.path("envFrom").forEach(e -> fromMaps.add(e.at("/configMapRef/name").asText()));
      assertThat(fromMaps).as(service).contains(service + "-jvm");
      // A variable set in env would win over the ConfigMap's.
      container
          .path("env")
          .forEach(
              e ->
                  assertThat(JvmOptions.VARIABLES)
                      .as(service + " sets JVM options beside its file")
                      .doesNotContain(e.path("name").asText()));
    }
  }

  @Test
  void overlayRendersWithKustomizeWhereKubectlIsInstalled() throws Exception {
    Path kubectl =
        List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl").stream()
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
    Process p =
        new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve("overlays/dev").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.split("\nkind: Deployment", -1)).hasSize(ServiceLauncher.SERVICES.size() + 1);
    assertThat(out).contains("namespace: trainyard-dev");
    // Each Deployment's JVM options ConfigMap (named with a hash of its content) holds its file.
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(out)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    for (String service : ServiceLauncher.SERVICES) {
      JsonNode container = find(docs, "Deployment", service).at("/spec/template/spec/containers/0");
      List<String> names = new ArrayList<>();
      container.path("envFrom").forEach(e -> names.add(e.at("/configMapRef/name").asText()));
      String jvm =
          names.stream()
              .filter(n -> n.startsWith(service + "-jvm-"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(service + " takes no JVM options: " + names));
      Map<String, String> data =
          YAML.convertValue(find(docs, "ConfigMap", jvm).get("data"), Map.class);
      assertThat(data)
          .as(service)
          .isEqualTo(JvmOptions.variables(JvmOptions.file(K8S.getParent(), service)));
    }
  }

  private static List<JsonNode> readAll(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    return docs;
  }

  private static JsonNode find(List<JsonNode> docs, String kind, String name) {
    return docs.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .filter(d -> name.equals(d.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
