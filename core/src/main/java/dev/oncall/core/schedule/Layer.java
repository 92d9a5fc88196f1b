package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Fields;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rotation layer: from {@code start} (local, in the schedule's zone: the first handoff)
 * participants take turns of {@code rotation} length, {@code usersPerShift} at a time, while the
 * restriction windows (if any) are open, until {@code end}.
 *
 * <p>A participant may be listed more than once to take more turns; a shift never holds the
 * same user twice (later repeats are dropped).
 */
public record Layer(
        String name,
        LocalDateTime start,
        Optional<LocalDateTime> end,
        Rotation rotation,
        List<UserRef> participants,
        int usersPerShift,
        List<Restriction> restrictions) {
    /** Characters in a layer's name (as stored, and shown in shift lists). */
    public static final int MAX_NAME = 100;

    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(participants, "participants");
        Objects.requireNonNull(restrictions, "restrictions");
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
        Problems problems = new Problems();
        check(problems, name, start, end, rotation, participants.stream().map(UserRef::value).toList(), usersPerShift,
                restrictions);
        problems.throwIfAny();
    }

    /** A layer of one user per shift, no end, no restrictions. */
    public static Layer of(String name, LocalDateTime start, Rotation rotation, List<UserRef> participants) {
        return new Layer(name, start, Optional.empty(), rotation, participants, 1, List.of());
    }

    public Layer withEnd(LocalDateTime newEnd) {
        return new Layer(name, start, Optional.of(newEnd), rotation, participants, usersPerShift, restrictions);
    }

    public Layer withUsersPerShift(int users) {
        return new Layer(name, start, end, rotation, participants, users, restrictions);
    }

    public Layer withRestrictions(List<Restriction> windows) {
        return new Layer(name, start, end, rotation, participants, usersPerShift, windows);
    }

    /**
     * Records every problem with these fields, relative to the layer ({@code rotation},
     * {@code participants[2]}), with people as the text that names them. A null argument means that field was missing or unreadable and
     * was reported already, so the checks that need it are skipped.
     */
    public static void check(
            Problems problems,
            String name,
            LocalDateTime start,
            Optional<LocalDateTime> end,
            Rotation rotation,
            List<String> participants,
            int usersPerShift,
            List<Restriction> restrictions) {
        Text.name(problems, "name", name, MAX_NAME);
        Fields.supported(problems, "start", start);
        if (end != null && end.isPresent()) {
            Fields.supported(problems, "end", end.get());
            if (start != null && !end.get().isAfter(start)) {
                problems.add("end", "must be after the layer's start (" + start + "), got " + end.get());
            }
        }
        if (participants != null) {
            if (participants.isEmpty()) {
                problems.add("participants", "a layer needs at least one participant");
            } else if (participants.size() > ScheduleLimits.MAX_PARTICIPANTS) {
                problems.add("participants", "at most " + ScheduleLimits.MAX_PARTICIPANTS + " participants per layer, got "
                        + participants.size());
            }
            for (int i = 0; i < participants.size(); i++) {
                Text.name(problems, "participants[" + i + "]", participants.get(i), Fields.MAX_NAME_LENGTH);
            }
            if (!participants.isEmpty() && (usersPerShift < 1 || usersPerShift > participants.size())) {
                problems.add("usersPerShift", "must be between 1 and the number of participants (" + participants.size()
                        + "), got " + usersPerShift);
            }
        }
        if (restrictions != null && restrictions.size() > ScheduleLimits.MAX_RESTRICTIONS) {
            problems.add("restrictions", "at most " + ScheduleLimits.MAX_RESTRICTIONS + " restrictions per layer, got "
                    + restrictions.size());
        }
    }
}
