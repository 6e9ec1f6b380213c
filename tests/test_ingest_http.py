"""Fetching over HTTP: limits, redirects, conditional GET, plain-words errors (local server)."""

from __future__ import annotations

import gzip
import socket
import zlib

import pytest
from http_server import LOCAL, HttpServer, Recorded

from reader.ingest.http import (
    USER_AGENT,
    FetchError,
    FetchLimits,
    check_url,
    fetch,
    fetch_sync,
    make_client,
)

PAGE = b"<html><body><p>The Tarnwick ferry runs again.</p></body></html>"
SHORT = FetchLimits(timeout=0.5)


def test_fetch_returns_final_url_status_headers_and_body(http_server: HttpServer) -> None:
    http_server.route("/page", PAGE, headers={"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026"})
    response = fetch_sync(http_server.url("/page"), trusted_hosts=LOCAL)
    assert response.status == 200
    assert response.body == PAGE
    assert response.url == http_server.url("/page")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content_type == "text/html"
    assert response.charset == "utf-8"
    assert response.etag == '"v1"'
    assert response.last_modified == "Tue, 01 Dec 2026"
    assert not response.not_modified


def test_user_agent_names_broadsheet(http_server: HttpServer) -> None:
    http_server.route("/page", PAGE)
    fetch_sync(http_server.url("/page"), trusted_hosts=LOCAL)
    (request,) = http_server.requests_for("/page")
    assert request.headers["user-agent"] == USER_AGENT
    assert "broadsheet" in USER_AGENT


async def test_conditional_get_sends_validators_and_reports_not_modified(
    http_server: HttpServer,
) -> None:
    def answer(request: Recorded) -> tuple[int, dict[str, str], bytes]:
        if request.headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"'}, PAGE

    http_server.handler("/feed", answer)
    async with make_client() as client:
        first = await fetch(client, http_server.url("/feed"), trusted_hosts=LOCAL)
        second = await fetch(
            client,
            http_server.url("/feed"),
            etag=first.etag,
            last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
            trusted_hosts=LOCAL,
        )
    assert first.body == PAGE
    assert second.not_modified
    assert second.body == b""
    sent = http_server.requests_for("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_redirects_are_followed_to_the_final_url(http_server: HttpServer) -> None:
    http_server.route("/new", PAGE)
    http_server.redirect("/old", "/new", status=301)
    response = fetch_sync(http_server.url("/old"), trusted_hosts=LOCAL)
    assert response.body == PAGE
    assert response.url == http_server.url("/new")


def test_redirect_loop_is_an_error(http_server: HttpServer) -> None:
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_sync(http_server.url("/a"), trusted_hosts=LOCAL)


def test_more_than_max_redirects_is_an_error(http_server: HttpServer) -> None:
    for hop in range(7):
        http_server.redirect(f"/r{hop}", f"/r{hop + 1}")
    http_server.route("/r7", PAGE)
    with pytest.raises(FetchError, match=r"^too many redirects$"):
        fetch_sync(http_server.url("/r0"), trusted_hosts=LOCAL)
    assert (
        fetch_sync(
            http_server.url("/r0"), limits=FetchLimits(max_redirects=7), trusted_hosts=LOCAL
        ).body
        == PAGE
    )


@pytest.mark.parametrize("target", ["file:///etc/passwd", "data:text/html,hello", "ftp://x/y"])
def test_redirect_to_another_scheme_is_refused(http_server: HttpServer, target: str) -> None:
    http_server.redirect("/sneaky", target)
    with pytest.raises(FetchError, match="only http and https"):
        fetch_sync(http_server.url("/sneaky"), trusted_hosts=LOCAL)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "data:text/html,hello", "javascript:alert(1)", "/local/path"]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert str(caught.value) == "refused: only http and https URLs are fetched"
    with pytest.raises(FetchError, match="only http and https"):
        fetch_sync(url, trusted_hosts=LOCAL)


def test_check_url_accepts_http_and_https() -> None:
    assert check_url(" https://example.com/a ") == "https://example.com/a"
    assert check_url("HTTP://example.com") == "HTTP://example.com"
    with pytest.raises(FetchError, match="no host"):
        check_url("http:///nohost")


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500")])
def test_error_status_is_a_plain_reason(http_server: HttpServer, status: int, reason: str) -> None:
    http_server.route("/gone", b"<h1>oops</h1>", status=status)
    with pytest.raises(FetchError) as caught:
        fetch_sync(http_server.url("/gone"), trusted_hosts=LOCAL)
    assert str(caught.value).startswith(reason)
    assert caught.value.status == status


def test_unknown_path_is_404(http_server: HttpServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetch_sync(http_server.url("/nothing-here"), trusted_hosts=LOCAL)


def test_slow_server_times_out(http_server: HttpServer) -> None:
    http_server.slow("/slow", delay=30)
    with pytest.raises(FetchError) as caught:
        fetch_sync(http_server.url("/slow"), limits=SHORT, trusted_hosts=LOCAL)
    assert str(caught.value) == "timed out after 0.5 s"


def test_body_that_stalls_times_out(http_server: HttpServer) -> None:
    http_server.slow("/drip", delay=30, stall="body")
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        fetch_sync(http_server.url("/drip"), limits=SHORT, trusted_hosts=LOCAL)


def test_connection_refused_is_plain() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now.
    with pytest.raises(FetchError, match="connection refused"):
        fetch_sync(f"http://127.0.0.1:{port}/", limits=SHORT, trusted_hosts=LOCAL)


def test_oversize_response_stops_at_the_cap(http_server: HttpServer) -> None:
    http_server.route("/big", b"x" * 300_000)
    with pytest.raises(FetchError) as caught:
        fetch_sync(
            http_server.url("/big"), limits=FetchLimits(max_bytes=100_000), trusted_hosts=LOCAL
        )
    assert str(caught.value) == "response larger than 97.7 KB"
    assert fetch_sync(http_server.url("/big"), trusted_hosts=LOCAL).body == b"x" * 300_000


def test_default_cap_is_ten_megabytes(http_server: HttpServer) -> None:
    http_server.route("/huge", b"y" * (10 * 1024 * 1024 + 1))
    with pytest.raises(FetchError) as caught:
        fetch_sync(http_server.url("/huge"), trusted_hosts=LOCAL)
    assert str(caught.value) == "response larger than 10 MB"


def test_body_exactly_at_the_cap_is_kept(http_server: HttpServer) -> None:
    # A lying Content-Length would be caught by the reader; an absent one must be too.
    def answer(_request: Recorded) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "text/html", "Content-Length": "10"}, b"z" * 10

    http_server.handler("/short", answer)
    assert (
        fetch_sync(
            http_server.url("/short"), limits=FetchLimits(max_bytes=10), trusted_hosts=LOCAL
        ).body
        == b"z" * 10
    )


def test_gzip_body_is_decoded(http_server: HttpServer) -> None:
    http_server.gzip("/zipped", PAGE * 100)
    assert fetch_sync(http_server.url("/zipped"), trusted_hosts=LOCAL).body == PAGE * 100
    (request,) = http_server.requests_for("/zipped")
    assert "gzip" in request.headers["accept-encoding"]


def test_gzip_bomb_stops_at_the_cap(http_server: HttpServer) -> None:
    # 64 MB of zeros compress to about 64 KB; the cap counts decoded bytes.
    http_server.gzip("/bomb", bytes(64 * 1024 * 1024))
    with pytest.raises(FetchError, match="response larger than 1 MB"):
        fetch_sync(
            http_server.url("/bomb"), limits=FetchLimits(max_bytes=1024 * 1024), trusted_hosts=LOCAL
        )


def test_deflate_raw_and_wrapped_are_decoded(http_server: HttpServer) -> None:
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    http_server.route(
        "/raw", raw.compress(PAGE) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    http_server.route("/wrapped", zlib.compress(PAGE), headers={"Content-Encoding": "deflate"})
    assert fetch_sync(http_server.url("/raw"), trusted_hosts=LOCAL).body == PAGE
    assert fetch_sync(http_server.url("/wrapped"), trusted_hosts=LOCAL).body == PAGE


def test_damaged_or_unknown_encoding_is_plain(http_server: HttpServer) -> None:
    http_server.route("/bad", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    http_server.route("/br", b"\x00\x01", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="damaged compressed response"):
        fetch_sync(http_server.url("/bad"), trusted_hosts=LOCAL)
    with pytest.raises(FetchError, match="unsupported content encoding: br"):
        fetch_sync(http_server.url("/br"), trusted_hosts=LOCAL)


def test_multi_member_gzip_is_read_whole(http_server: HttpServer) -> None:
    http_server.route(
        "/two",
        gzip.compress(b"first ") + gzip.compress(b"second"),
        headers={"Content-Encoding": "gzip"},
    )
    assert fetch_sync(http_server.url("/two"), trusted_hosts=LOCAL).body == b"first second"


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/x", "http://example.test:port/x"])
def test_a_bad_port_is_plain_words(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_sync(url, limits=SHORT, trusted_hosts=LOCAL)
    assert str(caught.value) == "not a valid URL: the port must be a number from 0 to 65535"


def test_a_stray_socket_error_group_is_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    async def connection_race_fails(*args: object) -> None:
        raise ExceptionGroup("unhandled errors in a TaskGroup", [OverflowError("port too big")])

    monkeypatch.setattr("reader.ingest.http._fetch", connection_race_fails)
    with pytest.raises(FetchError) as caught:
        fetch_sync("http://example.test/x", limits=SHORT)
    assert str(caught.value) == "could not connect (port too big)"
