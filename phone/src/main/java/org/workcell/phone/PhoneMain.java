package org.workcell.phone;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.workcell.channel.Channel;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.Direction;
import org.workcell.channel.Hello;
import org.workcell.channel.Message;
import org.workcell.channel.Welcome;
import org.workcell.image.PhoneSpec;
import org.workcell.phone.internal.ChannelBridge;
import org.workcell.sdk.ui.UiLoop;

/**
 * The phone process. The host starts it with the image folder and the data folder; standard
 * input and output are the channel to the host (nothing else may write to standard output), and
 * logs go to standard error.
 *
 * <pre>java -cp system/lib/* org.workcell.phone.PhoneMain IMAGE DATA [IMAGE-VERSION]</pre>
 */
public final class PhoneMain {
    private PhoneMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // The channel owns the real standard output; stray prints go to the log instead of corrupting it.
        FileOutputStream channelOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: PhoneMain IMAGE-FOLDER DATA-FOLDER [IMAGE-VERSION]");
            System.exit(2);
        }
        Path image = Path.of(args[0]);
        Path data = Path.of(args[1]);
        String imageVersion = args.length > 2 ? args[2] : "dev";
        PhoneSpec spec;
        try {
            spec = PhoneSpec.read(image);
        } catch (IOException e) {
            System.err.println("phone: " + e.getMessage());
            System.exit(2);
            return;
        }
        ChannelReader reader = new ChannelReader(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16),
                ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        ChannelWriter writer = new ChannelWriter(new BufferedOutputStream(channelOut, 1 << 16), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        var display = spec.display();
        writer.write(new Hello(Channel.VERSION, display.width(), display.height(), display.density(), imageVersion));
        writer.flush();
        Message first = reader.read();
        if (!(first instanceof Welcome welcome)) {
            System.err.println("phone: the host did not answer Hello with Welcome (" + first + "); stopping");
            System.exit(3);
            return;
        }
        if (welcome.version() != Channel.VERSION) {
            System.err.println("phone: the host speaks channel version " + welcome.version() + ", this phone " + Channel.VERSION);
            System.exit(3);
        }
        UiLoop loop = UiLoop.system();
        ChannelBridge bridge = new ChannelBridge(reader, writer);
        PhoneConfig config = new PhoneConfig(image, data, imageVersion, display.width(), display.height(), display.density(), Clock.systemDefaultZone());
        Phone phone = Phone.start(config, loop, bridge, welcome.user());
        phone.apps().restore();
        Thread ui = Thread.currentThread();
        bridge.start(phone, ui::interrupt);
        loop.run(); // until the host stops the phone or goes away
        System.exit(0);
    }
}
