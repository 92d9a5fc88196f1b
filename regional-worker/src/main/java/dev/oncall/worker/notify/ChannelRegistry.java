package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which channel serves each contact method type in this deployment. */
public final class ChannelRegistry implements AutoCloseable {
    private final Map<ContactMethodType, Channel> byType = new LinkedHashMap<>();

    public ChannelRegistry(List<Channel> channels) {
        for (Channel c : channels) {
            if (byType.putIfAbsent(c.type(), c) != null) {
                throw new IllegalArgumentException("two channels serve " + c.type());
            }
        }
    }

    /** The channel for a type; an unknown type is refused like a disabled channel. */
    public Channel forType(ContactMethodType type) {
        return byType.getOrDefault(type, new DisabledChannel(type));
    }

    public Map<String, String> providers() {
        Map<String, String> providers = new LinkedHashMap<>();
        byType.forEach((type, c) -> providers.put(type.code(), c.provider()));
        return providers;
    }

    @Override
    public void close() throws Exception {
        for (Channel c : byType.values()) {
            if (c instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
