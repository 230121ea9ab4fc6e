package dev.offload.spec.kit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler copies out of the request before it spawns anything (COPY-1): plain immutable values, so the
 * task never touches a request object the server may recycle, drain or reuse for the next request.
 */
public record RequestSnapshot(String path, String userId, String trace) {

    public Map<String, Object> asObserved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("userId", userId);
        m.put("trace", trace);
        return m;
    }
}
