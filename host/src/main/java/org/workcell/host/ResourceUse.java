package org.workcell.host;

/**
 * What a phone's processes use now: resident memory, CPU time since start, process and thread count
 * (tasks). Zero for a phone that is not running.
 */
public record ResourceUse(long memoryBytes, long cpuMillis, int tasks) {
    public static final ResourceUse NONE = new ResourceUse(0, 0, 0);
}
