package org.paasmaker.api.plugin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The operator's settings for one plugin, checked against what the plugin declares
 * ({@link PluginProvider#settings()}): no unknown key, every value of its declared type, every
 * required one given, defaults filled in. Values are given as text (an environment variable, a
 * {@code Map<String, String>} passed to the engine's builder) and read back typed.
 *
 * <p>Each setting is also an environment variable: {@code PAASMAKER_}, the plugin's name without its
 * leading {@code paasmaker.} in capitals with '.' and '-' as '_', '_', and the key in capitals. The
 * setting {@code mode} of {@code paasmaker.service.postgres} is {@code PAASMAKER_SERVICE_POSTGRES_MODE}.
 */
public final class PluginSettings {

    private final String plugin;
    private final Path home;
    private final Map<String, PluginParameter> declared;
    private final Map<String, Object> values;

    private PluginSettings(String plugin, Path home, Map<String, PluginParameter> declared, Map<String, Object> values) {
        this.plugin = plugin;
        this.home = home;
        this.declared = declared;
        this.values = values;
    }

    /**
     * Checks {@code given} against the declared settings of {@code plugin}.
     *
     * @param home the platform's data directory, for plugins that keep data beside the engine's own
     * @throws PaasmakerException {@code INVALID_REQUEST} naming the plugin, the key (and its variable)
     *     and what is wrong, for every problem at once
     */
    public static PluginSettings of(String plugin, List<PluginParameter> settings, Map<String, String> given, Path home) {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(home, "home");
        Map<String, PluginParameter> declared = new LinkedHashMap<>();
        settings.forEach(setting -> declared.put(setting.name(), setting));
        List<String> problems = new java.util.ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((key, text) -> {
            PluginParameter setting = declared.get(key);
            if (setting == null) {
                problems.add("the setting '" + key + "' (" + variable(plugin, key) + ") is not one of its settings; "
                        + "it has " + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
                return;
            }
            String value = text.strip();
            switch (setting.type()) {
                case INTEGER -> {
                    if (value.matches("-?\\d{1,18}")) {
                        values.put(key, Long.parseLong(value));
                    } else {
                        problems.add(describe(plugin, key) + " is '" + value + "' but must be a whole number");
                    }
                }
                case BOOLEAN -> {
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        values.put(key, Boolean.parseBoolean(value));
                    } else {
                        problems.add(describe(plugin, key) + " is '" + value + "' but must be true or false");
                    }
                }
                case STRING -> values.put(key, value);
                default -> problems.add(describe(plugin, key) + " is of a type settings cannot have: " + setting.type());
            }
        });
        for (PluginParameter setting : declared.values()) {
            if (!values.containsKey(setting.name()) && !given.containsKey(setting.name())) {
                setting.defaultValue().ifPresent(value -> values.put(setting.name(), value));
                if (setting.required()) {
                    problems.add(describe(plugin, setting.name()) + " is required: " + setting.help());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the settings of the plugin '" + plugin
                    + "' are wrong: " + String.join("; ", problems));
        }
        return new PluginSettings(plugin, home, Map.copyOf(declared), Map.copyOf(values));
    }

    /** No settings at all, for a plugin that declares none (or whose declared ones all have defaults). */
    public static PluginSettings none(String plugin, List<PluginParameter> settings, Path home) {
        return of(plugin, settings, Map.of(), home);
    }

    /**
     * The declared settings that {@code environment} gives through their variables
     * ({@link #variable(String, String)}); variables of names the plugin does not declare are left out.
     */
    public static Map<String, String> fromEnvironment(
            String plugin, List<PluginParameter> settings, Map<String, String> environment) {
        Map<String, String> given = new LinkedHashMap<>();
        for (PluginParameter setting : settings) {
            String value = environment.get(variable(plugin, setting.name()));
            if (value != null && !value.isBlank()) {
                given.put(setting.name(), value);
            }
        }
        return given;
    }

    /** The variables of {@code environment} that look meant for the plugin but name no setting of it. */
    public static List<String> unknownVariables(
            String plugin, List<PluginParameter> settings, Map<String, String> environment) {
        String prefix = prefix(plugin);
        var known = settings.stream().map(setting -> variable(plugin, setting.name())).collect(Collectors.toSet());
        return environment.keySet().stream().filter(name -> name.startsWith(prefix) && !known.contains(name))
                .sorted().toList();
    }

    /** {@code PAASMAKER_SERVICE_POSTGRES_MODE} for the setting {@code mode} of {@code paasmaker.service.postgres}. */
    public static String variable(String plugin, String setting) {
        return prefix(plugin) + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String prefix(String plugin) {
        String name = plugin.startsWith("paasmaker.") ? plugin.substring("paasmaker.".length()) : plugin;
        return "PAASMAKER_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "_";
    }

    private static String describe(String plugin, String key) {
        return "the setting '" + key + "' (" + variable(plugin, key) + ")";
    }

    /** The plugin these settings are for. */
    public String plugin() {
        return plugin;
    }

    /** The platform's data directory ({@code $PAASMAKER_HOME}). */
    public Path home() {
        return home;
    }

    /** Whether the operator gave the setting, or it has a default. */
    public boolean has(String key) {
        return values.containsKey(check(key));
    }

    public Optional<String> findString(String key) {
        return Optional.ofNullable(values.get(check(key))).map(String::valueOf);
    }

    public String string(String key) {
        return findString(key).orElseThrow(() -> missing(key));
    }

    public Optional<Long> findInteger(String key) {
        return Optional.ofNullable(values.get(check(key))).map(value -> ((Number) value).longValue());
    }

    public long integer(String key) {
        return findInteger(key).orElseThrow(() -> missing(key));
    }

    public boolean bool(String key) {
        return Boolean.TRUE.equals(values.get(check(key)));
    }

    private String check(String key) {
        if (!declared.containsKey(key)) {
            throw new IllegalArgumentException("the plugin '" + plugin + "' declares no setting '" + key + "'");
        }
        return key;
    }

    private PaasmakerException missing(String key) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, describe(plugin, key) + " of the plugin '" + plugin
                + "' is not set; set it to use this plugin");
    }

    /** The values, secrets masked: for logs. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> shown.put(key, declared.get(key).secret() ? "********" : value));
        return plugin + " " + shown;
    }
}
