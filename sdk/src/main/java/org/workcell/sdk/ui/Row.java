package org.workcell.sdk.ui;

/** Children left to right. */
public class Row extends Linear {
    public Row(View... children) {
        super(true, children);
        align(Align.CENTER);
    }
}
