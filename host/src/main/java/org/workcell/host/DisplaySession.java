package org.workcell.host;

import java.util.Optional;
import org.workcell.channel.FrameUpdate;

/** One display client attached to one phone. */
public interface DisplaySession extends AutoCloseable {
    String phoneId();

    /**
     * Everything that changed since the last take, as one update to apply to the client's copy of
     * the screen (copies first, then pixels), or empty if nothing changed. The first take after
     * attaching, and the first after a resize, covers the whole screen. A slow client simply takes
     * less often: changes merge, they never queue up.
     */
    Optional<FrameUpdate> take();

    /** The screen size of the frames {@link #take()} returns now. */
    int width();

    int height();

    /** Detaches; the phone goes on (and may be suspended once idle). */
    @Override
    void close();
}
