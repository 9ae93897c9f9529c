package org.paasmaker.client;

import java.net.URI;
import java.nio.file.Path;
import org.paasmaker.api.rest.VersionAccepted;

/** Run in a JVM whose heap is smaller than the directory it uploads: {@code <server> <token> <directory>}. */
public final class SmallHeapUpload {

    private SmallHeapUpload() {
    }

    public static void main(String[] args) {
        try (PaasmakerClient client = PaasmakerClient.connect(URI.create(args[0]), args[1])) {
            VersionAccepted accepted = client.versions().create("dev", VersionSource.directory(Path.of(args[2])));
            System.out.println("uploaded as version " + accepted.version().id() + " with max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        }
    }
}
