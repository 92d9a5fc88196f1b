package dev.oncall.api.graphql;

import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape every mutation shares: run the work; if the domain refuses the input, answer with
 * the payload's userErrors, each field path prefixed with the argument name ({@code input}).
 * The store validates before it writes and writes in one transaction, so a refusal means
 * nothing was written.
 */
public final class Mutations {
    public static final String INPUT = "input";

    private Mutations() {}

    public static <P> P attempt(Supplier<P> work, Function<List<UserError>, P> refused) {
        return attempt(INPUT, work, refused);
    }

    public static <P> P attempt(String argument, Supplier<P> work, Function<List<UserError>, P> refused) {
        try {
            return work.get();
        } catch (ValidationException e) {
            return refused.apply(errors(argument, e.errors()));
        }
    }

    public static List<UserError> errors(String prefix, List<FieldError> errors) {
        return errors.stream().map(e -> new UserError(path(prefix, e.field()), e.message())).toList();
    }

    private static String path(String prefix, String field) {
        if (field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}
