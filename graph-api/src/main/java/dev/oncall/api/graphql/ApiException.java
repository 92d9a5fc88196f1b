package dev.oncall.api.graphql;

import java.util.Optional;
import org.springframework.graphql.execution.ErrorType;

/**
 * A request the API refuses as a whole (not a field of a mutation's input): the caller may not
 * do it, the thing asked for does not exist, or an argument is unusable. Becomes a GraphQL error
 * with that classification; never carries internals.
 */
public final class ApiException extends RuntimeException {
    private final ErrorType type;
    private final String field;

    private ApiException(ErrorType type, String field, String message) {
        super(message, null, false, false);
        this.type = type;
        this.field = field;
    }

    private ApiException(ErrorType type, String message) {
        this(type, null, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorType.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorType.NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorType.BAD_REQUEST, message);
    }

    /** An unusable argument, named as userErrors name fields (e.g. {@code after}, {@code input.id}). */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(ErrorType.BAD_REQUEST, field, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorType.UNAUTHORIZED, message);
    }

    public ErrorType type() {
        return type;
    }

    /** The argument refused, when the refusal is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
