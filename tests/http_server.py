"""A local HTTP server for tests: routes registered per test, on 127.0.0.1, never the internet.

    def test_page(http_server):
        http_server.route("/a", b"<html>...</html>")
        http_server.redirect("/old", "/a")
        http_server.gzip("/big", b"x" * 1000)
        http_server.slow("/slow", delay=5)          # answers after 5 s (use a short timeout)
        http_server.handler("/any", lambda request: (200, {}, request.path.encode()))
        fetch_sync(http_server.url("/a"), trusted_hosts=LOCAL)
        http_server.requests_for("/a")[0].headers["if-none-match"]

A route is `path -> (status, headers, body)` or a callable taking the
`Recorded` request and returning that triple. Paths match with their query
string first, then without. Unknown paths answer 404. Slow handlers wait on
an event that the fixture sets at teardown, so no thread outlives the test.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

Answer = tuple[int, Mapping[str, str], bytes]
Handler = Callable[["Recorded"], Answer]

HTML = "text/html; charset=utf-8"
LOCAL = frozenset({"127.0.0.1"})
"""The server's host, for `trusted_hosts=LOCAL`: fetches refuse private addresses unless told."""
_STALL = "X-Test-Stall-Body"
"""A handler header (never sent) asking to stall before the body."""


@dataclass(frozen=True)
class Recorded:
    """One request the server received: method, path (with query) and lower-case headers."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class HttpServer:
    """The routes and recorded requests of one test's server."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Recorded] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Release slow handlers and stop the server."""
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base_url + path

    def handler(self, path: str, func: Handler) -> None:
        """Answer `path` with whatever `func(request)` returns."""
        self.routes[path] = func

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str = HTML,
    ) -> None:
        """Answer `path` with a fixed status, headers and body (str is sent as UTF-8)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        sent = {"Content-Type": content_type, **(headers or {})}
        self.routes[path] = lambda _request: (status, sent, data)

    def redirect(self, path: str, to: str, *, status: int = 302) -> None:
        """Answer `path` with a redirect to `to` (a path on this server or any URL)."""
        self.route(path, b"", status=status, headers={"Location": to})

    def gzip(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = HTML,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer `path` with `body` gzip-compressed (Content-Encoding: gzip)."""
        packed = gzip_module.compress(body, compresslevel=9)
        sent = {"Content-Encoding": "gzip", **(headers or {})}
        self.route(path, packed, content_type=content_type, headers=sent)

    def slow(self, path: str, delay: float, body: bytes = b"ok", *, stall: str = "headers") -> None:
        """Answer `path` after `delay` seconds (stall="headers"), or send the headers at
        once and stall `delay` seconds before the body (stall="body")."""
        if stall not in ("headers", "body"):
            raise ValueError(f"stall must be 'headers' or 'body', not {stall!r}")

        def answer(_request: Recorded) -> Answer:
            if stall == "headers":
                self.stopping.wait(delay)
                return 200, {"Content-Type": HTML}, body
            return 200, {"Content-Type": HTML, _STALL: str(delay)}, body

        self.routes[path] = answer

    def requests_for(self, path: str) -> list[Recorded]:
        """The requests received for `path` (matched with or without the query)."""
        with self.lock:
            return [r for r in self.requests if r.path == path or r.path.split("?")[0] == path]

    def find(self, path: str) -> Handler | None:
        """The handler for a request path: with its query first, then without."""
        return self.routes.get(path) or self.routes.get(urlsplit(path).path)


def _make_handler(server: HttpServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `server`'s routes."""

    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            request = Recorded("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
            with server.lock:
                server.requests.append(request)
            found = server.find(self.path)
            headers: Mapping[str, str]
            if found is None:
                status, headers, body = 404, {"Content-Type": HTML}, b"<h1>Not found</h1>"
            else:
                status, headers, body = found(request)
            self.send_response(status)
            stall = None
            for name, value in headers.items():
                if name == _STALL:
                    stall = float(value)
                    continue
                self.send_header(name, value)
            lowered = {name.lower() for name in headers}
            if "content-length" not in lowered:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if stall is not None:
                self.wfile.flush()
                server.stopping.wait(stall)
            # The client may give up (a size cap or a timeout): that is the test.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    return _Handler


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """A local HTTP server on 127.0.0.1 and a random port, with routes set by the test."""
    server = HttpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
