package org.paasmaker.engine.runtime;

import org.paasmaker.api.plugin.BuiltinPlugins;

/**
 * {@code paasmaker.runtime.ruby.rbenv}: the original Paasmaker's name for the Ruby runtime, so its
 * manifests (and its Sinatra sample) run unchanged; the same versions and parameters.
 */
public final class RbenvRuntimeProvider extends RubyRuntimeProvider {

    public RbenvRuntimeProvider() {
        super(BuiltinPlugins.RUNTIME_RUBY_RBENV);
    }
}
