package org.workcell.host;

import java.security.PublicKey;

/**
 * Where the host registers each phone's container key: the gateway trusts a phone's signed requests
 * only under the key registered for that phone and user. The host makes a new key pair every time
 * it starts a phone and revokes it when the phone stops, so a key taken out of a phone dies with it.
 */
public interface ContainerKeys {
    void register(String phoneId, String user, PublicKey key);

    void revoke(String phoneId);

    /** For a host without a gateway (tests, a standalone phone): keys are made and forgotten. */
    ContainerKeys NONE = new ContainerKeys() {
        @Override
        public void register(String phoneId, String user, PublicKey key) {}

        @Override
        public void revoke(String phoneId) {}
    };
}
