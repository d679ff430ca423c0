package org.workcell.core.protocol;

/**
 * What a device says about itself at enrolment. The hardware id is hashed on the device, so the
 * server can tell one device from another without learning its serial number.
 */
public record DeviceInfo(String model, String os, String hardwareIdHash, String agentVersion) {}
