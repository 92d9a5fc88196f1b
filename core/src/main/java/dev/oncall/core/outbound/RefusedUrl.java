package dev.oncall.core.outbound;

/**
 * A URL our servers will not call, with the reason in words a person can act on
 * ("resolves to 10.0.0.1, a private address"). Checked, so no caller forgets that a URL can be refused.
 */
public final class RefusedUrl extends Exception {
    public RefusedUrl(String reason) {
        super(reason);
    }
}
