"""Private and local addresses: refused unless the user chose the host (local server only).

The test server listens on 127.0.0.1, a loopback address; every fetch from
it here either trusts that host explicitly or expects the refusal.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from click.testing import CliRunner
from feed_helpers import rss, tiny_png
from http_server import LOCAL, HttpServer

from reader.cli import main
from reader.feeds.fetch import fetch_all
from reader.feeds.subscriptions import make_subscription
from reader.formats import read_article
from reader.ingest.addresses import is_private
from reader.ingest.http import FetchError, fetch_sync

PAGE = b"<html><body><p>The Tarnwick ferry runs again.</p></body></html>"
RSS = "application/rss+xml"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::5",
        "::ffff:127.0.0.1",
    ],
)
def test_local_and_private_addresses_are_private(address: str) -> None:
    assert is_private(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700::1111"])
def test_public_addresses_are_not(address: str) -> None:
    assert not is_private(ipaddress.ip_address(address))


def test_a_private_host_is_refused_unless_trusted(http_server: HttpServer) -> None:
    http_server.route("/page", PAGE)
    with pytest.raises(FetchError) as caught:
        fetch_sync(http_server.url("/page"))
    assert str(caught.value).startswith("refused: 127.0.0.1 is a private or local address")
    assert http_server.requests_for("/page") == []
    assert fetch_sync(http_server.url("/page"), trusted_hosts=LOCAL).body == PAGE


@pytest.mark.parametrize(
    ("target", "host"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[fe80::1]/", "fe80::1"),
        ("http://10.0.0.7:8080/admin", "10.0.0.7"),
        ("http://localhost:{port}/page", "localhost"),
    ],
)
def test_a_redirect_from_a_trusted_host_to_another_private_one_is_refused(
    http_server: HttpServer, target: str, host: str
) -> None:
    http_server.route("/page", PAGE)
    http_server.redirect("/go", target.format(port=http_server.port))
    with pytest.raises(FetchError) as caught:
        fetch_sync(http_server.url("/go"), trusted_hosts=LOCAL)
    assert str(caught.value).startswith(f"refused: {host} is a private or local address")
    assert http_server.requests_for("/page") == []


def test_a_feed_on_a_private_host_may_use_it_but_not_send_the_reader_elsewhere(
    http_server: HttpServer, tmp_path: Path
) -> None:
    other = f"http://localhost:{http_server.port}"
    items = (
        "<item><title>Quay lights return</title><guid>q1</guid>"
        f"<link>{other}/news/quay</link><description>The quay lights are back.</description>"
        f'<enclosure url="{other}/photo.png" type="image/png" length="1"/></item>'
        "<item><title>Pier reopens</title><guid>p1</guid>"
        f"<link>{http_server.base_url}/news/pier</link><description>Short.</description>"
        f'<enclosure url="{http_server.base_url}/pier.png" type="image/png" length="1"/></item>'
    )
    http_server.route("/feed.xml", rss(items), content_type=RSS)
    http_server.route("/photo.png", tiny_png(), content_type="image/png")
    http_server.route("/pier.png", tiny_png(), content_type="image/png")
    http_server.route("/news/quay", b"<html><body><p>the-secret-marker</p></body></html>")
    # The user subscribed to a feed on 127.0.0.1: that host is theirs to use.
    feed = make_subscription(http_server.url("/feed.xml"), "Harbour", None, "always")
    report = fetch_all([feed], library_dir=tmp_path)
    (result,) = report.results
    assert result.message == "2 new", result.warnings
    # Another name for a local address, named by the feed, is never asked for.
    assert http_server.requests_for("/news/quay") == []
    assert http_server.requests_for("/photo.png") == []
    assert http_server.requests_for("/pier.png") != []
    assert any("localhost is a private or local address" in w for w in result.warnings)
    quay = next(p for p in report.new_paths if "quay" in p.name)
    assert "the-secret-marker" not in quay.read_text(encoding="utf-8")
    assert [b.text for b in read_article(quay).blocks] == ["The quay lights are back."]


def test_reader_add_trusts_the_host_the_user_typed(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route(
        "/ferry", (Path(__file__).parent / "fixtures" / "pages" / "article.html").read_bytes()
    )
    http_server.redirect("/short", "http://169.254.169.254/ferry")
    library = tmp_path / "lib"
    runner = CliRunner()
    typed = runner.invoke(
        main, ["add", "--no-photos", "--library", str(library), http_server.url("/ferry")]
    )
    assert typed.exit_code == 0, typed.stderr
    sent = runner.invoke(main, ["add", "--library", str(library), http_server.url("/short")])
    assert sent.exit_code == 1
    assert "refused: 169.254.169.254 is a private or local address" in sent.stderr
