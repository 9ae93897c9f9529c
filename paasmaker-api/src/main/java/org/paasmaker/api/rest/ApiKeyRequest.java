package org.paasmaker.api.rest;

/** The body of a new API key: {@code {"name"}}, to tell it from the user's other keys. */
public record ApiKeyRequest(String name) {
}
