package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.helm.Manifests.PodTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every pod the chart creates is probed, sized and locked down, whatever the values file. */
class WorkloadHardeningTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void rendersTheThreeComponents(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    assertThat(manifests.podTemplates())
        .extracting(t -> t.owner().at("kind").string() + "/" + t.ownerName())
        .containsExactlyInAnyOrder(
            "Deployment/oncall-graph-api", "Deployment/oncall-regional-worker", "CronJob/oncall-audit-auditor");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyContainerHasResourceRequestsAndLimits(ValuesFile valuesFile) {
    for (PodTemplate pod : OncallChart.render(valuesFile).podTemplates()) {
      for (Node container : pod.containers()) {
        Node resources = container.at("resources");
        assertThat(List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory"))
            .as("resources of %s in %s", container.at("name").string(), pod.ownerName())
            .allSatisfy(path -> assertThat(resources.at(path).isPresent()).as(path).isTrue());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyContainerRunsAsNonRootOnReadOnlyRootFilesystem(ValuesFile valuesFile) {
    for (PodTemplate pod : OncallChart.render(valuesFile).podTemplates()) {
      Node podContext = pod.spec().at("securityContext");
      assertThat(podContext.at("runAsNonRoot").bool()).as("pod runAsNonRoot of %s", pod.ownerName()).isTrue();
      assertThat(pod.spec().at("automountServiceAccountToken").value()).as(pod.ownerName()).isEqualTo(false);
      for (Node container : pod.containers()) {
        Node context = container.at("securityContext");
        String name = container.at("name").string();
        assertThat(context.at("runAsNonRoot").bool()).as("runAsNonRoot of %s", name).isTrue();
        assertThat(context.at("runAsUser").isPresent() ? context.at("runAsUser").integer() : 1)
            .as("runAsUser of %s", name)
            .isPositive();
        assertThat(context.at("readOnlyRootFilesystem").bool()).as("readOnlyRootFilesystem of %s", name).isTrue();
        assertThat(context.at("allowPrivilegeEscalation").value()).as("allowPrivilegeEscalation of %s", name).isEqualTo(false);
        assertThat(context.at("privileged").bool()).as("privileged of %s", name).isFalse();
        assertThat(context.at("capabilities.drop").list()).extracting(Node::string).as("dropped capabilities of %s", name).contains("ALL");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyContainerWritesOnlyToAnEmptyDirAtTmp(ValuesFile valuesFile) {
    for (PodTemplate pod : OncallChart.render(valuesFile).podTemplates()) {
      Set<String> emptyDirs = pod.spec().at("volumes").list().stream()
          .filter(volume -> volume.at("emptyDir").isPresent())
          .map(volume -> volume.at("name").string())
          .collect(Collectors.toSet());
      for (Node container : pod.containers()) {
        assertThat(container.at("volumeMounts").list())
            .as("volume mounts of %s", container.at("name").string())
            .anySatisfy(mount -> {
              assertThat(mount.at("mountPath").string()).isEqualTo("/tmp");
              assertThat(emptyDirs).contains(mount.at("name").string());
            })
            .allSatisfy(mount -> assertThat(mount.at("readOnly").bool() || emptyDirs.contains(mount.at("name").string()))
                .as("mount %s is read-only or an emptyDir", mount.at("mountPath").string())
                .isTrue());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyLongRunningContainerIsProbedOnTheActuatorHealthGroups(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    for (Node deployment : manifests.ofKind("Deployment")) {
      PodTemplate pod = manifests.podTemplate("Deployment", deployment.at("metadata.name").string());
      for (Node container : pod.containers()) {
        String name = container.at("name").string();
        Set<Object> ports = container.at("ports").list().stream()
            .flatMap(port -> Stream.of(port.at("name").value(), port.at("containerPort").value()))
            .collect(Collectors.toSet());
        Map<String, String> expectedPaths = Map.of(
            "livenessProbe", "/actuator/health/liveness",
            "readinessProbe", "/actuator/health/readiness",
            "startupProbe", "/actuator/health/liveness");
        expectedPaths.forEach((probe, path) -> {
          Node httpGet = container.at(probe + ".httpGet");
          assertThat(httpGet.at("path").string()).as("%s path of %s", probe, name).isEqualTo(path);
          assertThat(ports).as("%s port of %s is a declared container port", probe, name).contains(httpGet.at("port").value());
        });
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void everyPodRollsWhenTheSharedConfigurationChanges(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);
    Manifests changed = OncallChart.render(valuesFile, Map.of("extraConfig.ONCALL_EXAMPLE_SETTING", "changed"));

    for (PodTemplate pod : manifests.podTemplates()) {
      String checksum = pod.template().at("metadata.annotations").map().get("checksum/config").toString();
      PodTemplate changedPod = changed.podTemplate(pod.owner().at("kind").string(), pod.ownerName());
      assertThat(checksum).as("checksum/config of %s", pod.ownerName()).matches("[0-9a-f]{64}");
      assertThat(changedPod.template().at("metadata.annotations").map().get("checksum/config"))
          .as("checksum/config of %s after a config change", pod.ownerName())
          .isNotEqualTo(checksum);
    }
  }

  @Test
  void imagesDefaultToTheChartAppVersion() {
    Manifests manifests = OncallChart.render(ValuesFile.DEFAULTS);

    assertThat(manifests.podTemplates())
        .flatExtracting(PodTemplate::containers)
        .extracting(container -> container.at("image").string())
        .containsExactlyInAnyOrder(
            "oncall/graph-api:0.1.0", "oncall/regional-worker:0.1.0", "oncall/audit-auditor:0.1.0");
  }

  @Test
  void imagesComeFromTheConfiguredRegistry() {
    Manifests manifests = OncallChart.render(ValuesFile.US_EAST1, Map.of("image.tag", "0.2.0"));

    assertThat(manifests.podTemplates())
        .flatExtracting(PodTemplate::containers)
        .extracting(container -> container.at("image").string())
        .containsExactlyInAnyOrder(
            "registry.example.com/oncall/graph-api:0.2.0",
            "registry.example.com/oncall/regional-worker:0.2.0",
            "registry.example.com/oncall/audit-auditor:0.2.0");
  }
}
