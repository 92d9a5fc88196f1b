package dev.oncall.core.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.Verification;
import dev.oncall.core.validation.Problems;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerificationCodeTest {
    private static final UUID MESSAGE = UUID.fromString("5b7f1a2e-4c3d-4e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void codesAreSixDigitsWithLeadingZerosKept() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(VerificationCode.newCode(random)).matches("[0-9]{6}");
        }
        assertThat(VerificationCode.newCode(new Random() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        })).isEqualTo("000042");
    }

    @Test
    void challengesAreLongAndUrlSafe() {
        assertThat(VerificationCode.newChallenge(new Random(1))).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void typedCodesLoseTheirSpacesAndDashesAndAnythingElseIsRefused() {
        assertThat(VerificationCode.normalize(" 123 456 ")).contains("123456");
        assertThat(VerificationCode.normalize("123-456")).contains("123456");
        assertThat(VerificationCode.normalize("12345")).isEmpty();
        assertThat(VerificationCode.normalize("1234567")).isEmpty();
        assertThat(VerificationCode.normalize("12345a")).isEmpty();
        assertThat(VerificationCode.normalize("١٢٣٤٥٦")).as("digits of other scripts are not ours").isEmpty();
        assertThat(VerificationCode.normalize(null)).isEqualTo(Optional.empty());
        Problems problems = new Problems();
        VerificationCode.check(problems, "code", "abc");
        assertThat(problems.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("code"));
    }

    @Test
    void theHashMatchesOnlyTheCodeOfItsOwnMessageAndIsNotTheCode() {
        String hash = VerificationCode.hash(MESSAGE, "123456");

        assertThat(hash).hasSize(64).doesNotContain("123456");
        assertThat(VerificationCode.matches(MESSAGE, "123456", hash)).isTrue();
        assertThat(VerificationCode.matches(MESSAGE, "123457", hash)).isFalse();
        assertThat(VerificationCode.matches(UUID.randomUUID(), "123456", hash)).as("salted by the message").isFalse();
        assertThat(VerificationCode.matches(MESSAGE, "123456", null)).isFalse();
    }

    @Test
    void aVerificationNeverShowsItsCodeWhereLogsAndLockScreensLook() {
        Verification v = new Verification(UUID.randomUUID(), "987654");

        assertThat(v.toString()).doesNotContain("987654");
        assertThat(MessageText.headline(v)).doesNotContain("987654");
        assertThat(MessageText.emailSubject(v)).doesNotContain("987654");
        assertThat(MessageText.sms(v)).contains("987654").hasSizeLessThanOrEqualTo(MessageText.SMS_SINGLE);
        assertThat(MessageText.voice(v)).contains("9, 8, 7, 6, 5, 4. Again: 9, 8, 7, 6, 5, 4.");
        assertThat(MessageText.text(v)).contains("987654");
    }

    @Test
    void limitsDescribeThemselves() {
        assertThat(VerificationLimits.CODES_PER_METHOD.describe()).isEqualTo("3 per 10 minutes");
        assertThat(VerificationLimits.CODES_PER_PERSON.describe()).isEqualTo("10 per day");
    }
}
