package org.workcell.phone.apps.settings;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.workcell.image.PhoneSpec;
import org.workcell.phone.Phone;
import org.workcell.phone.PhoneState;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TextField;
import org.workcell.sdk.ui.View;

/**
 * Settings, a system app: what this work phone is (image, OS build, policy, lease, user, display,
 * id) and the PIN change, which the host's PIN gate carries out (the PIN never lives in the phone).
 */
public final class SettingsApp extends App {
    private final Phone phone;
    private AppContext ctx;
    private final Column body = new Column();
    private String osBuild = "…";

    public SettingsApp(Phone phone) {
        this.phone = phone;
    }

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        this.ctx = context;
        body.spacing(4);
        body.padding(16, 8, 16, 24);
        body.align(Linear.Align.STRETCH);
        Scroll scroll = new Scroll(body);
        scroll.description("settings");
        ctx.setRoot(new Screen("Settings", scroll).onShown(this::refresh));
        ctx.background(() -> PhoneSpec.read(phone.config().image()).osBuild(), build -> {
            osBuild = build;
            refresh();
        }, e -> {
            osBuild = "unknown";
            refresh();
        });
    }

    @Override
    public void onResume() {
        refresh(); // the lease or the policy may have changed meanwhile
    }

    /** Lease states in the words a user understands. */
    static String leaseWords(String state) {
        return switch (state == null ? "unknown" : state) {
            case "active" -> "Active: your company's lease is current";
            case "renew-due" -> "Renewal due: connect to the internet to renew";
            case "offline" -> "Offline: the work phone stops if it stays offline too long";
            case "disabled" -> "Disabled by your company";
            default -> "Not reported yet";
        };
    }

    /** Shown values by label: a refresh changes only the values that changed, so rows under a finger stay put. */
    private final java.util.Map<String, Label> values = new java.util.HashMap<>();

    void refresh() {
        if (!values.isEmpty()) {
            fill();
            return;
        }
        build();
        fill();
    }

    private void fill() {
        PhoneState s = phone.state();
        var c = phone.config();
        var w = phone.window();
        float dp = 160f / w.density();
        set("User", s.user() == null || s.user().isBlank() ? "Not signed in" : s.user());
        set("Phone ID", c.data().getFileName().toString());
        set("Image version", c.imageVersion());
        set("OS build", osBuild);
        set("Policy version", s.policyVersion() == 0 ? "No policy received yet" : Long.toString(s.policyVersion()));
        set("Lease", leaseWords(s.leaseState()));
        set("Network", s.online() ? "Connected to your company" : "Not connected");
        set("Resolution", w.width() + " \u00d7 " + w.height() + " px");
        set("Size", Math.round(w.width() * dp) + " \u00d7 " + Math.round(w.height() * dp) + " dp");
        set("Density", w.density() + " dpi (" + trim(w.density() / 160f) + "\u00d7)");
    }

    private void set(String label, String value) {
        Label l = values.get(label);
        l.text(value);
        l.parent().description(label + ": " + value);
    }

    private void build() {
        body.removeAll();
        body.add(section("Work phone"), item("User"), item("Phone ID"),
                section("Software"), item("Image version"), item("OS build"),
                section("Management"), item("Policy version"), item("Lease"), item("Network"),
                section("Display"), item("Resolution"), item("Size"), item("Density"),
                section("Security"));
        Row pin = new Row(new Icon(Icon.Glyph.LOCK, 24), new Column(new Label("Change PIN").bold(true),
                new Label("The PIN that unlocks this work phone").style(Label.Style.CAPTION)).flex(1));
        pin.spacing(16);
        pin.padding(0, 12);
        pin.minSize(0, 56);
        pin.description("Change PIN");
        pin.onClick(v -> ctx.show(pinScreen()));
        body.add(pin);
    }

    private static String trim(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : String.format(java.util.Locale.ROOT, "%.2f", f);
    }

    private static View section(String title) {
        Label l = new Label(title.toUpperCase(java.util.Locale.ROOT)).style(Label.Style.CAPTION).bold(true);
        l.color(0x1F5FBF);
        return l.padding(0, 20, 0, 4);
    }

    private View item(String label) {
        Label value = new Label("").style(Label.Style.CAPTION);
        values.put(label, value);
        Column c = new Column(new Label(label), value);
        c.spacing(2);
        c.padding(0, 8);
        return c;
    }

    // ---- PIN ----------------------------------------------------------------------------------------

    /** Why {@code current, next, confirm} cannot be a PIN change, or null if they can be sent. */
    static String check(char[] current, char[] next, char[] confirm) {
        if (current.length == 0) {
            return "Enter your current PIN.";
        }
        if (next.length < 4 || next.length > 12) {
            return "A PIN has 4 to 12 digits.";
        }
        for (char ch : next) {
            if (ch < '0' || ch > '9') {
                return "A PIN has digits only.";
            }
        }
        if (!Arrays.equals(next, confirm)) {
            return "The new PIN and its confirmation differ.";
        }
        if (Arrays.equals(next, current)) {
            return "The new PIN is the same as the current one.";
        }
        return null;
    }

    private Screen pinScreen() {
        TextField current = pinField("Current PIN");
        TextField next = pinField("New PIN");
        TextField confirm = pinField("Confirm new PIN");
        Label error = new Label("");
        error.color(0xC62828);
        error.description("error");
        error.visible(false);
        Button change = new Button("Change PIN", v -> { });
        change.onClick(v -> {
            char[] c = current.text().toCharArray();
            char[] n = next.text().toCharArray();
            char[] k = confirm.text().toCharArray();
            String problem = check(c, n, k);
            Arrays.fill(k, '\0');
            if (problem != null) {
                Arrays.fill(c, '\0');
                Arrays.fill(n, '\0');
                error.text(problem);
                error.visible(true);
                return;
            }
            // The fields' copies go now: nothing of the PIN stays in the phone after the request.
            current.text("");
            next.text("");
            confirm.text("");
            error.visible(false);
            change.enabled(false);
            change.text("Changing…");
            phone.requestPinChange(c, n).whenComplete((message, failure) -> phone.loop().post(() -> {
                change.enabled(true);
                change.text("Change PIN");
                if (failure == null) {
                    ctx.toast("PIN changed");
                    ctx.back();
                } else {
                    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    error.text(t instanceof IOException ? t.getMessage() : "The PIN was not changed: " + t.getMessage());
                    error.visible(true);
                }
            }));
        });
        Column form = new Column(new Label("Your PIN unlocks the work phone. It is checked and kept by this device's agent, not by the phone.")
                .style(Label.Style.CAPTION), caption("Current PIN"), current, caption("New PIN (4 to 12 digits)"), next,
                caption("Confirm new PIN"), confirm, error, new Row(change).padding(0, 8, 0, 0));
        form.spacing(8);
        form.padding(16);
        form.align(Linear.Align.STRETCH);
        return new Screen("Change PIN", new Scroll(form));
    }

    private static View caption(String text) {
        return new Label(text).style(Label.Style.CAPTION).padding(0, 8, 0, 0);
    }

    private TextField pinField(String hint) {
        TextField f = new TextField(hint);
        f.password(true).maxLength(12);
        f.description(hint);
        f.background(ctx.window().theme().surfaceVariant());
        return f;
    }
}
