package dev.oncall.core.user;

import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.Problems;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One way to reach a person: a push token, a phone number, an email address, a Slack member
 * id or a webhook URL. Methods are tried in {@code priority} order (lower first).
 *
 * @param verified whoever holds the address proved it (a code sent there, a webhook's challenge
 *                 answered); changing the address takes it away again
 * @param disabled the provider refused the address for good (an unregistered push token, a 410)
 */
public record ContactMethod(UUID id, UUID userId, ContactMethodType type, String label, String address,
                            int priority, boolean verified, boolean disabled) {
    public static final int MAX_ADDRESS = 4096;
    public static final int MAX_LABEL = 100;
    /** A person may have at most this many contact methods. */
    public static final int MAX_PER_USER = 20;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public ContactMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Problems problems = new Problems();
        check(problems, type, label, address, priority);
        problems.throwIfAny();
    }

    /**
     * Whether pages, notices and test messages may go to it, and whether it identifies its owner
     * (an SMS reply from its number): only once verified, and never while disabled. An unverified
     * address is anyone's claim, so paging it could ring a stranger's phone and trusting it would
     * let a stranger act as the owner.
     */
    public boolean pageable() {
        return verified && !disabled;
    }

    public static void check(Problems problems, ContactMethodType type, String label, String address, int priority) {
        Text.optionalLine(problems, "label", label, MAX_LABEL);
        Text.required(problems, "address", address, MAX_ADDRESS);
        if (priority < 0) {
            problems.add("priority", "must be 0 or more, got " + priority);
        }
        if (type == null || address == null || address.isBlank()) {
            return;
        }
        switch (type) {
            case SMS, VOICE -> {
                if (!E164.matcher(address).matches()) {
                    problems.add("address", "must be a phone number in E.164 form such as +14155550100");
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(address).matches()) {
                    problems.add("address", "is not an email address: \"" + address + "\"");
                }
            }
            case WEBHOOK -> {
                try {
                    URI uri = URI.create(address);
                    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                        problems.add("address", "must be an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("address", "must be an http(s) URL");
                }
            }
            case PUSH, SLACK -> { }
        }
    }
}
