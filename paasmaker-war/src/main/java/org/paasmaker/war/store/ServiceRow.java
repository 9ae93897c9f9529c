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
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;

/** An {@link ApplicationService} as a table row; the name is unique per application. */
@Entity
@Table(name = "PM_SERVICE",
        indexes = @Index(name = "PM_SVC_NAME", columnList = "APPLICATION_ID, NAME", unique = true))
class ServiceRow {

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

    @Column(name = "NAME", nullable = false)
    String name;

    @Column(name = "PLUGIN", nullable = false)
    String plugin;

    @Lob
    @Column(name = "PARAMETERS", nullable = false)
    String parameters;

    @Lob
    @Column(name = "CREDENTIALS", nullable = false)
    String credentials;

    protected ServiceRow() {
        // for JPA
    }

    ServiceRow(ApplicationId application, String name, String plugin, PluginParameters parameters,
            PluginParameters credentials) {
        this.applicationId = application.value();
        this.name = name;
        this.plugin = plugin;
        this.parameters = ParametersJson.write(parameters, "the parameters of service '" + name + "'");
        this.credentials = ParametersJson.write(credentials, "the credentials of service '" + name + "'");
    }

    void copy(ApplicationService service) {
        applicationId = service.applicationId().value();
        name = service.name();
        plugin = service.plugin();
        parameters = ParametersJson.write(service.parameters(), "the parameters of service " + service.id());
        credentials = ParametersJson.write(service.credentials(), "the credentials of service " + service.id());
    }

    ApplicationService toRecord() {
        return new ApplicationService(new ServiceId(id), new ApplicationId(applicationId), name, plugin,
                ParametersJson.read(parameters, "the parameters of service " + id),
                ParametersJson.read(credentials, "the credentials of service " + id));
    }
}
