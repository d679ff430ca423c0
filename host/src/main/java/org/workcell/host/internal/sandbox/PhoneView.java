package org.workcell.host.internal.sandbox;

/** Where the phone finds its folders, as paths inside its sandbox. */
public record PhoneView(String image, String data, String tmp) {
    /** Inside a namespace sandbox: the same fixed paths for every phone. */
    public static final PhoneView ISOLATED = new PhoneView("/image", "/data", "/tmp");
}
