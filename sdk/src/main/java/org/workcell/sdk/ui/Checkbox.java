package org.workcell.sdk.ui;

import java.awt.geom.Path2D;
import java.util.function.Consumer;

/** A square that is ticked or not, with an optional label beside it; tapping either toggles it. */
public class Checkbox extends View {
    private boolean checked;
    private String label;
    private Consumer<Boolean> onChange = b -> { };

    public Checkbox(String label) {
        this(label, false);
    }

    public Checkbox(String label, boolean checked) {
        this.label = label == null ? "" : label;
        this.checked = checked;
        focusable(true);
        onClick(v -> toggle());
        minSize(24, 40);
        cornerRadius(8);
    }

    public boolean checked() {
        return checked;
    }

    /** Sets the state without calling {@code onChange}. */
    public Checkbox checked(boolean checked) {
        if (this.checked != checked) {
            this.checked = checked;
            invalidate();
        }
        return this;
    }

    public Checkbox onChange(Consumer<Boolean> listener) {
        this.onChange = listener == null ? b -> { } : listener;
        return this;
    }

    public void toggle() {
        checked = !checked;
        invalidate();
        onChange.accept(checked);
    }

    @Override
    public String description() {
        String d = super.description();
        return d != null ? d : label + (checked ? ", checked" : ", not checked");
    }

    private java.awt.Font font() {
        return Fonts.get(Fonts.Face.REGULAR, pxf(theme().bodySize()));
    }

    @Override
    protected Size onMeasure(Constraints c) {
        float text = label.isEmpty() ? 0 : pxf(12) + Text.width(label, font());
        return new Size(c.clampWidth((int) Math.ceil(pxf(20) + text)), c.clampHeight((int) Math.ceil(Math.max(pxf(20), Text.lineHeight(font())))));
    }

    @Override
    protected void onDraw(Canvas canvas) {
        Theme t = theme();
        float box = pxf(20);
        float x = paddingLeftPx();
        float y = (height() - box) / 2;
        int accent = enabled() ? t.primary() : t.divider();
        if (checked) {
            canvas.fillRoundRect(x, y, box, box, pxf(4), accent);
            Path2D tick = new Path2D.Float();
            tick.moveTo(x + box * 0.22f, y + box * 0.52f);
            tick.lineTo(x + box * 0.42f, y + box * 0.72f);
            tick.lineTo(x + box * 0.78f, y + box * 0.3f);
            canvas.stroke(tick, pxf(2), t.onPrimary());
        } else {
            canvas.strokeRoundRect(x, y, box, box, pxf(4), pxf(2), enabled() ? t.secondaryText() : t.divider());
        }
        if (!label.isEmpty()) {
            var f = font();
            var m = f.getLineMetrics(label, Text.CONTEXT);
            float baseline = (height() - (m.getAscent() + m.getDescent())) / 2 + m.getAscent();
            canvas.text(label, f, x + box + pxf(12), baseline, enabled() ? t.text() : t.secondaryText());
        }
    }

    @Override
    public boolean opaque() {
        return false;
    }
}
