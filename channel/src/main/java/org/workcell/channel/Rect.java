package org.workcell.channel;

/** One change inside a {@link FrameUpdate}; all rects lie inside the current display. */
public sealed interface Rect permits CopyRect, FillRect, PixelsRect {
    int x();

    int y();

    int width();

    int height();
}
