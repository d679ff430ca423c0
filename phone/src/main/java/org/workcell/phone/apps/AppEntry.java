package org.workcell.phone.apps;

import java.util.function.Supplier;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppManifest;

/** An app the phone can open: its manifest, whether it came with the phone, and how to make it. */
public record AppEntry(AppManifest manifest, boolean builtIn, Supplier<App> factory) {
    public String id() {
        return manifest.id();
    }
}
