package dev.oncall.store.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database under a key from configuration: AES-256-GCM with a
 * random 96-bit nonce per value and the owner's id as associated data, so a value copied to
 * another row does not decrypt. Stored as {@code v1:} and the base64 of nonce and ciphertext.
 */
final class SecretBox {
    static final int MIN_KEY_LENGTH = 32;
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param configured at least {@value #MIN_KEY_LENGTH} characters; the AES key is derived from it */
    SecretBox(String configured) {
        if (configured.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("must be at least " + MIN_KEY_LENGTH + " characters");
        }
        // HMAC as the key derivation: any long string becomes a uniform 256-bit key, bound to this use.
        this.key = new SecretKeySpec(hmac(configured.getBytes(StandardCharsets.UTF_8),
                "oncall/team-webhook-secrets/v1".getBytes(StandardCharsets.UTF_8)), "AES");
    }

    String seal(String plain, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, owner, plain.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** The plain value; {@link IllegalStateException} when it was sealed under another key or for another owner. */
    String open(String stored, String owner) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed value");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, owner, sealed), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] nonce, String owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("the value was sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
