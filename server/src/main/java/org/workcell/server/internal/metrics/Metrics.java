package org.workcell.server.internal.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The server's Prometheus metrics: requests, latencies, check-ins, devices by state, push streams. */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("workcell_http_requests_total").help("HTTP requests by method, route and status")
            .labelNames("method", "route", "status").register(registry);
    private final Histogram latency = Histogram.builder()
            .name("workcell_http_request_duration_seconds").help("HTTP request latency by route")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
            .labelNames("method", "route").register(registry);
    private final Counter checkins = Counter.builder()
            .name("workcell_checkins_total").help("Device check-ins by result (ok or the problem code)")
            .labelNames("result").register(registry);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** Registers the gauges that are read from live state when scraped. */
    public Metrics(Supplier<Map<String, Long>> devicesByState, IntSupplier pushStreams) {
        GaugeWithCallback.builder().name("workcell_devices").help("Devices by state").labelNames("state")
                .callback(cb -> devicesByState.get().forEach((state, n) -> cb.call(n, state))).register(registry);
        GaugeWithCallback.builder().name("workcell_push_streams").help("Devices holding a push stream")
                .callback(cb -> cb.call(pushStreams.getAsInt())).register(registry);
    }

    public void request(String method, String route, int status, double seconds) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        latency.labelValues(method, route).observe(seconds);
    }

    public void checkin(String result) {
        checkins.labelValues(result).inc();
    }

    public String contentType() {
        return writer.getContentType();
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
