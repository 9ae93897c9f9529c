package org.paasmaker.api.rest;

import java.util.List;

/**
 * {@code GET /health}: {@code {"status": "UP", "warnings": []}} once the platform answers; the warnings
 * say what needs an operator while it still serves (its disk running low, say).
 */
public record HealthJson(String status, List<String> warnings) {

    public static final HealthJson UP = new HealthJson("UP", List.of());

    public static HealthJson up(List<String> warnings) {
        return new HealthJson("UP", List.copyOf(warnings));
    }
}
