package dev.oncall.api.graphql;

import org.springframework.graphql.execution.ErrorType;

/**
 * A request the API refuses as a whole (not a field of a mutation's input): the caller may not
 * do it, the thing asked for does not exist, or an argument is unusable. Becomes a GraphQL error
 * with that classification; never carries internals.
 */
public final class ApiException extends RuntimeException {
    private final ErrorType type;

    private ApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
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

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorType.UNAUTHORIZED, message);
    }

    public ErrorType type() {
        return type;
    }
}
