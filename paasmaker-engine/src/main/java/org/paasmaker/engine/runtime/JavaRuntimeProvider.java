package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.engine.process.EngineJava;

/** {@code paasmaker.runtime.java}: the JDKs under {@code /usr/lib/jvm} and the engine's own. */
public final class JavaRuntimeProvider extends InstalledRuntimeProvider {

    public JavaRuntimeProvider() {
        super(BuiltinPlugins.RUNTIME_JAVA, "/opt/jdks");
    }

    @Override
    Runtime create(Path home) {
        return new JavaRuntime(roots(List.of(Path.of("/usr/lib/jvm"))), EngineJava.home());
    }
}
