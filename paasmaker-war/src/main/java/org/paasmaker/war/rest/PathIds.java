package org.paasmaker.war.rest;

import java.util.regex.Pattern;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.version.VersionId;

/** Ids as they appear in paths. One that cannot be an id names nothing, so it is a 404, like an unknown one. */
final class PathIds {

    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PathIds() {
    }

    static ApplicationId application(String text) {
        return new ApplicationId(number("application", text));
    }

    static ServiceId service(String text) {
        return new ServiceId(number("service", text));
    }

    static VersionId version(String text) {
        return new VersionId(number("version", text));
    }

    static InstanceId instance(String text) {
        return new InstanceId(uuid("instance", text));
    }

    static JobId job(String text) {
        return new JobId(uuid("job", text));
    }

    private static long number(String kind, String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw new NotFoundException(kind, text);
        }
        return Long.parseLong(text);
    }

    private static String uuid(String kind, String text) {
        if (!UUID.matcher(text).matches()) {
            throw new NotFoundException(kind, text);
        }
        return text;
    }
}
