package org.workcell.phone;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.workcell.sdk.ui.Rect;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.View;

/** Phones in the test's own process on a fake clock, and the things tests do to them. */
public final class TestPhones {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:30:00Z"), ZoneOffset.UTC);

    private TestPhones() {}

    /** An image tree with the real fonts and no runtime jars (the test's class path runs the phone). */
    public static Path imageTree(Path folder) throws IOException {
        PhoneImage.writeTree(folder, new PhoneImage.Options("test", 720, 1560, 320, PhoneImage.DEFAULT_FONTS, List.of(), List.of()));
        return folder;
    }

    /** A started phone driven by hand: {@link Driver#settle()} runs its loop and frames on fake time. */
    public static Driver start(Path image, Path data) throws IOException {
        AtomicLong millis = new AtomicLong(1_000);
        UiLoop loop = new UiLoop(millis::get);
        List<String> clipboard = new java.util.concurrent.CopyOnWriteArrayList<>();
        Phone phone = Phone.start(new PhoneConfig(image, data, "test-1", 720, 1560, 320, CLOCK), loop, clipboard::add);
        Driver d = new Driver(phone, millis, clipboard);
        d.settle();
        return d;
    }

    public record Driver(Phone phone, AtomicLong millis, List<String> clipboard) {
        /** Runs the loop and renders frames, 16 ms of fake time apart, until nothing is due or running. */
        public void settle() {
            for (int i = 0; i < 2_000; i++) {
                phone.loop().runDue();
                if (phone.window().frameNeeded()) {
                    phone.window().render();
                }
                long next = phone.loop().untilNext();
                if (next < 0 && !phone.window().frameNeeded()) {
                    return;
                }
                millis.addAndGet(Math.max(16, next < 0 ? 16 : Math.min(next, 16)));
            }
        }

        /** Waits (in real time, for background work on other threads) until {@code test} holds, settling as it goes. */
        public View await(Predicate<View> test) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                settle();
                Optional<View> found = find(test);
                if (found.isPresent()) {
                    return found.get();
                }
                Thread.onSpinWait();
            }
            throw new AssertionError("no view matched within 10 s; the screen shows " + phone.window().root().findAll(v -> v.description() != null));
        }

        public Optional<View> find(Predicate<View> test) {
            return phone.window().root().findAll(test).stream().filter(v -> !v.bounds().isEmpty()).findFirst();
        }

        public void tap(View v) {
            Rect r = v.bounds();
            int x = r.x() + r.width() / 2;
            int y = r.y() + r.height() / 2;
            phone.touch(new TouchEvent(TouchEvent.Action.DOWN, x, y, millis.get()));
            phone.touch(new TouchEvent(TouchEvent.Action.UP, x, y, millis.get() + 50));
            settle();
        }

        public void tap(String description) {
            tap(await(v -> description.equals(v.description())));
        }
    }
}
