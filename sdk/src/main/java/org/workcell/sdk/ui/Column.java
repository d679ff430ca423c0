package org.workcell.sdk.ui;

/** Children top to bottom, as wide as the column unless aligned otherwise. */
public class Column extends Linear {
    public Column(View... children) {
        super(false, children);
    }
}
