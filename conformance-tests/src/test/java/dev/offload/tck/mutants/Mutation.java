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
}
