"""Headless Chromium driven over the DevTools protocol: log in, open pages, read the DOM, shoot.

Just enough of the protocol for tests (no Selenium driver or downloaded browser): the system's
``chromium`` on a free loopback port, one page, every wait bounded.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # WebGL in software, for the deck.gl map
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


class Browser:
    """One headless Chromium page; use as a context manager."""

    def __init__(self, binary: str, width: int = 1600, height: int = 1200) -> None:
        self.binary, self.width, self.height = binary, width, height
        self._ids = itertools.count(1)

    def __enter__(self) -> Browser:
        self._profile = tempfile.mkdtemp(prefix="sitrep-chromium-")
        self._proc = subprocess.Popen(
            [
                self.binary,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("chromium did not open its DevTools port within 60 s")
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            page = next(t for t in json.load(resp) if t["type"] == "page")
        self._ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
        self._ws.__enter__()
        self.send("Page.enable")
        self.send("Runtime.enable")
        return self

    def __exit__(self, *exc: object) -> None:
        if getattr(self, "_ws", None) is not None:
            self._ws.close()
        self._proc.terminate()
        try:
            self._proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=20)
        shutil.rmtree(self._profile, ignore_errors=True)

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> Any:
        """Call one DevTools method and return its result (events in between are dropped)."""
        msg_id = next(self._ids)
        self._ws.send(json.dumps({"id": msg_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{method}: no answer within {timeout} s")
            message = json.loads(self._ws.recv(timeout=left))
            if message.get("id") == msg_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'", timeout=60, what=f"load of {url}")

    def wait_for(self, expression: str, timeout: float, what: str, every: float = 0.5) -> Any:
        """Poll ``expression`` until truthy; after ``timeout`` seconds fail, naming ``what``."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what}: not reached within {timeout:.0f} s")
            time.sleep(every)

    def screenshot(self, path: Path) -> Path:
        """A PNG of the page as it stands, down to the document's end (within the window).

        The viewport is not resized: a resize makes dashboards lay out and draw their charts
        again, and the picture would catch them empty.
        """
        height = min(int(self.evaluate("document.documentElement.scrollHeight")), self.height)
        data = self.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "clip": {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1},
            },
        )
        path.write_bytes(base64.b64decode(data["data"]))
        return path
