package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.graphql.ApiException;
import graphql.GraphQLError;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;

/** A subscription refused for its arguments tells the client so, as a query would: never an internal error. */
class SubscriptionErrorsTest {
    private final SubscriptionErrors errors = new SubscriptionErrors();

    @Test
    void argumentsThatCannotBeReadAreABadRequest() {
        BindException bind = new BindException(new Object(), "UUID");
        bind.addError(new FieldError("UUID", "$", "x", true, null, null, "Failed to convert argument value"));
        ConversionFailedException conversion = new ConversionFailedException(TypeDescriptor.valueOf(String.class),
                TypeDescriptor.valueOf(java.util.UUID.class), "x", new IllegalArgumentException("Invalid UUID string: x"));

        for (Throwable refused : List.of(bind, conversion, new CompletionException(bind),
                ApiException.badRequest("after is not a cursor"))) {
            GraphQLError error = errors.resolveToSingleError(refused);
            assertThat(error.getErrorType()).as(refused.toString()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(error.getMessage()).as(refused.toString()).doesNotContain("internal error");
        }
        assertThat(errors.resolveToSingleError(new IllegalStateException("boom")).getErrorType())
                .isEqualTo(ErrorType.INTERNAL_ERROR);
    }
}
