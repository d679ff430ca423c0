package org.workcell.phone.internal;

import java.util.ArrayList;
import java.util.List;
import org.workcell.channel.CopyRect;
import org.workcell.channel.FillRect;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.PixelsRect;
import org.workcell.channel.Rect;
import org.workcell.sdk.ui.Window;

/**
 * Turns what the window rendered into a channel frame: scrolls as copies, one-colour areas as
 * fills, the rest as raw pixels (the host's display encoder compresses for the network; on the
 * local pipe raw is cheapest).
 */
public final class FrameEncoder {
    private FrameEncoder() {}

    public static FrameUpdate encode(long number, Window.Frame frame, int[] pixels, int stride) {
        List<Rect> rects = new ArrayList<>(frame.copies().size() + frame.damage().size());
        for (Window.Copy c : frame.copies()) {
            var a = c.area();
            rects.add(new CopyRect(a.x() + c.dx(), a.y() + c.dy(), a.width(), a.height(), a.x(), a.y()));
        }
        for (var r : frame.damage()) {
            int first = pixels[r.y() * stride + r.x()];
            if (uniform(pixels, stride, r.x(), r.y(), r.width(), r.height(), first)) {
                rects.add(new FillRect(r.x(), r.y(), r.width(), r.height(), first & 0xFFFFFF));
            } else {
                int[] region = new int[r.width() * r.height()];
                for (int row = 0; row < r.height(); row++) {
                    System.arraycopy(pixels, (r.y() + row) * stride + r.x(), region, row * r.width(), r.width());
                }
                for (int i = 0; i < region.length; i++) {
                    region[i] &= 0xFFFFFF;
                }
                rects.add(new PixelsRect(r.x(), r.y(), r.width(), r.height(), region));
            }
        }
        return new FrameUpdate(number, rects);
    }

    private static boolean uniform(int[] pixels, int stride, int x, int y, int w, int h, int colour) {
        for (int row = y; row < y + h; row++) {
            int base = row * stride;
            for (int i = base + x; i < base + x + w; i++) {
                if (pixels[i] != colour) {
                    return false;
                }
            }
        }
        return true;
    }
}
