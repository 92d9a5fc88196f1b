package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the outside sees of graph-api: the Ingress reaches the application port only, the actuator
 * (health, metrics) answers on its own management port that no routed Service exposes, and GraphQL
 * introspection is off unless asked for.
 */
class ExposureTest {
  private static final String GRAPH_API = "oncall-graph-api";

  @Test
  void theActuatorIsOnAManagementPortThatTheIngressDoesNotRoute() {
    Manifests manifests = OncallChart.render(ValuesFile.EUROPE_WEST1);
    Node container = manifests.podTemplate("Deployment", GRAPH_API).container("graph-api");

    assertThat(container.at("ports").list()).extracting(p -> p.at("name").string() + ":" + p.at("containerPort").integer())
        .containsExactlyInAnyOrder("http:8080", "management:8090");
    assertThat(manifests.literalEnvironment(container)).containsEntry("MANAGEMENT_SERVER_PORT", "8090");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(container.at(probe + ".httpGet.port").string()).as(probe).isEqualTo("management");
    }

    Node routed = manifests.get("Service", GRAPH_API);
    assertThat(routed.at("spec.ports").list()).extracting(p -> p.at("targetPort").string()).containsExactly("http");
    List<Node> paths = manifests.get("Ingress", GRAPH_API).at("spec.rules").list().getFirst().at("http.paths").list();
    assertThat(paths).allSatisfy(path -> {
      assertThat(path.at("backend.service.name").string()).isEqualTo(GRAPH_API);
      assertThat(path.at("backend.service.port.name").string()).isEqualTo("http");
    });

    Node management = manifests.get("Service", GRAPH_API + "-management");
    assertThat(management.at("spec.clusterIP").string()).isEqualTo("None");
    assertThat(management.at("spec.ports").list()).singleElement()
        .satisfies(p -> assertThat(p.at("targetPort").string()).isEqualTo("management"));
  }

  @Test
  void introspectionIsOffUnlessTurnedOn() {
    Node off = OncallChart.render(ValuesFile.DEFAULTS).podTemplate("Deployment", GRAPH_API).container("graph-api");
    assertThat(OncallChart.render(ValuesFile.DEFAULTS).literalEnvironment(off))
        .containsEntry("ONCALL_GRAPHQL_INTROSPECTION", "false");

    Manifests on = OncallChart.render(ValuesFile.DEFAULTS, Map.of("graphApi.introspection", "true"));
    assertThat(on.literalEnvironment(on.podTemplate("Deployment", GRAPH_API).container("graph-api")))
        .containsEntry("ONCALL_GRAPHQL_INTROSPECTION", "true");
  }
}
