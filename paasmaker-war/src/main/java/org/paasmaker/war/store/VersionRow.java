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

    void copy(ApplicationVersion version) {
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

    ApplicationVersion toRecord() {
        return new ApplicationVersion(new VersionId(id), new ApplicationId(applicationId), number,
                VersionState.valueOf(state), current,
                new SourceSpec(sourcePlugin, ParametersJson.read(sourceParameters, "the source of version " + id)),
                manifestPath, manifestText, Optional.ofNullable(packageChecksum), Instant.parse(createdAt),
                Optional.ofNullable(releasedAt).map(Instant::parse),
                Boolean.TRUE.equals(kept));
    }
}
