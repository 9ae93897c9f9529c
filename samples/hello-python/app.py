"""A small web application that shows the metadata and services Paasmaker handed it."""
import argparse
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({
            "application": "hello-python",
            "metadata": json.loads(os.environ.get("PM_METADATA", "{}")),
            "services": json.loads(os.environ.get("PM_SERVICES", "{}")),
        }, indent=2).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("PM_PORT", "8000")))
    ThreadingHTTPServer(("", parser.parse_args().port), Hello).serve_forever()
