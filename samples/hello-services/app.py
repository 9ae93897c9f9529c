"""A page that counts its visits in PostgreSQL and in Redis, and shows which versions' releases ran."""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import services


class Counter(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/":
            self.answer(404, "Not found\n")
            return
        connection = services.postgres()
        try:
            with connection:
                with connection.cursor() as cursor:
                    cursor.execute("UPDATE counters SET value = value + 1 WHERE name = 'visits' RETURNING value")
                    in_postgres = cursor.fetchone()[0]
                    cursor.execute("SELECT version FROM release_runs ORDER BY id")
                    releases = [row[0] for row in cursor.fetchall()]
        finally:
            connection.close()
        in_redis = services.redis_server().incr("visits")
        self.answer(200, "hello-services version %d\nvisits: postgres %d, redis %d\nreleases: %s\n" % (
            services.version(), in_postgres, in_redis, ", ".join("version %d" % v for v in releases)))

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer(("", int(sys.argv[1])), Counter).serve_forever()
