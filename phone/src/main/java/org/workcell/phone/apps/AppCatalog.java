package org.workcell.phone.apps;

import java.io.IOException;
import java.util.List;
import org.workcell.sdk.app.AppManifest;

/**
 * The à-la-carte apps the user's group offers. Behind it: the image's own catalog folder (local
 * phones and the demo) or, through the gateway, the server's catalog with its allow-lists and
 * approvals. Methods may block: call them off the UI thread.
 */
public interface AppCatalog {
    /** An app on offer; {@code approval} is true when the group wants an admin to approve a request first. */
    record Offer(AppManifest manifest, long sizeBytes, boolean approval, RequestState request) {}

    enum RequestState { NONE, PENDING, APPROVED, REJECTED }

    List<Offer> offers() throws IOException;

    /** Asks for an app that needs approval; returns the request's state afterwards. */
    RequestState request(String appId, String note) throws IOException;

    /** The app's package, once it may be installed; refused (IOException saying why) otherwise. */
    byte[] download(String appId) throws IOException;
}
