package org.paasmaker.api.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * Where a version's code comes from: an SCM plugin and its parameters ({@code location}, and for git
 * {@code branch} and {@code revision}).
 */
public record SourceSpec(String plugin, PluginParameters parameters) {

    public SourceSpec {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static SourceSpec directory(Path path) {
        return of(BuiltinPlugins.SCM_DIRECTORY.name(), Map.of("location", path.toAbsolutePath().toString()));
    }

    public static SourceSpec tarball(Path path) {
        return of(BuiltinPlugins.SCM_TARBALL.name(), Map.of("location", path.toAbsolutePath().toString()));
    }

    public static SourceSpec zip(Path path) {
        return of(BuiltinPlugins.SCM_ZIP.name(), Map.of("location", path.toAbsolutePath().toString()));
    }

    /** A git repository; {@code branch} and {@code revision} may be null for the defaults. */
    public static SourceSpec git(String location, String branch, String revision) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("location", location);
        if (branch != null) {
            parameters.put("branch", branch);
        }
        if (revision != null) {
            parameters.put("revision", revision);
        }
        return of(BuiltinPlugins.SCM_GIT.name(), parameters);
    }

    public static SourceSpec of(String plugin, Map<String, ?> parameters) {
        return new SourceSpec(plugin, PluginParameters.of(parameters));
    }

    /** "paasmaker.scm.git https://host/repo.git (branch main)", for logs and job titles. */
    public String describe() {
        StringBuilder text = new StringBuilder(plugin);
        parameters.findString("location").ifPresent(l -> text.append(' ').append(l));
        parameters.findString("branch").ifPresent(b -> text.append(" (branch ").append(b).append(')'));
        parameters.findString("revision").ifPresent(r -> text.append(" (revision ").append(r).append(')'));
        return text.toString();
    }
}
