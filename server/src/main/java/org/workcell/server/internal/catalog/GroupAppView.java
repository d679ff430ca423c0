package org.workcell.server.internal.catalog;

/** One entry of a group's allow-list. */
public record GroupAppView(String group, String packageId, String name, boolean requiresApproval) {}
