package dev.oncall.acceptance.system;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each story the one {@link Installation} of this test run, started on first use and
 * stopped when the run ends; a failed story prints the apps' last log lines next to its failure.
 */
public final class InstallationExtension implements ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Installation.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Installation.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return installation(context);
    }

    private static Installation installation(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Installation.class, k -> Installation.start(), Installation.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            Installation installation = context.getRoot().getStore(NAMESPACE).get(Installation.class, Installation.class);
            if (installation != null) {
                System.out.println("The apps' last lines after " + context.getDisplayName() + " failed (all of it in target/acceptance-logs):\n"
                        + installation.tails());
            }
        }
    }
}
