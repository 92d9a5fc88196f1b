package dev.oncall.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartLintTest {

  @TempDir
  Path workDirectory;

  @ParameterizedTest(name = "{0}")
  @EnumSource(ValuesFile.class)
  void lintsCleanInStrictMode(ValuesFile valuesFile) {
    LintResult result = OncallChart.lint(valuesFile, workDirectory);

    assertThat(result.isFailed()).as("helm lint --strict with %s: %s", valuesFile, result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("helm lint --strict messages with %s", valuesFile)
        .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
  }
}
