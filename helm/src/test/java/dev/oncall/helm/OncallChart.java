package dev.oncall.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The chart in helm/oncall, linted and rendered by the Helm library in-process, with no network. */
final class OncallChart {

  static final Path DIRECTORY = Path.of("oncall").toAbsolutePath();
  static final String RELEASE = "oncall";
  static final String NAMESPACE = "oncall";
  static final String KUBERNETES_VERSION = "1.31.0";

  private OncallChart() {}

  /** Renders the chart as `helm template` does, with a values file and `--set` overrides. */
  static Manifests render(ValuesFile valuesFile, Map<String, Object> overrides) {
    TemplateCommand template = new Helm(DIRECTORY).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBERNETES_VERSION);
    valuesFile.path().ifPresent(template::withValuesFile);
    overrides.forEach(template::set);
    return Manifests.parse(template.call());
  }

  static Manifests render(ValuesFile valuesFile) {
    return render(valuesFile, Map.of());
  }

  /**
   * Lints the chart as `helm lint --strict` would with the given values file. The Helm
   * library's lint reads only the chart's own values.yaml, so a copy of the chart gets the
   * region's values merged into its values.yaml, as Helm itself merges them.
   */
  static LintResult lint(ValuesFile valuesFile, Path workDirectory) {
    Path chart = valuesFile.path().isEmpty() ? DIRECTORY : copyWithMergedValues(valuesFile, workDirectory);
    return new Helm(chart).lint().strict().call();
  }

  /** The chart's values.yaml, parsed. */
  static Map<String, Object> defaultValues() {
    return readYaml(DIRECTORY.resolve("values.yaml"));
  }

  static Map<String, Object> readYaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyWithMergedValues(ValuesFile valuesFile, Path workDirectory) {
    Path copy = workDirectory.resolve("oncall");
    try (Stream<Path> files = Files.walk(DIRECTORY)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(DIRECTORY.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
      Map<String, Object> merged = merge(defaultValues(), readYaml(valuesFile.path().orElseThrow()));
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's coalescing of values: maps merge key by key, anything else is replaced. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    override.forEach((key, value) -> {
      if (value instanceof Map<?, ?> overrideMap && merged.get(key) instanceof Map<?, ?> baseMap) {
        merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) overrideMap));
      } else {
        merged.put(key, value);
      }
    });
    return merged;
  }
}
