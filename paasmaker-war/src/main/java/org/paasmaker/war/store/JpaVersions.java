package org.paasmaker.war.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;

/** Versions in {@code PM_VERSION}, numbered by their application's row (see {@link ApplicationRow}). */
final class JpaVersions implements VersionRepository {

    private final Transactions transactions;

    JpaVersions(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApplicationVersion create(
            ApplicationId application, SourceSpec source, String manifestPath, String manifestText,
            Instant createdAt) {
        return transactions.inTransaction("create a version of application " + application, manager -> {
            ApplicationRow owner = Rows.locked(manager, ApplicationRow.class, application.value(), "application");
            VersionRow row = new VersionRow(application, owner.nextVersionNumber(), source, manifestPath, manifestText,
                    createdAt);
            manager.persist(row);
            manager.flush();
            return row.toRecord();
        });
    }

    @Override
    public Optional<ApplicationVersion> find(VersionId id) {
        return transactions.inTransaction("read version " + id, manager ->
                Optional.ofNullable(manager.find(VersionRow.class, id.value())).map(VersionRow::toRecord));
    }

    @Override
    public List<ApplicationVersion> list(ApplicationId application) {
        return transactions.inTransaction("list the versions of application " + application, manager -> manager
                .createQuery("SELECT v FROM VersionRow v WHERE v.applicationId = :application ORDER BY v.number",
                        VersionRow.class)
                .setParameter("application", application.value())
                .getResultStream().map(VersionRow::toRecord).toList());
    }

    @Override
    public List<ApplicationVersion> inStates(Set<VersionState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction("list the versions in " + states, manager -> manager
                .createQuery("SELECT " + VersionRow.COLUMNS + " FROM VersionRow v WHERE v.state IN :states"
                        + " ORDER BY v.id", Object[].class)
                .setParameter("states", states.stream().map(Enum::name).toList())
                .getResultStream().map(VersionRow::toRecord).toList());
    }

    @Override
    public List<ApplicationVersion> current() {
        return transactions.inTransaction("list the current versions", manager -> manager
                .createQuery("SELECT " + VersionRow.COLUMNS + " FROM VersionRow v WHERE v.current = TRUE ORDER BY v.id",
                        Object[].class)
                .getResultStream().map(VersionRow::toRecord).toList());
    }

    @Override
    public List<ApplicationVersion> withPackage(String checksum) {
        return transactions.inTransaction("list the versions with package " + checksum, manager -> manager
                .createQuery("SELECT " + VersionRow.COLUMNS + " FROM VersionRow v"
                        + " WHERE v.packageChecksum = :checksum ORDER BY v.id", Object[].class)
                .setParameter("checksum", checksum)
                .getResultStream().map(VersionRow::toRecord).toList());
    }

    @Override
    public ApplicationVersion update(ApplicationVersion version) {
        return transactions.inTransaction("update version " + version.id(), manager -> {
            VersionRow row = Rows.locked(manager, VersionRow.class, version.id().value(), "version");
            row.revise(version);
            return Rows.revised(manager, row).toRecord();
        });
    }

    @Override
    public void delete(VersionId id) {
        transactions.inTransaction("delete version " + id, manager -> {
            Rows.delete(manager, "DELETE FROM VersionRow v WHERE v.id = :key", id.value(), "version");
            return null;
        });
    }
}
