package org.workcell.phone.system;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.workcell.phone.PhoneState;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Spacer;
import org.workcell.sdk.ui.UiLoop;

/**
 * The top bar: the time, the unread notification count, the lease state and the network. The
 * clock repaints once a minute, on the minute, and nothing else runs while nothing changes.
 */
final class StatusBar extends Row {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final java.time.Clock clock;
    private final Label time = new Label("");
    private final Label notifications = new Label("");
    private final Icon leaseIcon = new Icon(Icon.Glyph.SHIELD, 16);
    private final Label lease = new Label("");
    private final Icon network = new Icon(Icon.Glyph.SIGNAL, 16);
    private UiLoop.Cancellable tick;

    StatusBar(java.time.Clock clock) {
        this.clock = clock;
        height(28).padding(14, 0, 14, 0);
        time.style(Label.Style.CAPTION).bold(true);
        notifications.style(Label.Style.CAPTION);
        lease.style(Label.Style.CAPTION);
        add(time, new Spacer(8), notifications, new Spacer(), leaseIcon, new Spacer(4), lease, new Spacer(8), network);
        spacing(0);
        description("status bar");
    }

    @Override
    protected void onAttached() {
        background(theme().surfaceVariant());
        updateTime();
    }

    @Override
    protected void onDetached() {
        if (tick != null) {
            tick.cancel();
        }
    }

    private void updateTime() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.systemDefault()));
        time.text(TIME.format(now));
        long untilNextMinute = 60_000 - (now.getSecond() * 1000L + now.getNano() / 1_000_000);
        tick = postDelayed(this::updateTime, Math.max(1, untilNextMinute));
    }

    void show(PhoneState state, int unread) {
        lease.text(switch (state.leaseState()) {
            case "active" -> "Managed";
            case "renew-due" -> "Renewing";
            case "offline" -> "Offline";
            case "disabled" -> "Disabled";
            default -> "";
        });
        int warn = theme().error();
        int ok = theme().secondaryText();
        boolean bad = state.leaseState().equals("offline") || state.leaseState().equals("disabled");
        leaseIcon.color(bad ? warn : ok);
        lease.color(bad ? warn : ok);
        network.color(state.online() ? ok : org.workcell.sdk.ui.Theme.blend(ok, theme().surfaceVariant(), 0.6f));
        notifications.text(unread == 0 ? "" : "● " + unread);
    }
}
