package dev.offload.spec.kit;

/**
 * What the kit hands a server for one request: the reply is decided here, once, so both servers answer the same
 * request with the same status, headers and bytes. A server only copies it onto its own response:
 * <ul>
 *   <li>{@link Reply}: finished now; write it;</li>
 *   <li>{@link PendingReply}: finished later (work racing a deadline, work awaited without streaming); wait for it
 *       or subscribe, cancel it when the client is gone;</li>
 *   <li>{@link ReplyStream}: a head, then NDJSON lines with one defined end; write and flush line by line, cancel
 *       it when a write fails.</li>
 * </ul>
 */
public sealed interface Answer permits Reply, PendingReply, ReplyStream {
}
