package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.helm.Manifests.PodTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Credentials are referenced by the chart, never written into it. */
class SecretsTest {

  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|SID|SIGNING|AUTH|PRIVATE).*");

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theChartCreatesNoSecret(ValuesFile valuesFile) {
    assertThat(OncallChart.render(valuesFile).ofKind("Secret")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theDatabasePasswordComesFromTheNamedSecret(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);
    Node passwordSecret = new Node(valuesFile.effectiveValues()).at("database.passwordSecret");

    for (PodTemplate pod : manifests.podTemplates()) {
      Node password = Manifests.envVar(pod.containers().getFirst(), "SPRING_DATASOURCE_PASSWORD");
      assertThat(password.at("value").isPresent()).as("literal password in %s", pod.ownerName()).isFalse();
      assertThat(password.at("valueFrom.secretKeyRef").map())
          .as("password reference of %s", pod.ownerName())
          .containsEntry("name", passwordSecret.at("name").string())
          .containsEntry("key", passwordSecret.at("key").string());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void providerCredentialsComeWholeFromTheNamedSecret(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);
    String providers = new Node(valuesFile.effectiveValues()).at("providers.existingSecret").string();

    assertThat(providers).isNotBlank();
    for (PodTemplate pod : manifests.podTemplates()) {
      assertThat(pod.containers().getFirst().at("envFrom").list())
          .as("envFrom of %s", pod.ownerName())
          .anySatisfy(source -> assertThat(source.at("secretRef.name").string()).isEqualTo(providers));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theAuditorsHeartbeatUrlComesFromTheNamedSecretOrIsNotSet(ValuesFile valuesFile) {
    Node unset = OncallChart.render(valuesFile).podTemplate("CronJob", "oncall-audit-auditor").container("audit-auditor");
    assertThat(Manifests.envVar(unset, "ONCALL_AUDIT_HEARTBEAT_URL").isPresent()).isFalse();

    Manifests manifests = OncallChart.render(valuesFile, Map.of("auditor.heartbeat.urlSecret.name", "oncall-audit"));

    Node url = Manifests.envVar(manifests.podTemplate("CronJob", "oncall-audit-auditor").container("audit-auditor"),
        "ONCALL_AUDIT_HEARTBEAT_URL");
    assertThat(url.at("value").isPresent()).as("literal heartbeat URL").isFalse();
    assertThat(url.at("valueFrom.secretKeyRef").map())
        .containsEntry("name", "oncall-audit")
        .containsEntry("key", "heartbeat-url");
    for (PodTemplate pod : manifests.podTemplates()) {
      if (!pod.ownerName().equals("oncall-audit-auditor")) {
        assertThat(Manifests.envVar(pod.containers().getFirst(), "ONCALL_AUDIT_HEARTBEAT_URL").isPresent())
            .as("only the auditor pings, not %s", pod.ownerName())
            .isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void noCredentialIsWrittenAsALiteral(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    for (PodTemplate pod : manifests.podTemplates()) {
      for (Node container : pod.containers()) {
        assertThat(container.at("env").list())
            .as("env of %s", pod.ownerName())
            .filteredOn(variable -> SECRET_NAME.matcher(variable.at("name").string()).matches())
            .isNotEmpty()
            .allSatisfy(variable -> assertThat(variable.at("valueFrom.secretKeyRef").isPresent())
                .as("%s comes from a Secret", variable.at("name").string())
                .isTrue());
      }
    }
    for (Node configMap : manifests.ofKind("ConfigMap")) {
      assertThat(configMap.at("data").map().keySet())
          .as("keys of ConfigMap %s", configMap.at("metadata.name").string())
          .noneMatch(key -> SECRET_NAME.matcher(key).matches());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void theRedisPasswordIsExpandedByKubernetesNotWrittenIntoTheUrl(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    for (PodTemplate pod : manifests.podTemplates()) {
      List<String> names = pod.containers().getFirst().at("env").list().stream().map(v -> v.at("name").string()).toList();
      Node url = Manifests.envVar(pod.containers().getFirst(), "ONCALL_REDIS_URL");
      assertThat(url.at("value").string()).matches("rediss?://:\\$\\(ONCALL_REDIS_PASSWORD\\)@[^:@]+:\\d+/\\d+");
      assertThat(names.indexOf("ONCALL_REDIS_PASSWORD"))
          .as("ONCALL_REDIS_PASSWORD is defined before the URL that expands it")
          .isNotNegative()
          .isLessThan(names.indexOf("ONCALL_REDIS_URL"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void mountedCredentialsAreReadOnlySecretVolumes(ValuesFile valuesFile) {
    Manifests manifests = OncallChart.render(valuesFile);

    for (PodTemplate pod : manifests.podTemplates()) {
      Map<String, Node> volumes = pod.spec().at("volumes").list().stream()
          .collect(Collectors.toMap(volume -> volume.at("name").string(), volume -> volume));
      Node container = pod.containers().getFirst();
      for (Node mount : container.at("volumeMounts").list()) {
        Node volume = volumes.get(mount.at("name").string());
        assertThat(volume).as("volume of mount %s", mount.at("mountPath").string()).isNotNull();
        if (volume.at("secret").isPresent()) {
          assertThat(mount.at("readOnly").bool()).as("%s is read-only", mount.at("mountPath").string()).isTrue();
        }
      }
      Node credentials = Manifests.envVar(container, "GOOGLE_APPLICATION_CREDENTIALS");
      if (credentials.isPresent()) {
        Set<String> secretMountPaths = container.at("volumeMounts").list().stream()
            .filter(mount -> volumes.get(mount.at("name").string()).at("secret").isPresent())
            .map(mount -> mount.at("mountPath").string())
            .collect(Collectors.toSet());
        assertThat(secretMountPaths)
            .as("GOOGLE_APPLICATION_CREDENTIALS %s lies in a mounted Secret", credentials.at("value").string())
            .anyMatch(path -> credentials.at("value").string().startsWith(path + "/"));
      }
    }
  }
}
