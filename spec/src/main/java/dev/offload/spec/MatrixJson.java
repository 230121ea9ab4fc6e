package dev.offload.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance matrix as the TCK writes it ({@code matrix.json}), read once for everyone who reads it (the TCK
 * when it adds a column, the scorecard):
 * {@code {"servers":[{"name","base","scale","millis",…}], "behaviours":[{"id","grade","title","check",
 * "results":{"<server>":{"verdict","figure","value","unit","millis"}}}]}}.
 *
 * @param servers    the columns, in order
 * @param behaviours the rows, in order; an ID this build's catalogue does not know is kept with an empty
 *                   {@link Row#behaviour()} (a newer TCK wrote it)
 */
public record MatrixJson(List<Server> servers, List<Row> behaviours) {

    /** One column: a server and how the TCK ran it. */
    public record Server(String name, String base, String scale, long millis) {
    }

    /** One row: a behaviour ID and its cell per server name. */
    public record Row(String id, Optional<Behaviour> behaviour, String check, Map<String, Cell> results) {
    }

    /** One verdict: PASS, FAIL, SKIPPED or ERROR, the measured figure, and its headline number if any. */
    public record Cell(String verdict, String figure, Double value, String unit, long millis) {
    }

    public static MatrixJson parse(JsonNode root) {
        List<Server> servers = new ArrayList<>();
        for (JsonNode s : root.path("servers")) {
            servers.add(new Server(s.path("name").asText(), s.path("base").asText(""), s.path("scale").asText("?"),
                    s.path("millis").asLong()));
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : root.path("behaviours")) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            row.path("results").properties().forEach(e -> {
                JsonNode c = e.getValue();
                cells.put(e.getKey(), new Cell(c.path("verdict").asText("MISSING"), c.path("figure").asText(""),
                        c.hasNonNull("value") ? c.get("value").asDouble() : null,
                        c.hasNonNull("unit") ? c.get("unit").asText() : null, c.path("millis").asLong()));
            });
            String id = row.path("id").asText();
            rows.add(new Row(id, Behaviour.byId(id), row.path("check").asText(""), cells));
        }
        return new MatrixJson(List.copyOf(servers), List.copyOf(rows));
    }
}
