package dev.offload.tck.mutants;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP/1.1 proxy in front of a real server that forwards faithfully, connection for connection (one upstream
 * connection per client connection, so keep-alive and disconnects carry through), except where its
 * {@link Mutation} breaks one behaviour. This class owns the listener and the sockets; {@link Connection} relays
 * the exchanges of one client connection, {@link Message} is what a mutation edits.
 */
public final class MutantProxy implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final Mutation mutation;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final dev.offload.spec.OffloadConfig timeouts;
    private volatile boolean closed;

    public MutantProxy(URI upstream, Mutation mutation) throws IOException {
        this(upstream, mutation, 0);
    }

    public MutantProxy(URI upstream, Mutation mutation, int port) throws IOException {
        this(upstream, mutation, port, null);
    }

    /**
     * {@code timeouts}: the target's settings, whose {@code headerTimeout}, {@code bodyTimeout} and
     * {@code idleTimeout} the proxy applies to its clients itself (it reads whole requests before the server sees
     * them, so the server's own timeouts never reach a stalled client); null: none.
     */
    public MutantProxy(URI upstream, Mutation mutation, int port, dev.offload.spec.OffloadConfig timeouts)
            throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.mutation = mutation;
        this.timeouts = timeouts;
        this.listener = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("mutant-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Closes the listening socket: new connections are refused, open ones carry on. */
    public void stopAccepting() {
        closed = true;
        quietClose(listener);
    }

    /** Cuts every open connection at once (what a server that stops abruptly does). */
    public void cutAll() {
        for (Socket s : open) {
            quietClose(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        quietClose(listener);
        cutAll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("mutant-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        Connection conn = null;
        try {
            client.setTcpNoDelay(true);
            Socket server;
            try {
                server = connectUpstream();
            } catch (IOException refused) {
                return; // upstream gone (e.g. shutting down): the client sees its connection closed
            }
            conn = new Connection(this, mutation, client, server);
            while (conn.exchange()) {
                // next request on the keep-alive connection
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            release(client);
            if (conn != null) {
                release(conn.server());
            }
        }
    }

    /** A new connection to the real server, cut with the others by {@link #cutAll}. */
    Socket connectUpstream() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(upstream, 5_000);
        open.add(s);
        return s;
    }

    dev.offload.spec.OffloadConfig timeouts() {
        return timeouts;
    }

    String upstreamAuthority() {
        return upstream.getHostString() + ":" + upstream.getPort();
    }

    void release(Socket s) {
        quietClose(s);
        open.remove(s);
    }

    private static void quietClose(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
