package org.workcell.image;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.workcell.image.internal.DirectoryFetchSource;
import org.workcell.image.internal.HttpFetchSource;

/**
 * Where an image's files come from: a chunk store in casync's layout (chunk files at
 * {@code <store>/xxxx/<id>.cacnk}) plus the other files of an image (manifest, index) by location.
 * Nothing a source returns is trusted: the fetcher checks every byte against the signed manifest.
 *
 * <p>Failures are {@link IOException}s; a {@link SourceException} says whether another attempt
 * could help, and any other IOException is taken as transient. Implementations must be safe to
 * call from several threads at once and should give up promptly when the calling thread is
 * interrupted (that is how a fetch is cancelled).
 */
public interface FetchSource extends Closeable {
    /** The source for messages: a folder or a URL. */
    String describe();

    /** The compressed chunk file of {@code id}; a file longer than {@code maxBytes} is {@link SourceException.Kind#OVERSIZED}. */
    byte[] chunk(ChunkId id, int maxBytes) throws IOException;

    /** Another file, by a location relative to the source (or, over HTTP, a URL). */
    byte[] read(String location, int maxBytes) throws IOException;

    @Override
    default void close() throws IOException {}

    /** A chunk store in a local (or mounted) folder. */
    static FetchSource directory(Path store) {
        return new DirectoryFetchSource(store);
    }

    /**
     * A chunk store served over HTTP(S) under {@code base}, by the Workcell server or any static
     * file server or object store. Locations given to {@link #read} resolve against {@code base}.
     */
    static FetchSource http(URI base, HttpOptions options) {
        return new HttpFetchSource(base, options);
    }

    /**
     * @param requestTimeout the most one request may take, from sending it to the last byte of
     *                       the body: a server that is slow or stops mid-answer counts as failed
     * @param connectTimeout the most a connection may take to open
     * @param bearerToken    sent as {@code Authorization: Bearer} to the base URL's origin only
     *                       (never to another host a location or redirect points at), or null
     * @param sslContext     the TLS trust to use instead of the JDK's default, or null
     */
    record HttpOptions(Duration requestTimeout, Duration connectTimeout, String bearerToken, SSLContext sslContext) {
        public static final HttpOptions DEFAULT = new HttpOptions(Duration.ofSeconds(30), Duration.ofSeconds(10), null, null);

        public HttpOptions {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (bearerToken != null && (bearerToken.isEmpty() || !bearerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("a bearer token is printable ASCII without spaces");
            }
        }

        public HttpOptions withTimeouts(Duration requestTimeout, Duration connectTimeout) {
            return new HttpOptions(requestTimeout, connectTimeout, bearerToken, sslContext);
        }

        public HttpOptions withBearerToken(String bearerToken) {
            return new HttpOptions(requestTimeout, connectTimeout, bearerToken, sslContext);
        }

        public HttpOptions withSslContext(SSLContext sslContext) {
            return new HttpOptions(requestTimeout, connectTimeout, bearerToken, sslContext);
        }

        @Override
        public String toString() { // keeps the token out of logs
            return "HttpOptions[requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                    + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
        }
    }
}
