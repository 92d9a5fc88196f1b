package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ServiceMonitor exists only when asked for, and then scrapes graph-api and the workers. */
class MonitoringTest {

  @Test
  void noServiceMonitorUnlessEnabled() {
    assertThat(OncallChart.render(ValuesFile.DEFAULTS).ofKind("ServiceMonitor")).isEmpty();
  }

  @Test
  void theServiceMonitorScrapesGraphApiAndTheWorkersOnTheirActuator() {
    Manifests manifests = OncallChart.render(ValuesFile.DEFAULTS, Map.of("monitoring.serviceMonitor.enabled", "true"));

    Node monitor = manifests.ofKind("ServiceMonitor").getFirst();
    assertThat(monitor.at("apiVersion").string()).isEqualTo("monitoring.coreos.com/v1");
    Map<String, Object> selector = monitor.at("spec.selector.matchLabels").map();
    List<Node> scraped = manifests.ofKind("Service").stream()
        .filter(service -> service.at("metadata.labels").map().entrySet().containsAll(selector.entrySet()))
        .toList();
    assertThat(scraped)
        .extracting(service -> service.at("metadata.name").string())
        .containsExactlyInAnyOrder("oncall-graph-api-management", "oncall-regional-worker");
    Node endpoint = monitor.at("spec.endpoints").list().getFirst();
    assertThat(endpoint.at("path").string()).isEqualTo("/actuator/prometheus");
    assertThat(scraped).allSatisfy(service -> assertThat(service.at("spec.ports").list())
        .anySatisfy(port -> assertThat(port.at("name").string()).isEqualTo(endpoint.at("port").string())));
    assertThat(monitor.at("spec.namespaceSelector.matchNames").list()).extracting(Node::string).containsExactly(OncallChart.NAMESPACE);
  }

  @Test
  void everyScrapedSeriesIsLabelledWithTheRegionOfTheInstall() {
    Manifests manifests = OncallChart.render(ValuesFile.EUROPE_WEST1);

    Node monitor = manifests.ofKind("ServiceMonitor").getFirst();
    assertThat(monitor.at("metadata.labels").map()).containsEntry("release", "kube-prometheus-stack");
    Node endpoint = monitor.at("spec.endpoints").list().getFirst();
    assertThat(endpoint.at("honorLabels").bool()).as("a region label set by the app wins").isTrue();
    assertThat(endpoint.at("relabelings").list())
        .anySatisfy(relabeling -> {
          assertThat(relabeling.at("targetLabel").string()).isEqualTo("region");
          assertThat(relabeling.at("replacement").string()).isEqualTo("europe-west1");
        });
  }
}
