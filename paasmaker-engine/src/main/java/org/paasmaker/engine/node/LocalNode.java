package org.paasmaker.engine.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.Node;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.port.PortAllocator;

/**
 * The node on this machine: each instance gets a directory of its own under the instances
 * directory, holding a fresh copy of the version's code, and a port from the allocator.
 */
public final class LocalNode implements Node {

    private final String name;
    private final Path instancesDirectory;
    private final PackageStore packages;
    private final TarGzPacker packer;
    private final PortAllocator ports;
    private final Map<InstanceId, Integer> portsByInstance = new ConcurrentHashMap<>();

    public LocalNode(String name, Path instancesDirectory, PackageStore packages, TarGzPacker packer, PortAllocator ports) {
        this.name = name;
        this.instancesDirectory = instancesDirectory;
        this.packages = packages;
        this.packer = packer;
        this.ports = ports;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort) {
        Path directory = directory(instance);
        Path code = code(instance);
        OptionalInt port = OptionalInt.empty();
        try {
            Files.createDirectories(instancesDirectory);
            Files.createDirectory(directory);
            Files.createDirectory(code);
            try (InputStream in = packages.open(packageChecksum)) {
                packer.unpack(in, code, ArchiveLimits.packages());
            }
            if (needsPort) {
                port = OptionalInt.of(ports.allocate());
                portsByInstance.put(instance, port.getAsInt());
            }
            return port;
        } catch (IOException | RuntimeException e) {
            port.ifPresent(ports::release);
            portsByInstance.remove(instance);
            Directories.deleteQuietly(directory);
            if (e instanceof PaasmakerException failure) {
                throw failure;
            }
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot register instance " + instance + " on node "
                    + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deregister(InstanceId instance) {
        Integer port = portsByInstance.remove(instance);
        try {
            Directories.deleteTree(directory(instance));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the files of instance " + instance
                    + " on node " + name + ": " + e.getMessage(), e);
        } finally {
            if (port != null) {
                ports.release(port);
            }
        }
    }

    /** Where the instance's code is unpacked; its startup commands and runtime run there. */
    public Path code(InstanceId instance) {
        return directory(instance).resolve("code");
    }

    private Path directory(InstanceId instance) {
        return instancesDirectory.resolve(instance.value());
    }
}
