"""Answers with what Paasmaker gave it (PM_PORT, PM_METADATA, PM_SERVICES) and the virtualenv it runs in."""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

import greeting


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({
            "message": greeting.hello("hello-pythonpip"),
            "virtualenv": os.environ.get("VIRTUAL_ENV"),
            "prefix": sys.prefix,
            "port": os.environ.get("PM_PORT"),
            "metadata": json.loads(os.environ.get("PM_METADATA", "{}")),
            "services": json.loads(os.environ.get("PM_SERVICES", "{}")),
        }, indent=2).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("", int(sys.argv[1])), Handler).serve_forever()
