package org.paasmaker.api.manifest;

import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.cron.CronExpression;

/** A web-cron: when to run, which URI of the instance type to call, and the basic-auth pair if any. */
public record CronSpec(CronExpression runspec, String uri, Optional<String> username, Optional<String> password) {

    public CronSpec {
        Objects.requireNonNull(runspec, "runspec");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }
}
