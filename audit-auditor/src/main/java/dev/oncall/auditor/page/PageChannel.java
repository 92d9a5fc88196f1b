package dev.oncall.auditor.page;

/** One way of getting a page to a human. */
public interface PageChannel {
    /** Short name recorded with the episode: {@code events_api}, {@code webhook}. */
    String name();

    /** Delivers the event or throws {@link PageFailed}. */
    void send(PageEvent event);

    /** The channel could not take the event (after its retries). */
    final class PageFailed extends RuntimeException {
        public PageFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
