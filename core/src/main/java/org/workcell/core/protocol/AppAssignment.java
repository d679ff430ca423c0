package org.workcell.core.protocol;

/** An à-la-carte app a device is to install: the package is checked against its digest. */
public record AppAssignment(String packageId, String name, String version, String sha256, long size) {}
