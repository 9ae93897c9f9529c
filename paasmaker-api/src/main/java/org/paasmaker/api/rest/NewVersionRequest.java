package org.paasmaker.api.rest;

/**
 * A new version from code the server fetches itself:
 * {@code {"source": {"type": "git", "url", "branch", "revision"}, "manifest": "manifest.yml"}} or
 * {@code {"source": {"type": "directory", "path"}}}.
 */
public record NewVersionRequest(Source source, String manifest) {

    /** Where the code is; which fields apply depends on {@code type}. */
    public record Source(String type, String url, String branch, String revision, String path) {
    }
}
