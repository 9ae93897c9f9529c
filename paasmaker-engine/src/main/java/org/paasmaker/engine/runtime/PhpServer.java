package org.paasmaker.engine.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Writes one instance's nginx and php-fpm configuration and the script that starts them: php-fpm in
 * the background on a loopback port, then nginx in the foreground on the port, so the instance is up when
 * nginx listens. Run by root (a container), both run as root, which php-fpm allows only with
 * {@code -R}: as another user they could not read an instance directory only root may enter.
 */
final class PhpServer {

    private final Path nginx;
    private final boolean root;

    private PhpServer(Path nginx, boolean root) {
        this.nginx = nginx;
        this.root = root;
    }

    static PhpServer nginx() {
        return new PhpServer(Path.of("/usr/sbin/nginx"), "root".equals(System.getProperty("user.name")));
    }

    /** Writes the files into {@code directory}; returns the script that runs the servers. */
    Path write(Path directory, Path documentRoot, int port, Path fpm) throws IOException {
        if (!Files.isExecutable(nginx)) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "the php runtime serves pages with nginx, and "
                    + nginx + " is missing; install Debian's nginx package");
        }
        // php-fpm listens on a loopback port the system picks, not on a socket in the instance's
        // directory, whose path may pass the 108 bytes a socket's path may have.
        String fastcgi = "127.0.0.1:" + freeLoopbackPort();
        Files.writeString(directory.resolve("php-fpm.conf"), String.join("\n",
                "[global]",
                "pid = " + directory.resolve("php-fpm.pid"),
                "error_log = /proc/self/fd/2",
                "daemonize = no",
                "[app]",
                root ? "user = root\ngroup = root" : "",
                "listen = " + fastcgi,
                "listen.allowed_clients = 127.0.0.1",
                "pm = ondemand",
                "pm.max_children = 5",
                // The instance's environment, PM_* included, for getenv() in the application.
                "clear_env = no",
                "catch_workers_output = yes",
                "decorate_workers_output = no",
                "php_admin_value[error_log] = /proc/self/fd/2",
                "php_admin_flag[log_errors] = on",
                ""));
        Files.writeString(directory.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                root ? "user root;" : "",
                "pid " + directory.resolve("nginx.pid") + ";",
                "error_log stderr;",
                "events { worker_connections 256; }",
                "http {",
                "  include /etc/nginx/mime.types;",
                "  default_type application/octet-stream;",
                "  access_log /dev/stdout;",
                "  client_body_temp_path " + directory.resolve("body") + ";",
                "  fastcgi_temp_path " + directory.resolve("fastcgi") + ";",
                "  proxy_temp_path " + directory.resolve("proxy") + ";",
                "  uwsgi_temp_path " + directory.resolve("uwsgi") + ";",
                "  scgi_temp_path " + directory.resolve("scgi") + ";",
                "  server {",
                "    listen " + port + ";",
                "    root " + documentRoot + ";",
                "    index index.php index.html index.htm;",
                "    location ~ [^/]\\.php(/|$) {",
                "      fastcgi_split_path_info ^(.+?\\.php)(/.*)$;",
                "      if (!-f $document_root$fastcgi_script_name) { return 404; }",
                "      include /etc/nginx/fastcgi_params;",
                "      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
                "      fastcgi_param PATH_INFO $fastcgi_path_info;",
                "      fastcgi_pass " + fastcgi + ";",
                "    }",
                "  }",
                "}",
                ""));
        Path script = directory.resolve("run.sh");
        Files.writeString(script, String.join("\n",
                "cd " + quote(directory.toString()) + " || exit 1",
                quote(fpm.toString()) + (root ? " -R" : "") + " -F -y " + quote(directory.resolve("php-fpm.conf").toString())
                        + " &",
                // nginx listening is the sign the instance is up, so it starts once php-fpm listens.
                "fpm=$!",
                "tries=0",
                "while ! (exec 3<>/dev/tcp/127.0.0.1/" + fastcgi.substring(fastcgi.indexOf(':') + 1) + ") 2>/dev/null; do",
                "  kill -0 $fpm 2>/dev/null || { echo 'php-fpm exited before it listened' >&2; exit 1; }",
                "  tries=$((tries + 1)); [ $tries -le 200 ] || { echo 'php-fpm did not listen within 20 s' >&2; kill $fpm; exit 1; }",
                "  sleep 0.1",
                "done",
                "exec " + quote(nginx.toString()) + " -e stderr -p " + quote(directory.toString()) + " -c "
                        + quote(directory.resolve("nginx.conf").toString()),
                ""));
        return script;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
