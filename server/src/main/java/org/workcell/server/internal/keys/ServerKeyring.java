package org.workcell.server.internal.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import org.workcell.core.crypto.Ed25519;
import org.workcell.core.crypto.KeyFiles;
import org.workcell.core.jws.CompactJws;
import org.workcell.core.protocol.PinnedKey;
import org.workcell.core.protocol.ServerKeys;

/**
 * The server's signing keys, made on first start and kept (0600) under {@code DATA/keys}. The
 * lease key signs leases and provisioning bundles; the image key signs image references and
 * manifests. Devices pin both at enrolment.
 */
public final class ServerKeyring {
    private final KeyPair leaseKey;
    private final KeyPair imageKey;

    private ServerKeyring(KeyPair leaseKey, KeyPair imageKey) {
        this.leaseKey = leaseKey;
        this.imageKey = imageKey;
    }

    public static ServerKeyring loadOrCreate(Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        return new ServerKeyring(KeyFiles.loadOrCreate(keys.resolve("lease-signing.pem")),
                KeyFiles.loadOrCreate(keys.resolve("image-signing.pem")));
    }

    public String signLease(String type, Object payload) {
        return CompactJws.signJson(type, Ed25519.keyId(leaseKey.getPublic()), payload, leaseKey.getPrivate());
    }

    public String signImage(String type, Object payload) {
        return CompactJws.signJson(type, Ed25519.keyId(imageKey.getPublic()), payload, imageKey.getPrivate());
    }

    /** The lease key's public half, for checking tokens this server signed itself. */
    public java.security.PublicKey leasePublicKey() {
        return leaseKey.getPublic();
    }

    public java.security.PublicKey imagePublicKey() {
        return imageKey.getPublic();
    }

    public ServerKeys publicKeys() {
        return new ServerKeys(pinned(leaseKey), pinned(imageKey));
    }

    private static PinnedKey pinned(KeyPair pair) {
        return new PinnedKey(Ed25519.keyId(pair.getPublic()), Ed25519.publicKeyToBase64(pair.getPublic()));
    }
}
