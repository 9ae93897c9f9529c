package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.runtime.Runtime;

/**
 * {@code paasmaker.runtime.ruby}: the ruby on the PATH, those rbenv installed ({@code ~/.rbenv/versions})
 * and those laid out for chruby ({@code ~/.rubies}, {@code /opt/rubies}). The chosen Ruby's
 * {@code bin} goes first on the PATH, so its {@code gem} and {@code bundle} are the ones prepare and
 * startup commands run.
 */
public class RubyRuntimeProvider extends InstalledRuntimeProvider {

    public RubyRuntimeProvider() {
        this(BuiltinPlugins.RUNTIME_RUBY);
    }

    RubyRuntimeProvider(PluginDescriptor descriptor) {
        super(descriptor, "/opt/rubies");
    }

    @Override
    final Runtime create(Path home) {
        return new RubyRuntime(new ExecutableRuntime(List.of("ruby", "ruby3.1", "ruby3.2", "ruby3.3", "ruby3.4"),
                roots(List.of(home.resolve(".rbenv/versions"), home.resolve(".rubies"), Path.of("/opt/rubies"))),
                "bin/ruby"));
    }
}
