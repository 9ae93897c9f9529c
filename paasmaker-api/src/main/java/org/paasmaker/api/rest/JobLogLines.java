package org.paasmaker.api.rest;

/** The data of a {@code log} job event: whole lines of one job's log, each ending with a newline (but perhaps a job's last). */
public record JobLogLines(String job, String text) {
}
