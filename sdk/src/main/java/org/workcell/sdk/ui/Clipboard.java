package org.workcell.sdk.ui;

/**
 * Where text fields copy to and paste from. The window holds one ({@link Window#clipboard()});
 * the phone runtime replaces the default in-memory one with one that applies the group's policy
 * (no clipboard out of the phone unless allowed).
 */
public interface Clipboard {
    /** The text on the clipboard, or an empty string. */
    String get();

    void set(String text);

    /** A clipboard that only this phone sees. */
    static Clipboard inMemory() {
        return new Clipboard() {
            private String text = "";

            @Override
            public String get() {
                return text;
            }

            @Override
            public void set(String text) {
                this.text = text == null ? "" : text;
            }
        };
    }
}
