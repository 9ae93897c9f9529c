package org.paasmaker.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.NewVersionRequest;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.VersionJson;

/**
 * {@code /api/v1/versions}: new versions of an application from its code, and each version's lifecycle.
 * The verbs that run as a job answer at once (202) with the job; follow it with {@link Jobs#follow} or
 * wait for it with {@link Jobs#await}.
 */
public final class Versions {

    private final Transport transport;

    Versions(Transport transport) {
        this.transport = transport;
    }

    /** {@link #create(String, VersionSource, UploadListener)} with no progress told. */
    public VersionAccepted create(String ws, VersionSource source) {
        return create(ws, source, UploadListener.NONE);
    }

    /**
     * {@code POST /workspaces/{ws}/versions}: a new version of the application the manifest names (made
     * if the workspace has none of that name), prepared by the job answered. A directory or archive is
     * uploaded, telling {@code progress} as it goes; a git repository or server directory is fetched by
     * the server. What the SDK can see is wrong (no such directory, no manifest in it, an archive of
     * another kind) is refused before anything is sent.
     */
    public VersionAccepted create(String ws, VersionSource source, UploadListener progress) {
        Objects.requireNonNull(source, "the version's source");
        Objects.requireNonNull(progress, "the upload listener (UploadListener.NONE for none)");
        String path = Transport.path("workspaces", ws, "versions");
        if (source instanceof VersionSource.Directory directory) {
            return uploadDirectory(path, directory, progress);
        }
        if (source instanceof VersionSource.Archive archive) {
            return uploadArchive(path, archive, progress);
        }
        NewVersionRequest.Source fetched;
        if (source instanceof VersionSource.Git git) {
            fetched = new NewVersionRequest.Source("git", git.url(), git.branch(), git.revision(), null);
        } else {
            fetched = new NewVersionRequest.Source("directory", null, null, null,
                    ((VersionSource.ServerDirectory) source).path());
        }
        return transport.sendJson("POST", path, new NewVersionRequest(fetched, source.manifest()), VersionAccepted.class);
    }

    private VersionAccepted uploadArchive(String path, VersionSource.Archive archive, UploadListener progress) {
        if (!Files.isRegularFile(archive.path())) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "'" + archive.path() + "' is not a file;"
                    + " give the archive's path");
        }
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(archive.path());
        } catch (FileNotFoundException e) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "'" + archive.path() + "' cannot be read", 0, e);
        }
        return upload(path, archive, archive.contentType(), new ProgressPublisher(body, progress));
    }

    private VersionAccepted uploadDirectory(String path, VersionSource.Directory directory, UploadListener progress) {
        DirectoryArchive archive = new DirectoryArchive(directory.path());
        archive.check(directory.manifest());
        Set<PipedBody> bodies = ConcurrentHashMap.newKeySet();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
            PipedBody piped = new PipedBody(transport.executor(), archive::writeTo);
            bodies.add(piped);
            return piped;
        });
        try {
            return upload(path, directory, "application/gzip", new ProgressPublisher(body, progress));
        } catch (PaasmakerClientException e) {
            // A packing failure aborts the request: say what could not be packed rather than that the upload broke.
            throw Transport.cause(e, PipedBody.WriterFailed.class)
                    .map(failed -> failed.getCause() instanceof PaasmakerClientException packing ? packing
                            : failed.getCause() instanceof IOException io ? archive.unreadable(io) : e)
                    .orElse(e);
        } finally {
            bodies.forEach(PipedBody::close);
        }
    }

    private VersionAccepted upload(String path, VersionSource source, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest request = transport.request(Transport.query(path, Transport.parameters("manifest", source.manifest())),
                Transport.JSON).header("Content-Type", contentType).POST(body).build();
        HttpResponse<InputStream> answer = transport.send(request);
        return transport.readJson(answer, transport.json().constructType(VersionAccepted.class));
    }

    /** {@code GET /versions/{id}}: with its manifest's text. */
    public VersionJson get(long id) {
        return transport.getJson(Transport.path("versions", id), VersionJson.class);
    }

    /** {@code GET /versions/{id}/instances}: each with its state, node, port and start time. */
    public List<InstanceJson> instances(long id) {
        return transport.getList(Transport.path("versions", id, "instances"), InstanceJson.class);
    }

    /** {@code POST /versions/{id}/start}: the job that registers it where needed and starts its instances. */
    public JobAccepted start(long id) {
        return verb(id, "start");
    }

    /** {@code POST /versions/{id}/stop}. */
    public JobAccepted stop(long id) {
        return verb(id, "stop");
    }

    /** {@code POST /versions/{id}/make-current}: the router sends the application's hostnames to it; it must run. */
    public JobAccepted makeCurrent(long id) {
        return verb(id, "make-current");
    }

    /** {@code POST /versions/{id}/deregister}: removes its instances' files from the nodes; it must be stopped. */
    public JobAccepted deregister(long id) {
        return verb(id, "deregister");
    }

    /** {@code DELETE /versions/{id}}: the job that deletes it, its instances and its package. */
    public JobAccepted delete(long id) {
        return transport.sendJson("DELETE", Transport.path("versions", id), null, JobAccepted.class);
    }

    /**
     * {@code PUT /versions/{id}/kept} (or {@code DELETE} to take the mark off): retention never deletes a
     * kept version. The version as it is now.
     */
    public VersionJson keep(long id, boolean kept) {
        return transport.sendJson(kept ? "PUT" : "DELETE", Transport.path("versions", id, "kept"), null, VersionJson.class);
    }

    private JobAccepted verb(long id, String verb) {
        return transport.sendJson("POST", Transport.path("versions", id, verb), null, JobAccepted.class);
    }
}
