package dev.oncall.auditor.page;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tries its channels in order (the Events API first, then the fallback) until one takes the event. */
public final class Pager {
    private static final Logger log = LoggerFactory.getLogger(Pager.class);

    private final List<PageChannel> channels;

    public Pager(List<PageChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** The name of the channel that delivered the event; empty when none did (or none is configured). */
    public Optional<String> deliver(PageEvent event) {
        for (PageChannel channel : channels) {
            try {
                channel.send(event);
                log.info("audit page {} {} delivered via {}", event.action(), event.dedupKey(), channel.name());
                return Optional.of(channel.name());
            } catch (PageChannel.PageFailed e) {
                log.warn("audit page {} {} failed via {}: {}", event.action(), event.dedupKey(), channel.name(), e.getMessage());
            }
        }
        if (channels.isEmpty()) {
            log.error("audit page {} {} not sent: no paging channel is configured (oncall.audit.page.*)", event.action(),
                    event.dedupKey());
        }
        return Optional.empty();
    }

    public boolean configured() {
        return !channels.isEmpty();
    }
}
