package dev.oncall.helm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The values an operator installs the chart with: the defaults, or one region's file on top. */
enum ValuesFile {
  DEFAULTS(null),
  US_EAST1("values-us-east1.yaml"),
  EUROPE_WEST1("values-europe-west1.yaml");

  private final String fileName;

  ValuesFile(String fileName) {
    this.fileName = fileName;
  }

  Optional<Path> path() {
    return Optional.ofNullable(fileName).map(OncallChart.DIRECTORY::resolve);
  }

  /** The values Helm sees: values.yaml with this file merged over it. */
  Map<String, Object> effectiveValues() {
    return path()
        .map(file -> OncallChart.merge(OncallChart.defaultValues(), OncallChart.readYaml(file)))
        .orElseGet(OncallChart::defaultValues);
  }

  String region() {
    return (String) effectiveValues().get("region");
  }

  @Override
  public String toString() {
    return fileName == null ? "values.yaml" : fileName;
  }
}
