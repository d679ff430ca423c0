package org.workcell.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.channel.Channel;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.CopyRect;
import org.workcell.channel.Direction;
import org.workcell.channel.FrameAck;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.Framebuffer;
import org.workcell.channel.Hello;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.LifecycleState;
import org.workcell.channel.Message;
import org.workcell.channel.Status;
import org.workcell.channel.Touch;
import org.workcell.channel.Welcome;
import org.workcell.sdk.ui.Rect;

/** The phone as its host sees it: a child process speaking the channel over its standard streams. */
class PhoneProcessTest {
    @TempDir
    Path temp;

    private record Host(Process process, ChannelReader in, ChannelWriter out, Framebuffer screen) {
        /** Reads until a frame arrives, applies it and acknowledges it; other messages are returned in order. */
        FrameUpdate nextFrame() throws Exception {
            while (true) {
                Message m = in.read();
                assertThat(m).as("the phone closed the channel").isNotNull();
                if (m instanceof FrameUpdate f) {
                    screen.apply(f);
                    out.write(new FrameAck(f.frame()));
                    out.flush();
                    return f;
                }
            }
        }

        void tap(int x, int y) throws Exception {
            out.write(new Touch(Touch.Action.DOWN, 0, x, y, 1));
            out.write(new Touch(Touch.Action.UP, 0, x, y, 60));
            out.flush();
        }
    }

    private Host start(Path image, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                PhoneMain.class.getName(), image.toString(), data.toString(), "v7")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChannelReader in = new ChannelReader(new BufferedInputStream(p.getInputStream()), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        ChannelWriter out = new ChannelWriter(new BufferedOutputStream(p.getOutputStream()), ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        Message first = in.read();
        assertThat(first).isInstanceOf(Hello.class);
        Hello hello = (Hello) first;
        assertThat(hello.imageVersion()).isEqualTo("v7");
        out.write(new Welcome(Channel.VERSION, "phone-1", "alice.martin", new byte[0]));
        out.write(new Status("{\"lease\":\"active\",\"online\":true}"));
        out.flush();
        return new Host(p, in, out, new Framebuffer(hello.width(), hello.height()));
    }

    @Test
    void aHostSeesTheHomeScreenTapsAnAppAndGetsOnlyTheChangedPixels() throws Exception {
        Path image = TestPhones.imageTree(temp.resolve("image"));
        // Where the Notes tile is, from an identical phone in this process.
        TestPhones.Driver probe = TestPhones.start(image, temp.resolve("probe"));
        Rect notes = probe.await(v -> "org.workcell.notes".equals(v.id())).bounds();
        Rect statusBar = probe.await(v -> "status bar".equals(v.description())).bounds();

        Host host = start(image, temp.resolve("data"));
        try {
            FrameUpdate first = host.nextFrame();
            int[] home = host.screen().pixels();
            assertThat(distinctColours(home)).as("a painted home screen, not a blank one").isGreaterThan(20);
            assertThat(first.rects()).isNotEmpty();

            host.tap(notes.x() + notes.width() / 2, notes.y() + notes.height() / 2);
            // The app bar (white, below the status bar) replaces the home screen's heading; the status bar stays as it was.
            int barY = statusBar.height() + 4;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                while (host.screen().rgb(4, barY) != 0xFFFFFF) {
                    host.nextFrame();
                }
            });
            int[] app = host.screen().pixels();
            long unchangedStatusBar = 0;
            for (int i = 0; i < host.screen().width() * statusBar.height(); i++) {
                if (app[i] == home[i]) {
                    unchangedStatusBar++;
                }
            }
            assertThat(unchangedStatusBar).as("the status bar was not sent again").isGreaterThan((long) host.screen().width() * statusBar.height() * 9 / 10);
            assertThat(differing(home, app)).isPositive();

            host.out().write(new Lifecycle(Lifecycle.Command.STOP));
            host.out().flush();
            LifecycleState.State last = null;
            for (Message m; (m = host.in().read()) != null; ) {
                if (m instanceof LifecycleState s) {
                    last = s.state();
                } else if (m instanceof FrameUpdate f) {
                    host.screen().apply(f);
                }
            }
            assertThat(last).isEqualTo(LifecycleState.State.STOPPING);
            assertThat(host.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process().exitValue()).isZero();
        } finally {
            host.process().destroyForcibly();
        }
    }

    @Test
    void aPhoneWhoseHostGoesAwaySavesAndExits() throws Exception {
        Path image = TestPhones.imageTree(temp.resolve("image"));
        Host host = start(image, temp.resolve("data"));
        try {
            host.nextFrame();
            host.out().close(); // the host died: end of its stream
            assertThat(host.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(host.process().exitValue()).isZero();
            assertThat(temp.resolve("data").resolve("state").resolve("phone.properties")).exists();
        } finally {
            host.process().destroyForcibly();
        }
    }

    @Test
    void scrollsArriveAsCopiesOfPixelsTheHostAlreadyHas() throws Exception {
        Path image = TestPhones.imageTree(temp.resolve("image"));
        Host host = start(image, temp.resolve("data"));
        try {
            host.nextFrame();
            int x = host.screen().width() / 2;
            host.out().write(new Touch(Touch.Action.DOWN, 0, x, 1200, 0));
            for (int i = 1; i <= 10; i++) {
                host.out().write(new Touch(Touch.Action.MOVE, 0, x, 1200 - i * 40, i * 100L));
            }
            host.out().write(new Touch(Touch.Action.UP, 0, x, 800, 1_100));
            host.out().flush();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                boolean copied = false;
                while (!copied) {
                    List<?> rects = host.nextFrame().rects();
                    copied = rects.stream().anyMatch(r -> r instanceof CopyRect);
                }
            }, "a drag on the home screen scrolls it with copy-rects");
        } finally {
            host.process().destroyForcibly();
        }
    }

    private static long distinctColours(int[] pixels) {
        return java.util.Arrays.stream(pixels).distinct().limit(1000).count();
    }

    private static long differing(int[] a, int[] b) {
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }
}
