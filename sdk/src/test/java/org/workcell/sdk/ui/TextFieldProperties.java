package org.workcell.sdk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TextFieldProperties {
    sealed interface Edit permits Type, Press, Select {}

    record Type(String text) implements Edit {}

    record Press(KeyEvent.Key key, boolean shift) implements Edit {}

    record Select(int anchor, int caret) implements Edit {}

    /** The reference: a string, an anchor and a caret, with the rules a text field promises. */
    static final class Model {
        String text = "";
        int anchor;
        int caret;
        final int maxLength;
        final boolean multiline;

        Model(int maxLength, boolean multiline) {
            this.maxLength = maxLength;
            this.multiline = multiline;
        }

        int start() {
            return Math.min(anchor, caret);
        }

        int end() {
            return Math.max(anchor, caret);
        }

        void replace(String s) {
            if (!multiline) {
                s = s.replace('\n', ' ');
            }
            int room = maxLength - (text.length() - (end() - start()));
            s = s.substring(0, Math.max(0, Math.min(s.length(), room)));
            if (s.isEmpty() && anchor == caret) {
                return;
            }
            text = text.substring(0, start()) + s + text.substring(end());
            anchor = caret = start() + s.length();
        }

        void delete(int from, int to) {
            if (from < to) {
                text = text.substring(0, from) + text.substring(to);
                anchor = caret = from;
            }
        }

        void apply(Edit e) {
            switch (e) {
                case Type t -> replace(t.text());
                case Select s -> {
                    anchor = Math.max(0, Math.min(text.length(), s.anchor()));
                    caret = Math.max(0, Math.min(text.length(), s.caret()));
                }
                case Press p -> {
                    switch (p.key()) {
                        case LEFT -> {
                            if (anchor != caret && !p.shift()) {
                                anchor = caret = start();
                            } else {
                                caret = Math.max(0, caret - 1);
                                if (!p.shift()) {
                                    anchor = caret;
                                }
                            }
                        }
                        case RIGHT -> {
                            if (anchor != caret && !p.shift()) {
                                anchor = caret = end();
                            } else {
                                caret = Math.min(text.length(), caret + 1);
                                if (!p.shift()) {
                                    anchor = caret;
                                }
                            }
                        }
                        case BACKSPACE -> delete(anchor != caret ? start() : Math.max(0, caret - 1), anchor != caret ? end() : caret);
                        case DELETE -> delete(anchor != caret ? start() : caret, anchor != caret ? end() : Math.min(text.length(), caret + 1));
                        case SELECT_ALL -> {
                            anchor = 0;
                            caret = text.length();
                        }
                        case ENTER -> {
                            if (multiline) {
                                replace("\n");
                            }
                        }
                        default -> throw new AssertionError(p);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> type = Arbitraries.strings().withChars("ab \n").ofMinLength(0).ofMaxLength(6).map(Type::new);
        Arbitrary<Edit> press = Combinators.combine(
                Arbitraries.of(KeyEvent.Key.LEFT, KeyEvent.Key.RIGHT, KeyEvent.Key.BACKSPACE, KeyEvent.Key.DELETE, KeyEvent.Key.SELECT_ALL, KeyEvent.Key.ENTER),
                Arbitraries.of(true, false)).as(Press::new);
        Arbitrary<Edit> select = Combinators.combine(Arbitraries.integers().between(-3, 40), Arbitraries.integers().between(-3, 40)).as(Select::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, type), net.jqwik.api.Tuple.of(5, press), net.jqwik.api.Tuple.of(1, select)).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void editsKeepTheCaretInsideTheTextAndMatchTheModel(@ForAll("edits") List<Edit> edits, @ForAll boolean multiline,
                                                         @ForAll("lengths") int maxLength) {
        TextField field = new TextField().multiline(multiline).maxLength(maxLength);
        Screens s = new Screens(new Column(field), 240, 400);
        field.requestFocus();
        Model model = new Model(maxLength, multiline);
        for (Edit e : edits) {
            switch (e) {
                case Type t -> s.type(t.text());
                case Press p -> s.key(p.key(), p.shift() ? KeyEvent.SHIFT : 0);
                case Select sel -> field.select(sel.anchor(), sel.caret());
            }
            model.apply(e);
            assertThat(field.text()).as("after %s", e).isEqualTo(model.text);
            assertThat(field.caret()).as("caret after %s", e).isEqualTo(model.caret).isBetween(0, field.text().length());
            assertThat(field.selectionStart()).isEqualTo(model.start()).isGreaterThanOrEqualTo(0);
            assertThat(field.selectionEnd()).isEqualTo(model.end()).isLessThanOrEqualTo(field.text().length());
            assertThat(field.text().length()).isLessThanOrEqualTo(maxLength);
        }
        s.window.render(); // and it paints whatever state it is in
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 12), Arbitraries.just(Integer.MAX_VALUE));
    }
}
