package dev.oncall.auditor.page;

import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.store.outbound.OutboundHttp;
import dev.oncall.store.outbound.RetryPolicy;
import java.io.IOException;
import java.util.Map;

/** One way of getting a page to a human. */
public interface PageChannel {
    /** Short name recorded with the episode: {@code events_api}, {@code webhook}. */
    String name();

    /** Delivers the event or throws {@link PageFailed}. */
    void send(PageEvent event);

    /**
     * POSTs {@code json} to the configured {@code url}, retried inline by the outbound
     * {@link RetryPolicy} (an event carries its dedup key, so a timed-out call is tried again
     * too); throws {@link PageFailed}, its message starting with {@code failure}, unless a call
     * was answered with a success.
     */
    static void postJson(OutboundHttp http, int attempts, String url, String json, String failure) {
        OutboundHttp.Response answer;
        try {
            answer = RetryPolicy.post(http, attempts, url, Map.of(), "application/json", json);
        } catch (RefusedUrl | IOException e) {
            throw new PageFailed(failure + ": " + e.getMessage(), e);
        }
        if (!answer.succeeded()) {
            throw new PageFailed(failure + ": it answered " + answer.status(), null);
        }
    }

    /** The channel could not take the event (after its retries). */
    final class PageFailed extends RuntimeException {
        public PageFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
