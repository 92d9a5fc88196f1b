package dev.oncall.api.ack;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckToken;
import dev.oncall.core.validation.FieldError;
import dev.oncall.store.notify.AckTokens;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every acknowledgement path goes through: redeems a signed token (once) or
 * takes a person already proven by the channel (a signed SMS reply, a keypad press), then
 * acts on the incident through {@link IncidentActions}.
 */
public final class Acknowledger {
    private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);
    private final AckTokens tokens;
    private final IncidentActions actions;
    private final Clock clock;

    public Acknowledger(AckTokens tokens, IncidentActions actions, Clock clock) {
        this.tokens = tokens;
        this.actions = actions;
        this.clock = clock;
    }

    /** Redeems {@code token} and carries out the action it grants; refusals name the field {@code field}. */
    AckResult withToken(String token, String channel, String field) {
        AckTokens.Redemption redemption = tokens.redeem(token, channel, clock.instant());
        if (!redemption.ok()) {
            return AckResult.refused(field, redemption.refusal());
        }
        AckToken t = redemption.token().orElseThrow();
        try {
            AckResult result = act(t.incidentId(), t.userId(), t.action(), channel);
            if (!result.ok()) {
                // The incident refused (it no longer exists, say): nothing happened, so the token stays usable.
                tokens.release(t);
            }
            return result;
        } catch (RuntimeException e) {
            tokens.release(t);
            throw e;
        }
    }

    /** Checks a token without using it: what the confirmation page shows. */
    AckTokens.Redemption peek(String token) {
        return tokens.check(token, clock.instant());
    }

    AckResult act(UUID incidentId, UUID userId, AckAction action, String channel) {
        IncidentActions.Outcome outcome = actions.act(incidentId, userId, action, channel);
        log.info("incident {} {} by user {} via {}{}", incidentId, action.code(), userId, channel,
                outcome.ok() ? (outcome.changed() ? "" : " (already so)") : ": refused " + outcome.errors());
        List<FieldError> errors = outcome.errors();
        return new AckResult(incidentId, action, outcome.changed(), outcome.title(), errors);
    }
}
