package dev.oncall.store.notify;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckToken;
import dev.oncall.core.validation.FieldError;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.CommandResult;
import dev.oncall.store.incident.IncidentCommands;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every acknowledgement path acts: redeem a signed token (once) or take a person
 * the channel already proved (a signed SMS reply, a keypad press), then acknowledge or resolve
 * through the incident commands, which record the channel and stop escalation in the same
 * transaction.
 */
public final class Acknowledgements {
    private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);

    /** What happened: acted on (or already so), or refused with field errors and nothing changed. */
    public record Result(UUID incidentId, AckAction action, boolean changed, String title, List<FieldError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        static Result refused(String field, String message) {
            return new Result(null, null, false, "", List.of(new FieldError(field, message)));
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** {@code acknowledged} or {@code resolved}. */
        public String done() {
            return action.result().code();
        }
    }

    private final AckTokens tokens;
    private final IncidentCommands commands;
    private final Clock clock;

    public Acknowledgements(AckTokens tokens, IncidentCommands commands, Clock clock) {
        this.tokens = tokens;
        this.commands = commands;
        this.clock = clock;
    }

    /** Redeems {@code token} and carries out what it grants; refusals are reported on {@code field}. */
    public Result withToken(String token, Channel channel, String field) {
        AckTokens.Redemption redemption = tokens.redeem(token, channel, clock.instant());
        if (!redemption.ok()) {
            return Result.refused(field, redemption.refusal());
        }
        AckToken t = redemption.token().orElseThrow();
        try {
            Result result = act(t.incidentId(), t.userId(), t.action(), channel);
            if (!result.ok()) {
                // Nothing happened (the incident is gone, say), so the token stays usable.
                tokens.release(t);
            }
            return result;
        } catch (RuntimeException e) {
            tokens.release(t);
            throw e;
        }
    }

    /** Checks a token without using it up: what a confirmation page shows. */
    public AckTokens.Redemption peek(String token) {
        return tokens.check(token, clock.instant());
    }

    /** Acts as {@code userId}, whom the channel has already authenticated. */
    public Result act(UUID incidentId, UUID userId, AckAction action, Channel channel) {
        Actor actor = Actor.user(userId);
        CommandResult r = action == AckAction.ACKNOWLEDGE
                ? commands.acknowledge(incidentId, actor, channel)
                : commands.resolve(incidentId, actor, channel);
        log.info("incident {} {} by user {} via {}{}", incidentId, action.code(), userId, channel.code(),
                r.ok() ? (r.changed() ? "" : " (already so)") : ": refused " + r.errors());
        return new Result(incidentId, action, r.changed(), r.incident().map(Incident::title).orElse(""), r.errors());
    }
}
