package org.workcell.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The JVM a phone runs on (shown to the phone read-only) and the class it starts; its classes
 * always come from the image's own {@code system/lib/*.jar}.
 */
public record PhoneRuntime(Path javaHome, String mainClass) {
    public static final String PHONE_MAIN = "org.workcell.phone.PhoneMain";

    public PhoneRuntime {
        Objects.requireNonNull(javaHome, "javaHome");
        javaHome = javaHome.toAbsolutePath().normalize();
        Objects.requireNonNull(mainClass, "mainClass");
    }

    /** This JVM, starting the phone. */
    public static PhoneRuntime current() {
        return new PhoneRuntime(Path.of(System.getProperty("java.home")), PHONE_MAIN);
    }

    public PhoneRuntime withMainClass(String main) {
        return new PhoneRuntime(javaHome, main);
    }
}
