package org.workcell.server.internal.enrollment;

import java.time.Instant;

/** A fresh enrolment code: shown to the admin once, never stored in the clear. */
public record EnrollmentCode(String code, String user, Instant expiresAt, String url, String qrCodePng) {}
