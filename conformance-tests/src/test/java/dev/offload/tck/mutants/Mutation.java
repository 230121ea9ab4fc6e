package dev.offload.tck.mutants;

/** What a mutant changes in the traffic a {@link MutantProxy} relays; every default forwards faithfully. */
public interface Mutation {
    /** Answers the request itself instead of forwarding it (null: forward). */
    default Message answer(Connection c, Message request) {
        return null;
    }

    /** Edits the request before it is forwarded. */
    default void request(Connection c, Message request) {
    }

    /** Whether to read the whole response body first so {@link #response} can rewrite it. */
    default boolean buffers(Message request, Message response) {
        return false;
    }

    /** Edits the response (its body only when {@link #buffers} said so). */
    default void response(Connection c, Message request, Message response) {
    }

    /** Holds the response back this long. */
    default long delayMillis(Message request, Message response) {
        return 0;
    }

    /** Rewrites one chunk of a streamed response (return it as is to forward faithfully). */
    default byte[] chunk(Connection c, Message request, byte[] data) {
        return data;
    }

    /** When the client leaves mid-stream, keep reading upstream instead of cutting it (hides the disconnect). */
    default boolean keepsUpstreamAfterClientLeft(Message request) {
        return false;
    }

    /** A client that closes, half-closes or resets while its response is awaited: relay that upstream, or hide it. */
    default boolean relaysDeparture(Message request) {
        return true;
    }

    /** A client that sends more (a pipelined request) while its response is awaited: take it for a departure. */
    default boolean cutsOnPipelined(Message request) {
        return false;
    }

    /**
     * How the proxy frames a request body it would otherwise pass through untouched (chunked, or with both
     * Content-Length and Transfer-Encoding); {@link RequestFraming#PASS_THROUGH} lets the real server frame it.
     */
    default RequestFraming requestFraming(Message request) {
        return RequestFraming.PASS_THROUGH;
    }

    /** Forward the request without its (already read) body and read that body as the next request instead. */
    default boolean leavesBodyUnread(Message request) {
        return false;
    }

    /** Whether the proxy times stalled clients out itself (with the target's bounds, as the server would). */
    default boolean timesOutStalledClients() {
        return true;
    }

    /** The wire bugs a mutant can have in how it frames requests (WIRE-3, WIRE-4). */
    enum RequestFraming {
        /** Faithful: the bytes go to the real server as they are. */
        PASS_THROUGH,
        /** Decodes chunked bodies leniently: any hex the JDK parses, the two bytes after chunk data unchecked. */
        LENIENT_CHUNKED,
        /** With both Content-Length and Transfer-Encoding, Content-Length wins (a CL.TE desync). */
        CONTENT_LENGTH_WINS
    }
}
