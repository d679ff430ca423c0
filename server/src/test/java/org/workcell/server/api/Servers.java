package org.workcell.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.workcell.server.testing.TestDatabase;

/**
 * One server per database kind for a whole test class: register it as a static
 * {@code @RegisterExtension} field and parameterise tests over {@link TestDatabase#kinds()}.
 */
final class Servers implements BeforeAllCallback, AfterAllCallback {
    /** For {@code @MethodSource}: every database kind. */
    static final String KINDS = "org.workcell.server.testing.TestDatabase#kinds";

    private final Map<TestDatabase.Kind, Harness> byKind = new EnumMap<>(TestDatabase.Kind.class);
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("workcell-api-");
        for (TestDatabase.Kind kind : TestDatabase.kinds()) {
            byKind.put(kind, Harness.start(kind, dir));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        RuntimeException failure = null;
        for (Harness h : byKind.values()) {
            try {
                h.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        byKind.clear();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    Harness get(TestDatabase.Kind kind) {
        Harness h = byKind.get(kind);
        if (h == null) {
            throw new IllegalStateException("no server for " + kind + "; register Servers as a static extension");
        }
        return h;
    }
}
