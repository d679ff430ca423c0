package org.workcell.sdk.ui;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-screen keyboard: QWERTY letters with shift (a double tap locks capitals), a page of digits
 * and symbols, space, backspace that repeats while held, and enter. It types into whatever view has
 * the window's focus ({@link Window#text}, {@link Window#key}) and never takes the focus itself.
 * A pressed key is highlighted; only that key's pixels are repainted.
 *
 * <p>The system UI shows it when a view that {@link View#wantsKeyboard() wants a keyboard} gets the
 * focus ({@link Window#onFocusChange}).
 */
public class Keyboard extends View {
    static final long REPEAT_DELAY_MILLIS = 400;
    static final long REPEAT_MILLIS = 50;
    private static final long DOUBLE_TAP_MILLIS = 300;

    /** What a key does. */
    enum Kind { CHAR, SHIFT, BACKSPACE, PAGE, SPACE, ENTER }

    /** A key: its label, what it types, its width in key units and where it is (view pixels, after layout). */
    private static final class Key {
        final String label;
        final Kind kind;
        final float units;
        Rect rect = Rect.EMPTY;

        Key(String label, Kind kind, float units) {
            this.label = label;
            this.kind = kind;
            this.units = units;
        }
    }

    private static final String[][] LETTERS = {
        {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
        {"z", "x", "c", "v", "b", "n", "m"},
    };
    private static final String[][] SYMBOLS = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
        {"@", "#", "$", "%", "&", "-", "+", "(", ")", "/"},
        {"*", "\"", "'", ":", ";", "!", "?"},
    };

    private final List<List<Key>> letters = build(LETTERS, "123");
    private final List<List<Key>> symbols = build(SYMBOLS, "ABC");
    private boolean symbolPage;
    private boolean shift;
    private boolean capsLock;
    private long lastShiftTap = Long.MIN_VALUE / 2;
    private Key pressedKey;
    private UiLoop.Cancellable repeat;
    private int laidOutWidth = -1;
    private int laidOutHeight = -1;

    public Keyboard() {
        width(FILL);
        height(260);
        description("keyboard");
    }

    private static List<List<Key>> build(String[][] rows, String pageLabel) {
        List<List<Key>> out = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            List<Key> row = new ArrayList<>();
            if (r == 2) {
                row.add(pageLabel.equals("123") ? new Key("⇧", Kind.SHIFT, 1.5f) : new Key("=", Kind.CHAR, 1.5f));
            }
            for (String s : rows[r]) {
                row.add(new Key(s, Kind.CHAR, 1));
            }
            if (r == 2) {
                row.add(new Key("⌫", Kind.BACKSPACE, 1.5f));
            }
            out.add(row);
        }
        List<Key> bottom = new ArrayList<>();
        bottom.add(new Key(pageLabel, Kind.PAGE, 1.5f));
        bottom.add(new Key(",", Kind.CHAR, 1));
        bottom.add(new Key("space", Kind.SPACE, 5));
        bottom.add(new Key(".", Kind.CHAR, 1));
        bottom.add(new Key("⏎", Kind.ENTER, 1.5f));
        out.add(bottom);
        return out;
    }

    private List<List<Key>> page() {
        return symbolPage ? symbols : letters;
    }

    /** Whether the next letter is a capital. */
    public boolean shifted() {
        return shift || capsLock;
    }

    /** Whether digits and symbols are showing instead of letters. */
    public boolean symbols() {
        return symbolPage;
    }

    /**
     * Where the key labelled {@code label} is on the current page, in window pixels (letters by
     * their lower-case label; "⇧", "⌫", "123", "ABC", "space", "⏎"), or empty if it is not there.
     */
    public Rect keyRect(String label) {
        placeKeys();
        Rect origin = windowRect();
        for (List<Key> row : page()) {
            for (Key k : row) {
                if (k.label.equals(label)) {
                    return k.rect.offset(origin.x(), origin.y());
                }
            }
        }
        return Rect.EMPTY;
    }

    @Override
    protected Size onMeasure(Constraints c) {
        return new Size(c.boundedWidth() ? c.maxWidth() : c.clampWidth(px(360)), c.clampHeight(px(260)));
    }

    @Override
    protected void onLayout(int width, int height) {
        laidOutWidth = -1;
        placeKeys();
    }

    /** Sets out both pages' keys for the current size: rows of equal height, keys by their units. */
    private void placeKeys() {
        if (laidOutWidth == width() && laidOutHeight == height()) {
            return;
        }
        laidOutWidth = width();
        laidOutHeight = height();
        int pad = px(4);
        int gap = px(6);
        for (List<List<Key>> p : List.of(letters, symbols)) {
            int rows = p.size();
            float rowHeight = (height() - 2 * pad - (rows - 1) * gap) / (float) rows;
            float unit = (width() - 2 * pad - 9 * gap) / 10f; // ten keys to the widest row
            for (int r = 0; r < rows; r++) {
                List<Key> row = p.get(r);
                float total = 0;
                for (Key k : row) {
                    total += k.units * unit;
                }
                total += (row.size() - 1) * gap;
                float x = (width() - total) / 2;
                int y = Math.round(pad + r * (rowHeight + gap));
                for (Key k : row) {
                    float w = k.units * unit;
                    k.rect = new Rect(Math.round(x), y, Math.max(1, Math.round(x + w) - Math.round(x)), Math.max(1, Math.round(rowHeight)));
                    x += w + gap;
                }
            }
        }
    }

    private Key keyAt(int x, int y) {
        placeKeys();
        Key best = null;
        long bestDistance = Long.MAX_VALUE;
        // The nearest key: the gaps between keys belong to their neighbours.
        for (List<Key> row : page()) {
            for (Key k : row) {
                Rect r = k.rect;
                long dx = Math.max(0, Math.max(r.x() - x, x - r.right() + 1));
                long dy = Math.max(0, Math.max(r.y() - y, y - r.bottom() + 1));
                long d = dx * dx + dy * dy;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
        }
        return best;
    }

    // ---- touch ----------------------------------------------------------------------------------------

    @Override
    public boolean onTouch(TouchEvent e) {
        if (!enabled()) {
            return false;
        }
        switch (e.action()) {
            case DOWN -> {
                press(keyAt(e.x(), e.y()));
                if (pressedKey != null && pressedKey.kind == Kind.BACKSPACE) {
                    sendKey(KeyEvent.Key.BACKSPACE);
                    repeat = postDelayed(this::repeatBackspace, REPEAT_DELAY_MILLIS);
                }
            }
            case MOVE -> {
                Key k = e.x() < 0 || e.y() < 0 || e.x() >= width() || e.y() >= height() ? null : keyAt(e.x(), e.y());
                if (k != pressedKey && (pressedKey == null || pressedKey.kind != Kind.BACKSPACE)) {
                    press(k); // slide to the key you meant: it is the one released on
                }
            }
            case UP -> {
                Key k = pressedKey;
                press(null);
                stopRepeat();
                if (k != null) {
                    commit(k, e.timeMillis());
                }
            }
            case CANCEL -> {
                press(null);
                stopRepeat();
            }
        }
        return true;
    }

    private void repeatBackspace() {
        if (pressedKey != null && pressedKey.kind == Kind.BACKSPACE) {
            sendKey(KeyEvent.Key.BACKSPACE);
            repeat = postDelayed(this::repeatBackspace, REPEAT_MILLIS);
        }
    }

    private void stopRepeat() {
        if (repeat != null) {
            repeat.cancel();
            repeat = null;
        }
    }

    private void press(Key k) {
        if (k == pressedKey) {
            return;
        }
        if (pressedKey != null) {
            invalidate(pressedKey.rect.x(), pressedKey.rect.y(), pressedKey.rect.width(), pressedKey.rect.height());
        }
        pressedKey = k;
        if (k != null) {
            invalidate(k.rect.x(), k.rect.y(), k.rect.width(), k.rect.height());
        }
    }

    private void commit(Key k, long time) {
        switch (k.kind) {
            case CHAR -> {
                String s = k.label;
                sendText(shifted() && !symbolPage ? s.toUpperCase(java.util.Locale.ROOT) : s);
                if (shift && !capsLock) {
                    shift = false;
                    invalidate();
                }
            }
            case SPACE -> sendText(" ");
            case ENTER -> sendKey(KeyEvent.Key.ENTER);
            case BACKSPACE -> { } // sent on the way down
            case SHIFT -> {
                if (capsLock) {
                    capsLock = false;
                    shift = false;
                } else if (shift && time - lastShiftTap <= DOUBLE_TAP_MILLIS) {
                    capsLock = true;
                } else {
                    shift = !shift;
                }
                lastShiftTap = time;
                invalidate();
            }
            case PAGE -> {
                symbolPage = !symbolPage;
                invalidate();
            }
        }
    }

    private void sendText(String s) {
        if (window() != null) {
            window().text(s);
        }
    }

    private void sendKey(KeyEvent.Key key) {
        if (window() != null) {
            window().key(new KeyEvent(key, true, 0));
            window().key(new KeyEvent(key, false, 0));
        }
    }

    @Override
    protected void onDetached() {
        stopRepeat();
        pressedKey = null;
    }

    // ---- painting -------------------------------------------------------------------------------------

    @Override
    protected void onDraw(Canvas canvas) {
        Theme t = theme();
        placeKeys();
        canvas.fillRect(0, 0, width(), height(), t.surfaceVariant());
        Font font = Fonts.get(Fonts.Face.REGULAR, pxf(20));
        Font small = Fonts.get(Fonts.Face.BOLD, pxf(14));
        float radius = pxf(6);
        for (List<Key> row : page()) {
            for (Key k : row) {
                Rect r = k.rect;
                if (!canvas.visible(r.x(), r.y(), r.width(), r.height())) {
                    continue;
                }
                boolean special = k.kind != Kind.CHAR && k.kind != Kind.SPACE;
                boolean lit = k == pressedKey || k.kind == Kind.SHIFT && shifted();
                int fill = k == pressedKey ? t.primary() : lit ? t.ripple() : special ? Theme.blend(t.surfaceVariant(), 0x000000, 0.08f) : t.surface();
                int fg = k == pressedKey ? t.onPrimary() : t.text();
                canvas.fillRoundRect(r.x(), r.y(), r.width(), r.height(), radius, fill);
                String label = k.kind == Kind.SPACE ? "" : k.kind == Kind.CHAR && shifted() && !symbolPage ? k.label.toUpperCase(java.util.Locale.ROOT) : k.label;
                Font f = k.kind == Kind.PAGE ? small : font;
                float w = Text.width(label, f);
                var m = f.getLineMetrics(label.isEmpty() ? "A" : label, Text.CONTEXT);
                float baseline = r.y() + (r.height() - (m.getAscent() + m.getDescent())) / 2 + m.getAscent();
                canvas.text(label, f, r.x() + (r.width() - w) / 2, baseline, fg);
                if (k.kind == Kind.SHIFT && capsLock) {
                    canvas.fillRect(Math.round(r.x() + r.width() / 2f - pxf(6)), Math.round(r.bottom() - pxf(8)), px(12), Math.max(1, px(2)), fg);
                }
            }
        }
    }

    @Override
    public boolean opaque() {
        return true;
    }
}
