"""New TLS connections per second against one HTTPS server, for bench/router.sh:

    python3 bench/tls_handshakes.py PORT SNI-NAME SECONDS PROCESSES new|resumed

Each connection makes its handshake (SNI as given, OpenSSL through Python's ssl module), sends one
GET / with Connection: close and reads the answer to its end (in TLS 1.3, the server's session
ticket comes with it). 'new' never offers a session, so every handshake is a full one; 'resumed'
offers the session of the connection before, so a server that resumes does so. Prints connections
per second and how many handshakes the server resumed."""
import multiprocessing
import socket
import ssl
import sys
import time


def client(port, sni, seconds, resume):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = ("GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % sni).encode("ascii")
    deadline = time.monotonic() + seconds
    connections = resumed = failed = 0
    session = None
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                with context.wrap_socket(raw, server_hostname=sni, session=session if resume else None) as tls:
                    tls.sendall(request)
                    while tls.recv(65536):
                        pass
                    resumed += tls.session_reused
                    session = tls.session
            connections += 1
        except (OSError, ssl.SSLError):
            failed += 1
    return connections, resumed, failed


def main():
    port, sni, seconds, processes, mode = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    with multiprocessing.Pool(processes) as pool:
        results = pool.starmap(client, [(port, sni, seconds, mode == "resumed")] * processes)
    connections = sum(r[0] for r in results)
    print("%.0f connections/s %d resumed of %d failed %d" % (connections / seconds, sum(r[1] for r in results),
                                                             connections, sum(r[2] for r in results)))


if __name__ == "__main__":
    main()
