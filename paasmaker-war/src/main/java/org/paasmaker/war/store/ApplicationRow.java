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
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * An {@link Application} as a table row. It also counts the application's versions: the row is
 * locked while a version takes the next number, and deleting versions never lowers the count, so a
 * number is never reused. Workspaces are referred to by id without a foreign key, as in the engine's
 * stores, which leave the order of deletions to the engine.
 */
@Entity
@Table(name = "PM_APPLICATION",
        indexes = @Index(name = "PM_APP_NAME", columnList = "WORKSPACE_ID, NAME", unique = true))
class ApplicationRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "WORKSPACE_ID", nullable = false)
    long workspaceId;

    @Column(name = "NAME", nullable = false)
    String name;

    @Lob
    @Column(name = "TAGS", nullable = false)
    String tags;

    @Column(name = "HIGHEST_VERSION", nullable = false)
    int highestVersion;

    protected ApplicationRow() {
        // for JPA
    }

    ApplicationRow(WorkspaceId workspace, String name, PluginParameters tags) {
        this.workspaceId = workspace.value();
        this.name = name;
        this.tags = ParametersJson.write(tags, "the tags of application '" + name + "'");
    }

    /** The next version number, counted; the caller holds the row's lock. */
    int nextVersionNumber() {
        highestVersion++;
        return highestVersion;
    }

    void copy(Application application) {
        workspaceId = application.workspaceId().value();
        name = application.name();
        tags = ParametersJson.write(application.tags(), "the tags of application " + application.id());
    }

    Application toRecord() {
        return new Application(new ApplicationId(id), new WorkspaceId(workspaceId), name,
                ParametersJson.read(tags, "the tags of application " + id));
    }
}
