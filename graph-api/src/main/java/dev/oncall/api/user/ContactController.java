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
    ContactMethodPayload updateContactMethod(DataFetchingEnvironment env, @Argument UpdateContactMethodInput input) {
        return Mutations.attempt(() -> {
            ContactMethod current = changeable(env, input.id(), "id");
            webhookAddresses.check(current.type(), input.address());
            return new ContactMethodPayload(contacts.updateMethod(input.id(), input.label(), input.address(),
                    input.priority()), List.of());
        }, errors -> new ContactMethodPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteContactMethod(DataFetchingEnvironment env, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            changeable(env, input.id(), "id");
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
    DeletePayload deleteNotificationRule(DataFetchingEnvironment env, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            personal.changeable(env, contacts.findRule(input.id()), NotificationRule::userId, "id", "notification rule");
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
    ContactMessagePayload sendVerification(DataFetchingEnvironment env, @Argument ContactMethodIdInput input) {
        return send(env, input.contactMethodId(), ContactMessageKind.VERIFICATION);
    }

    @MutationMapping
    ContactMessagePayload sendTestNotification(DataFetchingEnvironment env, @Argument ContactMethodIdInput input) {
        return send(env, input.contactMethodId(), ContactMessageKind.TEST);
    }

    private ContactMessagePayload send(DataFetchingEnvironment env, UUID contactMethodId, ContactMessageKind kind) {
        return Mutations.attempt(() -> {
            changeable(env, contactMethodId, ContactMessages.FIELD);
            ContactMessage message = messages.request(kind, contactMethodId, clock.instant());
            return new ContactMessagePayload(ContactMessageView.of(message),
                    contacts.findMethod(contactMethodId).orElse(null), List.of());
        }, errors -> new ContactMessagePayload(null, null, errors));
    }

    @MutationMapping
    ContactMethodPayload verifyContactMethod(DataFetchingEnvironment env, @Argument VerifyContactMethodInput input) {
        return Mutations.attempt(() -> {
            changeable(env, input.contactMethodId(), ContactMessages.FIELD);
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

    private ContactMethod changeable(DataFetchingEnvironment env, UUID id, String field) {
        return personal.changeable(env, contacts.findMethod(id), ContactMethod::userId, field, "contact method");
    }
}
