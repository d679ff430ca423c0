package org.workcell.core.protocol;

/** The JWS {@code typ} of each signed statement, so that none can stand in for another. */
public final class TokenTypes {
    public static final String ENROLLMENT = "workcell-enrollment+jws";
    public static final String DEVICE_REQUEST = "workcell-device-request+jws";
    public static final String LEASE = "workcell-lease+jws";
    public static final String PROVISIONING = "workcell-provisioning+jws";
    public static final String IMAGE_REF = "workcell-image-ref+jws";
    /** Lets one device read image indexes and chunks for a short while, without signing each request. */
    public static final String DOWNLOAD = "workcell-download+jws";

    /** The media type of a request body that is one compact JWS. */
    public static final String MEDIA_TYPE = "application/jose";

    private TokenTypes() {}
}
