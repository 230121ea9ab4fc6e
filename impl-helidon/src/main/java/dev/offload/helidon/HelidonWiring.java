package dev.offload.helidon;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

/**
 * The one place the server is built, for {@link Main} and {@link HelidonProvider} alike, and where the spec's
 * settings become Helidon listener settings. Everything Helidon can do itself is configured here rather than coded
 * in a handler:
 * <ul>
 *   <li>{@code max-payload-size} = {@code maxBodyBytes}: oversized bodies are refused with 413 before routing;</li>
 *   <li>{@code max-concurrent-requests} = {@code maxConcurrentRequests} (LIMIT-1): Helidon answers 503 at once;
 *       the direct handlers of {@link ErrorReplies} turn it into the spec's JSON with {@code Retry-After};</li>
 *   <li>{@code shutdown-grace-period} = {@code drainTimeout}: on stop, the listener closes at once and in-flight
 *       requests get that long to finish (DRAIN-1/2);</li>
 *   <li>HTTP/2 (h2c upgrade and prior knowledge) comes from {@code helidon-webserver-http2} on the class path;</li>
 *   <li>{@code connection-selectors}: {@link Http1Fallback} first, so a request line neither HTTP/1.1 nor HTTP/2
 *       claims still gets Helidon's HTTP/1.1 refusal (400/414/505) rather than a hang or a silent close.</li>
 * </ul>
 */
final class HelidonWiring {
    private HelidonWiring() {
    }

    /** A server for {@code config}, not started. {@code jvmShutdownHook}: stop on SIGTERM via Helidon's hook. */
    static WebServer server(OffloadConfig config, OffloadApp app, boolean jvmShutdownHook) {
        // the listener's HTTP/1.1 settings (Helidon's defaults), shared with the fallback so both parse alike
        Http1Config http1 = Http1Config.create();
        WebServerConfig.Builder server = WebServer.builder()
                .addProtocol(http1)
                .addConnectionSelector(new Http1Fallback(http1))
                .host(config.host())
                .port(config.port())
                .shutdownHook(jvmShutdownHook)
                .shutdownGracePeriod(config.drainTimeout())
                .maxPayloadSize(config.maxBodyBytes())
                .directHandlers(ErrorReplies.directHandlers(app))
                // hand Helidon's own refusal reasons to the direct handlers (only those it marks safe to echo)
                .errorHandling(errors -> errors.includeEntity(true))
                .routing(routing -> routing(routing, app));
        if (config.limitsConcurrentRequests()) {
            server.maxConcurrentRequests(config.maxConcurrentRequests());
        }
        return server.build();
    }

    /** One service per behaviour area on its own path; what none takes gets the 404/405 of {@link Routes}. */
    private static void routing(HttpRouting.Builder routing, OffloadApp app) {
        // DRAIN-1: once the stop began, a request on a connection still open gets 503 SHUTTING_DOWN and the
        // connection closes; the grace period serves only what was already in flight
        routing.addFilter((chain, req, res) -> {
            if (app.accepting()) {
                chain.proceed();
            } else {
                ReplyWriter.send(res, OffloadApp.shuttingDown());
            }
        })
                .register(CopyService.PATH, new CopyService(app))
                .register(WorkService.PATH, new WorkService(app))
                .register(EmailService.PATH, new EmailService(app))
                .register(JobService.PATH, new JobService(app))
                .register(FanOutService.PATH, new FanOutService(app))
                .register(SlowService.PATH, new SlowService(app))
                .register(new ObservationService(app))
                .any(Routes::fallback);
        ErrorReplies.register(routing, app);
    }
}
