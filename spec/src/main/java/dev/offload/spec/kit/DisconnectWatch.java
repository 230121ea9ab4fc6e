package dev.offload.spec.kit;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * CANCEL-3: cancels a request's work (its {@link RequestScope}, or the {@code cancel} of its pending reply) when its
 * HTTP/1.1 client leaves while the server writes nothing. Go's net/http reads the connection in the background while a handler runs; a Java stack that does not
 * has to be asked, so each server supplies the stack-specific read probe and reports what it saw here:
 * <ul>
 *   <li>{@link #clientGone}: the connection's read side ended (FIN, RST, half-close): the scope is cancelled;</li>
 *   <li>{@link #clientSentMore}: bytes arrived, i.e. a pipelined next request: the client is there, and the probe
 *       must hand the bytes back to the server and stop (it cannot look past them without buffering them);</li>
 *   <li>{@link #stop}: the response is about to be written: from now on whatever the probe sees is an ordinary
 *       end of the exchange (a client that reads its answer and closes), never a reason to cancel.</li>
 * </ul>
 * The first report wins; later ones change nothing, so a probe that races the reply can never cancel work that
 * already has its answer.
 */
public final class DisconnectWatch {
    /** What the watch has seen so far. */
    public enum State {
        WATCHING, CLIENT_GONE, CLIENT_SENT_MORE, STOPPED
    }

    private final Consumer<String> cancel;
    private final AtomicReference<State> state = new AtomicReference<>(State.WATCHING);
    private volatile String how;

    /** {@code cancel}: what ends the request's work, given the reason (e.g. {@code scope::cancel}). */
    public DisconnectWatch(Consumer<String> cancel) {
        this.cancel = cancel;
    }

    /** The client left ({@code how}: "closed the connection", "reset the connection", …): cancel the work. */
    public void clientGone(String how) {
        if (state.compareAndSet(State.WATCHING, State.CLIENT_GONE)) {
            this.how = how;
            cancel.accept("client " + how + " while the work ran");
        }
    }

    /** The client sent more (a pipelined request): it is still there; the probe stops here. */
    public void clientSentMore() {
        state.compareAndSet(State.WATCHING, State.CLIENT_SENT_MORE);
    }

    /** The reply is ready; true if the watch was still watching (nothing seen). Idempotent. */
    public boolean stop() {
        return state.compareAndSet(State.WATCHING, State.STOPPED);
    }

    public State state() {
        return state.get();
    }

    public boolean clientLeft() {
        return state.get() == State.CLIENT_GONE;
    }

    /** How the client left, or null if it did not. */
    public String how() {
        return how;
    }
}
