package org.workcell.sdk.ui;

/** Empty space: a fixed gap, or with a flex, whatever a row or column has left. */
public class Spacer extends View {
    public Spacer(float dp) {
        size(dp, dp);
    }

    public Spacer() {
        flex(1);
    }
}
