package dev.oncall.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/** The documents `helm template` printed, with the lookups the chart's tests need. */
record Manifests(List<Node> documents) {

  static Manifests parse(String rendered) {
    List<Node> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(rendered)) {
      if (document != null) {
        documents.add(new Node(document));
      }
    }
    return new Manifests(List.copyOf(documents));
  }

  List<Node> ofKind(String kind) {
    return documents.stream().filter(document -> kind.equals(document.at("kind").string())).toList();
  }

  Optional<Node> find(String kind, String name) {
    return ofKind(kind).stream().filter(document -> name.equals(document.at("metadata.name").string())).findFirst();
  }

  Node get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + names()));
  }

  List<String> names() {
    return documents.stream().map(d -> d.at("kind").string() + "/" + d.at("metadata.name").string()).toList();
  }

  /** Every pod template of the release: the Deployments' and the CronJobs' job templates'. */
  List<PodTemplate> podTemplates() {
    List<PodTemplate> templates = new ArrayList<>();
    for (Node deployment : ofKind("Deployment")) {
      templates.add(new PodTemplate(deployment, deployment.at("spec.template")));
    }
    for (Node cronJob : ofKind("CronJob")) {
      templates.add(new PodTemplate(cronJob, cronJob.at("spec.jobTemplate.spec.template")));
    }
    return templates;
  }

  PodTemplate podTemplate(String kind, String name) {
    return podTemplates().stream()
        .filter(t -> kind.equals(t.owner().at("kind").string()) && name.equals(t.ownerName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod template of " + kind + "/" + name + " in " + names()));
  }

  /** A pod template and the workload that owns it. */
  record PodTemplate(Node owner, Node template) {

    String ownerName() {
      return owner.at("metadata.name").string();
    }

    Node spec() {
      return template.at("spec");
    }

    List<Node> containers() {
      List<Node> containers = new ArrayList<>(spec().at("initContainers").list());
      containers.addAll(spec().at("containers").list());
      return containers;
    }

    Node container(String name) {
      return containers().stream()
          .filter(c -> name.equals(c.at("name").string()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no container " + name + " in " + ownerName()));
    }
  }

  /**
   * The literal environment a container would see: the ConfigMaps it takes whole (envFrom),
   * then its env entries with a plain value. Entries taken from Secrets are left out: their
   * values are not in the manifests, which is the point.
   */
  Map<String, String> literalEnvironment(Node container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Node source : container.at("envFrom").list()) {
      Node configMapRef = source.at("configMapRef");
      if (configMapRef.isPresent()) {
        get("ConfigMap", configMapRef.at("name").string()).at("data").map()
            .forEach((key, value) -> environment.put(key, String.valueOf(value)));
      }
    }
    for (Node variable : container.at("env").list()) {
      if (variable.at("value").isPresent()) {
        environment.put(variable.at("name").string(), variable.at("value").string());
      }
    }
    return environment;
  }

  /** The env entry of a container by name, or a missing node. */
  static Node envVar(Node container, String name) {
    return container.at("env").list().stream()
        .filter(variable -> name.equals(variable.at("name").string()))
        .findFirst()
        .orElse(Node.MISSING);
  }
}
