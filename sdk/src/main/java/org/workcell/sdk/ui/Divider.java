package org.workcell.sdk.ui;

/** A thin horizontal line in the theme's divider colour, as wide as it is allowed to be. */
public class Divider extends View {
    private float insetDp;

    public Divider() {
        this(0);
    }

    /** A line that starts {@code insetDp} from the left (under a row's text, past its icon). */
    public Divider(float insetDp) {
        this.insetDp = insetDp;
        width(FILL);
    }

    @Override
    protected Size onMeasure(Constraints c) {
        return new Size(c.boundedWidth() ? c.maxWidth() : c.minWidth(), c.clampHeight(Math.max(1, px(1))));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        int inset = px(insetDp);
        canvas.fillRect(inset, 0, Math.max(0, width() - inset), height(), theme().divider());
    }

    @Override
    public boolean opaque() {
        return insetDp == 0 && alpha() == 1f;
    }
}
