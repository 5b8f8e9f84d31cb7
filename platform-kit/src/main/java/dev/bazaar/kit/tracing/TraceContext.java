package dev.bazaar.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/** The W3C trace context of the current span, as a {@code traceparent} header value, for messages sent later. */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";

    private TraceContext() {}

    public static Optional<String> currentTraceparent() {
        try {
            SpanContext ctx = Span.current().getSpanContext();
            if (!ctx.isValid()) {
                return Optional.empty();
            }
            return Optional.of("00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-"
                    + ctx.getTraceFlags().asHex());
        } catch (NoClassDefFoundError noOpenTelemetry) {
            return Optional.empty();
        }
    }
}
