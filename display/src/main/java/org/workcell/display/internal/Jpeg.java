package org.workcell.display.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.workcell.display.DisplayProtocolException;

/** JPEG tiles through the JDK's own codec. */
public final class Jpeg {
    private Jpeg() {
    }

    public static byte[] encode(int[] px, int stride, int x, int y, int w, int h, int quality) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, px, y * stride + x, stride);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The pixels of a JPEG that must be exactly {@code w x h}, as 0xRRGGBB. */
    public static int[] decode(byte[] bytes, int from, int length, int w, int h) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes, from, length))) {
            reader.setInput(in, true, true);
            // The size first: a damaged header could otherwise ask for a huge image.
            if (reader.getWidth(0) != w || reader.getHeight(0) != h) {
                throw new DisplayProtocolException("JPEG tile is not a " + w + "x" + h + " JPEG");
            }
            BufferedImage image = reader.read(0);
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
            return rgb;
        } catch (DisplayProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports some damaged streams with runtime exceptions of its own choosing.
            throw new DisplayProtocolException("JPEG tile does not decode: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
