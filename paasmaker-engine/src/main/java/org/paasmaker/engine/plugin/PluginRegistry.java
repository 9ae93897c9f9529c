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
import java.util.Collections;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.placement.PlacementProvider;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.plugin.PluginContext;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;
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
 * by putting its jar on the class path) and keyed by their manifest names. Each provider is
 * initialised once with its settings when the registry is made ({@link PluginProvider#init}),
 * maintained on every health round and closed with the registry, in reverse order; each plugin's
 * working object is made once, on first use.
 */
public final class PluginRegistry implements PluginCatalog, AutoCloseable {

    private final Map<String, Entry> entries;
    private final Consumer<String> warnings;

    private PluginRegistry(Map<String, Entry> entries, Consumer<String> warnings) {
        this.entries = entries;
        this.warnings = warnings;
    }

    /**
     * Where each plugin's settings come from: the map given for it by name, else the environment's
     * variables for it ({@link PluginSettings#variable}). A map names every setting the operator
     * gives; a key it does not declare fails. The environment is shared with everything else, so a
     * variable that looks meant for a plugin but names no setting of it is only warned about.
     *
     * @param home the platform's data directory, handed to each plugin in its settings
     */
    public record Settings(Path home, Map<String, Map<String, String>> byPlugin, Map<String, String> environment,
            Consumer<String> warnings) {

        public Settings {
            Objects.requireNonNull(home, "home");
            byPlugin = Map.copyOf(byPlugin);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(warnings, "warnings");
        }

        /** Every plugin on its defaults. */
        public static Settings defaults(Path home) {
            return new Settings(home, Map.of(), Map.of(), message -> { });
        }

        PluginSettings of(PluginProvider provider) {
            String name = provider.descriptor().name();
            List<PluginParameter> declared = provider.settings();
            Map<String, String> given = byPlugin.get(name);
            if (given == null) {
                List<String> unknown = PluginSettings.unknownVariables(name, declared, environment);
                if (!unknown.isEmpty()) {
                    warnings.accept("The environment has " + String.join(", ", unknown) + ", which look meant for the"
                            + " plugin '" + name + "' but name none of its settings; they are ignored.");
                }
                given = PluginSettings.fromEnvironment(name, declared, environment);
            }
            return PluginSettings.of(name, declared, given, home);
        }
    }

    /**
     * Loads every plugin on the class loader that {@code enabled} accepts.
     *
     * @param dataDirectory the parent of each plugin's own directory
     */
    public static PluginRegistry load(
            ClassLoader loader, Predicate<String> enabled, Path dataDirectory, Clock clock) {
        return load(loader, enabled, dataDirectory, clock, Settings.defaults(dataDirectory.getParent()));
    }

    /** Loads every plugin that {@code enabled} accepts and initialises each with its settings. */
    public static PluginRegistry load(
            ClassLoader loader, Predicate<String> enabled, Path dataDirectory, Clock clock, Settings settings) {
        List<PluginProvider> providers = new ArrayList<>();
        for (Class<? extends PluginProvider> type : List.of(SourceProvider.class, CommandStepProvider.class,
                RuntimeProvider.class, ServiceProvider.class, PlacementProvider.class)) {
            ServiceLoader.load(type, loader).forEach(providers::add);
        }
        return of(providers, enabled, dataDirectory, clock, settings);
    }

    /** A registry of exactly these providers (those {@code enabled} accepts); duplicate names fail. */
    public static PluginRegistry of(
            List<? extends PluginProvider> providers, Predicate<String> enabled, Path dataDirectory, Clock clock) {
        return of(providers, enabled, dataDirectory, clock, Settings.defaults(dataDirectory.getParent()));
    }

    /**
     * A registry of exactly these providers (those {@code enabled} accepts), each initialised with its
     * settings; duplicate names and wrong settings fail, and the providers initialised by then are closed.
     */
    public static PluginRegistry of(List<? extends PluginProvider> providers, Predicate<String> enabled,
            Path dataDirectory, Clock clock, Settings settings) {
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
        PluginRegistry registry = new PluginRegistry(entries, settings.warnings());
        List<PluginProvider> initialised = new ArrayList<>();
        try {
            for (Entry entry : entries.values()) {
                entry.provider.init(settings.of(entry.provider));
                initialised.add(entry.provider);
            }
        } catch (RuntimeException e) {
            Collections.reverse(initialised);
            initialised.forEach(provider -> closeQuietly(provider, settings.warnings(), e));
            throw e;
        }
        return registry;
    }

    /** One round of every plugin's upkeep; a plugin that fails is reported and the others still get theirs. */
    public void maintain() {
        for (Entry entry : entries.values()) {
            try {
                entry.provider.maintain();
            } catch (RuntimeException e) {
                warnings.accept("The upkeep of the plugin '" + entry.provider.descriptor().name() + "' failed: "
                        + e.getMessage() + "; it is tried again on the next round.");
            }
        }
    }

    /** Closes every plugin, the last initialised first; one that fails to close does not keep the others open. */
    @Override
    public void close() {
        List<Entry> reversed = new ArrayList<>(entries.values());
        Collections.reverse(reversed);
        for (Entry entry : reversed) {
            closeQuietly(entry.provider, warnings, null);
        }
    }

    private static void closeQuietly(PluginProvider provider, Consumer<String> warnings, RuntimeException cause) {
        try {
            provider.close();
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                warnings.accept("The plugin '" + provider.descriptor().name() + "' failed to close: " + e.getMessage());
            }
        }
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

    /** A placement plugin chooses from what it is told alone, so the provider itself does the choosing. */
    public PlacementProvider placement(String name) {
        return instance(PluginRole.PLACEMENT, name, PlacementProvider.class, (provider, context) -> provider);
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
