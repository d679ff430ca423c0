package org.workcell.phone;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.workcell.phone.apps.AppHost;
import org.workcell.phone.apps.AppRegistry;
import org.workcell.phone.data.LocalGateway;
import org.workcell.phone.system.SystemUi;
import org.workcell.sdk.data.Gateway;
import org.workcell.sdk.ui.Fonts;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.Theme;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.UiLoop;
import org.workcell.sdk.ui.Window;

/**
 * One virtual phone: its window, system UI and apps, driven by its host. Every method runs on
 * the phone's UI thread ({@link #loop()}); the channel bridge posts host messages there.
 */
public final class Phone {
    /** Where the phone's output goes: the channel to the host, or a test. */
    public interface Output {
        /** The phone's text clipboard changed (the host decides, by policy, whether it leaves). */
        void clipboard(String text);

        /**
         * Sends a request for the host's own services (not the enterprise gateway), such as a PIN
         * change for the device agent's PIN gate, as a {@code GatewayRequest} whose JSON body names
         * the service in {@code "system"}. The body is written before this returns, so the caller
         * may clear it afterwards. Returns the request's id (its answer comes to
         * {@link Phone#systemResponse}), or -1 when there is no host to ask (tests, the harness).
         */
        default long systemRequest(byte[] body) throws IOException {
            return -1;
        }
    }

    /** How long a system request may wait for the host's answer. */
    public static final long SYSTEM_REQUEST_TIMEOUT_MILLIS = 30_000;

    private final PhoneConfig config;
    private final UiLoop loop;
    private final Window window;
    private final AppHost apps;
    private final org.workcell.phone.apps.AppCatalog catalog;
    private final SystemUi systemUi;
    private final Output output;
    private final java.util.Map<Long, CompletableFuture<String>> systemRequests = new java.util.HashMap<>();
    private volatile PhoneState state = PhoneState.INITIAL;

    private Phone(PhoneConfig config, UiLoop loop, Output output, Gateway gateway) {
        this.config = config;
        this.loop = loop;
        this.output = output;
        this.window = new Window(loop, Theme.LIGHT, config.width(), config.height(), config.densityDpi());
        window.clipboard(new PolicyClipboard(output));
        this.catalog = new org.workcell.phone.apps.LocalAppCatalog(config.image().resolve("catalog"));
        this.apps = new AppHost(this, AppRegistry.load(config, this), gateway);
        this.systemUi = new SystemUi(this);
        window.setContent(systemUi.root());
    }

    /**
     * Starts a phone on {@code loop} (call on the loop's thread, or before it runs): loads the
     * image's fonts, opens the data folder and shows the home screen.
     */
    public static Phone start(PhoneConfig config, UiLoop loop, Output output) throws IOException {
        return start(config, loop, output, "user");
    }

    /** Starts a phone for {@code user} (the name the host gave in its Welcome). */
    public static Phone start(PhoneConfig config, UiLoop loop, Output output, String user) throws IOException {
        java.nio.file.Path fonts = config.image().resolve("fonts");
        if (java.nio.file.Files.isDirectory(fonts)) {
            Fonts.install(fonts);
        }
        java.nio.file.Files.createDirectories(config.data());
        LocalGateway gateway = new LocalGateway(config.data().resolve("enterprise"), user == null || user.isBlank() ? "user" : user, config.clock());
        Phone phone = new Phone(config, loop, output, gateway);
        phone.user(user);
        return phone;
    }

    /** The phone's clipboard: text stays inside unless the policy lets copies leave for the user's own device. */
    private final class PolicyClipboard implements org.workcell.sdk.ui.Clipboard {
        private final Output output;
        private String text = "";

        PolicyClipboard(Output output) {
            this.output = output;
        }

        @Override
        public String get() {
            return text;
        }

        @Override
        public void set(String text) {
            this.text = text == null ? "" : text;
            if (state.clipboardOut()) {
                output.clipboard(this.text);
            }
        }
    }

    public PhoneConfig config() {
        return config;
    }

    public UiLoop loop() {
        return loop;
    }

    public Window window() {
        return window;
    }

    public AppHost apps() {
        return apps;
    }

    /** The à-la-carte apps the group offers. */
    public org.workcell.phone.apps.AppCatalog catalog() {
        return catalog;
    }

    public SystemUi systemUi() {
        return systemUi;
    }

    public PhoneState state() {
        return state;
    }

    // ---- from the host ---------------------------------------------------------------------------

    public void touch(TouchEvent e) {
        if (e.x() < window.width() && e.y() < window.height()) { // the host may still send points of an old, larger size
            apps.dispatch(() -> window.touch(e));
        }
    }

    public void key(KeyEvent e) {
        apps.dispatch(() -> {
            if (!window.key(e) && e.down() && (e.key() == KeyEvent.Key.BACK || e.key() == KeyEvent.Key.ESCAPE)) {
                systemUi.back();
            }
        });
    }

    public void text(String text) {
        apps.dispatch(() -> window.text(text));
    }

    public void home() {
        systemUi.home();
    }

    public void switcher() {
        systemUi.showSwitcher();
    }

    public void resize(int width, int height, int densityDpi) {
        window.resize(width, height, densityDpi);
    }

    public void policy(String json) throws IOException {
        state = state.withPolicy(json);
        systemUi.stateChanged(); // permissions are checked on every call: apps need not be told
    }

    public void status(String json) throws IOException {
        state = state.withStatus(json);
        systemUi.stateChanged();
    }

    public void user(String user) {
        state = state.withUser(user);
    }

    public void lock() {
        apps.pauseFront();
        systemUi.lock();
    }

    public void unlock() {
        systemUi.unlock();
        apps.resumeFront();
    }

    public void disabled(boolean disabled, String reason) {
        if (disabled) {
            apps.pauseFront();
        }
        systemUi.disabled(disabled, reason);
        if (!disabled) {
            apps.resumeFront();
        }
    }

    public void pause() {
        apps.pauseFront();
    }

    public void resume() {
        apps.resumeFront();
    }

    /** Saves every running app's state to the data folder. */
    public void save() {
        apps.saveAll();
    }

    /** Saves and stops every app: the phone may be killed after this returns. */
    public void stop() {
        apps.stopAll();
        for (CompletableFuture<String> waiting : List.copyOf(systemRequests.values())) {
            waiting.completeExceptionally(new IOException("the phone stopped before the device agent answered"));
        }
        systemRequests.clear();
    }

    // ---- requests to the host ----------------------------------------------------------------------

    /**
     * Asks the host's PIN gate (it lives outside the phone) to change the user's PIN. Completes on
     * the UI thread with the host's message when the PIN was changed, or fails with an
     * {@link IOException} whose message is the reason for the user (wrong current PIN, no device
     * agent, no answer). Both arrays are cleared before this returns; the PIN is never logged.
     */
    public CompletableFuture<String> requestPinChange(char[] current, char[] next) {
        CompletableFuture<String> result = new CompletableFuture<>();
        byte[] body = null;
        try {
            body = pinChangeBody(current, next);
            long id = output.systemRequest(body);
            if (id < 0) {
                result.completeExceptionally(new IOException("PIN changes need the device agent"));
            } else {
                systemRequests.put(id, result);
                loop.postDelayed(() -> {
                    CompletableFuture<String> waiting = systemRequests.remove(id);
                    if (waiting != null) {
                        waiting.completeExceptionally(new IOException("the device agent did not answer; try again"));
                    }
                }, SYSTEM_REQUEST_TIMEOUT_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new IOException("cannot reach the device agent: " + e.getMessage(), e));
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
            if (body != null) {
                Arrays.fill(body, (byte) 0);
            }
        }
        return result;
    }

    /**
     * The host's answer to a {@link Output#systemRequest}: status 200 completes the request with
     * the body's text, any other status fails it with the body's text as the reason. Returns
     * whether a request was waiting for it.
     */
    public boolean systemResponse(long id, int status, byte[] body) {
        CompletableFuture<String> waiting = systemRequests.remove(id);
        if (waiting == null) {
            return false;
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (status == 200) {
            waiting.complete(text);
        } else {
            waiting.completeExceptionally(new IOException(text.isEmpty() ? "the device agent refused (status " + status + ")" : text));
        }
        return true;
    }

    /** {"system":"pin.change","current":"…","next":"…"} as UTF-8, built without making Strings of the PINs. */
    static byte[] pinChangeBody(char[] current, char[] next) {
        byte[] head = "{\"system\":\"pin.change\",\"current\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] middle = "\",\"next\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + jsonLength(current) + middle.length + jsonLength(next) + 2];
        int at = put(out, 0, head);
        at = putJson(out, at, current);
        at = put(out, at, middle);
        at = putJson(out, at, next);
        out[at++] = '"';
        out[at] = '}';
        return out;
    }

    private static int jsonLength(char[] chars) {
        int n = 0;
        for (char c : chars) {
            n += c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? 1 : 6;
        }
        return n;
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int putJson(byte[] out, int at, char[] chars) {
        for (char c : chars) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out[at++] = (byte) c;
            } else {
                out[at++] = '\\';
                out[at++] = 'u';
                for (int shift = 12; shift >= 0; shift -= 4) {
                    out[at++] = (byte) Character.forDigit((c >> shift) & 0xF, 16);
                }
            }
        }
        return at;
    }

    /** Names of the running apps, front first. */
    public List<String> running() {
        return apps.runningIds();
    }
}
