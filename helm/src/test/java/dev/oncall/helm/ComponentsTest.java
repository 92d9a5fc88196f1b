package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.helm.Manifests.PodTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shape of each component: what runs where, how many, and what it is told. */
class ComponentsTest {

  private static final String GRAPH_API = "oncall-graph-api";
  private static final String WORKER = "oncall-regional-worker";
  private static final String AUDITOR = "oncall-audit-auditor";

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theRegionOfTheValuesFileReachesEveryComponent(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    assertThat(valuesFile.region()).isNotBlank();
    for (PodTemplate pod : manifests.podTemplates()) {
      for (Node container : pod.containers()) {
        assertThat(manifests.literalEnvironment(container))
            .as("environment of %s", pod.ownerName())
            .containsEntry("ONCALL_REGION", valuesFile.region());
      }
    }
    Node worker = manifests.podTemplate("Deployment", WORKER).container("regional-worker");
    assertThat(manifests.literalEnvironment(worker)).containsEntry("ONCALL_REGION", valuesFile.region());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyComponentUsesCockroachAndItsRegionsRedisNotTheEmbeddedStores(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);
    Map<String, Object> values = valuesFile.effectiveValues();
    Node cockroach = new Node(values).at("cockroach");

    for (PodTemplate pod : manifests.podTemplates()) {
      Map<String, String> environment = manifests.literalEnvironment(pod.containers().getFirst());
      assertThat(environment)
          .as("environment of %s", pod.ownerName())
          .containsEntry("ONCALL_EMBEDDED_ENABLED", "false")
          .containsEntry("SPRING_DATASOURCE_URL", new Node(values).at("database.url").string())
          .containsEntry("SPRING_DATASOURCE_USERNAME", new Node(values).at("database.username").string())
          .containsEntry("ONCALL_COCKROACH_PRIMARY_REGION", cockroach.at("primaryRegion").string())
          .containsEntry("ONCALL_COCKROACH_REGIONS",
              String.join(",", cockroach.at("regions").list().stream().map(Node::string).toList()))
          .containsEntry("ONCALL_COCKROACH_SURVIVAL_GOAL", cockroach.at("survivalGoal").string())
          .containsKey("JAVA_TOOL_OPTIONS");
      assertThat(environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
      assertThat(environment.get("ONCALL_REDIS_URL"))
          .startsWith("redis")
          .contains("@" + new Node(values).at("redis.host").string() + ":");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void onlyGraphApiRunsTheMigrations(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    Map<String, String> expected = Map.of(GRAPH_API, "true", WORKER, "false", AUDITOR, "false");
    for (PodTemplate pod : manifests.podTemplates()) {
      assertThat(manifests.literalEnvironment(pod.containers().getFirst()))
          .as("environment of %s", pod.ownerName())
          .containsEntry("ONCALL_MIGRATIONS_ENABLED", expected.get(pod.ownerName()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theAuditorRunsAsACronJobThatNeverOverlapsItself(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    assertThat(manifests.find("Deployment", AUDITOR)).isEmpty();
    assertThat(manifests.ofKind("Job")).isEmpty();
    Node cronJob = manifests.get("CronJob", AUDITOR);
    assertThat(cronJob.at("apiVersion").string()).isEqualTo("batch/v1");
    assertThat(cronJob.at("spec.schedule").string()).isEqualTo("* * * * *");
    assertThat(cronJob.at("spec.concurrencyPolicy").string()).isEqualTo("Forbid");
    assertThat(cronJob.at("spec.successfulJobsHistoryLimit").integer()).isPositive();
    assertThat(cronJob.at("spec.failedJobsHistoryLimit").integer()).isPositive();
    Node job = cronJob.at("spec.jobTemplate.spec");
    assertThat(job.at("activeDeadlineSeconds").integer()).as("a run ends before the next minute").isBetween(1, 59);
    assertThat(job.at("backoffLimit").integer()).as("a mismatch fails the Job instead of retrying").isZero();
    PodTemplate pod = manifests.podTemplate("CronJob", AUDITOR);
    assertThat(pod.spec().at("restartPolicy").string()).isEqualTo("Never");
    assertThat(pod.container("audit-auditor").at("image").string()).contains("oncall/audit-auditor:");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void workersRunAtLeastTwoReplicasProtectedByADisruptionBudget(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    Node worker = manifests.get("Deployment", WORKER);
    int replicas = worker.at("spec.replicas").integer();
    assertThat(replicas).isGreaterThanOrEqualTo(2);
    Node budget = manifests.get("PodDisruptionBudget", WORKER);
    assertThat(selects(budget.at("spec.selector.matchLabels"), worker.at("spec.template"))).isTrue();
    assertThat(selects(budget.at("spec.selector.matchLabels"), manifests.get("Deployment", GRAPH_API).at("spec.template")))
        .as("the workers' budget does not cover graph-api")
        .isFalse();
    assertThat(budget.at("spec.maxUnavailable").integer()).isBetween(1, replicas - 1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void workersSpreadOverNodesAndZones(ValuesFile valuesFile) {
    Node spec = OncallChart.render(valuesFile).get("Deployment", WORKER).at("spec.template.spec");

    assertThat(spec.at("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution").list())
        .anySatisfy(term -> assertThat(term.at("podAffinityTerm.topologyKey").string()).isEqualTo("kubernetes.io/hostname"));
    assertThat(spec.at("topologySpreadConstraints").list())
        .anySatisfy(constraint -> {
          assertThat(constraint.at("topologyKey").string()).isEqualTo("topology.kubernetes.io/zone");
          assertThat(constraint.at("labelSelector.matchLabels").map())
              .containsEntry("app.kubernetes.io/component", "regional-worker");
        });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void graphApiHasAServiceAnAutoscalerAndADisruptionBudget(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);
    Node deployment = manifests.get("Deployment", GRAPH_API);
    Node container = manifests.podTemplate("Deployment", GRAPH_API).container("graph-api");

    Node service = manifests.get("Service", GRAPH_API);
    assertThat(selects(service.at("spec.selector"), deployment.at("spec.template"))).isTrue();
    assertThat(service.at("spec.ports").list()).singleElement().satisfies(port -> {
      assertThat(port.at("targetPort").string()).isEqualTo("http");
      assertThat(container.at("ports").list()).anySatisfy(containerPort -> {
        assertThat(containerPort.at("name").string()).isEqualTo("http");
        assertThat(containerPort.at("containerPort").integer()).isEqualTo(8080);
      });
    });

    Node autoscaler = manifests.get("HorizontalPodAutoscaler", GRAPH_API);
    assertThat(autoscaler.at("apiVersion").string()).isEqualTo("autoscaling/v2");
    assertThat(autoscaler.at("spec.scaleTargetRef").map())
        .containsEntry("kind", "Deployment")
        .containsEntry("name", GRAPH_API);
    assertThat(autoscaler.at("spec.minReplicas").integer()).isGreaterThanOrEqualTo(2);
    assertThat(autoscaler.at("spec.maxReplicas").integer()).isGreaterThanOrEqualTo(autoscaler.at("spec.minReplicas").integer());
    assertThat(deployment.at("spec.replicas").isPresent()).as("replicas are left to the autoscaler").isFalse();

    Node budget = manifests.get("PodDisruptionBudget", GRAPH_API);
    assertThat(budget.at("apiVersion").string()).isEqualTo("policy/v1");
    assertThat(selects(budget.at("spec.selector.matchLabels"), deployment.at("spec.template"))).isTrue();
  }

  @Test
  void graphApiWithoutAutoscalingKeepsItsOwnReplicaCount() {
    Manifests manifests = OncallChart.render(ValuesFile.DEFAULTS,
        Map.of("graphApi.autoscaling.enabled", "false", "graphApi.replicas", "3"));

    assertThat(manifests.find("HorizontalPodAutoscaler", GRAPH_API)).isEmpty();
    assertThat(manifests.get("Deployment", GRAPH_API).at("spec.replicas").integer()).isEqualTo(3);
  }

  @Test
  void theRegionFilesExposeGraphApiThroughAnIngressToItsService() {
    Manifests manifests = OncallChart.render(ValuesFile.EUROPE_WEST1);

    Node ingress = manifests.get("Ingress", GRAPH_API);
    List<Node> rules = ingress.at("spec.rules").list();
    assertThat(rules).extracting(rule -> rule.at("host").string()).containsExactly("oncall-europe-west1.example.com");
    assertThat(rules.getFirst().at("http.paths").list()).singleElement().satisfies(path -> {
      assertThat(path.at("backend.service.name").string()).isEqualTo(GRAPH_API);
      assertThat(path.at("backend.service.port.name").string()).isEqualTo("http");
    });
    assertThat(OncallChart.render(ValuesFile.DEFAULTS).ofKind("Ingress")).isEmpty();
  }

  /** Whether a label selector picks the pods of a pod template. */
  private static boolean selects(Node matchLabels, Node podTemplate) {
    Map<String, Object> labels = podTemplate.at("metadata.labels").map();
    return !matchLabels.map().isEmpty()
        && matchLabels.map().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
