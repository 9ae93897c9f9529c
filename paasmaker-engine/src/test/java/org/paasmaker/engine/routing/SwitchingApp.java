package org.paasmaker.engine.routing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.paasmaker.engine.EngineFixture;

/**
 * A Python application for the switching tests: it answers {@code version N} (its own version, from
 * {@code PM_METADATA}) on HTTP/1.1 keep-alive connections, {@code /slow?seconds=S} after S seconds,
 * and {@code /ws} as a WebSocket that echoes text frames, prefixed with its version.
 */
final class SwitchingApp {

    static final String HOSTNAME = "switch.example.com";

    private SwitchingApp() {
    }

    /** Writes the application with {@code quantity} web instances, reached at {@link #HOSTNAME}. */
    static Path write(Path directory, int quantity) throws IOException {
        return write(directory, quantity, HOSTNAME);
    }

    /** Writes the application with {@code quantity} web instances, reached at {@code hostname}. */
    static Path write(Path directory, int quantity, String hostname) throws IOException {
        return EngineFixture.writeApp(directory, Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: switch}
                instances:
                  - name: web
                    quantity: %d
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 app.py %%(port)d"
                    hostnames:
                      - %s
                """.formatted(quantity, hostname), "app.py", """
                import base64, hashlib, json, os, sys, time
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
                from urllib.parse import urlparse, parse_qs

                VERSION = json.loads(os.environ["PM_METADATA"])["application"]["version"]
                GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

                class Handler(BaseHTTPRequestHandler):
                    protocol_version = "HTTP/1.1"

                    def log_message(self, *args):
                        pass

                    def do_GET(self):
                        url = urlparse(self.path)
                        if url.path == "/ws":
                            return self.websocket()
                        if url.path == "/slow":
                            print("slow request", flush=True)
                            time.sleep(float(parse_qs(url.query)["seconds"][0]))
                        body = ("version %d" % VERSION).encode()
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)

                    def websocket(self):
                        key = self.headers["Sec-WebSocket-Key"]
                        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
                        self.send_response(101)
                        self.send_header("Upgrade", "websocket")
                        self.send_header("Connection", "Upgrade")
                        self.send_header("Sec-WebSocket-Accept", accept)
                        self.end_headers()
                        self.wfile.flush()
                        while True:
                            head = self.rfile.read(2)
                            if len(head) < 2:
                                return
                            opcode, length = head[0] & 0x0F, head[1] & 0x7F
                            mask = self.rfile.read(4)
                            data = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(length)))
                            if opcode == 8:
                                self.wfile.write(bytes([0x88, 0]))
                                self.wfile.flush()
                                return
                            reply = ("version %d: " % VERSION).encode() + data
                            self.wfile.write(bytes([0x81, len(reply)]) + reply)
                            self.wfile.flush()

                ThreadingHTTPServer.daemon_threads = True
                ThreadingHTTPServer(("", int(sys.argv[1])), Handler).serve_forever()
                """));
    }
}
