package org.paasmaker.api.rest;

/**
 * {@code GET /controller}: the controller that answers, among those sharing one database. Of them one
 * at a time leads: it holds the lease and runs the health rounds, the node watch and the crons.
 *
 * @param name its name in the lease: {@code PAASMAKER_CONTROLLER_NAME} (else {@code controller-<pid>})
 *     and, after a {@code #}, a mark of this start
 * @param leads whether it holds the lease now
 * @param term the lease's term it holds or held last; 0 if it never led since its start
 */
public record ControllerJson(String name, boolean leads, long term) {
}
