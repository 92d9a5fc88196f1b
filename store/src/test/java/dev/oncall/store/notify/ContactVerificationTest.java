package dev.oncall.store.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.verification.VerificationCode;
import dev.oncall.core.verification.VerificationLimits;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verification codes as the store keeps them: sent within limits, kept only as a hash, good once,
 * for ten minutes, for five tries, and only for the address they were sent to; and SMS replies
 * that identify a person only through a verified number.
 */
@ExtendWith(WithInfrastructure.class)
class ContactVerificationTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String WORKER = "test-worker";
    private static final AtomicLong numbers = new AtomicLong(4155550000L);
    private static StoreFixture store;
    private static NotifyFixture fx;
    private static ContactMessages messages;
    private static Verifications verifications;

    @BeforeAll
    static void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        fx = new NotifyFixture(store, "r");
        messages = new ContactMessages(store.tx, "r");
        verifications = new Verifications(store.tx);
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static String number() {
        return "+1" + numbers.incrementAndGet();
    }

    /** What a worker does with a due verification message: claims it and stores the hash of the code it sends. */
    private static ContactMessage sent(ContactMethod method, String code, Instant now) {
        ContactMessage asked = messages.request(ContactMessageKind.VERIFICATION, method.id(), now);
        ContactMessage claimed = messages.claim(WORKER, now, Duration.ofMinutes(1), 1000).stream()
                .filter(m -> m.id().equals(asked.id())).findFirst().orElseThrow();
        assertThat(messages.storeCode(claimed.id(), WORKER, VerificationCode.hash(claimed.id(), code), now)).isTrue();
        messages.markSent(claimed, WORKER, "twilio", "SM" + claimed.id(), 1, false, now);
        return claimed;
    }

    private static List<FieldError> refusal(Runnable action) {
        try {
            action.run();
        } catch (ValidationException e) {
            return e.errors();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theRightCodeVerifiesOnceAndNoCodeIsStoredReadably() {
        ContactMethod sms = fx.unverifiedMethod(fx.person("ana"), ContactMethodType.SMS, number(), 0);
        ContactMessage message = sent(sms, "042917", T0);

        String stored = store.jdbc.sql("SELECT code_hash FROM contact_messages WHERE id = :id").param("id", message.id())
                .query(String.class).single();
        assertThat(stored).doesNotContain("042917").isEqualTo(VerificationCode.hash(message.id(), "042917"));

        Verifications.Check check = verifications.verify(sms.id(), " 042-917 ", T0.plusSeconds(30));

        assertThat(check).isInstanceOf(Verifications.Check.Verified.class);
        assertThat(((Verifications.Check.Verified) check).method().verified()).isTrue();
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().pageable()).isTrue();
        assertThat(refusal(() -> verifications.verify(sms.id(), "042917", T0.plusSeconds(31))))
                .containsExactly(new FieldError("contactMethodId", "is already verified"));
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        ContactMethod sms = fx.unverifiedMethod(fx.person("bo"), ContactMethodType.SMS, number(), 0);
        sent(sms, "111111", T0);

        List<FieldError> late = refusal(() -> verifications.verify(sms.id(), "111111",
                T0.plus(VerificationLimits.CODE_TTL)));

        assertThat(late).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("contactMethodId");
            assertThat(e.message()).startsWith("has no code pending");
        });
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().verified()).isFalse();
    }

    @Test
    void fiveWrongCodesEndThePendingCodesEvenForTheRightOne() {
        ContactMethod sms = fx.unverifiedMethod(fx.person("cy"), ContactMethodType.SMS, number(), 0);
        sent(sms, "222222", T0);

        for (int i = 1; i <= VerificationLimits.MAX_FAILED_CHECKS; i++) {
            Verifications.Check wrong = verifications.verify(sms.id(), "99999" + i, T0.plusSeconds(i));
            assertThat(wrong).isEqualTo(new Verifications.Check.Wrong(VerificationLimits.MAX_FAILED_CHECKS - i));
        }

        assertThat(refusal(() -> verifications.verify(sms.id(), "222222", T0.plusSeconds(10))))
                .extracting(FieldError::message).singleElement().asString().startsWith("has no code pending");
        assertThat(store.contacts.findMethod(sms.id()).orElseThrow().verified()).isFalse();
    }

    @Test
    void aMalformedCodeIsRefusedWithoutCounting() {
        ContactMethod sms = fx.unverifiedMethod(fx.person("di"), ContactMethodType.SMS, number(), 0);
        sent(sms, "333333", T0);

        assertThat(refusal(() -> verifications.verify(sms.id(), "33333", T0))).extracting(FieldError::field)
                .containsExactly("code");
        assertThat(store.jdbc.sql("SELECT failed_checks FROM contact_messages WHERE contact_method_id = :m")
                .param("m", sms.id()).query(Integer.class).single()).isZero();
        assertThat(verifications.verify(sms.id(), "333333", T0)).isInstanceOf(Verifications.Check.Verified.class);
    }

    @Test
    void changingTheAddressUnverifiesAndACodeForTheOldAddressVerifiesNothing() {
        ContactMethod sms = fx.unverifiedMethod(fx.person("ed"), ContactMethodType.SMS, number(), 0);
        sent(sms, "444444", T0);
        ContactMethod moved = store.contacts.updateMethod(sms.id(), sms.label(), number(), 0);

        assertThat(refusal(() -> verifications.verify(sms.id(), "444444", T0.plusSeconds(5))))
                .extracting(FieldError::message).singleElement().asString().startsWith("has no code pending");

        ContactMethod verified = fx.method(fx.person("ed2"), ContactMethodType.SMS, number(), 0);
        assertThat(verified.verified()).isTrue();
        ContactMethod changed = store.contacts.updateMethod(verified.id(), "new phone", number(), 0);
        assertThat(changed.verified()).isFalse();
        assertThat(changed.pageable()).isFalse();
        assertThat(moved.verified()).isFalse();
        ContactMethod relabelled = fx.method(fx.person("ed3"), ContactMethodType.SMS, number(), 0);
        assertThat(store.contacts.updateMethod(relabelled.id(), "renamed", relabelled.address(), 3).verified())
                .as("only a new address takes the verification away").isTrue();
    }

    @Test
    void codesToOneMethodAndToOnePersonAreLimited() {
        User fay = fx.person("fay");
        ContactMethod first = fx.unverifiedMethod(fay, ContactMethodType.SMS, number(), 0);
        for (int i = 0; i < VerificationLimits.CODES_PER_METHOD.count(); i++) {
            messages.request(ContactMessageKind.VERIFICATION, first.id(), T0.plusSeconds(i));
        }

        List<FieldError> fourth = refusal(() -> messages.request(ContactMessageKind.VERIFICATION, first.id(),
                T0.plusSeconds(60)));
        assertThat(fourth).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("contactMethodId");
            assertThat(e.message()).isEqualTo("at most 3 per 10 minutes verification messages may be sent to this "
                    + "contact method; try again after " + T0.plus(Duration.ofMinutes(10)));
        });
        messages.request(ContactMessageKind.VERIFICATION, first.id(), T0.plus(Duration.ofMinutes(10)).plusSeconds(1));

        // Ten a day for one person, whichever of their methods.
        int sent = 4;
        Instant at = T0.plus(Duration.ofMinutes(11));
        while (sent < VerificationLimits.CODES_PER_PERSON.count()) {
            ContactMethod other = fx.unverifiedMethod(fay, ContactMethodType.SMS, number(), 1);
            messages.request(ContactMessageKind.VERIFICATION, other.id(), at);
            sent++;
        }
        ContactMethod another = fx.unverifiedMethod(fay, ContactMethodType.EMAIL, "fay@example.com", 2);
        assertThat(refusal(() -> messages.request(ContactMessageKind.VERIFICATION, another.id(), at)))
                .extracting(FieldError::message).singleElement().asString()
                .startsWith("at most 10 per day verification messages may be sent to one person's contact methods");
        messages.request(ContactMessageKind.VERIFICATION, another.id(), T0.plus(Duration.ofDays(1)).plusSeconds(1));
    }

    @Test
    void testNotificationsGoOnlyToVerifiedMethodsAndAreLimited() {
        User gus = fx.person("gus");
        ContactMethod unverified = fx.unverifiedMethod(gus, ContactMethodType.SMS, number(), 0);
        assertThat(refusal(() -> messages.request(ContactMessageKind.TEST, unverified.id(), T0)))
                .extracting(FieldError::message).singleElement().asString().startsWith("is not verified yet");
        ContactMethod verified = fx.method(gus, ContactMethodType.SMS, number(), 1);
        assertThat(refusal(() -> messages.request(ContactMessageKind.VERIFICATION, verified.id(), T0)))
                .extracting(FieldError::message).containsExactly("is already verified");

        for (int i = 0; i < VerificationLimits.TESTS_PER_METHOD.count(); i++) {
            assertThat(messages.request(ContactMessageKind.TEST, verified.id(), T0.plusSeconds(i)).state())
                    .isEqualTo(ContactMessage.State.PENDING);
        }
        assertThat(refusal(() -> messages.request(ContactMessageKind.TEST, verified.id(), T0.plusSeconds(5))))
                .extracting(FieldError::message).singleElement().asString()
                .startsWith("at most 3 per 10 minutes test notifications");
        assertThat(messages.recent(List.of(verified.id())).get(verified.id())).hasSize(3)
                .allSatisfy(m -> assertThat(m.kind()).isEqualTo(ContactMessageKind.TEST))
                .extracting(ContactMessage::createdAt).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void anSmsReplyIdentifiesOnlyThePersonWhoVerifiedTheNumber() {
        String number = number();
        User owner = fx.person("hal");
        User claimant = fx.person("ivy");
        ContactMethod owned = fx.method(owner, ContactMethodType.SMS, number, 0);
        fx.unverifiedMethod(claimant, ContactMethodType.VOICE, number, 0);
        ReplyCodes codes = new ReplyCodes(store.tx);

        assertThat(codes.usersWithNumber(number)).containsExactly(owner.id());

        store.contacts.disable(owned.id(), "test");
        assertThat(codes.usersWithNumber(number)).as("a disabled method identifies nobody either").isEmpty();
    }

    @Test
    void theConstraintsListExactlyTheKindsAndStatesOfTheCode() {
        assertThat(allowed("contact_messages_kind_check")).isEqualTo(Arrays.stream(ContactMessageKind.values())
                .map(ContactMessageKind::code).collect(Collectors.toSet()));
        assertThat(allowed("contact_messages_state_check")).isEqualTo(Arrays.stream(ContactMessage.State.values())
                .map(ContactMessage.State::code).collect(Collectors.toSet()));
    }

    private static Set<String> allowed(String constraint) {
        String definition = store.jdbc.sql("""
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = 'contact_messages'::regclass AND conname = :name""")
                .param("name", constraint).query(String.class).single();
        Set<String> codes = new HashSet<>();
        Matcher m = Pattern.compile("'([^']*)'").matcher(definition);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    @Test
    void aRequestForAMethodThatDoesNotExistIsRefusedByName() {
        assertThatThrownBy(() -> messages.request(ContactMessageKind.VERIFICATION, UUID.randomUUID(), T0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("contactMethodId");
    }
}
