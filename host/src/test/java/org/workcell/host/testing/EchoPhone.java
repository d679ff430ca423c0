package org.workcell.host.testing;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.workcell.channel.Channel;
import org.workcell.channel.ChannelLimits;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.Direction;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.GatewayRequest;
import org.workcell.channel.GatewayResponse;
import org.workcell.channel.Hello;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.LifecycleState;
import org.workcell.channel.Message;
import org.workcell.channel.Touch;
import org.workcell.channel.Welcome;
import org.workcell.core.crypto.Ed25519;

/**
 * A minimal phone for host tests, run inside the real sandbox: greets its host, signs its phone id
 * with the container key it was given and sends that as a gateway request, paints a frame per
 * touch, saves on request, and counts its starts in /data. While {@code /data/crashes} holds a
 * number above zero, it takes one off and exits with 7 right after greeting.
 */
public final class EchoPhone {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        Path starts = data.resolve("starts");
        int started = Files.exists(starts) ? Integer.parseInt(Files.readString(starts).trim()) : 0;
        Files.writeString(starts, Integer.toString(started + 1));
        Files.writeString(data.resolve("version"), args[2]);

        var in = new ChannelReader(new FileInputStream(FileDescriptor.in), ChannelLimits.DEFAULT, Direction.HOST_TO_PHONE);
        var out = new ChannelWriter(new FileOutputStream(FileDescriptor.out), ChannelLimits.DEFAULT, Direction.PHONE_TO_HOST);
        out.write(new Hello(Channel.VERSION, 40, 30, 160, args[2]));
        out.flush();
        Welcome welcome = (Welcome) in.read();

        Path crashes = data.resolve("crashes");
        if (Files.exists(crashes)) {
            int left = Integer.parseInt(Files.readString(crashes).trim());
            if (left > 0) {
                Files.writeString(crashes, Integer.toString(left - 1));
                System.exit(7);
            }
        }
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(welcome.containerPrivateKeyPkcs8()));
        byte[] signed = Ed25519.sign(key, (welcome.phoneId() + "|" + welcome.user()).getBytes(StandardCharsets.UTF_8));
        out.write(new GatewayRequest(1, signed));
        out.write(new FrameUpdate(0, List.of(new FillRect(0, 0, 40, 30, 0x102030))));
        out.flush();
        long frame = 1;
        for (Message m; (m = in.read()) != null; ) {
            switch (m) {
                case GatewayResponse r -> Files.writeString(data.resolve("gateway"), r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
                case Touch t -> {
                    out.write(new FrameUpdate(frame++, List.of(new FillRect(Math.min(t.x(), 39), Math.min(t.y(), 29), 1, 1, 0xFFFFFF))));
                    out.flush();
                }
                case Lifecycle l when l.command() == Lifecycle.Command.SAVE -> {
                    Files.writeString(data.resolve("saved"), Integer.toString(started + 1));
                    out.write(new LifecycleState(LifecycleState.State.SAVED));
                    out.flush();
                }
                case Lifecycle l when l.command() == Lifecycle.Command.STOP -> {
                    out.write(new LifecycleState(LifecycleState.State.STOPPING));
                    out.flush();
                    System.exit(0);
                }
                default -> { }
            }
        }
    }
}
