package dev.offload.spec;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC.md, {@link Behaviour} and openapi.yaml must describe the same behaviours and endpoints. */
class SpecCatalogueTest {
    private static final Pattern SPEC_ENTRY = Pattern.compile("^\\*\\*([A-Z]+-\\d+)\\*\\* (REQUIRED|RECOMMENDED)\\.",
            Pattern.MULTILINE);

    /** Every endpoint of the spec, as {@code METHOD path}. */
    private static final Set<String> ENDPOINTS = Set.of("GET /plaintext", "GET /copy", "GET /work",
            "POST /send-email", "GET /outbox", "POST /job", "GET /job/{id}", "GET /data", "GET /slow",
            "GET /tasks/{id}", "GET /stats");

    @Test
    void specMarkdownAndEnumListTheSameIdsWithTheSameGrades() throws IOException {
        Map<String, String> inSpec = new LinkedHashMap<>();
        Matcher m = SPEC_ENTRY.matcher(Files.readString(Path.of("SPEC.md")));
        while (m.find()) {
            assertEquals(null, inSpec.put(m.group(1), m.group(2)), "ID defined twice in SPEC.md: " + m.group(1));
        }
        Map<String, String> inEnum = Arrays.stream(Behaviour.values())
                .collect(Collectors.toMap(Behaviour::id, b -> b.grade().name(), (a, b) -> a, LinkedHashMap::new));
        assertEquals(inEnum, inSpec);
        assertEquals(31, inEnum.size());
    }

    @Test
    void openApiParsesAndNamesEveryEndpoint() throws IOException {
        Map<String, Object> doc = openApi();
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3.1"), "OpenAPI 3.1");
        Map<String, Map<String, Object>> paths = cast(doc.get("paths"));
        Set<String> declared = new HashSet<>();
        paths.forEach((path, ops) -> ops.keySet().forEach(method ->
                declared.add(method.toUpperCase() + " " + path)));
        assertEquals(ENDPOINTS, declared);
        paths.values().forEach(ops -> ops.values().forEach(op -> {
            Map<String, Object> operation = cast(op);
            assertNotNull(operation.get("operationId"), "every operation has an operationId");
            assertNotNull(operation.get("responses"), "every operation has responses");
        }));
    }

    @Test
    void openApiReferencesEveryBehaviourAndNoUnknownOne() throws IOException {
        Map<String, Object> doc = openApi();
        Set<String> referenced = new HashSet<>(cast(doc.get("x-behaviours-server-wide")));
        Map<String, Map<String, Object>> paths = cast(doc.get("paths"));
        paths.values().forEach(ops -> ops.values().forEach(op -> {
            List<String> ids = cast(((Map<?, ?>) op).get("x-behaviours"));
            if (ids != null) {
                referenced.addAll(ids);
            }
        }));
        Set<String> known = Arrays.stream(Behaviour.values()).map(Behaviour::id).collect(Collectors.toSet());
        assertEquals(known, referenced);
    }

    @Test
    void everyErrorCodeIsDeclaredInOpenApi() throws IOException {
        Map<String, Map<String, Object>> schemas = cast(((Map<?, ?>) openApi().get("components")).get("schemas"));
        Map<String, Map<String, Object>> props = cast(schemas.get("ErrorBody").get("properties"));
        List<String> codes = cast(props.get("code").get("enum"));
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(), codes);
    }

    private static Map<String, Object> openApi() throws IOException {
        try (InputStream in = SpecCatalogueTest.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml on the class path");
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
