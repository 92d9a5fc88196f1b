package dev.oncall.cli;

import dev.oncall.core.routing.Actions;
import java.util.ArrayList;
import java.util.List;

/** What a rule's (or the catch-all's) actions do, in words, as the rules file says them. */
final class ActionsText {
    private ActionsText() {
    }

    static String of(Actions actions) {
        if (actions.drop()) {
            return "drop";
        }
        List<String> parts = new ArrayList<>();
        actions.routeTo().ifPresent(s -> parts.add("routeTo " + s));
        actions.urgency().ifPresent(u -> parts.add("urgency " + u.code()));
        actions.priority().ifPresent(p -> parts.add("priority " + p.code()));
        if (actions.suppress()) {
            parts.add("suppress");
        }
        return parts.isEmpty() ? "changes nothing" : String.join(", ", parts);
    }
}
