package org.workcell.host;

/**
 * What one phone may use. {@code memoryMb} bounds all its processes (the JVM's heap is
 * {@code heapMb} inside it); {@code tasks} bounds processes and threads together (a fork or
 * thread bomb stops there); {@code cpus} is a share of the machine's processors.
 */
public record Limits(int memoryMb, int heapMb, int tasks, double cpus, int openFiles, int tmpMb) {
    /** Enough for the built-in apps at 720 x 1560; 200 of these fit a 24 GiB host with room to spare. */
    public static final Limits DEFAULT = new Limits(384, 128, 128, 1.0, 1024, 64);

    public Limits {
        if (memoryMb < 64 || heapMb < 16 || heapMb > memoryMb - 32) {
            throw new IllegalArgumentException("memory must be at least 64 MiB and leave 32 MiB beside the heap");
        }
        if (tasks < 16 || cpus <= 0 || openFiles < 64 || tmpMb < 1) {
            throw new IllegalArgumentException("tasks >= 16, cpus > 0, open files >= 64 and tmp >= 1 MiB are needed to run a phone");
        }
    }
}
