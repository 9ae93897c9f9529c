package org.paasmaker.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.runtime.Runtime;

/**
 * {@code paasmaker.runtime.php}: the php-fpm installations on this node (Debian's {@code php-fpm8.2} in
 * {@code /usr/sbin}, or {@code sbin/php-fpm} in an operator's directory), each instance served by an
 * nginx and a php-fpm of its own.
 */
public final class PhpRuntimeProvider extends InstalledRuntimeProvider {

    public PhpRuntimeProvider() {
        super(BuiltinPlugins.RUNTIME_PHP, "/opt/php");
    }

    @Override
    Runtime create(Path home) {
        return new PhpRuntime(new ExecutableRuntime(PhpRuntime.FPM_NAMES, roots(List.of()), "sbin/php-fpm",
                List.of(Path.of("/usr/sbin"))), PhpServer.nginx());
    }
}
