package org.paasmaker.engine.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;

/**
 * The store's questions across applications, answered over records kept in memory: one copy for the
 * in-memory store and the file store's state. The records come in the order they were created, which
 * is the order of their ids.
 */
final class RecordQueries {

    private RecordQueries() {
    }

    static List<ApplicationVersion> versionsIn(Collection<ApplicationVersion> versions, Set<VersionState> states) {
        return versions.stream().filter(version -> states.contains(version.state())).toList();
    }

    static List<ApplicationVersion> current(Collection<ApplicationVersion> versions) {
        return versions.stream().filter(ApplicationVersion::current).toList();
    }

    static List<ApplicationVersion> withPackage(Collection<ApplicationVersion> versions, String checksum) {
        return versions.stream().filter(version -> version.packageChecksum().filter(checksum::equals).isPresent())
                .toList();
    }

    static List<Instance> instancesIn(Collection<Instance> instances, Set<InstanceState> states) {
        return instances.stream().filter(instance -> states.contains(instance.state())).toList();
    }

    static List<Instance> onNode(Collection<Instance> instances, String node) {
        return instances.stream().filter(instance -> instance.node().equals(node)).toList();
    }
}
