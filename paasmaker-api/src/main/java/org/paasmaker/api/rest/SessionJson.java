package org.paasmaker.api.rest;

/**
 * The answer to a cookie sign-in ({@code POST /api/v1/session}): the user, and the token that every
 * write authenticated by the cookie must send in the {@code X-Paasmaker-CSRF} header.
 */
public record SessionJson(UserJson user, String csrfToken) {
}
