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
import java.time.Instant;
import java.util.Optional;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.Revisions;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;

/**
 * An {@link ApplicationVersion} as a table row. Instants are ISO-8601 text, which keeps their
 * nanoseconds and needs no time zone, unlike a TIMESTAMP column.
 */
@Entity
@Table(name = "PM_VERSION",
        indexes = @Index(name = "PM_VER_NUMBER", columnList = "APPLICATION_ID, VERSION_NUMBER", unique = true))
class VersionRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    long id;

    /** Counted up by each update; an update over a revision that is no longer the row's fails (V2__revisions). */
    @Version
    @Column(name = "REVISION", nullable = false)
    long revision;

    @Column(name = "APPLICATION_ID", nullable = false)
    long applicationId;

    @Column(name = "VERSION_NUMBER", nullable = false)
    int number;

    @Column(name = "STATE", nullable = false, length = 20)
    String state;

    @Column(name = "IS_CURRENT", nullable = false)
    boolean current;

    @Column(name = "SOURCE_PLUGIN", nullable = false)
    String sourcePlugin;

    @Lob
    @Column(name = "SOURCE_PARAMETERS", nullable = false)
    String sourceParameters;

    @Column(name = "MANIFEST_PATH", nullable = false, length = 1000)
    String manifestPath;

    @Lob
    @Column(name = "MANIFEST_TEXT", nullable = false)
    String manifestText;

    @Column(name = "PACKAGE_CHECKSUM", length = 128)
    String packageChecksum;

    @Column(name = "CREATED_AT", nullable = false, length = 40)
    String createdAt;

    // Nullable: the column came after the first release's tables, whose rows have no value (V1__tables).
    @Column(name = "RELEASED_AT", length = 40)
    String releasedAt;

    // Nullable too: rows written before the column existed have no value, and are not kept.
    @Column(name = "KEPT")
    Boolean kept;

    protected VersionRow() {
        // for JPA
    }

    VersionRow(ApplicationId application, int number, SourceSpec source, String manifestPath, String manifestText,
            Instant createdAt) {
        this.applicationId = application.value();
        this.number = number;
        this.state = VersionState.NEW.name();
        this.sourcePlugin = source.plugin();
        this.sourceParameters = ParametersJson.write(source.parameters(),
                "the source of version " + number + " of application " + application);
        this.manifestPath = manifestPath;
        this.manifestText = manifestText;
        this.createdAt = createdAt.toString();
    }

    /**
     * Writes the version over this row when the row is still at the version's revision; the caller has
     * the row locked, and the update counts the revision up.
     */
    void revise(ApplicationVersion version) {
        Revisions.require("version " + version.id(), version.revision(), revision);
        copy(version);
    }

    private void copy(ApplicationVersion version) {
        applicationId = version.applicationId().value();
        number = version.number();
        state = version.state().name();
        current = version.current();
        sourcePlugin = version.source().plugin();
        sourceParameters = ParametersJson.write(version.source().parameters(), "the source of version " + version.id());
        manifestPath = version.manifestPath();
        manifestText = version.manifestText();
        packageChecksum = version.packageChecksum().orElse(null);
        createdAt = version.createdAt().toString();
        releasedAt = version.releasedAt().map(Instant::toString).orElse(null);
        kept = version.kept();
    }

    /**
     * The columns {@link #toRecord(Object[])} reads: the questions across applications (thousands of rows
     * every health round and route computation) select these rather than entities, which EclipseLink
     * makes, registers and copies at several times the cost of reading the rows.
     */
    static final String COLUMNS = "v.id, v.applicationId, v.number, v.state, v.current, v.sourcePlugin,"
            + " v.sourceParameters, v.manifestPath, v.manifestText, v.packageChecksum, v.createdAt, v.releasedAt,"
            + " v.kept, v.revision";

    /** The record of a row selected as {@link #COLUMNS}. */
    static ApplicationVersion toRecord(Object[] columns) {
        VersionRow row = new VersionRow();
        row.id = ((Number) columns[0]).longValue();
        row.applicationId = ((Number) columns[1]).longValue();
        row.number = ((Number) columns[2]).intValue();
        row.state = (String) columns[3];
        row.current = Boolean.TRUE.equals(columns[4]);
        row.sourcePlugin = (String) columns[5];
        row.sourceParameters = (String) columns[6];
        row.manifestPath = (String) columns[7];
        row.manifestText = (String) columns[8];
        row.packageChecksum = (String) columns[9];
        row.createdAt = (String) columns[10];
        row.releasedAt = (String) columns[11];
        row.kept = (Boolean) columns[12];
        row.revision = ((Number) columns[13]).longValue();
        return row.toRecord();
    }

    ApplicationVersion toRecord() {
        return new ApplicationVersion(new VersionId(id), new ApplicationId(applicationId), number,
                VersionState.valueOf(state), current,
                new SourceSpec(sourcePlugin, ParametersJson.read(sourceParameters, "the source of version " + id)),
                manifestPath, manifestText, Optional.ofNullable(packageChecksum), StoredInstants.parse(createdAt),
                Optional.ofNullable(releasedAt).map(StoredInstants::parse),
                Boolean.TRUE.equals(kept), revision);
    }
}
