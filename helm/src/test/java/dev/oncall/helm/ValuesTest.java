package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The values an operator writes: documented, consistent between regions, and checked. */
class ValuesTest {

  /** Keys whose children are Kubernetes fields passed through verbatim, documented upstream. */
  private static final Set<String> KUBERNETES_OBJECTS = Set.of(
      "podSecurityContext", "securityContext", "resources", "startupProbe", "livenessProbe", "readinessProbe");

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9_.-]*):.*$");

  @Test
  void everyValueIsDocumentedByTheCommentAboveIt() throws IOException {
    List<String> lines = Files.readAllLines(OncallChart.DIRECTORY.resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    Deque<String> parents = new ArrayDeque<>();
    Deque<Integer> parentIndents = new ArrayDeque<>();

    for (int i = 0; i < lines.size(); i++) {
      Matcher key = KEY.matcher(lines.get(i));
      if (!key.matches()) {
        continue;
      }
      int indent = key.group(1).length();
      while (!parentIndents.isEmpty() && parentIndents.peek() >= indent) {
        parentIndents.pop();
        parents.pop();
      }
      boolean passedThrough = parents.stream().anyMatch(KUBERNETES_OBJECTS::contains);
      boolean commented = i > 0 && lines.get(i - 1).trim().startsWith("#");
      if (!passedThrough && !commented) {
        undocumented.add(String.join(".", parents.reversed()) + (parents.isEmpty() ? "" : ".") + key.group(2));
      }
      parents.push(key.group(2));
      parentIndents.push(indent);
    }

    assertThat(undocumented).as("values without a comment directly above").isEmpty();
  }

  @Test
  void theRegionFilesDescribeOneDatabaseWithARedisEach() {
    Node east = new Node(ValuesFile.US_EAST1.effectiveValues());
    Node west = new Node(ValuesFile.EUROPE_WEST1.effectiveValues());

    assertThat(east.at("cockroach").map()).isEqualTo(west.at("cockroach").map());
    List<String> regions = east.at("cockroach.regions").list().stream().map(Node::string).toList();
    assertThat(regions).containsExactlyInAnyOrder(ValuesFile.US_EAST1.region(), ValuesFile.EUROPE_WEST1.region());
    assertThat(ValuesFile.US_EAST1.region()).isEqualTo("us-east1");
    assertThat(ValuesFile.EUROPE_WEST1.region()).isEqualTo("europe-west1");
    assertThat(east.at("redis.host").string()).isNotEqualTo(west.at("redis.host").string());
    assertThat(east.at("providers.existingSecret").string()).isEqualTo(west.at("providers.existingSecret").string());
  }

  @Test
  void aSingleWorkerIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.DEFAULTS, Map.of("worker.replicas", "1")))
        .hasMessageContaining("replicas");
  }

  @Test
  void aRegionOutsideTheDatabaseIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.US_EAST1, Map.of("region", "asia-south1")))
        .hasMessageContaining("region \"asia-south1\" is not in cockroach.regions");
  }

  @Test
  void aPrimaryRegionOutsideTheDatabaseIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.US_EAST1, Map.of("cockroach.primaryRegion", "asia-south1")))
        .hasMessageContaining("cockroach.primaryRegion \"asia-south1\" is not in cockroach.regions");
  }

  @Test
  void survivingARegionWithFewerThanThreeRegionsIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.US_EAST1, Map.of("cockroach.survivalGoal", "region")))
        .hasMessageContaining("needs at least 3 regions");
  }

  @Test
  void survivingARegionWithThreeRegionsRenders() {
    Manifests manifests = OncallChart.render(ValuesFile.US_EAST1, Map.of(
        "cockroach.regions[0]", "us-east1",
        "cockroach.regions[1]", "europe-west1",
        "cockroach.regions[2]", "asia-south1",
        "cockroach.survivalGoal", "region"));

    assertThat(manifests.get("ConfigMap", "oncall-config").at("data").map())
        .containsEntry("ONCALL_COCKROACH_REGIONS", "us-east1,europe-west1,asia-south1")
        .containsEntry("ONCALL_COCKROACH_SURVIVAL_GOAL", "region");
  }

  @Test
  void anUnknownSurvivalGoalIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.DEFAULTS, Map.of("cockroach.survivalGoal", "node")))
        .hasMessageContaining("survivalGoal");
  }

  @Test
  void aWritableRootFilesystemIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.DEFAULTS, Map.of("securityContext.readOnlyRootFilesystem", "false")))
        .hasMessageContaining("readOnlyRootFilesystem");
  }

  @Test
  void aMistypedTopLevelKeyIsRejected() {
    assertThatThrownBy(() -> OncallChart.render(ValuesFile.DEFAULTS, Map.of("regoin", "us-east1")))
        .hasMessageContaining("regoin");
  }
}
