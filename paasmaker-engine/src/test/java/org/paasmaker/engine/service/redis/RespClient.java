package org.paasmaker.engine.service.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.paasmaker.api.plugin.PluginParameters;

/** The least Redis client a test needs: commands in, each answer as its RESP text (arrays not read). */
final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    static RespClient connect(PluginParameters credentials) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(credentials.string("hostname"), (int) credentials.integer("port")), 5000);
        socket.setSoTimeout(10_000);
        return new RespClient(socket);
    }

    /** {@code +OK}, {@code -NOAUTH ...}, {@code :1}, or a bulk string's text ({@code $-1} for none). */
    String call(String... words) throws IOException {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = line();
        if (line.startsWith("$") && !line.equals("$-1")) {
            String value = new String(in.readNBytes(Integer.parseInt(line.substring(1))), StandardCharsets.UTF_8);
            line();
            return value;
        }
        if (line.startsWith("*")) {
            StringBuilder items = new StringBuilder();
            int count = Integer.parseInt(line.substring(1));
            for (int i = 0; i < count; i++) {
                String header = line();
                String item = header.startsWith("$") && !header.equals("$-1")
                        ? new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8)
                        : header;
                if (header.startsWith("$") && !header.equals("$-1")) {
                    line();
                }
                items.append(i == 0 ? "" : " ").append(item);
            }
            return items.toString();
        }
        return line;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                bytes.write(c);
            }
        }
        if (c == -1 && bytes.size() == 0) {
            throw new IOException("the Redis server closed the connection");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
