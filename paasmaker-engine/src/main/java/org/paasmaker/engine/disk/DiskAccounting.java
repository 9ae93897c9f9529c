package org.paasmaker.engine.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.disk.ApplicationDisk;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.disk.DiskUsage;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.internal.EngineLayout;

/**
 * What the platform holds under its home, by kind and by application. A measure is one walk of the
 * home ({@link HomeWalk}), whose cost grows with the number of files (an instance's unpacked code is
 * most of them); it is reused for {@link #FRESH_FOR}, so that a console polling it, or many callers at
 * once, walk the tree once. The free space is asked of the file system on every call: that is cheap.
 */
public final class DiskAccounting {

    /** How long a measure is reused. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final EngineLayout layout;
    private final Store store;
    private final DiskLimit limit;
    private final Clock clock;
    private DiskUsage last;

    public DiskAccounting(EngineLayout layout, Store store, DiskLimit limit, Clock clock) {
        this.layout = layout;
        this.store = store;
        this.limit = limit;
        this.clock = clock;
    }

    /** The last measure if it is younger than {@link #FRESH_FOR}, else a new one. */
    public synchronized DiskUsage usage() {
        if (last == null || last.measuredAt().plus(FRESH_FOR).isBefore(clock.instant())) {
            return measure();
        }
        Space space = space();
        return new DiskUsage(last.home(), last.bytes(), last.applications(), space.free, space.total, limit.lowBytes(),
                last.measuredAt());
    }

    /** Walks the home now. */
    public synchronized DiskUsage measure() {
        HomeWalk walk = HomeWalk.of(layout);
        List<ApplicationDisk> applications = new ArrayList<>();
        for (Workspace workspace : store.workspaces().list()) {
            for (Application application : store.applications().list(workspace.id())) {
                applications.add(share(workspace, application, walk));
            }
        }
        Space space = space();
        last = new DiskUsage(layout.home(), walk.bytes, applications, space.free, space.total, limit.lowBytes(),
                clock.instant());
        return last;
    }

    /** The free space of the home's file system now. */
    public long freeBytes() {
        return space().free;
    }

    public DiskLimit limit() {
        return limit;
    }

    /** A sentence for the platform's health when free space is under the limit. */
    public Optional<String> lowSpaceWarning() {
        long free = freeBytes();
        if (free >= limit.lowBytes()) {
            return Optional.empty();
        }
        return Optional.of("the platform's disk has " + Sizes.describe(free) + " free under " + layout.home()
                + ", less than the " + Sizes.describe(limit.lowBytes()) + " it keeps free (" + DiskLimit.VARIABLE
                + "); new versions are refused until old ones are deleted or the disk has room");
    }

    private ApplicationDisk share(Workspace workspace, Application application, HomeWalk walk) {
        Map<DiskKind, Long> bytes = new EnumMap<>(DiskKind.class);
        List<ApplicationVersion> versions = store.versions().list(application.id());
        Set<String> packages = new LinkedHashSet<>();
        long code = 0;
        long logs = 0;
        for (ApplicationVersion version : versions) {
            version.packageChecksum().ifPresent(packages::add);
            for (Instance instance : store.instances().list(version.id())) {
                code += walk.instanceCode.getOrDefault(instance.id().value(), 0L);
                logs += walk.instanceLogs.getOrDefault(instance.id().value(), 0L);
            }
        }
        bytes.put(DiskKind.PACKAGES, packages.stream().mapToLong(p -> walk.packages.getOrDefault(p, 0L)).sum());
        bytes.put(DiskKind.INSTANCES, code);
        bytes.put(DiskKind.LOGS, logs);
        return new ApplicationDisk(application.id(), application.name(), workspace.stub(), versions.size(), bytes);
    }

    private record Space(long free, long total) {
    }

    private Space space() {
        try {
            Path existing = layout.home();
            while (!Files.exists(existing) && existing.getParent() != null) {
                existing = existing.getParent();
            }
            FileStore fileStore = Files.getFileStore(existing);
            return new Space(fileStore.getUsableSpace(), fileStore.getTotalSpace());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot ask the file system of " + layout.home()
                    + " for its free space: " + e.getMessage(), e);
        }
    }
}
