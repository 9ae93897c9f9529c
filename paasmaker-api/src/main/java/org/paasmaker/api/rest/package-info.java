/**
 * REST API v1 on the wire: the request and answer bodies of {@code /api/v1}, written by the server and
 * read by the client SDK, the command line and the console, so that all of them speak the same records.
 *
 * <p>Each record's components are its JSON properties, by name; states are the api's own enums, written
 * by their names; times are ISO-8601 instants; an absent optional value is left out (JSON-B) or
 * {@code null} (Jackson), and either reads back as {@code null}. The JSON fixtures in this module's
 * test resources ({@code rest/*.json}) are the exact bodies; the server's and the client's tests both
 * check themselves against them.
 */
package org.paasmaker.api.rest;
