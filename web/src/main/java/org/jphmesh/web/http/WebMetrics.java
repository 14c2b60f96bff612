package org.jphmesh.web.http;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The dashboard's {@code /metrics}: every figure is read at scrape time from the counter that already keeps
 * it (bus counters, sequence accounting, the bridge), so nothing is counted twice. Names are documented in
 * docs/web.md.
 */
public final class WebMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** A monotonically growing count; exposed as {@code name_total}. */
    public WebMetrics counter(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
        return this;
    }

    /** A count per label value, e.g. frames per bus. */
    public WebMetrics counter(String name, String help, String label, Supplier<Map<String, Double>> values) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(cb -> values.get().forEach((key, v) -> cb.call(v, key))).register(registry);
        return this;
    }

    /** A count per combination of label values, e.g. frames per router, link and counter. */
    public WebMetrics counter(String name, String help, List<String> labels, Supplier<Map<List<String>, Double>> values) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels.toArray(String[]::new))
                .callback(cb -> values.get().forEach((key, v) -> cb.call(v, key.toArray(String[]::new)))).register(registry);
        return this;
    }

    public WebMetrics gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            double v = value.getAsDouble();
            if (!Double.isNaN(v)) {
                cb.call(v);
            }
        }).register(registry);
        return this;
    }

    public WebMetrics gauge(String name, String help, String label, Supplier<Map<String, Double>> values) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(cb -> values.get().forEach((key, v) -> cb.call(v, key))).register(registry);
        return this;
    }

    public String contentType() {
        return writer.getContentType();
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
