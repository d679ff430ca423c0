package org.workcell.phone.apps.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.workcell.phone.Phone;
import org.workcell.phone.PhoneConfig;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Rect;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.View;
import org.workcell.sdk.ui.ViewGroup;

/**
 * A real phone driven in-process the way its host drives it: taps at the centres of views,
 * typed text and keys, and a fake clock for the UI loop. Background work runs on real threads;
 * {@link #until} waits for its result to come back to the UI loop (woken by the loop, no sleeps).
 */
public final class TestPhone {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T09:30:00Z"), ZoneOffset.UTC);

    public final AtomicLong millis = new AtomicLong(1_000);
    public final UiLoop loop = new UiLoop(millis::get);
    public final Path image;
    public final Path data;
    public final Phone phone;

    public TestPhone(Path dir, Phone.Output output) throws IOException {
        this.image = Files.createDirectories(dir.resolve("image"));
        this.data = dir.resolve("data");
        this.phone = Phone.start(new PhoneConfig(image, data, "test", 720, 1560, 320, CLOCK), loop, output);
        settle();
    }

    public TestPhone(Path dir) throws IOException {
        this(dir, text -> { });
    }

    /** Runs what is due and renders frames 16 ms apart while anything asks for one (animations end). */
    public void settle() {
        loop.runDue();
        phone.window().render();
        for (int i = 0; i < 500 && phone.window().frameNeeded(); i++) {
            advance(16);
        }
    }

    /** Moves the fake clock on and runs what fell due. */
    public void advance(long ms) {
        millis.addAndGet(ms);
        loop.runDue();
        phone.window().render();
    }

    /** Runs the loop until {@code condition} holds, waiting for background work to post back; fails after 10 s. */
    public void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            settle();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the screen shows " + texts());
            }
            synchronized (loop) { // a post from a background thread wakes this
                if (loop.untilNext() != 0) {
                    try {
                        loop.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    public List<View> all(Predicate<View> test) {
        return phone.window().root().findAll(test);
    }

    /** Visible views whose description is {@code description}. */
    public List<View> all(String description) {
        return all(v -> description.equals(v.description()));
    }

    public Optional<View> find(String description) {
        return all(description).stream().findFirst();
    }

    public boolean shows(String description) {
        return find(description).isPresent();
    }

    /** Waits for the view described as {@code description} and returns it. */
    public View await(String description) {
        until(description, () -> shows(description));
        return find(description).orElseThrow();
    }

    /** Every visible label's text, in painting order. */
    public List<String> texts() {
        return all(v -> v instanceof Label).stream().map(v -> ((Label) v).text()).toList();
    }

    public boolean showsText(String text) {
        return texts().stream().anyMatch(t -> t.contains(text));
    }

    /** Taps the centre of {@code v}, scrolling it into view first if a scroll hides it. */
    public void tap(View v) {
        settle();
        reveal(v);
        Rect r = v.bounds();
        if (r.isEmpty()) {
            throw new AssertionError(v + " is not on screen");
        }
        int x = r.x() + r.width() / 2;
        int y = r.y() + r.height() / 2;
        phone.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, millis.get()));
        advance(16);
        phone.touch(new TouchEvent(TouchEvent.Action.UP, x, y, millis.get()));
        settle();
    }

    public void tap(String description) {
        await(description);
        settle();
        tap(find(description).orElseThrow());
    }

    private void reveal(View v) {
        Rect full = v.windowRect();
        if (v.bounds().height() == full.height() && full.height() > 0) {
            return;
        }
        for (ViewGroup p = v.parent(); p != null; p = p.parent()) {
            if (p instanceof Scroll s) {
                Rect sr = s.windowRect();
                s.scrollTo(full.y() - sr.y() + s.scrollY() - sr.height() / 3);
                settle();
                return;
            }
        }
    }

    public void type(String text) {
        phone.text(text);
        settle();
    }

    public void key(KeyEvent.Key key) {
        phone.key(new KeyEvent(key, true, 0));
        phone.key(new KeyEvent(key, false, 0));
        settle();
    }

    /** Replaces the text of the field described as {@code description} by tapping it, selecting all and typing. */
    public void fill(String description, String text) {
        tap(description);
        key(KeyEvent.Key.SELECT_ALL);
        key(KeyEvent.Key.BACKSPACE);
        if (!text.isEmpty()) {
            type(text);
        }
    }

    public void open(String appId) {
        phone.apps().open(appId);
        settle();
    }

    /** The app bar's back arrow. */
    public void back() {
        tap("Back");
    }
}
