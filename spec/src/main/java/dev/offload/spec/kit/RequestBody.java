package dev.offload.spec.kit;

import java.io.IOException;

/** How the kit asks a server for a request body, read the server's own way, only once the headers were accepted. */
public final class RequestBody {
    private RequestBody() {
    }

    /**
     * Reads the body. Throws {@link ApiException} for a body the server refused (413 over {@code maxBodyBytes},
     * an undecodable form), {@link IOException} for a broken or cut connection, which the server answers itself.
     */
    @FunctionalInterface
    public interface Reader<T> {
        T read() throws IOException;
    }

    /** A decoded form body: the first value of a field, or null. */
    @FunctionalInterface
    public interface Form {
        String first(String name);
    }
}
