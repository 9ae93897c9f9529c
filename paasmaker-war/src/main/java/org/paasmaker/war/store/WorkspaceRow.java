package org.paasmaker.war.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * A {@link Workspace} as a table row; the unique stub backs the store's own check against races. Unique
 * keys are unique indexes rather than constraints, as EclipseLink made them before migrations (the
 * indexes here document the tables; the scripts under db/migration make them).
 */
@Entity
@Table(name = "PM_WORKSPACE", indexes = @Index(name = "PM_WS_STUB", columnList = "STUB", unique = true))
class WorkspaceRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "NAME", nullable = false, length = 1000)
    String name;

    @Column(name = "STUB", nullable = false, length = 63)
    String stub;

    @Lob
    @Column(name = "TAGS", nullable = false)
    String tags;

    protected WorkspaceRow() {
        // for JPA
    }

    WorkspaceRow(NewWorkspace request) {
        name = request.name();
        stub = request.stub();
        tags = ParametersJson.write(request.tags(), "the tags of workspace '" + request.stub() + "'");
    }

    void copy(Workspace workspace) {
        name = workspace.name();
        stub = workspace.stub();
        tags = ParametersJson.write(workspace.tags(), "the tags of workspace " + workspace.id());
    }

    Workspace toRecord() {
        return new Workspace(new WorkspaceId(id), name, stub, ParametersJson.read(tags, "the tags of workspace " + id));
    }
}
