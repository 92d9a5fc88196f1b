package dev.oncall.core.user;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Tests name people by short handles ("a", "alice"); these turn them into references and back. */
public final class UserRefs {
    private UserRefs() {
    }

    public static UserRef ref(String value) {
        return UserRef.of(value);
    }

    public static List<UserRef> refs(String... values) {
        return Arrays.stream(values).map(UserRef::of).toList();
    }

    public static List<UserRef> refs(Collection<String> values) {
        return values.stream().map(UserRef::of).toList();
    }
}
