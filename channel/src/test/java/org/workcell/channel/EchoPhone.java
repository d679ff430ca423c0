package org.workcell.channel;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/** A stand-in phone process for PipeEchoTest: writes every message it reads back to the host. */
public final class EchoPhone {
    private EchoPhone() {
    }

    public static void main(String[] args) throws IOException {
        // The raw descriptors, not System.out: a PrintStream would hide write errors.
        var reader = new ChannelReader(new FileInputStream(FileDescriptor.in));
        try (var writer = new ChannelWriter(new FileOutputStream(FileDescriptor.out))) {
            for (Message m; (m = reader.read()) != null; ) {
                writer.write(m);
                writer.flush();
            }
        }
    }
}
