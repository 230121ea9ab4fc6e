package dev.offload.jetty;

import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * Every endpoint of the spec: Jetty's {@link PathMappingsHandler} picks the path, a {@link MethodRouter} the
 * method. A path it does not know is left unhandled, and Jetty answers 404 through {@link JsonErrorHandler}.
 */
final class Routes {
    private Routes() {
    }

    static PathMappingsHandler of(OffloadApp app) {
        PathMappingsHandler paths = new PathMappingsHandler();
        paths.addMapping(PathSpec.from("/plaintext"), get(new ObservationHandlers.Plaintext()));
        paths.addMapping(PathSpec.from("/copy"), get(new CopyHandler(app)));
        paths.addMapping(PathSpec.from("/work"), get(new WorkHandler(app)));
        paths.addMapping(PathSpec.from("/send-email"), new MethodRouter().on("POST", new EmailHandler(app)));
        paths.addMapping(PathSpec.from("/outbox"), get(new ObservationHandlers.Snapshot(app::outbox)));
        paths.addMapping(PathSpec.from("/job"), new MethodRouter().on("POST", new JobHandler(app)));
        paths.addMapping(new UriTemplatePathSpec("/job/{id}"), get(new ObservationHandlers.TaskLookup(app::job)));
        paths.addMapping(PathSpec.from("/data"), get(new FanOutHandler(app)));
        paths.addMapping(PathSpec.from("/slow"), get(new SlowHandler(app)));
        paths.addMapping(new UriTemplatePathSpec("/tasks/{id}"),
                get(new ObservationHandlers.TaskLookup(app::task)));
        paths.addMapping(PathSpec.from("/stats"), get(new ObservationHandlers.Snapshot(app::stats)));
        return paths;
    }

    private static MethodRouter get(org.eclipse.jetty.server.Handler handler) {
        return new MethodRouter().on("GET", handler);
    }
}
