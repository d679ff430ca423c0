package org.workcell.sdk.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's saved state: small string values under keys. The phone keeps it across a pause, a
 * host restart or a move to a new image version, and hands it back to {@link App#onCreate}.
 */
public final class Bundle {
    /** Keeps a saved state small enough to write on every pause. */
    public static final int MAX_BYTES = 256 * 1024;

    private final Map<String, String> values = new LinkedHashMap<>();

    public Bundle() {}

    public Bundle(Map<String, String> values) {
        this.values.putAll(values);
    }

    public Bundle put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    public Bundle put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(String key, long fallback) {
        try {
            String v = values.get(key);
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
