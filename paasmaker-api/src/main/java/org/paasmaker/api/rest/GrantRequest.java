package org.paasmaker.api.rest;

/** The body of a grant or its removal: {@code {"role", "workspace"}}, the workspace (id or stub) left out for a global grant. */
public record GrantRequest(String role, String workspace) {
}
