package dev.oncall.api.user;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.PersonalData;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.notify.ContactMessage;
import dev.oncall.store.notify.ContactMessages;
import dev.oncall.store.notify.Verifications;
import dev.oncall.store.user.ContactRepository;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Contact methods and notification rules: a person's own, read and changed as
 * {@link PersonalData} says (no team role changes them). Whoever may change a method may also have
 * a verification code or a test notification sent to it, and verify it with the code: the code
 * proves that whoever holds the address agrees, whoever typed the address in.
 */
@Controller
class ContactController {
    private final ContactRepository contacts;
    private final PersonalData personal;
    private final WebhookAddresses webhookAddresses;
    private final ContactMessages messages;
    private final Verifications verifications;
    private final Clock clock;

    ContactController(ContactRepository contacts, PersonalData personal, WebhookAddresses webhookAddresses,
                      ContactMessages messages, Verifications verifications, Clock clock) {
        this.contacts = contacts;
        this.personal = personal;
        this.webhookAddresses = webhookAddresses;
        this.messages = messages;
        this.verifications = verifications;
        this.clock = clock;
    }

    record AddContactMethodInput(UUID userId, ContactMethodType type, String label, String address, Integer priority) {}

    record UpdateContactMethodInput(UUID id, String label, String address, Integer priority) {}

    record AddNotificationRuleInput(UUID userId, UUID contactMethodId, Integer delaySeconds, Urgency urgency) {}

    record IdInput(UUID id) {}

    record ContactMethodPayload(ContactMethod contactMethod, List<UserError> userErrors) {}

    record NotificationRulePayload(NotificationRule notificationRule, List<UserError> userErrors) {}

    record ContactMethodIdInput(UUID contactMethodId) {}

    record VerifyContactMethodInput(UUID contactMethodId, String code) {}

    record ContactMessagePayload(ContactMessageView message, ContactMethod contactMethod, List<UserError> userErrors) {}

    @SchemaMapping(typeName = "User")
    List<ContactMethod> contactMethods(User user, DataFetchingEnvironment env) {
        personal.requireRead(env, user.id());
        return contacts.methodsOf(user.id());
    }

    @SchemaMapping(typeName = "User")
    List<NotificationRule> notificationRules(User user, DataFetchingEnvironment env) {
        personal.requireRead(env, user.id());
        return contacts.rulesOf(user.id());
    }

    @BatchMapping(typeName = "NotificationRule")
    Map<NotificationRule, ContactMethod> contactMethod(List<NotificationRule> rules) {
        Map<UUID, ContactMethod> byId = new HashMap<>();
        contacts.methodsOf(rules.stream().map(NotificationRule::userId).distinct().toList())
                .forEach(m -> byId.put(m.id(), m));
        Map<NotificationRule, ContactMethod> out = new HashMap<>();
        rules.forEach(r -> out.put(r, byId.get(r.contactMethodId())));
        return out;
    }

    @SchemaMapping(typeName = "NotificationRule")
    long delaySeconds(NotificationRule rule) {
        return rule.delay().toSeconds();
    }

    @MutationMapping
    ContactMethodPayload addContactMethod(Caller caller, @Argument AddContactMethodInput input) {
        return Mutations.attempt(() -> {
            UUID owner = input.userId() != null ? input.userId() : Access.person(caller);
            personal.requireChange(caller, owner);
            webhookAddresses.check(input.type(), input.address());
            return new ContactMethodPayload(contacts.addMethod(owner, input.type(), input.label(), input.address(),
                    input.priority()), List.of());
        }, errors -> new ContactMethodPayload(null, errors));
    }

    @MutationMapping
    ContactMethodPayload updateContactMethod(Caller caller, @Argument UpdateContactMethodInput input) {
        return Mutations.attempt(() -> {
            ContactMethod current = method(input.id());
            personal.requireChange(caller, current.userId());
            webhookAddresses.check(current.type(), input.address());
            return new ContactMethodPayload(contacts.updateMethod(input.id(), input.label(), input.address(),
                    input.priority()), List.of());
        }, errors -> new ContactMethodPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteContactMethod(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            personal.requireChange(caller, method(input.id()).userId());
            contacts.deleteMethod(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @MutationMapping
    NotificationRulePayload addNotificationRule(Caller caller, @Argument AddNotificationRuleInput input) {
        return Mutations.attempt(() -> {
            UUID owner = input.userId() != null ? input.userId() : Access.person(caller);
            personal.requireChange(caller, owner);
            return new NotificationRulePayload(contacts.addRule(owner, input.contactMethodId(),
                    Duration.ofSeconds(input.delaySeconds()), input.urgency()), List.of());
        }, errors -> new NotificationRulePayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteNotificationRule(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            NotificationRule rule = contacts.findRule(input.id())
                    .orElseThrow(() -> ValidationException.of("id", "no such notification rule"));
            personal.requireChange(caller, rule.userId());
            contacts.deleteRule(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @BatchMapping(typeName = "ContactMethod")
    Map<ContactMethod, List<ContactMessageView>> recentMessages(List<ContactMethod> methods) {
        Map<UUID, List<ContactMessage>> byMethod = messages.recent(methods.stream().map(ContactMethod::id).distinct().toList());
        Map<ContactMethod, List<ContactMessageView>> out = new HashMap<>();
        methods.forEach(m -> out.put(m, byMethod.getOrDefault(m.id(), List.of()).stream()
                .map(ContactMessageView::of).toList()));
        return out;
    }

    @MutationMapping
    ContactMessagePayload sendVerification(Caller caller, @Argument ContactMethodIdInput input) {
        return send(caller, input.contactMethodId(), ContactMessageKind.VERIFICATION);
    }

    @MutationMapping
    ContactMessagePayload sendTestNotification(Caller caller, @Argument ContactMethodIdInput input) {
        return send(caller, input.contactMethodId(), ContactMessageKind.TEST);
    }

    private ContactMessagePayload send(Caller caller, UUID contactMethodId, ContactMessageKind kind) {
        return Mutations.attempt(() -> {
            personal.requireChange(caller, method(contactMethodId, ContactMessages.FIELD).userId());
            ContactMessage message = messages.request(kind, contactMethodId, clock.instant());
            return new ContactMessagePayload(ContactMessageView.of(message),
                    contacts.findMethod(contactMethodId).orElse(null), List.of());
        }, errors -> new ContactMessagePayload(null, null, errors));
    }

    @MutationMapping
    ContactMethodPayload verifyContactMethod(Caller caller, @Argument VerifyContactMethodInput input) {
        return Mutations.attempt(() -> {
            personal.requireChange(caller, method(input.contactMethodId(), ContactMessages.FIELD).userId());
            return switch (verifications.verify(input.contactMethodId(), input.code(), clock.instant())) {
                case Verifications.Check.Verified v -> new ContactMethodPayload(v.method(), List.of());
                // Refused like any bad input, though the wrong try was counted (docs/api.md says so).
                case Verifications.Check.Wrong w -> new ContactMethodPayload(null, List.of(new UserError(
                        Mutations.INPUT + ".code", "is not the code that was sent; " + (w.remaining() == 0
                                ? "no tries are left: ask for a new code with sendVerification"
                                : w.remaining() + " more wrong " + (w.remaining() == 1 ? "try ends" : "tries end")
                                + " the pending codes"))));
            };
        }, errors -> new ContactMethodPayload(null, errors));
    }

    private ContactMethod method(UUID id, String field) {
        return contacts.findMethod(id).orElseThrow(() -> ValidationException.of(field, "no such contact method"));
    }

    private ContactMethod method(UUID id) {
        return method(id, "id");
    }
}
