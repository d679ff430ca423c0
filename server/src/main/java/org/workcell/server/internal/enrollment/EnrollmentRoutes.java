package org.workcell.server.internal.enrollment;

import io.javalin.config.RoutesConfig;
import java.time.Duration;
import org.workcell.core.problem.ProblemException;
import org.workcell.core.time.Durations;
import org.workcell.server.internal.http.Http;
import org.workcell.server.internal.http.Requests;
import org.workcell.server.internal.http.Role;
import org.workcell.server.internal.http.Routes;

/** Enrolment codes (admin) and enrolment itself (a device with a code). */
public final class EnrollmentRoutes implements Routes {
    record CodeRequest(String validFor) {}

    private static final java.util.regex.Pattern CODE_SHAPE = java.util.regex.Pattern.compile("[0-9A-Za-z-]{4,20}");

    private final EnrollmentService enrollment;

    public EnrollmentRoutes(EnrollmentService enrollment) {
        this.enrollment = enrollment;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/users/{user}/enrollment-codes", ctx -> {
            Duration ttl = null;
            // A body sent without a length (chunked) is a body too, not "no options".
            if (ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null) {
                CodeRequest body = Requests.json(ctx, CodeRequest.class);
                if (body.validFor() != null) {
                    try {
                        ttl = Durations.parse(body.validFor());
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.invalid("validFor", e.getMessage());
                    }
                }
            }
            ctx.status(201).json(enrollment.createCode(Requests.name("user", ctx.pathParam("user")), ttl, Http.actor(ctx)));
        }, Role.ADMIN);
        routes.post("/api/v1/enroll", ctx -> ctx.json(enrollment.enroll(Requests.token(ctx, 16 * 1024), ctx.ip())), Role.PUBLIC);
        // Where enrolment links and QR codes lead: how to enrol. It says nothing about whether the code is valid.
        routes.get("/enroll", ctx -> {
            String code = ctx.queryParam("code");
            String shown = code != null && CODE_SHAPE.matcher(code).matches() ? code : null;
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .contentType("text/html; charset=utf-8")
                    .result(landingPage(ctx.fullUrl(), shown));
        }, Role.PUBLIC);
    }

    private static String landingPage(String url, String code) {
        String command = code == null
                ? "workcell agent enroll --server SERVER --code CODE --home ~/.workcell/agent"
                : "workcell agent enroll --url '" + url.replace("'", "") + "' --home ~/.workcell/agent";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Enrol your device - Workcell</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
                code,pre{background:#f2f4f7;border-radius:6px;padding:.15rem .35rem}pre{padding:.8rem;overflow-x:auto}</style></head>
                <body><h1>Enrol your device</h1>
                <p>Your IT department has invited you to a Workcell work phone on this device. Your personal apps and data stay yours.</p>
                %s
                <p>Install the Workcell agent, then run:</p><pre>%s</pre>
                <p>The code works once and expires. If it does not work, ask your IT admin for a new one.</p></body></html>
                """.formatted(code == null ? "" : "<p>Your enrolment code: <code>" + code + "</code></p>", escape(command));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
