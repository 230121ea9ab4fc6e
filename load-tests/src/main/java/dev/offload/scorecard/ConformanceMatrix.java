package dev.offload.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import dev.offload.spec.MatrixJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TCK's {@code matrix.json} ({@code dev.offload.tck.Matrix}): one row per behaviour ID, one cell per server.
 * Rows are keyed by the spec's {@link Behaviour} catalogue, so an ID the TCK did not report shows up as MISSING
 * instead of vanishing from the totals.
 *
 * @param servers column names, lower-case (the {@code OffloadServer.name()} the load results use too)
 * @param runs    per server, how the TCK ran it: scale and wall time, for the environment section
 */
record ConformanceMatrix(List<String> servers, Map<String, String> runs, Map<Behaviour, Map<String, Cell>> cells) {

    /** A verdict with its figure; {@code value}/{@code unit} is the headline number when the check reports one. */
    record Cell(String outcome, String figure, Double value, String unit) {
        static final Cell MISSING = new Cell("MISSING", "not in matrix.json", null, null);

        boolean passed() {
            return "PASS".equals(outcome);
        }
    }

    Cell cell(Behaviour behaviour, String server) {
        return cells.getOrDefault(behaviour, Map.of()).getOrDefault(server, Cell.MISSING);
    }

    /** Passed and total for one grade on one server; a SKIPPED, ERROR or MISSING cell counts as not passed. */
    int[] score(String server, Grade grade) {
        int passed = 0;
        int total = 0;
        for (Behaviour b : Behaviour.values()) {
            if (b.grade() == grade) {
                total++;
                passed += cell(b, server).passed() ? 1 : 0;
            }
        }
        return new int[] {passed, total};
    }

    /** From the TCK's matrix.json, read by the one reader of that format ({@link MatrixJson}). */
    static ConformanceMatrix parse(JsonNode root) {
        MatrixJson matrix = MatrixJson.parse(root);
        List<String> servers = new ArrayList<>();
        Map<String, String> runs = new LinkedHashMap<>();
        for (MatrixJson.Server s : matrix.servers()) {
            String name = s.name().toLowerCase(Locale.ROOT);
            servers.add(name);
            runs.put(name, "scale " + s.scale() + ", " + Figure.number(s.millis() / 1000.0) + " s");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("matrix.json names no server");
        }
        Map<Behaviour, Map<String, Cell>> cells = new LinkedHashMap<>();
        for (MatrixJson.Row row : matrix.behaviours()) {
            // An ID this build's spec does not know (a newer TCK) is skipped, not fatal.
            row.behaviour().ifPresent(behaviour -> {
                Map<String, Cell> byServer = new LinkedHashMap<>();
                row.results().forEach((server, c) -> byServer.put(server.toLowerCase(Locale.ROOT),
                        new Cell(c.verdict(), c.figure(), c.value(), c.unit())));
                cells.put(behaviour, byServer);
            });
        }
        return new ConformanceMatrix(List.copyOf(servers), runs, cells);
    }
}
