/**
 * The device protocol: what a device and the management server say to each other, every message
 * carried in a {@link org.workcell.core.jws.CompactJws} envelope. Device to server: enrolment
 * (signed by the device's new key), then {@link org.workcell.core.protocol.DeviceRequest}s signed
 * by that key. Server to device: {@link org.workcell.core.protocol.Lease}s and
 * {@link org.workcell.core.protocol.ProvisioningBundle}s signed by the server's lease key.
 */
package org.workcell.core.protocol;
