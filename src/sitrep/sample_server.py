"""Serve the bundled sample corpus over loopback HTTP, the way a real news site would.

Index files (feeds, sitemaps, URL lists) name their pages as ``${SITREP_SAMPLE_BASE}/...``;
the server writes its own address in, so the corpus works on any free port.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER = "${SITREP_SAMPLE_BASE}"
SAMPLE_PORT = 8765  # the default in sample/sources.yaml
_TEMPLATED = {".xml", ".txt", ".yaml", ".json"}


class _SampleHandler(SimpleHTTPRequestHandler):
    base_url = ""

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the pipeline logs every URL's outcome itself

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in _TEMPLATED and path.name != "robots.txt":
            body = path.read_text(encoding="utf-8").replace(PLACEHOLDER, self.base_url).encode()
            ctype = {
                ".xml": "application/xml",
                ".txt": "text/plain",
                ".json": "application/json",
            }.get(path.suffix, mimetypes.guess_type(path.name)[0] or "text/plain")
            if "/pages/" in self.path:
                body = path.read_bytes()  # article pages are served byte for byte
            self.send_response(200)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def port_is_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port."""
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@contextmanager
def serve_sample(root: Path, port: int = 0) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 in a background thread; yields the base URL."""
    handler = type("Handler", (_SampleHandler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    handler.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.base_url
    finally:
        server.shutdown()
        server.server_close()
