/**
 * The TCK's one HTTP/1.1 codec (RFC 9112): reading a message head, its header fields and its body framing
 * (Content-Length, chunked, until close), and writing chunks. Used by {@link dev.offload.tck.RawConnection} for the
 * checks and by the mutant proxy of the TCK's tests, so both read the wire the same way.
 */
package dev.offload.tck.wire;
