package org.workcell.sdk.ui;

import java.awt.Font;
import java.awt.font.TextHitInfo;
import java.awt.font.TextLayout;
import java.util.function.Consumer;

/**
 * Editable text: one line that scrolls sideways, or with {@link #multiline(boolean)} lines that wrap
 * and grow the field up to {@link #maxLines(int)} before scrolling inside it. A caret that blinks
 * while the field has the focus (only the caret's pixels are repainted, and the blinking stops with
 * the focus so that an idle phone schedules nothing), a selection (shift with the arrows, select
 * all, dragging a finger, a double tap on a word), hardware keys, and the window's clipboard.
 *
 * <p>Positions are char indices into {@link #text()}, from 0 to its length; the caret never sits
 * inside a surrogate pair.
 */
public class TextField extends View {
    static final long BLINK_MILLIS = 500;
    private static final long DOUBLE_TAP_MILLIS = 300;
    private static final char DOT = '\u2022';

    private String text = "";
    private String hint = "";
    private int anchor; // where the selection started; the caret is its other end
    private int caret;
    private boolean multiline;
    private int maxLines = 5;
    private boolean password;
    private int maxLength = Integer.MAX_VALUE;
    private Consumer<String> onChange = s -> { };
    private Consumer<String> onSubmit = s -> { };

    private Text.Block block;
    private float blockWidth = -1;
    private int offsetX; // inner scrolling: single-line sideways, multi-line down
    private int offsetY;
    private int desiredX = -1; // the column UP and DOWN keep to
    private boolean caretOn;
    private UiLoop.Cancellable blink;

    // touch
    private int downIndex;
    private int downX;
    private int downY;
    private boolean dragging;
    private long lastTapTime = Long.MIN_VALUE / 2;
    private int lastTapIndex = -1;

    public TextField() {
        this("");
    }

    public TextField(String hint) {
        this.hint = hint == null ? "" : hint;
        focusable(true);
        padding(12, 10);
        cornerRadius(8);
    }

    // ---- content ----------------------------------------------------------------------------------

    public String text() {
        return text;
    }

    /** Replaces the text (cut to {@link #maxLength(int)}) and puts the caret at its end; {@code onChange} is not called. */
    public TextField text(String text) {
        String t = clean(text == null ? "" : text);
        t = t.substring(0, cutPoint(t, Math.min(t.length(), maxLength)));
        if (!t.equals(this.text)) {
            this.text = t;
            textChanged();
        }
        anchor = caret = t.length();
        caretMoved();
        return this;
    }

    public String hint() {
        return hint;
    }

    public TextField hint(String hint) {
        this.hint = hint == null ? "" : hint;
        if (text.isEmpty()) {
            invalidate();
        }
        return this;
    }

    /** Lines that wrap; ENTER inserts a new line instead of submitting. */
    public TextField multiline(boolean multiline) {
        this.multiline = multiline;
        if (!multiline && text.indexOf('\n') >= 0) {
            text(text);
        }
        textChanged();
        return this;
    }

    public boolean multiline() {
        return multiline;
    }

    /** The most lines a multi-line field grows to before it scrolls inside (default 5). */
    public TextField maxLines(int lines) {
        this.maxLines = Math.max(1, lines);
        textChanged();
        return this;
    }

    /** Shows a dot for every character; copying and cutting are refused. */
    public TextField password(boolean password) {
        this.password = password;
        textChanged();
        return this;
    }

    public boolean password() {
        return password;
    }

    /** The most chars the field takes; typing and pasting beyond it are cut. */
    public TextField maxLength(int chars) {
        this.maxLength = Math.max(0, chars);
        if (text.length() > maxLength) {
            text(text);
        }
        return this;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Called with the new text after every edit by the user (typing, deleting, cutting, pasting). */
    public TextField onChange(Consumer<String> listener) {
        this.onChange = listener == null ? s -> { } : listener;
        return this;
    }

    /** Called with the text when ENTER is pressed in a single-line field. */
    public TextField onSubmit(Consumer<String> action) {
        this.onSubmit = action == null ? s -> { } : action;
        return this;
    }

    /** The hint, or for a plain field its text: never a password. */
    @Override
    public String description() {
        String d = super.description();
        if (d != null) {
            return d;
        }
        if (password) {
            return hint.isEmpty() ? "password" : hint + ", password";
        }
        return text.isEmpty() ? hint : text;
    }

    // ---- caret and selection ------------------------------------------------------------------------

    public int caret() {
        return caret;
    }

    public int selectionStart() {
        return Math.min(anchor, caret);
    }

    public int selectionEnd() {
        return Math.max(anchor, caret);
    }

    public boolean hasSelection() {
        return anchor != caret;
    }

    public String selectedText() {
        return text.substring(selectionStart(), selectionEnd());
    }

    /** Selects from {@code anchor} to {@code caret} (equal: just places the caret); both clamped to the text. */
    public TextField select(int anchor, int caret) {
        this.anchor = snap(anchor);
        this.caret = snap(caret);
        desiredX = -1;
        caretMoved();
        return this;
    }

    public TextField selectAll() {
        return select(0, text.length());
    }

    /** Selects the word (letters and digits) around {@code index}. */
    public TextField selectWord(int index) {
        int i = snap(index);
        int start = i;
        int end = i;
        while (start > 0 && wordChar(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && wordChar(text.charAt(end))) {
            end++;
        }
        return select(start, end);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || Character.isSurrogate(c);
    }

    private int snap(int index) {
        int i = Math.max(0, Math.min(text.length(), index));
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private int previous(int index) {
        return index <= 0 ? 0 : text.offsetByCodePoints(index, -1);
    }

    private int next(int index) {
        return index >= text.length() ? text.length() : text.offsetByCodePoints(index, 1);
    }

    // ---- editing ------------------------------------------------------------------------------------

    /** Replaces the selection with {@code typed}, as if typed (cut to fit {@link #maxLength(int)}). */
    @Override
    public boolean onText(String typed) {
        if (!enabled() || typed == null) {
            return false;
        }
        replaceSelection(typed);
        return true;
    }

    private void replaceSelection(String insert) {
        String s = clean(insert);
        int start = selectionStart();
        int end = selectionEnd();
        int room = maxLength - (text.length() - (end - start));
        if (room < s.length()) {
            s = s.substring(0, cutPoint(s, Math.max(0, room)));
        }
        if (s.isEmpty() && start == end) {
            return;
        }
        text = text.substring(0, start) + s + text.substring(end);
        anchor = caret = start + s.length();
        desiredX = -1;
        edited();
    }

    /** The largest cut at or below {@code n} that does not split a surrogate pair. */
    private static int cutPoint(String s, int n) {
        if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1)) && Character.isLowSurrogate(s.charAt(n))) {
            return n - 1;
        }
        return n;
    }

    /** Drops control characters; a single-line field turns line breaks into spaces. */
    private String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (c == '\n' || c == '\t') {
                b.append(multiline && c == '\n' ? '\n' : ' ');
            } else if (!Character.isISOControl(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void deleteRange(int start, int end) {
        if (start >= end) {
            return;
        }
        text = text.substring(0, start) + text.substring(end);
        anchor = caret = start;
        desiredX = -1;
        edited();
    }

    private void edited() {
        textChanged();
        caretMoved();
        onChange.accept(text);
    }

    private void textChanged() {
        int linesBefore = block == null ? -1 : shownLines();
        block = null;
        if (!multiline || linesBefore != shownLines()) {
            requestLayout();
        }
        invalidate();
    }

    @Override
    public boolean onKey(KeyEvent e) {
        if (!e.down() || !enabled()) {
            return false;
        }
        boolean shift = e.shift();
        switch (e.key()) {
            case LEFT -> {
                if (hasSelection() && !shift) {
                    select(selectionStart(), selectionStart());
                } else {
                    moveCaret(previous(caret), shift);
                }
            }
            case RIGHT -> {
                if (hasSelection() && !shift) {
                    select(selectionEnd(), selectionEnd());
                } else {
                    moveCaret(next(caret), shift);
                }
            }
            case UP, DOWN -> {
                if (!multiline) {
                    return false;
                }
                verticalMove(e.key() == KeyEvent.Key.UP ? -1 : 1, shift);
            }
            case HOME -> moveCaret(e.ctrl() || !multiline ? 0 : lineStart(caret), shift);
            case END -> moveCaret(e.ctrl() || !multiline ? text.length() : lineEnd(caret), shift);
            case BACKSPACE -> {
                if (hasSelection()) {
                    deleteRange(selectionStart(), selectionEnd());
                } else {
                    deleteRange(previous(caret), caret);
                }
            }
            case DELETE -> {
                if (hasSelection()) {
                    deleteRange(selectionStart(), selectionEnd());
                } else {
                    deleteRange(caret, next(caret));
                }
            }
            case ENTER -> {
                if (multiline) {
                    replaceSelection("\n");
                } else {
                    onSubmit.accept(text);
                }
            }
            case SELECT_ALL -> selectAll();
            case COPY -> copy();
            case CUT -> {
                if (copy()) {
                    deleteRange(selectionStart(), selectionEnd());
                }
            }
            case PASTE -> paste();
            default -> {
                return false;
            }
        }
        return true;
    }

    private void moveCaret(int to, boolean extend) {
        int a = extend ? anchor : to;
        select(a, to);
    }

    /** Copies the selection to the window's clipboard (never from a password field); returns whether it did. */
    public boolean copy() {
        if (password || !hasSelection() || window() == null) {
            return false;
        }
        window().clipboard().set(selectedText());
        return true;
    }

    /** Pastes the window's clipboard over the selection. */
    public void paste() {
        if (window() == null) {
            return;
        }
        String s = window().clipboard().get();
        if (s != null && !s.isEmpty()) {
            replaceSelection(s);
        }
    }

    // ---- lines ----------------------------------------------------------------------------------------

    private Font font() {
        return Fonts.get(Fonts.Face.REGULAR, pxf(theme().bodySize()));
    }

    private String shown() {
        return password ? String.valueOf(DOT).repeat(text.length()) : text;
    }

    private int innerWidth() {
        return Math.max(1, width() - paddingLeftPx() - paddingRightPx());
    }

    private int innerHeight() {
        return Math.max(1, height() - paddingTopPx() - paddingBottomPx());
    }

    private Text.Block block() {
        float w = multiline && width() > 0 ? innerWidth() : 0;
        if (block == null || blockWidth != w) {
            block = Text.layout(shown(), font(), w, 0);
            blockWidth = w;
        }
        return block;
    }

    private int shownLines() {
        return multiline ? Math.min(maxLines, Math.max(1, block().lines().size())) : 1;
    }

    private int lineOf(int index) {
        var lines = block().lines();
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).start() <= index) {
                found = i;
            } else {
                break;
            }
        }
        return found;
    }

    private int lineStart(int index) {
        return block().lines().get(lineOf(index)).start();
    }

    private int lineEnd(int index) {
        var lines = block().lines();
        int l = lineOf(index);
        Text.Line line = lines.get(l);
        int end = line.end();
        // A wrapped line ends where the next begins: stay before its trailing space, on this line.
        if (l + 1 < lines.size() && lines.get(l + 1).start() == end && end > line.start() && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The caret's x in content pixels (before the inner scrolling) at {@code index} on its line. */
    private float xOf(int index) {
        Text.Line line = block().lines().get(lineOf(index));
        if (line.layout() == null || index <= line.start()) {
            return 0;
        }
        int i = Math.min(index, line.end()) - line.start();
        if (i >= line.layout().getCharacterCount()) {
            return line.layout().getAdvance();
        }
        return line.layout().getCaretInfo(TextHitInfo.leading(i))[0];
    }

    /** The text index nearest to {@code x, y} in view pixels. */
    public int indexAt(int x, int y) {
        Text.Block b = block();
        int l = (int) Math.floor((y - paddingTopPx() + offsetY) / b.lineHeight());
        l = Math.max(0, Math.min(b.lines().size() - 1, l));
        Text.Line line = b.lines().get(l);
        if (line.layout() == null) {
            return line.start();
        }
        TextHitInfo hit = line.layout().hitTestChar(x - paddingLeftPx() + offsetX, 0);
        int index = line.start() + Math.max(0, Math.min(line.layout().getCharacterCount(), hit.getInsertionIndex()));
        int limit = l + 1 < b.lines().size() && b.lines().get(l + 1).start() == line.end() ? lineEnd(line.start()) : line.end();
        return snap(Math.min(index, limit));
    }

    private void verticalMove(int direction, boolean extend) {
        var lines = block().lines();
        int l = lineOf(caret) + direction;
        if (desiredX < 0) {
            desiredX = Math.round(xOf(caret));
        }
        int keep = desiredX;
        int to;
        if (l < 0) {
            to = 0;
        } else if (l >= lines.size()) {
            to = text.length();
        } else {
            Text.Line line = lines.get(l);
            to = line.layout() == null ? line.start()
                    : Math.min(lineEnd(line.start()), line.start() + line.layout().hitTestChar(keep, 0).getInsertionIndex());
        }
        select(extend ? anchor : to, to);
        desiredX = keep;
    }

    // ---- measuring ------------------------------------------------------------------------------------

    @Override
    protected Size onMeasure(Constraints c) {
        int w = c.boundedWidth() ? c.maxWidth() : c.clampWidth(px(200));
        float lineHeight = Text.lineHeight(font());
        int lines;
        if (multiline) {
            Text.Block b = Text.layout(shown(), font(), Math.max(1, w), 0);
            lines = Math.min(maxLines, Math.max(1, b.lines().size()));
        } else {
            lines = 1;
        }
        return new Size(c.clampWidth(w), c.clampHeight((int) Math.ceil(lines * lineHeight)));
    }

    @Override
    protected void onLayout(int width, int height) {
        keepCaretVisible();
    }

    @Override
    protected void onAttached() {
        block = null; // density known now
    }

    // ---- the caret ------------------------------------------------------------------------------------

    private void caretMoved() {
        keepCaretVisible();
        invalidate();
        if (focused()) {
            startBlink();
        }
    }

    private void keepCaretVisible() {
        if (width() == 0) {
            return;
        }
        Text.Block b = block();
        int oldX = offsetX;
        int oldY = offsetY;
        if (multiline) {
            offsetX = 0;
            int lh = (int) b.lineHeight();
            int top = lineOf(caret) * lh;
            int max = Math.max(0, (int) Math.ceil(b.height()) - innerHeight());
            if (top < offsetY) {
                offsetY = top;
            } else if (top + lh > offsetY + innerHeight()) {
                offsetY = top + lh - innerHeight();
            }
            offsetY = Math.max(0, Math.min(max, offsetY));
        } else {
            offsetY = 0;
            int x = Math.round(xOf(caret));
            int caretW = caretWidth();
            int inner = innerWidth();
            if (x < offsetX) {
                offsetX = x;
            } else if (x + caretW > offsetX + inner) {
                offsetX = x + caretW - inner;
            }
            int max = Math.max(0, (int) Math.ceil(b.width()) + caretW - inner);
            offsetX = Math.max(0, Math.min(max, offsetX));
        }
        if (oldX != offsetX || oldY != offsetY) {
            invalidate();
        }
    }

    private int caretWidth() {
        return Math.max(1, px(2));
    }

    /** The caret's rectangle in view pixels. */
    Rect caretRect() {
        Text.Block b = block();
        int x = paddingLeftPx() + Math.round(xOf(caret)) - offsetX;
        int y = paddingTopPx() + Math.round(lineOf(caret) * b.lineHeight()) - offsetY;
        return new Rect(x - 1, y, caretWidth() + 2, (int) Math.ceil(b.lineHeight()));
    }

    @Override
    protected void onFocusChanged(boolean focused) {
        invalidate();
        if (focused) {
            startBlink();
        } else {
            stopBlink();
            caretOn = false;
            select(caret, caret);
        }
    }

    @Override
    protected void onDetached() {
        stopBlink();
    }

    /** Shows the caret and restarts its blinking: it stays on while the user types. */
    private void startBlink() {
        stopBlink();
        caretOn = true;
        scheduleBlink();
    }

    private void scheduleBlink() {
        blink = postDelayed(() -> {
            if (!focused()) {
                blink = null;
                caretOn = false;
                return;
            }
            caretOn = !caretOn;
            Rect r = caretRect();
            invalidate(r.x(), r.y(), r.width(), r.height());
            scheduleBlink();
        }, BLINK_MILLIS);
    }

    private void stopBlink() {
        if (blink != null) {
            blink.cancel();
            blink = null;
        }
    }

    /** Whether the caret is shown right now (it blinks while the field has the focus). */
    public boolean caretVisible() {
        return focused() && caretOn && !hasSelection();
    }

    @Override
    public boolean wantsKeyboard() {
        return enabled();
    }

    // ---- touch ------------------------------------------------------------------------------------------

    @Override
    public boolean onTouch(TouchEvent e) {
        if (!enabled()) {
            return false;
        }
        switch (e.action()) {
            case DOWN -> {
                downIndex = indexAt(e.x(), e.y());
                downX = e.x();
                downY = e.y();
                dragging = false;
                if (focused()) {
                    select(downIndex, downIndex);
                }
            }
            case MOVE -> {
                if (!dragging && (focused() || Math.abs(e.x() - downX) + Math.abs(e.y() - downY) > px(8))) {
                    dragging = true;
                    requestFocus();
                    anchor = downIndex;
                }
                if (dragging) {
                    select(anchor, indexAt(e.x(), e.y()));
                }
            }
            case UP -> {
                requestFocus();
                if (!dragging) {
                    int index = indexAt(e.x(), e.y());
                    if (e.timeMillis() - lastTapTime <= DOUBLE_TAP_MILLIS && Math.abs(index - lastTapIndex) <= 1) {
                        selectWord(index);
                        lastTapTime = Long.MIN_VALUE / 2;
                    } else {
                        select(index, index);
                        lastTapTime = e.timeMillis();
                        lastTapIndex = index;
                    }
                }
                dragging = false;
            }
            case CANCEL -> dragging = false;
        }
        return true;
    }

    // ---- painting ---------------------------------------------------------------------------------------

    @Override
    protected void onDraw(Canvas canvas) {
        Theme t = theme();
        float r = pxf(8);
        canvas.fillRoundRect(0, 0, width(), height(), r, background() >= 0 ? background() : t.surface());
        canvas.strokeRoundRect(0, 0, width(), height(), r, pxf(focused() ? 2 : 1), focused() ? t.primary() : t.divider());
        int left = paddingLeftPx();
        int top = paddingTopPx();
        canvas.save();
        if (!canvas.clipTo(left - 1, top, innerWidth() + caretWidth() + 1, innerHeight())) {
            canvas.restore();
            return;
        }
        Font font = font();
        Text.Block b = block();
        if (text.isEmpty()) {
            if (!hint.isEmpty()) {
                canvas.text(hint, font, left, top + b.ascent(), t.secondaryText());
            }
        } else {
            int selStart = selectionStart();
            int selEnd = selectionEnd();
            float baseline = top + b.ascent() - offsetY;
            float lineTop = top - offsetY;
            int rgb = enabled() ? t.text() : Theme.blend(t.text(), t.surface(), 0.5f);
            for (Text.Line line : b.lines()) {
                if (lineTop + b.lineHeight() >= top && lineTop <= top + innerHeight()) {
                    if (selStart != selEnd && selEnd > line.start() && (selStart < line.end() || selStart == line.end() && selEnd > line.end())) {
                        float x1 = selStart <= line.start() ? 0 : xOf(selStart);
                        float x2 = selEnd >= line.end() ? Math.max(line.width(), xOf(line.end())) + (selEnd > line.end() ? pxf(4) : 0) : xOf(selEnd);
                        if (x2 > x1) {
                            canvas.fillRect(Math.round(left + x1 - offsetX), Math.round(lineTop), Math.round(x2 - x1), Math.round(b.lineHeight()), focused() ? t.ripple() : t.surfaceVariant());
                        }
                    }
                    if (line.layout() != null) {
                        canvas.text(line.layout(), left - offsetX, baseline, rgb);
                    }
                }
                baseline += b.lineHeight();
                lineTop += b.lineHeight();
            }
        }
        if (caretVisible()) {
            Rect c = caretRect();
            canvas.fillRect(c.x() + 1, c.y(), caretWidth(), c.height(), t.primary());
        }
        canvas.restore();
    }

    @Override
    public boolean opaque() {
        return false;
    }
}
