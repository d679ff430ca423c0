package org.workcell.host;

import java.util.List;
import java.util.Optional;
import org.workcell.channel.Message;

/**
 * Starts, stops, suspends and limits virtual phones, one per user, and carries their display and
 * input. The broker (cloud mode) and the agent (on-device mode) use only this interface: phones
 * are named by id, never by process, so a host that schedules phones elsewhere can stand behind it.
 * Thread-safe.
 */
public interface Host extends AutoCloseable {
    /** How this host isolates and limits phones, and what it cannot do here. */
    HostStatus status();

    /**
     * Starts the phone (or returns it if it runs already with the same image version and data
     * folder) and returns once its process is started; the phone reaches {@link PhoneState#RUNNING}
     * when it has greeted the host.
     *
     * @throws HostException if the request conflicts with a running phone or the sandbox cannot start
     */
    PhoneInfo start(PhoneRequest request);

    /** Every phone this host knows, in start order. */
    List<PhoneInfo> list();

    Optional<PhoneInfo> get(String phoneId);

    /**
     * Attaches a display client: from now on {@code listener} hears of new frames, and
     * {@link DisplaySession#take()} gives everything that changed since the client's last take,
     * merged (the first take is the whole screen). One client per phone: attaching another detaches
     * this one, which is told why. Attaching resumes a suspended phone.
     */
    DisplaySession attach(String phoneId, DisplayListener listener);

    /**
     * Sends input or settings to the phone: {@link org.workcell.channel.Touch}, {@link org.workcell.channel.Key},
     * {@link org.workcell.channel.Text}, {@link org.workcell.channel.Resize}, {@link org.workcell.channel.Policy},
     * {@link org.workcell.channel.Status}, {@link org.workcell.channel.Lock}, {@link org.workcell.channel.Unlock} or
     * {@link org.workcell.channel.Disabled}. Policy, status, lock and disabled are remembered and sent
     * again whenever the phone restarts. Input to a suspended phone resumes it first.
     *
     * @throws IllegalArgumentException for messages the host itself owns (lifecycle, acknowledgements, keys)
     */
    void send(String phoneId, Message message);

    /** Pauses the phone (it saves its state) and freezes its processes: no CPU until {@link #resume}. */
    void suspend(String phoneId);

    void resume(String phoneId);

    /** Suspends every running phone without a display client for longer than the configured idle time; returns how many. */
    int suspendIdle();

    /** Stops the phone gracefully (it saves its state), killing it after the stop timeout; it is not restarted. */
    void stop(String phoneId);

    /** Stops the phone and starts it again from another image version, keeping its data folder. */
    PhoneInfo upgrade(String phoneId, PhoneImage image);

    /** Stops the phone, revokes its container key and forgets it. Its data folder stays where it is. */
    void tearDown(String phoneId);

    /** Tears every phone down. */
    @Override
    void close();
}
