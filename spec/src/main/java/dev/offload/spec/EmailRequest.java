package dev.offload.spec;

/** Body of {@code POST /send-email}. Immutable, so it can be handed to a background task as is. */
public record EmailRequest(String to, String subject, String body) {
}
