package org.paasmaker.engine.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginSettings;

/**
 * The operator's setting {@code directories} of a runtime plugin: more places holding one installation
 * per subdirectory, as a version manager lays them out ({@code /opt/runtimes/ruby/3.2.2/bin/ruby}).
 * As an environment variable: {@code PAASMAKER_RUNTIME_RUBY_DIRECTORIES=/opt/runtimes/ruby}.
 */
final class RuntimeDirectories {

    static final String KEY = "directories";

    private RuntimeDirectories() {
    }

    static PluginParameter setting(String example) {
        return PluginParameter.optional(KEY, ParameterType.STRING,
                "Directories (separated by ':') each holding one installation per subdirectory, such as "
                + example + "; searched after the usual places.");
    }

    static List<Path> of(PluginSettings settings) {
        return settings.findString(KEY)
                .map(text -> Arrays.stream(text.split(File.pathSeparator)).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Path::of).toList())
                .orElse(List.of());
    }
}
