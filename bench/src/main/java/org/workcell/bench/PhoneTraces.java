package org.workcell.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
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
import javax.imageio.ImageIO;
import org.workcell.phone.Phone;
import org.workcell.phone.PhoneConfig;
import org.workcell.phone.PhoneImage;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Rect;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.View;

/**
 * Records what a real phone, run in this process, shows while a user works with it: every frame it
 * renders, as numbered PNGs ({@code 00000.png}, {@code 00001.png}, … ffmpeg's {@code %05d}), one
 * folder per trace. Each trace starts with the screen as it is (the phone is taken there first,
 * unrecorded), then:
 * <ul>
 *   <li>{@code scroll}: the mail inbox flung down, dragged further and flung back up;</li>
 *   <li>{@code typing}: a new note written a character at a time, the cursor blinking in pauses;</li>
 *   <li>{@code apps}: between the home screen, Mail, Contacts, Notes, Documents, Settings and the app switcher;</li>
 *   <li>{@code pages}: inside Mail and Contacts, pages sliding in over the current one (which drifts
 *       aside and dims) and back out.</li>
 * </ul>
 * The phone runs on a fake clock in 16 ms steps (its frame interval), so traces are the same on
 * every run except for background loading, which is waited for in real time.
 */
public final class PhoneTraces {
    public static final List<String> NAMES = List.of("scroll", "typing", "apps", "pages");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:41:00Z"), ZoneOffset.UTC);
    private static final int WIDTH = 720;
    private static final int HEIGHT = 1560;

    private final AtomicLong millis = new AtomicLong(1_000);
    private final UiLoop loop = new UiLoop(millis::get);
    private final Phone phone;
    private Path folder;
    private int frames;

    private PhoneTraces(Path image, Path data) throws IOException {
        phone = Phone.start(new PhoneConfig(image, data, "bench", WIDTH, HEIGHT, 320, CLOCK), loop, text -> { });
    }

    /** Records the traces into {@code dir/scroll}, {@code dir/typing}, {@code dir/apps} and {@code dir/pages}; returns the folders. */
    public static List<Path> record(Path dir, PrintStream progress) throws IOException {
        Path image = dir.resolve("image");
        PhoneImage.writeTree(image, new PhoneImage.Options("bench", WIDTH, HEIGHT, 320, PhoneImage.DEFAULT_FONTS, List.of(), List.of()));
        PhoneTraces t = new PhoneTraces(image, dir.resolve("data"));
        t.settle();
        t.scroll(dir.resolve("scroll"));
        progress.printf("  scroll: %d frames%n", t.frames);
        t.typing(dir.resolve("typing"));
        progress.printf("  typing: %d frames%n", t.frames);
        t.apps(dir.resolve("apps"));
        progress.printf("  apps: %d frames%n", t.frames);
        t.pages(dir.resolve("pages"));
        progress.printf("  pages: %d frames%n", t.frames);
        t.phone.stop();
        return NAMES.stream().map(dir::resolve).toList();
    }

    /** From here on, frames go to {@code trace}, starting with the screen as it is. */
    private void recordInto(Path trace) throws IOException {
        folder = Files.createDirectories(trace);
        frames = 0;
        write();
    }

    /** The mail inbox (120 messages of three lines each): flung down, dragged further, flung back up. */
    private void scroll(Path trace) throws IOException {
        phone.apps().open("org.workcell.mail");
        settle();
        tap(v -> "Inbox".equals(v.description()));
        until(() -> find(v -> v.id() != null && v.id().startsWith("message ")).isPresent());
        settle();
        recordInto(trace);
        drag(1250, 450, 20, true);
        settle();
        drag(1250, 650, 24, false);
        settle();
        drag(400, 1300, 22, true);
        settle();
        folder = null;
    }

    /** A note written a character at a time, with two corrections, the cursor blinking in the pauses. */
    private void typing(Path trace) throws IOException {
        tap(v -> "Home".equals(v.description()));
        phone.apps().open("org.workcell.notes");
        settle();
        tap(v -> "New note".equals(v.description()));
        tap(v -> "note text".equals(v.description()));
        recordInto(trace);
        String text = "Call Ana about the Q3 budget review. Bring the signed copies for Harbor Logistics, "
                + "and ask whether the pilot can start in May.";
        for (int i = 0; i < text.length(); i++) {
            phone.text(text.substring(i, i + 1));
            // About eight characters a second: a few frames each, and now and then a pause long enough to blink.
            advance(i % 17 == 16 ? 900 : 112);
            if (i == 40 || i == 90) {
                key(KeyEvent.Key.BACKSPACE);
                advance(200);
                phone.text(text.substring(i, i + 1));
                advance(112);
            }
        }
        key(KeyEvent.Key.ENTER);
        advance(1200);
        folder = null;
    }

    /** Twice round the home screen, Mail, Contacts, Notes, Documents, Settings and the app switcher. */
    private void apps(Path trace) throws IOException {
        tap(described("Home"));
        recordInto(trace);
        for (int round = 0; round < 2; round++) {
            taps(id("org.workcell.mail"), described("Home"), id("org.workcell.contacts"), described("Recent apps"), described("Mail"),
                    described("Home"), id("org.workcell.notes"), described("Home"), id("org.workcell.documents"), described("Home"),
                    id("org.workcell.settings"), described("Recent apps"), described("Contacts"), described("Home"));
        }
        folder = null;
    }

    /** Inside apps: pages that slide in over the current one (which drifts aside and dims) and back out. */
    private void pages(Path trace) throws IOException {
        tap(id("org.workcell.mail"));
        recordInto(trace);
        taps(described("Back"), described("Inbox"), v -> v.id() != null && v.id().startsWith("message "), described("Back"),
                described("Back"), described("Sent"), described("Back"), described("Home"), id("org.workcell.contacts"),
                described("People"), described("Accounts"));
        folder = null;
    }

    @SafeVarargs
    private void taps(Predicate<View>... targets) throws IOException {
        for (Predicate<View> target : targets) {
            tap(target);
            advance(300);
        }
    }

    private static Predicate<View> id(String id) {
        return v -> id.equals(v.id());
    }

    private static Predicate<View> described(String description) {
        return v -> description.equals(v.description());
    }

    // ---- driving -------------------------------------------------------------------------------------

    /** A finger from {@code fromY} to {@code toY} in the middle of the screen over {@code steps} frames; flung or stopped before lifting. */
    private void drag(int fromY, int toY, int steps, boolean fling) throws IOException {
        int x = WIDTH / 2;
        phone.touch(new TouchEvent(TouchEvent.Action.DOWN, x, fromY, millis.get()));
        step();
        for (int i = 1; i <= steps; i++) {
            phone.touch(new TouchEvent(TouchEvent.Action.MOVE, x, fromY + (toY - fromY) * i / steps, millis.get()));
            step();
        }
        if (!fling) {
            for (int i = 0; i < 8; i++) {
                phone.touch(new TouchEvent(TouchEvent.Action.MOVE, x, toY, millis.get()));
                step();
            }
        }
        phone.touch(new TouchEvent(TouchEvent.Action.UP, x, toY, millis.get()));
        step();
    }

    private void tap(Predicate<View> which) throws IOException {
        until(() -> find(which).isPresent());
        Rect r = find(which).orElseThrow().bounds();
        int x = r.x() + r.width() / 2;
        int y = r.y() + r.height() / 2;
        phone.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, millis.get()));
        step();
        step();
        phone.touch(new TouchEvent(TouchEvent.Action.UP, x, y, millis.get()));
        settle();
    }

    private void key(KeyEvent.Key key) throws IOException {
        phone.key(new KeyEvent(key, true, 0));
        step();
        phone.key(new KeyEvent(key, false, 0));
        step();
    }

    private Optional<View> find(Predicate<View> test) {
        return phone.window().root().findAll(test).stream().filter(v -> !v.bounds().isEmpty()).findFirst();
    }

    /** One 16 ms frame interval: runs what fell due and renders (and records) a frame if one is needed. */
    private void step() throws IOException {
        millis.addAndGet(16);
        loop.runDue();
        if (phone.window().frameNeeded() && !phone.window().render().isEmpty() && folder != null) {
            write();
        }
    }

    private void advance(long ms) throws IOException {
        for (long t = 0; t < ms; t += 16) {
            step();
        }
    }

    /** Steps until nothing is animating or due soon (the clock's minute tick and the cursor's blink aside). */
    private void settle() throws IOException {
        for (int i = 0; i < 600; i++) {
            step();
            long next = loop.untilNext();
            if (!phone.window().frameNeeded() && (next < 0 || next > 400)) {
                return;
            }
        }
    }

    /** Steps until {@code condition} holds, waiting in real time for work on background threads to post back. */
    private void until(BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the phone did not reach the expected screen within 20 s");
            }
            step();
            synchronized (loop) {
                if (loop.untilNext() != 0) {
                    try {
                        loop.wait(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
        }
    }

    private void write() throws IOException {
        BufferedImage image = phone.window().image();
        ImageIO.write(image, "png", folder.resolve(String.format("%05d.png", frames++)).toFile());
    }
}
