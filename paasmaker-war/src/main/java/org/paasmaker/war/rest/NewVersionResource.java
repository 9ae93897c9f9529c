package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Caller;
import org.paasmaker.war.security.Requires;
import org.paasmaker.war.security.Scope;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.NewVersionRequest;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.VersionJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.engine.Paasmaker;
import org.paasmaker.war.engine.ServerSettings;

/**
 * {@code POST /api/v1/workspaces/{ws}/versions}: a new version, prepared as a job. The body is the code
 * as an archive, or JSON naming a git repository or (where allowed) a directory. The application is
 * found or created by the manifest's name. The answer (202, {@link VersionAccepted}) waits until the
 * job has made the version, which takes its first steps (fetching the code, reading the manifest), and
 * holds it with its application, so that nobody digs the version out of the job's tags.
 */
@Path("workspaces/{ws}/versions")
@Produces(MediaType.APPLICATION_JSON)
public class NewVersionResource {

    private static final String GZIP = "application/gzip";
    private static final String X_GZIP = "application/x-gzip";
    private static final String ZIP = "application/zip";
    /**
     * The longest the answer waits for the version: a git clone of a large repository may take longer,
     * and the answer then holds the job only, which tells the rest.
     */
    static final Duration VERSION_WITHIN = Duration.ofSeconds(60);

    @Inject
    Paasmaker engine;

    @Inject
    ServerSettings settings;

    @Inject
    Caller caller;

    @Context
    UriInfo uris;

    @POST
    @Consumes({GZIP, X_GZIP})
    @Requires(value = Permission.APPLICATION_CREATE, on = Scope.WORKSPACE)
    public Response fromTarball(@PathParam("ws") String ws, @QueryParam("manifest") @DefaultValue("manifest.yml") String manifest,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length, InputStream body) {
        return fromArchive(ws, manifest, length, body, ".tar.gz", SourceSpec::tarball);
    }

    @POST
    @Consumes(ZIP)
    @Requires(value = Permission.APPLICATION_CREATE, on = Scope.WORKSPACE)
    public Response fromZip(@PathParam("ws") String ws, @QueryParam("manifest") @DefaultValue("manifest.yml") String manifest,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long length, InputStream body) {
        return fromArchive(ws, manifest, length, body, ".zip", SourceSpec::zip);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.APPLICATION_CREATE, on = Scope.WORKSPACE)
    public Response fromSource(@PathParam("ws") String ws, NewVersionRequest request) {
        WorkspaceId workspace = engine.workspaces().get(ws).id();
        if (request == null || request.source() == null) {
            throw invalid("source", "the body needs a source, such as {\"source\": {\"type\": \"git\", \"url\":"
                    + " \"https://example.com/app.git\"}}; or send the code as an application/gzip or application/zip body");
        }
        SourceSpec source = sourceOf(request.source());
        String manifest = request.manifest() == null ? PrepareRequest.DEFAULT_MANIFEST : request.manifest();
        return accepted(engine.as(caller.actor(),
                () -> engine.versions().prepare(new PrepareRequest(workspace, source, manifest))));
    }

    private Response fromArchive(String ws, String manifest, long length, InputStream body, String suffix,
            Function<java.nio.file.Path, SourceSpec> source) {
        WorkspaceId workspace = engine.workspaces().get(ws).id();
        Uploads uploads = new Uploads(settings.home().resolve("uploads"), settings.maxUploadBytes());
        uploads.checkDeclaredLength(length);
        java.nio.file.Path file = uploads.save(body, suffix);
        JobId job;
        try {
            // Checked here too, so that a bad manifest is a 400 listing every error rather than a failed job.
            ArchivedManifest.find(file, manifest).ifPresent(text -> new ManifestReader(engine.plugins()).read(text, manifest));
            job = engine.as(caller.actor(),
                    () -> engine.versions().prepare(new PrepareRequest(workspace, source.apply(file), manifest)));
        } catch (RuntimeException e) {
            Uploads.delete(file);
            throw e;
        }
        // Removed when the job ends, with no thread held meanwhile: the server's pool is shared with the jobs.
        // A server that stops before leaves it in uploads/.
        engine.jobs().whenFinished(job).whenComplete((tree, failure) -> Uploads.delete(file));
        return accepted(job);
    }

    private Response accepted(JobId job) {
        JobAccepted accepted = JobAnswers.of(uris, job);
        Optional<ApplicationVersion> version = PreparedVersion.await(engine.jobs(), job, VERSION_WITHIN)
                .flatMap(this::findVersion);
        Optional<ApplicationJson> application = version.flatMap(this::findApplication);
        // Both or neither: a version without its application would be half an answer.
        VersionAccepted answer = new VersionAccepted(accepted.jobId(), accepted.job(), accepted.events(),
                application.isPresent() ? VersionJson.summary(version.orElseThrow()) : null, application.orElse(null));
        return Response.accepted(answer).location(accepted.job()).build();
    }

    /** Empty when the version went again (its job failed and removed it, or someone deleted it meanwhile). */
    private Optional<ApplicationVersion> findVersion(VersionId id) {
        try {
            return Optional.of(engine.versions().get(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<ApplicationJson> findApplication(ApplicationVersion version) {
        try {
            return Optional.of(ApplicationJson.of(engine.applications().get(version.applicationId())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private SourceSpec sourceOf(NewVersionRequest.Source source) {
        String type = source.type() == null ? "" : source.type();
        switch (type) {
            case "git" -> {
                if (source.url() == null || source.url().isBlank()) {
                    throw invalid("source.url", "a git source needs the repository's url");
                }
                return SourceSpec.git(source.url(), source.branch(), source.revision());
            }
            case "directory" -> {
                if (!settings.allowDirectorySources()) {
                    throw invalid("source.type", "this server does not take code from its own directories (it would"
                            + " let API callers read any folder it can); upload an archive, or start the server with"
                            + " PAASMAKER_ALLOW_DIRECTORY_SOURCES=true");
                }
                if (source.path() == null || source.path().isBlank()) {
                    throw invalid("source.path", "a directory source needs the directory's absolute path");
                }
                try {
                    java.nio.file.Path path = java.nio.file.Path.of(source.path());
                    if (!path.isAbsolute()) {
                        throw invalid("source.path", "'" + source.path() + "' is not an absolute path");
                    }
                    return SourceSpec.directory(path);
                } catch (InvalidPathException e) {
                    throw invalid("source.path", "'" + source.path() + "' is not a path: " + e.getReason());
                }
            }
            default -> throw invalid("source.type", "'" + type + "' is not a source type; use git or directory,"
                    + " or upload an archive as application/gzip or application/zip");
        }
    }

    private static PaasmakerException invalid(String path, String message) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, message, List.of(new FieldError(path, message)), null);
    }
}
