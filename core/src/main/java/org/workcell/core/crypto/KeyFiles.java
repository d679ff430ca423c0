package org.workcell.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Stores an Ed25519 key pair as one PEM file (PKCS#8 private key, then the SPKI public key),
 * readable by its owner only. Writes go to a temporary file that is renamed into place, so a
 * crash never leaves half a key.
 */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    /** Loads the key pair at {@code file}, or makes, stores and returns a new one if there is none. */
    public static KeyPair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyPair pair = Ed25519.generate();
        try {
            write(file, pair, false);
        } catch (FileAlreadyExistsException raced) {
            return load(file);
        }
        return pair;
    }

    public static void write(Path file, KeyPair pair, boolean replace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path tmp = Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (replace) {
                moveAtomically(tmp, file);
            } else {
                // A hard link fails if the target exists: no second writer can replace a key.
                Files.createLink(file, tmp);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static KeyPair load(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException(file + " is readable by others (" + PosixFilePermissions.toString(perms)
                    + "); run chmod 600 on it");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY", file)));
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY", file)));
            // A damaged or mixed-up public block must not pass for this private key's own.
            byte[] probe = file.toString().getBytes(StandardCharsets.UTF_8);
            if (!Ed25519.verify(pub, probe, Ed25519.sign(priv, probe))) {
                throw new IOException(file + " holds a private and a public key that do not belong together");
            }
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold an Ed25519 key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String text, String type, Path file) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " has no " + type + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a damaged " + type + " block", e);
        }
    }
}
