package org.workcell.phone.internal;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workcell.channel.ChannelReader;
import org.workcell.channel.ChannelWriter;
import org.workcell.channel.Clipboard;
import org.workcell.channel.Disabled;
import org.workcell.channel.FrameAck;
import org.workcell.channel.FrameUpdate;
import org.workcell.channel.GatewayRequest;
import org.workcell.channel.GatewayResponse;
import org.workcell.channel.Key;
import org.workcell.channel.Keys;
import org.workcell.channel.Lifecycle;
import org.workcell.channel.LifecycleState;
import org.workcell.channel.Lock;
import org.workcell.channel.Message;
import org.workcell.channel.Policy;
import org.workcell.channel.Resize;
import org.workcell.channel.Status;
import org.workcell.channel.Text;
import org.workcell.channel.Touch;
import org.workcell.channel.Unlock;
import org.workcell.phone.Phone;
import org.workcell.sdk.ui.KeyEvent;
import org.workcell.sdk.ui.TouchEvent;
import org.workcell.sdk.ui.Window;

/**
 * Connects a phone to its host's channel: a reader thread hands each message to the UI thread;
 * frames go out one at a time, the next only after the host acknowledged the last, with damage
 * merging in the window meanwhile.
 */
public final class ChannelBridge implements Phone.Output {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);

    private final ChannelReader reader;
    private final ChannelWriter writer;
    private Phone phone;
    private long sent;
    private long requests;
    private boolean inFlight;
    private volatile boolean stopped;
    private Runnable onStop = () -> { };

    public ChannelBridge(ChannelReader reader, ChannelWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** Starts relaying for {@code phone}; {@code onStop} runs on the UI thread when the host stops the phone or goes away. */
    public void start(Phone phone, Runnable onStop) {
        this.phone = phone;
        this.onStop = onStop;
        phone.window().setFrameListener(this::sendFrame);
        Thread.ofPlatform().daemon().name("channel-reader").start(this::readLoop);
        phone.loop().post(this::sendFrame);
    }

    private void readLoop() {
        try {
            Message m;
            while (!stopped && (m = reader.read()) != null) {
                Message message = m;
                phone.loop().post(() -> handle(message));
            }
            LOG.info("the host closed the channel; saving and stopping");
        } catch (IOException e) {
            LOG.warn("channel from the host failed ({}); saving and stopping", e.getMessage());
        }
        phone.loop().post(this::stop);
    }

    private void handle(Message m) {
        try {
            switch (m) {
                case Touch t -> phone.touch(new TouchEvent(switch (t.action()) {
                    case DOWN -> TouchEvent.Action.DOWN;
                    case MOVE -> TouchEvent.Action.MOVE;
                    case UP -> TouchEvent.Action.UP;
                    case CANCEL -> TouchEvent.Action.CANCEL;
                }, t.x(), t.y(), t.timeMillis()));
                case Key k -> key(k);
                case Text t -> phone.text(t.text());
                case FrameAck a -> {
                    if (a.frame() == sent) {
                        inFlight = false;
                        sendFrame();
                    }
                }
                case Resize r -> {
                    phone.resize(r.width(), r.height(), r.densityDpi());
                    writer.write(new Resize(r.width(), r.height(), r.densityDpi()));
                    writer.flush();
                }
                case Lifecycle l -> lifecycle(l.command());
                case Policy p -> phone.policy(p.json());
                case Status s -> phone.status(s.json());
                case Lock l -> phone.lock();
                case Unlock u -> phone.unlock();
                case Disabled d -> phone.disabled(d.disabled(), d.reason());
                case GatewayResponse g -> {
                    if (!phone.systemResponse(g.id(), g.status(), g.body())) {
                        LOG.debug("gateway response {} with no request waiting", g.id());
                    }
                }
                default -> LOG.warn("unexpected {} from the host; ignored", m.getClass().getSimpleName());
            }
        } catch (IOException e) {
            LOG.warn("{} from the host refused: {}", m.getClass().getSimpleName(), e.getMessage());
        }
    }

    private void key(Key k) {
        boolean down = k.action() == Key.KeyAction.DOWN;
        int code = k.code();
        if (code == Keys.HOME_BUTTON || code == Keys.APP_SWITCH) {
            if (down) {
                if (code == Keys.HOME_BUTTON) {
                    phone.home();
                } else {
                    phone.switcher();
                }
            }
            return;
        }
        KeyEvent.Key key = switch (code) {
            case Keys.ENTER -> KeyEvent.Key.ENTER;
            case Keys.BACKSPACE -> KeyEvent.Key.BACKSPACE;
            case Keys.DELETE -> KeyEvent.Key.DELETE;
            case Keys.TAB -> KeyEvent.Key.TAB;
            case Keys.ESCAPE -> KeyEvent.Key.ESCAPE;
            case Keys.LEFT -> KeyEvent.Key.LEFT;
            case Keys.RIGHT -> KeyEvent.Key.RIGHT;
            case Keys.UP -> KeyEvent.Key.UP;
            case Keys.DOWN -> KeyEvent.Key.DOWN;
            case Keys.HOME -> KeyEvent.Key.HOME;
            case Keys.END -> KeyEvent.Key.END;
            case Keys.PAGE_UP -> KeyEvent.Key.PAGE_UP;
            case Keys.PAGE_DOWN -> KeyEvent.Key.PAGE_DOWN;
            case Keys.BACK -> KeyEvent.Key.BACK;
            default -> shortcut(code, k.modifiers());
        };
        if (key != null) {
            int mods = (k.modifiers() & Keys.SHIFT) != 0 ? KeyEvent.SHIFT : 0;
            mods |= (k.modifiers() & Keys.CTRL) != 0 ? KeyEvent.CTRL : 0;
            mods |= (k.modifiers() & Keys.ALT) != 0 ? KeyEvent.ALT : 0;
            mods |= (k.modifiers() & Keys.META) != 0 ? KeyEvent.META : 0;
            phone.key(new KeyEvent(key, down, mods));
        }
    }

    /** Character keys matter only as shortcuts (typed text arrives as Text). */
    private static KeyEvent.Key shortcut(int codePoint, int modifiers) {
        if ((modifiers & (Keys.CTRL | Keys.META)) == 0) {
            return null;
        }
        return switch (Character.toLowerCase(codePoint)) {
            case 'a' -> KeyEvent.Key.SELECT_ALL;
            case 'c' -> KeyEvent.Key.COPY;
            case 'v' -> KeyEvent.Key.PASTE;
            case 'x' -> KeyEvent.Key.CUT;
            default -> null;
        };
    }

    private void lifecycle(Lifecycle.Command command) throws IOException {
        switch (command) {
            case RESUME -> {
                phone.resume();
                state(LifecycleState.State.RESUMED);
            }
            case PAUSE -> {
                phone.pause();
                state(LifecycleState.State.PAUSED);
            }
            case SAVE -> {
                phone.save();
                state(LifecycleState.State.SAVED);
            }
            case STOP -> stop();
        }
    }

    private void state(LifecycleState.State state) throws IOException {
        writer.write(new LifecycleState(state));
        writer.flush();
    }

    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        phone.stop();
        try {
            state(LifecycleState.State.STOPPING);
        } catch (IOException e) {
            LOG.debug("the host is gone; it cannot hear that the phone stopped");
        }
        onStop.run();
    }

    /** Renders and sends a frame if one is due and none is in flight. */
    private void sendFrame() {
        if (inFlight || stopped || !phone.window().frameNeeded()) {
            return;
        }
        Window window = phone.window();
        Window.Frame frame = window.render();
        if (frame.isEmpty()) {
            return;
        }
        FrameUpdate update = FrameEncoder.encode(++sent, frame, window.pixels(), window.width());
        try {
            writer.write(update);
            writer.flush();
            inFlight = true;
        } catch (IOException e) {
            LOG.warn("cannot send a frame to the host: {}", e.getMessage());
            stop();
        }
    }

    @Override
    public void clipboard(String text) {
        try {
            writer.write(new Clipboard(text));
            writer.flush();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("clipboard not passed to the host: {}", e.getMessage());
        }
    }

    /** Writes the request at once (the caller may clear the body when this returns); called on the UI thread. */
    @Override
    public long systemRequest(byte[] body) throws IOException {
        if (stopped) {
            throw new IOException("the phone is stopping");
        }
        long id = ++requests;
        writer.write(new GatewayRequest(id, body));
        writer.flush();
        return id;
    }
}
