"""Fetching remote pages and feeds safely, with `httpx`.

Every fetch is bounded: only `http` and `https` URLs are fetched (a redirect
to `file:`, `data:` or any other scheme is refused), at most `max_redirects`
redirects are followed, the whole fetch (connecting, redirects and body) ends
after `timeout` seconds, and the body stops at `max_bytes`. The cap counts
decoded bytes: this module decompresses gzip and deflate itself, a chunk at
a time with a bounded output, so a gzip bomb stops at the cap without ever
being inflated in memory. Only those two encodings are asked for.

Private and local addresses (loopback, link-local, private ranges) are
refused for every URL and redirect target unless the caller trusts the host
(`trusted_hosts`: the host of a URL the user typed; see
`reader.ingest.addresses`).

Failures raise `FetchError`, whose text is the reason in plain words
("HTTP 404 Not Found", "timed out after 20 s").
"""

from __future__ import annotations

import asyncio
import socket
import zlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__
from reader.ingest.addresses import PrivateAddress, check_address, host_key

__all__ = [
    "USER_AGENT",
    "FetchError",
    "FetchLimits",
    "Response",
    "check_url",
    "fetch",
    "fetch_sync",
    "host_key",
    "make_client",
]

USER_AGENT = f"broadsheet/{__version__} (terminal news reader)"
"""The User-Agent header sent with every request."""

_SCHEMES = ("http", "https")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_MB = 1024 * 1024


class FetchError(Exception):
    """A fetch that failed; `str(error)` is the reason in plain words.

    `status` is the HTTP status when the server answered with an error.
    """

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch: body size in bytes, seconds in all, redirects followed."""

    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 20.0
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    """A completed fetch: the final URL after redirects, the status, headers and body.

    Header names are lower case. A 304 answer to a conditional GET has an
    empty body and `not_modified` true.
    """

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server said the resource has not changed since the last fetch."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("text/html"), or ""."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, or None."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def check_url(url: str) -> str:
    """Return `url` (stripped) when it may be fetched; raise FetchError otherwise.

    Only http and https URLs with a host are fetched: `file:`, `data:`,
    `javascript:` and every other scheme are refused.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("not a valid URL") from None
    if parts.scheme.lower() not in _SCHEMES:
        raise FetchError("refused: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError("not a valid URL: it names no host")
    try:
        parts.port  # noqa: B018 - reading it checks the port is a number from 0 to 65535
    except ValueError:
        raise FetchError("not a valid URL: the port must be a number from 0 to 65535") from None
    return url


def make_client(limits: FetchLimits = FetchLimits()) -> httpx.AsyncClient:
    """A client for `fetch`: redirects are followed by `fetch` (which checks each target).

    Use it as `async with make_client() as client:` and share it between
    fetches so connections are reused.
    """
    return httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        event_hooks={"response": [_check_redirect]},
    )


async def _check_redirect(response: httpx.Response) -> None:
    """Refuse a redirect to a scheme other than http/https before httpx parses its target.

    httpx builds the next request of every redirect even when it does not
    follow it, and fails on a `data:` target with a confusing message; this
    hook runs first and gives the plain reason.
    """
    if response.has_redirect_location:
        check_url(urljoin(str(response.request.url), response.headers["location"].strip()))


def _size_label(size: int) -> str:
    """A byte count as a reason spells it: "10 MB", "1.5 MB", "512 bytes"."""
    if size >= _MB:
        return f"{size / _MB:.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} bytes"


def _too_large(limits: FetchLimits) -> FetchError:
    """The error for a body over the cap."""
    return FetchError(f"response larger than {_size_label(limits.max_bytes)}")


class _Decoder:
    """Decodes a gzip/deflate/identity body a chunk at a time, never past a byte budget."""

    def __init__(self, encoding: str) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError(f"unsupported content encoding: {encoding}")
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip"):
            self.wbits = 16 + zlib.MAX_WBITS
        elif self.coding == "deflate":
            self.wbits = zlib.MAX_WBITS  # zlib-wrapped; raw deflate is tried on failure
        elif self.coding:
            raise FetchError(f"unsupported content encoding: {self.coding}")
        self.inflater = zlib.decompressobj(self.wbits) if self.coding else None
        self.started = False

    def decode(self, data: bytes, budget: int) -> bytes:
        """Decode `data`, returning at most `budget` + 1 bytes (one more means over the cap)."""
        if self.inflater is None:
            return data[: budget + 1]
        out = bytearray()
        pending = data
        while pending and len(out) <= budget:
            try:
                chunk = self.inflater.decompress(pending, budget + 1 - len(out))
            except zlib.error:
                if self.coding == "deflate" and not self.started:
                    # Some servers send raw deflate without the zlib wrapper.
                    self.wbits = -zlib.MAX_WBITS
                    self.inflater = zlib.decompressobj(self.wbits)
                    self.started = True
                    continue
                raise FetchError("the server sent a damaged compressed response") from None
            self.started = True
            out += chunk
            if self.inflater.eof:
                # A gzip stream may hold several members, one after another.
                pending = self.inflater.unused_data
                if pending:
                    self.inflater = zlib.decompressobj(self.wbits)
            else:
                pending = self.inflater.unconsumed_tail
        return bytes(out)


async def _read_body(response: httpx.Response, limits: FetchLimits) -> bytes:
    """The decoded body, or FetchError as soon as it passes the cap."""
    declared = response.headers.get("content-length", "")
    encoded = response.headers.get("content-encoding", "").strip().lower()
    if declared.isdigit() and encoded in ("", "identity") and int(declared) > limits.max_bytes:
        raise _too_large(limits)
    decoder = _Decoder(response.headers.get("content-encoding", ""))
    body = bytearray()
    async for raw in response.aiter_raw(_CHUNK):
        body += decoder.decode(raw, limits.max_bytes - len(body))
        if len(body) > limits.max_bytes:
            raise _too_large(limits)
    return bytes(body)


def _status_error(status: int, phrase: str) -> FetchError:
    """The error for a 4xx or 5xx answer: "HTTP 404 Not Found"."""
    if not phrase:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
    return FetchError(f"HTTP {status} {phrase}".rstrip(), status=status)


def _causes(error: BaseException) -> list[BaseException]:
    """The chain of exceptions behind `error` (its causes and contexts), `error` first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _innermost(error: BaseException) -> str:
    """The plain text of the first real error inside `error`, unwrapping exception groups."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return str(error) or type(error).__name__


def _transport_error(error: httpx.TransportError, limits: FetchLimits) -> FetchError:
    """A plain-words reason for a network-level failure."""
    if isinstance(error, httpx.TimeoutException):
        return FetchError(f"timed out after {limits.timeout:g} s")
    text = str(error).lower()
    if isinstance(error, httpx.ConnectError):
        causes = _causes(error)
        if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
            return FetchError("connection refused")
        if any(isinstance(cause, socket.gaierror) for cause in causes):
            return FetchError("could not find the server")
        if "ssl" in text or "certificate" in text:
            return FetchError("secure connection failed (certificate or TLS error)")
        return FetchError(f"could not connect ({error})" if str(error) else "could not connect")
    if isinstance(error, httpx.RemoteProtocolError):
        return FetchError("the server sent a broken response")
    if isinstance(error, httpx.UnsupportedProtocol):
        return FetchError("refused: only http and https URLs are fetched")
    return FetchError(f"network error ({type(error).__name__}: {error})")


def _request_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Conditional-GET headers from the validators of the last fetch."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    limits: FetchLimits,
    headers: dict[str, str],
    trusted_hosts: Collection[str],
) -> Response:
    """Follow redirects by hand, checking each target, then read the final body."""
    current = check_url(url)
    seen = {current}
    for _hop in range(limits.max_redirects + 1):
        try:
            await check_address(current, trusted_hosts)
        except PrivateAddress as error:
            raise FetchError(str(error)) from None
        async with client.stream("GET", current, headers=headers) as answer:
            status = answer.status_code
            if status in _REDIRECTS:
                location = answer.headers.get("location", "").strip()
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                target = check_url(urljoin(current, location))
                if target in seen:
                    raise FetchError("too many redirects (a redirect loop)")
                seen.add(target)
                current = target
                continue
            if status >= 400:
                raise _status_error(status, answer.reason_phrase)
            body = b"" if status == 304 else await _read_body(answer, limits)
            lowered = {name.lower(): value for name, value in answer.headers.items()}
            return Response(
                url=str(answer.url),
                status=status,
                headers=MappingProxyType(lowered),
                body=body,
                etag=lowered.get("etag"),
                last_modified=lowered.get("last-modified"),
            )
    raise FetchError("too many redirects")


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    limits: FetchLimits = FetchLimits(),
    etag: str | None = None,
    last_modified: str | None = None,
    trusted_hosts: Collection[str] = (),
) -> Response:
    """Fetch `url` with `client` (from `make_client`), within `limits`.

    A URL or redirect target whose host is a loopback, link-local or private
    address is refused unless the host is in `trusted_hosts` (as `host_key`
    spells it): pass the host of a URL the user chose, never one a remote
    document named.

    `etag` and `last_modified` from an earlier Response are sent as
    If-None-Match / If-Modified-Since; an unchanged resource then comes back
    with status 304 (`Response.not_modified`) and an empty body. Raises
    FetchError, with a plain reason, for a refused URL or redirect target,
    4xx/5xx answers, network errors, a timeout, too many redirects or a body
    over the size cap.
    """
    headers = _request_headers(etag, last_modified)
    hooks = client.event_hooks["response"]
    if _check_redirect not in hooks:
        client.event_hooks = {**client.event_hooks, "response": [*hooks, _check_redirect]}
    try:
        async with asyncio.timeout(limits.timeout):
            return await _fetch(client, url, limits, headers, trusted_hosts)
    except TimeoutError:
        raise FetchError(f"timed out after {limits.timeout:g} s") from None
    except httpx.TransportError as error:
        raise _transport_error(error, limits) from None
    except httpx.InvalidURL:
        raise FetchError("not a valid URL") from None
    except (OSError, ValueError, ExceptionGroup) as error:
        # Below httpx, socket and anyio errors can escape unwrapped (a bad port
        # inside anyio's connection race comes out as an ExceptionGroup).
        raise FetchError(f"could not connect ({_innermost(error)})") from None


def fetch_sync(
    url: str, *, limits: FetchLimits = FetchLimits(), trusted_hosts: Collection[str] = ()
) -> Response:
    """Fetch one URL from synchronous code (runs its own event loop); see `fetch`.

    Not for use inside a running event loop: call `fetch` there.
    """

    async def run() -> Response:
        async with make_client(limits) as client:
            return await fetch(client, url, limits=limits, trusted_hosts=trusted_hosts)

    return asyncio.run(run())
