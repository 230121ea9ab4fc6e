package dev.offload.jetty;

import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * DRAIN-1/2: Jetty's {@link GracefulHandler} counts in-flight requests so a graceful stop waits for them, and
 * refuses requests that arrive on open connections after the stop began. Only the refusal's content is ours: the
 * kit's 503 SHUTTING_DOWN, whose {@code Connection: close} makes Jetty close the connection after it.
 */
final class GracefulStop extends GracefulHandler {

    @Override
    protected void handleShutdownRejection(Request request, Response response, Callback callback) {
        ErrorReplies.refuse(request, response, callback, OffloadApp.shuttingDown());
    }
}
