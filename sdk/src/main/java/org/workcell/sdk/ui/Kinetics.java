package org.workcell.sdk.ui;

/**
 * Touch-driven scrolling shared by {@link Scroll} and {@link ListView}: drag past a slop, fling
 * with exponential deceleration, rubber-band past the ends and spring back.
 */
final class Kinetics {
    /** Fling velocity decays as e^(-t/TAU): the feel of a phone's list. */
    static final double TAU_MILLIS = 325;
    private static final float SLOP_DP = 8;
    private static final float MIN_FLING_DP_PER_S = 60;
    private static final float MAX_FLING_DP_PER_S = 8000;
    private static final long SPRING_MILLIS = 300;

    private final ViewGroup group;
    private final java.util.function.IntSupplier maxPosition;
    private int downY;
    private int lastY;
    private long lastTime;
    private double velocity; // px per ms, positive: content moves up (position grows)
    private boolean dragging;
    private Animator motion;

    /** Scrolls {@code group}'s content vertically between 0 and {@code maxPosition} (beyond it only while overscrolled). */
    Kinetics(ViewGroup group, java.util.function.IntSupplier maxPosition) {
        this.group = group;
        this.maxPosition = maxPosition;
    }

    boolean intercept(TouchEvent e) {
        switch (e.action()) {
            case DOWN -> {
                boolean moving = motion != null && motion.running();
                stop();
                downY = lastY = e.y();
                lastTime = e.timeMillis();
                velocity = 0;
                dragging = moving; // a touch on a moving list catches it instead of tapping a row
                return moving;
            }
            case MOVE -> {
                if (!dragging && Math.abs(e.y() - downY) > group.px(SLOP_DP)) {
                    dragging = true;
                    lastY = e.y();
                    return true;
                }
                return dragging;
            }
            default -> {
                return false;
            }
        }
    }

    boolean touch(TouchEvent e) {
        switch (e.action()) {
            case DOWN -> {
                stop();
                lastY = e.y();
                lastTime = e.timeMillis();
                velocity = 0;
            }
            case MOVE -> {
                int dy = lastY - e.y();
                long dt = Math.max(1, e.timeMillis() - lastTime);
                // A smoothed velocity: recent moves count most.
                velocity = 0.6 * (dy / (double) dt) + 0.4 * velocity;
                lastY = e.y();
                lastTime = e.timeMillis();
                int pos = group.scrollY();
                boolean beyond = pos < 0 || pos > maxPosition.getAsInt();
                moveTo(pos + (beyond ? dy / 2 : dy)); // resistance past the ends
            }
            case UP -> {
                dragging = false;
                release(velocity);
            }
            case CANCEL -> {
                dragging = false;
                release(0);
            }
        }
        return true;
    }

    private void release(double v) {
        int pos = group.scrollY();
        if (pos < 0 || pos > maxPosition.getAsInt()) {
            springBack();
            return;
        }
        double density = group.pxf(1);
        double min = MIN_FLING_DP_PER_S * density / 1000;
        double max = MAX_FLING_DP_PER_S * density / 1000;
        if (Math.abs(v) < min) {
            return;
        }
        fling(Math.copySign(Math.min(max, Math.abs(v)), v));
    }

    /** Coasts with {@code v} px/ms, slowing exponentially; at an end, overshoots a little and springs back. */
    void fling(double v) {
        Window window = group.window();
        if (window == null) {
            return;
        }
        int start = group.scrollY();
        double distance = v * TAU_MILLIS;
        long duration = (long) Math.max(1, TAU_MILLIS * Math.log(Math.abs(v) * 1000 / 5));
        motion = new Animator(duration, Animator.LINEAR, (t, done) -> {
            double ms = t * duration;
            int pos = (int) Math.round(start + distance * (1 - Math.exp(-ms / TAU_MILLIS)));
            int max = maxPosition.getAsInt();
            if (pos < 0 || pos > max) {
                double remaining = v * Math.exp(-ms / TAU_MILLIS);
                int overshoot = (int) Math.min(group.px(48), Math.abs(remaining) * 40);
                moveTo(pos < 0 ? -overshoot : max + overshoot);
                motion.cancel();
                springBack();
                return;
            }
            moveTo(pos);
        }).start(window);
    }

    private void springBack() {
        Window window = group.window();
        if (window == null) {
            return;
        }
        int from = group.scrollY();
        int to = Math.max(0, Math.min(maxPosition.getAsInt(), from));
        if (from == to) {
            return;
        }
        motion = new Animator(SPRING_MILLIS, Animator.EASE_OUT, (t, done) -> moveTo(Math.round(from + (to - from) * t))).start(window);
    }

    /** Animates smoothly to {@code position} (clamped). */
    void animateTo(int position) {
        Window window = group.window();
        int to = Math.max(0, Math.min(maxPosition.getAsInt(), position));
        if (window == null) {
            moveTo(to);
            return;
        }
        stop();
        int from = group.scrollY();
        motion = new Animator(250, Animator.EASE_OUT, (t, done) -> moveTo(Math.round(from + (to - from) * t))).start(window);
    }

    void stop() {
        if (motion != null) {
            motion.cancel();
            motion = null;
        }
    }

    boolean moving() {
        return motion != null && motion.running();
    }

    private void moveTo(int position) {
        group.scrollTo(0, position);
    }
}
