package dev.oncall.api.graphql;

import java.util.List;
import java.util.UUID;

public record DeletePayload(UUID deletedId, List<UserError> userErrors) {
    public static DeletePayload deleted(UUID id) {
        return new DeletePayload(id, List.of());
    }

    public static DeletePayload refused(List<UserError> errors) {
        return new DeletePayload(null, errors);
    }

    /** A delete of something that does not exist is refused on the id field. */
    public static DeletePayload notFound(String message) {
        return new DeletePayload(null, List.of(new UserError(Mutations.INPUT + ".id", message)));
    }
}
