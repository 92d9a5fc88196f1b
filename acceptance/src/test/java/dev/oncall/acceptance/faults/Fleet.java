package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.AppProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault run's processes as an orchestrator keeps them: each in a slot of its role, a dead
 * one started again in its slot (with a restart policy of "always", as Kubernetes does; the
 * auditor, for one, exits when it cannot reach the database).
 */
final class Fleet implements AutoCloseable {
    static final Duration START = Duration.ofMinutes(3);

    enum Role { API, WORKER, AUDITOR }

    /** One process slot: the role and the process now filling it. */
    static final class Slot {
        final Role role;
        private volatile AppProcess process;
        private volatile boolean frozen;

        Slot(Role role, AppProcess process) {
            this.role = role;
            this.process = process;
        }

        String name() {
            return process.name();
        }

        AppProcess process() {
            return process;
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    void add(Role role, AppProcess process) {
        slots.add(new Slot(role, process));
    }

    List<Slot> of(Role role) {
        return slots.stream().filter(s -> s.role == role).toList();
    }

    /** SIGKILL, then the same process started again and ready. */
    void killAndRestart(Slot slot) {
        slot.process.kill();
        slot.process = slot.process.restarted(START);
    }

    void freeze(Slot slot) {
        slot.frozen = true;
        slot.process.signal("STOP");
    }

    void thaw(Slot slot) {
        slot.process.signal("CONT");
        slot.frozen = false;
    }

    /** Starts again every process that exited on its own; returns their names. */
    List<String> reviveDead() {
        List<String> revived = new ArrayList<>();
        for (Slot slot : slots) {
            if (!slot.frozen && !slot.process.isAlive()) {
                revived.add(slot.name());
                slot.process = slot.process.restarted(START);
            }
        }
        return revived;
    }

    /** Every process's last lines, for a failed run. */
    String tails() {
        StringBuilder out = new StringBuilder();
        for (Slot slot : slots) {
            out.append("--- ").append(slot.name()).append(slot.process.isAlive() ? "" : " (exited)").append('\n')
                    .append(slot.process.tail()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (Slot slot : slots) {
            if (slot.frozen) {
                slot.process.signal("CONT");
            }
            slot.process.close();
        }
    }
}
