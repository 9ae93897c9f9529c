package org.paasmaker.engine.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.placement.PlacementProvider;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginProvider;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.api.prepare.CommandStepProvider;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.api.runtime.RuntimeProvider;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceProvider;
import org.paasmaker.api.source.Source;
import org.paasmaker.api.source.SourceProvider;

/**
 * The plugins this engine offers, found once through {@link ServiceLoader} (so an embedder adds one
 * by putting its jar on the class path) and keyed by their manifest names. Each plugin's working
 * object is made once, on first use.
 */
public final class PluginRegistry implements PluginCatalog {

    private final Map<String, Entry> entries;

    private PluginRegistry(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Loads every plugin on the class loader that {@code enabled} accepts.
     *
     * @param dataDirectory the parent of each plugin's own directory
     */
    public static PluginRegistry load(
            ClassLoader loader, Predicate<String> enabled, Path dataDirectory, Clock clock) {
        List<PluginProvider> providers = new ArrayList<>();
        for (Class<? extends PluginProvider> type : List.of(SourceProvider.class, CommandStepProvider.class,
                RuntimeProvider.class, ServiceProvider.class, PlacementProvider.class)) {
            ServiceLoader.load(type, loader).forEach(providers::add);
        }
        return of(providers, enabled, dataDirectory, clock);
    }

    /** A registry of exactly these providers (those {@code enabled} accepts); duplicate names fail. */
    public static PluginRegistry of(
            List<? extends PluginProvider> providers, Predicate<String> enabled, Path dataDirectory, Clock clock) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (PluginProvider provider : providers) {
            PluginDescriptor descriptor = provider.descriptor();
            if (!enabled.test(descriptor.name())) {
                continue;
            }
            Entry previous = entries.put(descriptor.name(),
                    new Entry(provider, new Context(dataDirectory.resolve(descriptor.name()), clock)));
            if (previous != null) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "two plugins are registered as '" + descriptor.name()
                        + "': " + previous.provider.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new PluginRegistry(entries);
    }

    @Override
    public List<PluginDescriptor> plugins(PluginRole role) {
        return entries.values().stream()
                .map(e -> e.provider.descriptor())
                .filter(d -> d.role() == role)
                .sorted(Comparator.comparing(PluginDescriptor::name))
                .toList();
    }

    /** Every enabled plugin's name. */
    public Set<String> names() {
        return Set.copyOf(entries.keySet());
    }

    public Source source(String name) {
        return instance(PluginRole.SCM, name, SourceProvider.class, SourceProvider::create);
    }

    public CommandStep prepareStep(String name) {
        return instance(PluginRole.PREPARE, name, CommandStepProvider.class, CommandStepProvider::create);
    }

    public CommandStep startupStep(String name) {
        return instance(PluginRole.STARTUP, name, CommandStepProvider.class, CommandStepProvider::create);
    }

    public Runtime runtime(String name) {
        return instance(PluginRole.RUNTIME, name, RuntimeProvider.class, RuntimeProvider::create);
    }

    public Service service(String name) {
        return instance(PluginRole.SERVICE, name, ServiceProvider.class, ServiceProvider::create);
    }

    private <P extends PluginProvider, T> T instance(
            PluginRole role, String name, Class<P> type, java.util.function.BiFunction<P, PluginContext, T> create) {
        Entry entry = Optional.ofNullable(entries.get(name))
                .filter(e -> e.provider.descriptor().role() == role && type.isInstance(e.provider))
                .orElseThrow(() -> new PaasmakerException(ErrorCode.PLUGIN_NOT_ENABLED, notOfferedMessage(role, name)));
        return entry.instance(p -> create.apply(type.cast(p), entry.context));
    }

    private static final class Entry {
        final PluginProvider provider;
        final Context context;
        private Object instance;

        Entry(PluginProvider provider, Context context) {
            this.provider = provider;
            this.context = context;
        }

        @SuppressWarnings("unchecked")
        synchronized <T> T instance(Function<PluginProvider, T> create) {
            if (instance == null) {
                context.createDirectory();
                instance = create.apply(provider);
            }
            return (T) instance;
        }
    }

    private record Context(Path dataDirectory, Clock clock) implements PluginContext {
        void createDirectory() {
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "cannot create the plugin directory " + dataDirectory
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
