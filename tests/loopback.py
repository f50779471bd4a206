"""A real HTTP server on 127.0.0.1 for tests: any handler class, on a free port, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serve(
    handler: type[BaseHTTPRequestHandler], server: type[ThreadingHTTPServer] = ThreadingHTTPServer
) -> Iterator[str]:
    """Serve ``handler`` until the block ends; yields the base URL."""
    httpd = server(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def stream_unsized(handler: BaseHTTPRequestHandler, total: int) -> None:
    """Send ``total`` bytes of HTML with no Content-Length, then close (an endless-looking page)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
    try:
        for _ in range(total // len(chunk) + 1):
            handler.wfile.write(chunk)
    except OSError:
        pass
    handler.close_connection = True


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing and answers with :meth:`_send` (status, body, headers)."""

    default_ctype = "text/html; charset=utf-8"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str | None = None, **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", ctype or self.default_ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)
