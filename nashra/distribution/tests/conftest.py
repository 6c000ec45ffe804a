"""A recording front cache for the purge tests: it answers PURGE like nginx and keeps what it
was sent, in order, with the client port (one keep-alive connection or several)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like nginx

    def do_PURGE(self):
        self.server.seen.append(
            (self.command, self.path, self.headers["Host"], self.client_address[1])
        )
        status = 404 if self.path.endswith("/never-cached/") else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "nashra.core.front_cache.KeepAliveHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    settings.NASHRA_PUBLIC_URL = "https://news.example.org"
    yield server
    server.shutdown()
