package org.workcell.sdk.ui;

import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * The phone's UI thread: one queue of tasks, run in time order on one thread, so that views need
 * no locks. Other threads hand work over with {@link #post}. When nothing is due the thread
 * sleeps; with no animation running nothing is ever due, so an idle phone uses no CPU.
 *
 * <p>Time comes from the injected millisecond source, so tests drive the loop with a fake clock
 * ({@link #runDue()}) instead of waiting.
 */
public final class UiLoop {
    private final LongSupplier millis;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;
    private volatile Thread thread;

    /** A task that may be withdrawn before it runs. */
    public interface Cancellable {
        void cancel();
    }

    private final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order;
        final Runnable action;
        volatile boolean cancelled;

        Task(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public UiLoop(LongSupplier millis) {
        this.millis = millis;
    }

    /** A loop on the system's monotonic clock. */
    public static UiLoop system() {
        long origin = System.nanoTime();
        return new UiLoop(() -> (System.nanoTime() - origin) / 1_000_000);
    }

    public long now() {
        return millis.getAsLong();
    }

    public Cancellable post(Runnable action) {
        return postDelayed(action, 0);
    }

    public synchronized Cancellable postDelayed(Runnable action, long delayMillis) {
        Task task = new Task(now() + Math.max(0, delayMillis), sequence++, action);
        queue.add(task);
        notifyAll();
        return task;
    }

    /** Whether the calling thread is the loop's (always true before {@link #run} is called, for tests). */
    public boolean onLoop() {
        Thread t = thread;
        return t == null || t == Thread.currentThread();
    }

    /** Runs every task that is due now, including tasks they post for now; returns how many ran. */
    public int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > now()) {
                    return ran;
                }
                queue.poll();
            }
            if (!next.cancelled) {
                next.action.run();
                ran++;
            }
        }
    }

    /** Milliseconds until the next task is due, or -1 if none is queued. */
    public synchronized long untilNext() {
        Task next = queue.peek();
        while (next != null && next.cancelled) {
            queue.poll();
            next = queue.peek();
        }
        return next == null ? -1 : Math.max(0, next.due - now());
    }

    /** Runs the loop on the calling thread until it is interrupted. */
    public void run() {
        thread = Thread.currentThread();
        while (!Thread.currentThread().isInterrupted()) {
            runDue();
            synchronized (this) {
                long wait = untilNext();
                if (wait != 0) {
                    try {
                        if (wait < 0) {
                            wait(); // idle: no CPU until someone posts
                        } else {
                            wait(wait);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}
