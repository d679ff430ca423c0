package org.workcell.sdk.ui;

import java.util.function.DoubleUnaryOperator;

/**
 * A value that moves from 0 to 1 over a duration, driven by the window's frames. Frames are
 * produced only while some animator runs: animation costs CPU only while something moves.
 */
public final class Animator {
    /** Fast start, gentle stop: the curve for things that arrive. */
    public static final DoubleUnaryOperator EASE_OUT = t -> 1 - Math.pow(1 - t, 3);
    public static final DoubleUnaryOperator EASE_IN_OUT = t -> t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
    public static final DoubleUnaryOperator LINEAR = t -> t;

    /** Receives the eased fraction, 0 to 1, once per frame; {@code done} is true on the last call. */
    public interface Listener {
        void update(float fraction, boolean done);
    }

    private final long durationMillis;
    private final DoubleUnaryOperator curve;
    private final Listener listener;
    private Window window;
    private long start = -1;

    public Animator(long durationMillis, DoubleUnaryOperator curve, Listener listener) {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration is not negative");
        }
        this.durationMillis = durationMillis;
        this.curve = curve;
        this.listener = listener;
    }

    /** Starts on {@code window}'s next frame. */
    public Animator start(Window window) {
        this.window = window;
        start = -1;
        window.addAnimator(this);
        return this;
    }

    public void cancel() {
        if (window != null) {
            window.removeAnimator(this);
        }
    }

    public boolean running() {
        return window != null && window.hasAnimator(this);
    }

    /** Advances to {@code now}; returns true when finished. */
    boolean tick(long now) {
        if (start < 0) {
            start = now;
        }
        double t = durationMillis == 0 ? 1 : Math.min(1.0, (now - start) / (double) durationMillis);
        boolean done = t >= 1.0;
        listener.update((float) curve.applyAsDouble(t), done);
        return done;
    }
}
