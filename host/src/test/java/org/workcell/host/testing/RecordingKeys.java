package org.workcell.host.testing;

import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.workcell.host.ContainerKeys;

/** The registered container keys, as a gateway would hold them. */
public final class RecordingKeys implements ContainerKeys {
    public record Registration(String user, PublicKey key) {}

    public final Map<String, Registration> active = new ConcurrentHashMap<>();
    public final java.util.List<String> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void register(String phoneId, String user, PublicKey key) {
        active.put(phoneId, new Registration(user, key));
    }

    @Override
    public void revoke(String phoneId) {
        active.remove(phoneId);
        revoked.add(phoneId);
    }
}
