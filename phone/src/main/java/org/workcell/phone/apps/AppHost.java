package org.workcell.phone.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.phone.Phone;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.data.Gateway;

/**
 * Starts, switches, pauses, saves and stops apps. At most {@link #MAX_RUNNING} apps stay in
 * memory; the least recently used beyond that is saved and stopped, and comes back from its saved
 * state when opened again. An app that throws is stopped, and the phone goes on.
 */
public final class AppHost {
    public static final int MAX_RUNNING = 6;
    private static final Logger LOG = LoggerFactory.getLogger(AppHost.class);

    private final Phone phone;
    private final AppRegistry registry;
    private final Gateway gateway;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("app-work-", 0).factory());
    // Most recently used last.
    private final LinkedHashMap<String, RunningApp> running = new LinkedHashMap<>();
    private RunningApp front;

    public AppHost(Phone phone, AppRegistry registry, Gateway gateway) {
        this.phone = phone;
        this.registry = registry;
        this.gateway = gateway;
    }

    public AppRegistry registry() {
        return registry;
    }

    private Path stateFolder() {
        return phone.config().data().resolve("state");
    }

    private Path appData(String id) {
        return phone.config().data().resolve("appdata").resolve(id);
    }

    /** Brings the app to the front, starting it (from its saved state) if it is not running. */
    public Optional<RunningApp> open(String id) {
        AppEntry entry = registry.get(id).orElse(null);
        if (entry == null) {
            phone.systemUi().toast("No app " + id + " on this phone");
            return Optional.empty();
        }
        RunningApp app = running.remove(id);
        if (app == null) {
            app = start(entry);
            if (app == null) {
                return Optional.empty();
            }
        }
        running.put(id, app);
        if (front != null && front != app) {
            pause(front);
        }
        front = app;
        phone.systemUi().showApp(app);
        resume(app);
        trim();
        return Optional.of(app);
    }

    private RunningApp start(AppEntry entry) {
        App instance;
        try {
            instance = entry.factory().get();
        } catch (RuntimeException e) {
            LOG.warn("app {} cannot start: {}", entry.id(), e.toString());
            phone.systemUi().toast(entry.manifest().name() + " cannot start");
            return null;
        }
        RunningApp app = new RunningApp(entry, instance, phone, this, gateway, new FileStorage(appData(entry.id())), background);
        Bundle saved = readState(entry.id());
        instance.bind(app);
        if (!guarded(app, () -> instance.onCreate(app, saved))) {
            return null;
        }
        return app;
    }

    private Bundle readState(String id) {
        try {
            return new Bundle(new FileStorage(stateFolder()).read(id));
        } catch (IOException | RuntimeException e) {
            LOG.warn("saved state of {} is unreadable, starting fresh: {}", id, e.getMessage());
            return new Bundle();
        }
    }

    /** Runs an app's code; if it throws, the app is stopped and the user told. Returns whether it ran cleanly. */
    boolean guarded(RunningApp app, Runnable code) {
        try {
            code.run();
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("app {} failed and is stopped", app.entry().id(), e);
            crashed(app);
            return false;
        }
    }

    private void crashed(RunningApp app) {
        running.remove(app.entry().id());
        app.state(RunningApp.State.DESTROYED);
        try {
            app.app().onDestroy();
        } catch (RuntimeException ignored) {
            // it failed already; its destroy failing too changes nothing
        }
        if (front == app) {
            front = null;
            phone.systemUi().home();
        }
        phone.systemUi().toast(app.entry().manifest().name() + " stopped working");
    }

    /** Runs input handling for whatever app is in front, so that an app's bug stops the app, not the phone. */
    public void dispatch(Runnable input) {
        if (front == null) {
            input.run();
        } else {
            guarded(front, input);
        }
    }

    private void resume(RunningApp app) {
        if (app.state() != RunningApp.State.RESUMED) {
            app.state(RunningApp.State.RESUMED);
            guarded(app, app.app()::onResume);
        }
    }

    private void pause(RunningApp app) {
        if (app.state() == RunningApp.State.RESUMED) {
            app.state(RunningApp.State.PAUSED);
            guarded(app, app.app()::onPause);
        }
    }

    public Optional<RunningApp> front() {
        return Optional.ofNullable(front);
    }

    /** The back button inside the app in front; false if the app has no screen to go back to. */
    public boolean back() {
        if (front == null) {
            return false;
        }
        RunningApp app = front;
        boolean[] handled = new boolean[1];
        guarded(app, () -> handled[0] = app.app().onBack());
        return handled[0];
    }

    /** Sends the front app to the background and shows the home screen. */
    public void home() {
        if (front != null) {
            pause(front);
            front = null;
        }
        phone.systemUi().showHome();
    }

    public void pauseFront() {
        if (front != null) {
            pause(front);
        }
    }

    public void resumeFront() {
        if (front != null) {
            resume(front);
        }
    }

    /** Stops an app without keeping its state (the user closed it in the switcher). */
    public void close(String id) {
        RunningApp app = running.remove(id);
        if (app == null) {
            return;
        }
        pause(app);
        app.state(RunningApp.State.DESTROYED);
        guarded(app, app.app()::onDestroy);
        try {
            java.nio.file.Files.deleteIfExists(stateFolder().resolve(id + ".properties"));
        } catch (IOException e) {
            LOG.warn("cannot remove saved state of {}: {}", id, e.getMessage());
        }
        if (front == app) {
            front = null;
            phone.systemUi().showHome();
        }
    }

    private void trim() {
        while (running.size() > MAX_RUNNING) {
            RunningApp oldest = running.values().iterator().next();
            save(oldest);
            running.remove(oldest.entry().id());
            pause(oldest);
            oldest.state(RunningApp.State.DESTROYED);
            guarded(oldest, oldest.app()::onDestroy);
        }
    }

    private void save(RunningApp app) {
        Bundle out = new Bundle();
        if (!guarded(app, () -> app.app().onSaveState(out))) {
            return;
        }
        try {
            new FileStorage(stateFolder()).write(app.entry().id(), out.asMap());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot save the state of {}: {}", app.entry().id(), e.getMessage());
        }
    }

    /** Saves every running app's state, and which app was in front. */
    public void saveAll() {
        for (RunningApp app : List.copyOf(running.values())) {
            save(app);
        }
        Map<String, String> phoneState = new LinkedHashMap<>();
        phoneState.put("recent", String.join(",", running.keySet()));
        if (front != null) {
            phoneState.put("front", front.entry().id());
        }
        try {
            new FileStorage(stateFolder()).write("phone", phoneState);
        } catch (IOException e) {
            LOG.warn("cannot save which apps were open: {}", e.getMessage());
        }
    }

    /** Reopens the app that was in front when the phone last saved, if any. */
    public void restore() {
        try {
            Map<String, String> saved = new FileStorage(stateFolder()).read("phone");
            String f = saved.get("front");
            if (f != null && registry.get(f).isPresent()) {
                open(f);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot restore the open apps: {}", e.getMessage());
        }
    }

    public void stopAll() {
        saveAll();
        for (RunningApp app : List.copyOf(running.values())) {
            pause(app);
            app.state(RunningApp.State.DESTROYED);
            guarded(app, app.app()::onDestroy);
        }
        running.clear();
        front = null;
        background.shutdownNow();
    }

    /** Running apps, most recently used first. */
    public List<RunningApp> recents() {
        List<RunningApp> list = new ArrayList<>(running.values());
        java.util.Collections.reverse(list);
        return list;
    }

    public List<String> runningIds() {
        return recents().stream().map(a -> a.entry().id()).toList();
    }

    /** Installs a catalog app package. */
    public AppEntry install(byte[] wcapp) throws IOException {
        AppEntry entry = registry.install(wcapp);
        RunningApp old = running.get(entry.id());
        if (old != null) {
            close(entry.id()); // the new version starts fresh next time
        }
        phone.systemUi().appsChanged();
        return entry;
    }

    public void remove(String id) throws IOException {
        close(id);
        registry.remove(id, appData(id));
        phone.systemUi().appsChanged();
    }
}
