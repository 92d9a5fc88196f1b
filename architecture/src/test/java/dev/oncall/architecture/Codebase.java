package dev.oncall.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository as the rules see it: every Java module's compiled main classes and its main
 * sources. Read from the modules' build directories, because the apps' jars are Spring Boot
 * jars (classes nested under BOOT-INF) and this module must not depend on them.
 */
final class Codebase {
    /** Every module with Java sources, in the order of the dependency rules. */
    static final List<String> JAVA_MODULES = List.of(
            "platform", "core", "store", "graph-api", "regional-worker", "audit-auditor", "cli", "local");

    private static JavaClasses classes;

    private Codebase() {}

    static Path root() {
        return Path.of(System.getProperty("oncall.root", "..")).toAbsolutePath().normalize();
    }

    static synchronized JavaClasses classes() {
        if (classes == null) {
            List<Path> dirs = JAVA_MODULES.stream().map(m -> root().resolve(m).resolve("target/classes")).toList();
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalStateException(dir + " is missing: build the modules first (./mvnw verify builds them in order)");
                }
            }
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPaths(dirs);
        }
        return classes;
    }

    static List<Path> mainSourceRoots() {
        return JAVA_MODULES.stream().map(m -> root().resolve(m).resolve("src/main/java")).toList();
    }
}
