package dev.oncall.core.verification;

import dev.oncall.core.validation.Problems;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The secret a verification message carries, and how it is kept: a six-digit code for the
 * channels a person reads (SMS, voice, email, Slack, push), a long random challenge for webhooks
 * (answered by a machine). Only a salted, slow hash of a code is ever stored, so nobody can read a
 * live code back from the database, a backup or a log; the worker that makes a code sends it and
 * forgets it.
 */
public final class VerificationCode {
    public static final int DIGITS = 6;
    private static final int CHALLENGE_BYTES = 32;
    // PBKDF2 so that a leaked row does not give its code away in a microsecond; the salt (the
    // message's id) makes every row its own search. Cheap enough for one check per request.
    private static final int ITERATIONS = 10_000;
    private static final int HASH_BITS = 256;

    private VerificationCode() {}

    /** A new code: {@value #DIGITS} digits, leading zeros kept. */
    public static String newCode(RandomGenerator random) {
        int bound = (int) Math.pow(10, DIGITS);
        return String.format("%0" + DIGITS + "d", random.nextInt(bound));
    }

    /** A new webhook challenge: 32 random bytes, URL-safe base64 without padding. */
    public static String newChallenge(RandomGenerator random) {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A code as a person typed it, with the spaces and dashes people put in ({@code 123 456},
     * {@code 123-456}) taken out; empty when what remains is not {@value #DIGITS} digits.
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.strip().replace(" ", "").replace("-", "");
        return digits.length() == DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? Optional.of(digits) : Optional.empty();
    }

    /** Records a problem on {@code field} unless {@code typed} is a code's shape. */
    public static void check(Problems problems, String field, String typed) {
        if (normalize(typed).isEmpty()) {
            problems.add(field, "must be the " + DIGITS + " digits of the code that was sent");
        }
    }

    /** The stored form of {@code code} sent in message {@code messageId}: hex PBKDF2-HMAC-SHA256. */
    public static String hash(UUID messageId, String code) {
        ByteBuffer salt = ByteBuffer.allocate(16).putLong(messageId.getMostSignificantBits())
                .putLong(messageId.getLeastSignificantBits());
        try {
            PBEKeySpec spec = new PBEKeySpec(code.toCharArray(), salt.array(), ITERATIONS, HASH_BITS);
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    /** Whether {@code code} is the one whose hash is {@code storedHash}; compared in constant time. */
    public static boolean matches(UUID messageId, String code, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(messageId, code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
