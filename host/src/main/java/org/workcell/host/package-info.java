/**
 * The host: the hypervisor that starts, stops, suspends and limits sandboxed phone processes, one
 * per user, and carries their display and input. {@link org.workcell.host.Host} is the interface the
 * broker and the agent use; nothing outside this module may assume that phones are local processes.
 */
package org.workcell.host;
