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
 * folder per trace. Each trace starts with the screen as it is, then:
 * <ul>
 *   <li>{@code scroll}: drags and flings through the contact list and the mail inbox, down and back up;</li>
 *   <li>{@code typing}: writes a note, a character at a time, with the cursor blinking between;</li>
 *   <li>{@code apps}: goes between the home screen, Mail, Contacts, Notes and the app switcher.</li>
 * </ul>
 * The phone runs on a fake clock in 16 ms steps (its frame interval), so traces are the same on
 * every run except for background loading, which is waited for in real time.
 */
public final class PhoneTraces {
    public static final List<String> NAMES = List.of("scroll", "typing", "apps");

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

    /** Records the three traces into {@code dir/scroll}, {@code dir/typing} and {@code dir/apps}; returns the folders. */
    public static List<Path> record(Path dir, PrintStream progress) throws IOException {
        Path image = dir.resolve("image");
        PhoneImage.writeTree(image, new PhoneImage.Options("bench", WIDTH, HEIGHT, 320, PhoneImage.DEFAULT_FONTS, List.of(), List.of()));
        PhoneTraces t = new PhoneTraces(image, dir.resolve("data"));
        t.settle(false);
        t.start(dir.resolve("scroll"));
        t.scroll(progress);
        t.start(dir.resolve("typing"));
        t.typing(progress);
        t.start(dir.resolve("apps"));
        t.apps(progress);
        t.phone.stop();
        return NAMES.stream().map(dir::resolve).toList();
    }

    private void start(Path trace) throws IOException {
        folder = Files.createDirectories(trace);
        frames = 0;
        write();
    }

    private void scroll(PrintStream progress) throws IOException {
        phone.apps().open("org.workcell.contacts");
        settle(true);
        until(() -> find(v -> "contacts list".equals(v.description())).isPresent());
        settle(true);
        for (int pass = 0; pass < 2; pass++) {
            drag(1250, 350, 28, true);
            settle(true);
            drag(1250, 700, 18, false);
            settle(true);
        }
        drag(400, 1300, 30, true);
        settle(true);
        tapView(v -> "Home".equals(v.description()));
        phone.apps().open("org.workcell.mail");
        settle(true);
        tapView(v -> "Inbox".equals(v.description()) || (v.description() != null && v.description().startsWith("Inbox ")));
        settle(true);
        for (int pass = 0; pass < 2; pass++) {
            drag(1250, 400, 24, true);
            settle(true);
        }
        drag(450, 1300, 26, true);
        settle(true);
        progress.printf("  scroll: %d frames%n", frames);
    }

    private void typing(PrintStream progress) throws IOException {
        tapView(v -> "Home".equals(v.description()));
        phone.apps().open("org.workcell.notes");
        settle(true);
        tapView(v -> "New note".equals(v.description()));
        tapView(v -> "note text".equals(v.description()));
        String text = "Call Ana about the Q3 budget review. Bring the signed copies for Harbor Logistics, "
                + "and ask whether the pilot can start in May.";
        for (int i = 0; i < text.length(); i++) {
            phone.text(text.substring(i, i + 1));
            // About eight characters a second: a few frames each, and now and then a pause long enough to blink.
            advance(i % 17 == 16 ? 900 : 112);
        }
        phone.key(new KeyEvent(KeyEvent.Key.ENTER, true, 0));
        phone.key(new KeyEvent(KeyEvent.Key.ENTER, false, 0));
        advance(1200);
        progress.printf("  typing: %d frames%n", frames);
    }

    private void apps(PrintStream progress) throws IOException {
        String[] open = {"Home", "org.workcell.mail", "Home", "org.workcell.contacts", "Recent apps", "Mail", "Back", "Back",
            "Home", "org.workcell.notes", "Recent apps", "Contacts", "Home", "org.workcell.documents", "Home", "org.workcell.settings",
            "Home"};
        for (String target : open) {
            if (target.startsWith("org.")) {
                tapView(v -> target.equals(v.id()));
            } else {
                tapView(v -> target.equals(v.description()));
            }
            settle(true);
            advance(300);
        }
        progress.printf("  apps: %d frames%n", frames);
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

    private void tapView(Predicate<View> which) throws IOException {
        until(() -> find(which).isPresent());
        Rect r = find(which).orElseThrow().bounds();
        int x = r.x() + r.width() / 2;
        int y = r.y() + r.height() / 2;
        phone.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, millis.get()));
        step();
        step();
        phone.touch(new TouchEvent(TouchEvent.Action.UP, x, y, millis.get()));
        settle(true);
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
    private void settle(boolean record) throws IOException {
        Path keep = folder;
        if (!record) {
            folder = null;
        }
        for (int i = 0; i < 600; i++) {
            step();
            long next = loop.untilNext();
            if (!phone.window().frameNeeded() && (next < 0 || next > 400)) {
                break;
            }
        }
        folder = keep;
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
