package org.workcell.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The channel over real OS pipes to a child JVM, the way a host runs a phone. */
class PipeEchoTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void thousandMessagesEchoThroughAChildProcess(@TempDir Path temp) throws Exception {
        int width = 720;
        int height = 1560;
        Random random = new Random(20250101);
        var generator = new TestMessages.Generator(random, ChannelLimits.DEFAULT, 64 * 1024);
        List<Message> sent = new ArrayList<>();
        sent.add(new Hello(Channel.VERSION, width, height, 320, "echo-test"));
        // Keep the generator's sizes out of it: every frame is checked against the 720x1560 Hello.
        while (sent.size() < 1000) {
            int i = sent.size();
            if (i % 50 == 0) {
                int[] full = new int[width * height];
                for (int p = 0; p < full.length; p++) {
                    full[p] = (p * 31 + i) & 0xFFFFFF;
                }
                sent.add(new FrameUpdate(i, List.of(new PixelsRect(0, 0, width, height, full))));
            } else if (i % 7 == 0) {
                int[] strip = new int[width * 100];
                java.util.Arrays.fill(strip, i);
                sent.add(new FrameUpdate(i, List.of(new CopyRect(0, 0, width, height - 100, 0, 100),
                        new PixelsRect(0, height - 100, width, 100, strip))));
            } else {
                Message m = generator.next();
                if (!(m instanceof Hello || m instanceof Resize || m instanceof FrameUpdate)) {
                    sent.add(m);
                }
            }
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = location(Message.class) + File.pathSeparator + location(EchoPhone.class);
        Path stderr = temp.resolve("phone.err");
        Process phone = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, EchoPhone.class.getName())
                .redirectError(stderr.toFile())
                .start();
        try {
            // Write on another thread: the pipes hold only kilobytes, so one thread doing both would deadlock.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try (var writer = new ChannelWriter(phone.getOutputStream())) {
                    for (Message m : sent) {
                        writer.write(m);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            List<Message> received = new ArrayList<>();
            var reader = new ChannelReader(phone.getInputStream());
            for (Message m; (m = reader.read()) != null; ) {
                received.add(m);
            }
            writing.get(60, TimeUnit.SECONDS);

            assertThat(phone.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(phone.exitValue()).as(Files.readString(stderr)).isZero();
            assertThat(received).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.get(i)).as("message %d", i).isEqualTo(sent.get(i));
            }
        } finally {
            phone.destroyForcibly();
        }
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
