package org.workcell.sdk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An app's own files inside the phone's data folder. No other app can reach them; they live
 * and die with the work phone (a wipe removes them with everything else).
 */
public interface Storage {
    /** A folder for the app's files, made on first use. */
    Path folder() throws IOException;

    /** Reads a small key-value file written by {@link #write}; empty if there is none. */
    Map<String, String> read(String name) throws IOException;

    /** Replaces a small key-value file atomically: a crash leaves the old or the new one, never half. */
    void write(String name, Map<String, String> values) throws IOException;
}
