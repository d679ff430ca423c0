package org.workcell.host;

import java.time.Instant;

/**
 * A phone as its host sees it. {@code restarts} counts restarts after crashes since the phone was
 * started; {@code lastExit} says why its process last ended, or is null.
 */
public record PhoneInfo(String phoneId, String user, String imageVersion, PhoneState state, Instant since, int restarts,
                        String lastExit, boolean displayAttached, ResourceUse resources) {}
