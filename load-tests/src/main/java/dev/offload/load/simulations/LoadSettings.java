package dev.offload.load.simulations;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a simulation reads from {@code load.*} system properties, so the same class runs from the orchestrator, from
 * {@code gatling:test} against a server on another host, or from an IDE. Only the target and the load shape are
 * settings; what a request looks like is fixed by the simulation.
 */
public record LoadSettings(String baseUrl, double rate, int warmupSeconds, int measureSeconds, Optional<Path> sidecar) {

    /** The properties every simulation understands. */
    public static LoadSettings fromSystemProperties(double defaultRate) {
        return new LoadSettings(
                stripSlash(System.getProperty("load.baseUrl", "http://127.0.0.1:3400")),
                number("load.rate", defaultRate),
                (int) number("load.warmupSeconds", 5),
                (int) number("load.measureSeconds", 10),
                Optional.ofNullable(System.getProperty("load.sidecar")).filter(s -> !s.isBlank()).map(Path::of));
    }

    public static double number(String property, double fallback) {
        String raw = System.getProperty(property);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + "='" + raw + "' is not a number", e);
        }
    }

    public static List<Double> numbers(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
