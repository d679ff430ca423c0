package org.workcell.server.internal.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Admin routes accept a bearer session token; device routes authenticate
 * each request by its device signature inside the handler; public routes are few on purpose.
 */
public enum Role implements RouteRole {
    /** No credentials: health, the OpenAPI document, login, enrolment (which carries a code). */
    PUBLIC,
    /** A device request signed with a registered device key, checked by the handler. */
    DEVICE,
    /** Image indexes and chunks: a device's short-lived download token, or any admin session. */
    DOWNLOAD,
    /** A cloud user signed in from a browser: the session cookie, and the page's own origin on changes. */
    USER,
    /** Any signed-in admin account, including the read-only auditor. */
    AUDITOR,
    /** Signed-in admin accounts with the admin role only. */
    ADMIN
}
