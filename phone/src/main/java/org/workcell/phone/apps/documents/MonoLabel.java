package org.workcell.phone.apps.documents;

import java.awt.Font;
import org.workcell.sdk.ui.Fonts;
import org.workcell.sdk.ui.Label;

/** A label in the image's monospace face: code blocks and plain text in mono mode. */
public final class MonoLabel extends Label {
    private final float sizeDp;

    public MonoLabel(String text, float sizeDp) {
        super(text);
        this.sizeDp = sizeDp;
        description(text);
    }

    @Override
    public Font font() {
        return Fonts.get(Fonts.Face.MONO, pxf(sizeDp));
    }
}
