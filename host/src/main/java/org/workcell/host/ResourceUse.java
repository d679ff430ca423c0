package org.workcell.host;

/**
 * What a phone's processes use now: resident memory, their proportional share of it (pages shared
 * with other processes, such as the JDK's class archive, counted once across all sharers, so
 * summing it over phones gives what they really take), CPU time since start, and process and
 * thread count (tasks). Zero for a phone that is not running.
 */
public record ResourceUse(long memoryBytes, long proportionalBytes, long cpuMillis, int tasks) {
    public static final ResourceUse NONE = new ResourceUse(0, 0, 0, 0);
}
