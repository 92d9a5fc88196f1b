package dev.oncall.api;

import dev.oncall.store.outbound.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A DNS hook for tests: a name put here resolves to its address; any other name as the platform resolves it. */
public final class TestDns implements HostResolver {
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public void put(String name, String address) {
        names.put(name, address);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String address = names.get(host);
        return address == null ? SYSTEM.resolve(host) : List.of(InetAddress.getByName(address));
    }
}
