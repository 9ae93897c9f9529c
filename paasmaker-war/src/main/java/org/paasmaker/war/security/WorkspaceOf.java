package org.paasmaker.war.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.Paasmaker;

/**
 * The workspace of the object a path parameter names. An id that names nothing is a 404, as the
 * resource itself would answer; a job without a workspace or application tag belongs to none.
 */
final class WorkspaceOf {

    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Paasmaker engine;

    WorkspaceOf(Paasmaker engine) {
        this.engine = engine;
    }

    Optional<WorkspaceId> find(Scope scope, String value) {
        return switch (scope) {
            case GLOBAL, ANYWHERE, USER -> Optional.empty();
            case WORKSPACE -> Optional.of(engine.workspaces().get(value).id());
            case APPLICATION -> Optional.of(application(new ApplicationId(number("application", value))));
            case VERSION -> Optional.of(version(new VersionId(number("version", value))));
            case INSTANCE -> Optional.of(version(engine.versions().instance(new InstanceId(uuid("instance", value))).versionId()));
            case SERVICE -> Optional.of(application(engine.services().get(new ServiceId(number("service", value))).applicationId()));
            case JOB -> job(engine.jobs().get(new JobId(uuid("job", value))));
        };
    }

    private Optional<WorkspaceId> job(JobView job) {
        String workspace = job.tags().get("workspace_id");
        if (workspace != null) {
            return Optional.of(new WorkspaceId(Long.parseLong(workspace)));
        }
        String application = job.tags().get("application_id");
        if (application == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(application(new ApplicationId(Long.parseLong(application))));
        } catch (NotFoundException gone) {
            return Optional.empty(); // the job outlived its application: only global holders see it
        }
    }

    private WorkspaceId application(ApplicationId id) {
        return engine.applications().get(id).workspaceId();
    }

    private WorkspaceId version(VersionId id) {
        return application(engine.versions().get(id).applicationId());
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
