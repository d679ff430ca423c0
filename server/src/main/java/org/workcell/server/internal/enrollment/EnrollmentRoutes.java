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
    }
}
