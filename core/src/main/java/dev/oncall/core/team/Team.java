package dev.oncall.core.team;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.Objects;
import java.util.UUID;

/** A group of people who own schedules, policies and services together. */
public record Team(UUID id, String name, String description) {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;

    public Team {
        Objects.requireNonNull(id, "id");
        Problems problems = new Problems();
        check(problems, name, description);
        problems.throwIfAny();
    }

    public static void check(Problems problems, String name, String description) {
        Text.required(problems, "name", name, MAX_NAME);
        Text.optional(problems, "description", description, MAX_DESCRIPTION);
    }
}
