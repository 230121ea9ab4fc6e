package dev.offload.jetty;

import dev.offload.spec.kit.DisconnectWatch;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CANCEL-3 on Jetty HTTP/1.1: Jetty does not read a connection while its handler runs (jetty#238), so nothing
 * tells the handler that the client left. This probe asks: {@link EndPoint#tryFillInterested} wakes it when the
 * socket becomes readable, and it then fills one byte. -1 or an exception: the client closed, half-closed or reset
 * the connection ({@link DisconnectWatch#clientGone}). A byte: a pipelined next request; it goes back to the
 * connection's request buffer ({@link Connection.UpgradeTo#onUpgradeTo}, which appends) and the probe stops.
 *
 * <p>{@link #withdraw()} must run before the response completes: Jetty aborts a connection that is still fill
 * interested when its exchange ends ("Pending read in onCompleted"), and a probe filling at the same time as
 * Jetty's next read would reorder bytes. The lock makes withdrawing wait for a fill in progress (one non-blocking
 * read), and {@code FillInterest.onFail} takes back a registered interest.
 *
 * <p>HTTP/2 needs none of this: Jetty reports a stream reset or closed connection through
 * {@link Request#addFailureListener}.
 */
final class DisconnectProbe implements Callback {
    private final AbstractEndPoint endPoint;
    private final Connection.UpgradeTo connection;
    private final DisconnectWatch watch;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean armed;
    private boolean withdrawn;

    private DisconnectProbe(AbstractEndPoint endPoint, Connection.UpgradeTo connection, DisconnectWatch watch) {
        this.endPoint = endPoint;
        this.connection = connection;
        this.watch = watch;
    }

    /** The request attribute under which {@link #attach} leaves the probe for {@link #withdrawFrom}. */
    private static final String ATTRIBUTE = DisconnectProbe.class.getName();

    /**
     * Starts probing the connection of {@code request} (whose body must already be read) and keeps the probe with
     * the request, so that whoever writes its reply takes it off first ({@link #withdrawFrom}).
     */
    static void attach(Request request, DisconnectWatch watch) {
        DisconnectProbe probe = start(request, watch);
        if (probe != null) {
            request.setAttribute(ATTRIBUTE, probe);
        }
    }

    /**
     * Withdraws the probe {@link #attach} left on {@code request}, if any; call before writing the reply. True if
     * the client had left (there is nobody to answer).
     */
    static boolean withdrawFrom(Request request) {
        if (!(request.getAttribute(ATTRIBUTE) instanceof DisconnectProbe probe)) {
            return false;
        }
        probe.withdraw();
        return probe.watch.clientLeft();
    }

    /**
     * Starts probing the HTTP/1.x connection of {@code request} (whose body must already be read); null for any
     * other transport, where there is nothing to probe this way.
     */
    static DisconnectProbe start(Request request, DisconnectWatch watch) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        Connection connection = request.getConnectionMetaData().getConnection();
        if ((version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0)
                || !(connection instanceof Connection.UpgradeTo upgradeTo)
                || !(connection.getEndPoint() instanceof AbstractEndPoint endPoint)) {
            return null;
        }
        DisconnectProbe probe = new DisconnectProbe(endPoint, upgradeTo, watch);
        probe.arm();
        return probe;
    }

    /** Takes the probe off the connection; on return it no longer touches it. Call before completing. */
    void withdraw() {
        lock.lock();
        try {
            withdrawn = true;
            watch.stop();
            if (armed) {
                endPoint.getFillInterest().onFail(new CancellationException("the response is ready"));
                armed = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The socket is readable: EOF, an error, or the first byte of a pipelined request. */
    @Override
    public void succeeded() {
        lock.lock();
        try {
            armed = false;
            if (withdrawn) {
                return;
            }
            ByteBuffer one = BufferUtil.allocate(1);
            int filled;
            try {
                filled = endPoint.fill(one);
            } catch (IOException e) {
                watch.clientGone("reset the connection (" + e.getMessage() + ")");
                return;
            }
            if (filled < 0) {
                watch.clientGone("closed the connection");
            } else if (filled > 0) {
                connection.onUpgradeTo(one);
                watch.clientSentMore();
            } else {
                arm(); // spurious wake-up
            }
        } finally {
            lock.unlock();
        }
    }

    /** The interest failed: our own withdrawal, an idle timeout (the client may well be there), or a close. */
    @Override
    public void failed(Throwable cause) {
        lock.lock();
        try {
            armed = false;
            if (withdrawn) {
                return;
            }
            if (!endPoint.isOpen()) {
                watch.clientGone("lost the connection (" + cause + ")");
            } else if (cause instanceof TimeoutException) {
                arm();
            }
        } finally {
            lock.unlock();
        }
    }

    private void arm() {
        lock.lock();
        try {
            if (!withdrawn && !armed) {
                armed = true; // before registering: a callback from inside tryFillInterested clears it
                if (!endPoint.tryFillInterested(this)) {
                    armed = false; // someone else reads this connection: nothing to probe
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
