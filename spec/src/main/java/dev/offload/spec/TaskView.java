package dev.offload.spec;

import java.util.Map;

/**
 * {@code GET /tasks/{id}} and {@code GET /job/{id}}. Times are ISO-8601 instants, {@code null} until reached;
 * {@code observed} is what the task saw or produced, {@code error} the failure message of a FAILED task.
 */
public record TaskView(String id, String kind, TaskState state, Map<String, Object> observed, String error,
                       String createdAt, String startedAt, String endedAt) {
}
