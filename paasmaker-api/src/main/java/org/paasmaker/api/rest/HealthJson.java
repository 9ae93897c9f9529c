package org.paasmaker.api.rest;

/** {@code GET /health}: {@code {"status": "UP"}} once the platform answers. */
public record HealthJson(String status) {

    public static final HealthJson UP = new HealthJson("UP");
}
