package org.workcell.phone.apps.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG, GIF and BMP documents with javax.imageio, refusing what a phone should not
 * hold in memory: files over 8 MiB and pictures over 4096 by 4096 pixels, checked from the header
 * before any pixels are decoded.
 */
public final class ImageDecoder {
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    public static final int MAX_SIDE = 4096;

    /** Why an image cannot be shown, in words for the user. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private ImageDecoder() {}

    public static BufferedImage decode(byte[] bytes) throws Refused {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("This image is too large to open on the phone (" + mib(bytes.length) + "; the limit is 8 MiB).");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Refused("This file is not an image the phone can show (PNG, JPEG, GIF or BMP).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new Refused("This image has no pixels.");
                }
                if (w > MAX_SIDE || h > MAX_SIDE) {
                    throw new Refused("This image is " + w + " × " + h + " pixels; the phone shows images up to " + MAX_SIDE + " × " + MAX_SIDE + ".");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new Refused("This image could not be read.");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("This image is damaged and cannot be shown (" + e.getMessage() + ").");
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
