package org.workcell.sdk.app;

/**
 * What the phone knows about itself and its management, for the Settings app and status bar.
 *
 * @param imageVersion   the image the phone runs
 * @param policyVersion  the group policy applied, 0 if none has arrived
 * @param leaseState     {@code active}, {@code renew-due}, {@code offline}, {@code disabled} or {@code unknown}
 * @param user           the user the phone belongs to
 * @param phoneId        the host's name for this phone
 * @param width          display width in pixels
 * @param height         display height in pixels
 * @param densityDpi     display density
 */
public record SystemInfo(String imageVersion, long policyVersion, String leaseState, String user, String phoneId, int width, int height, int densityDpi) {}
