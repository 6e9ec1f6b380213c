"""Extracting articles from web pages (pages written for the tests, fictional outlets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.extract import NotAnArticle, extract_article, extract_page, lead_photo_url
from reader.ingest.page_encoding import decode_html, encoding_for

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://lantern.example/local/night-ferry?ref=home"

FILLER = (
    "The council said the work would be finished before the summer, and that the "
    "path along the water would stay open on weekends while the crews were busy. "
)


def page(body: str, *, head: str = "", charset: str = "utf-8") -> str:
    """A small article page around `body` (which should hold the paragraphs)."""
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><main><article>{body}</article></main>"
        "<footer>A fictional paper</footer></body></html>"
    )


def test_article_page_gives_metadata_and_blocks() -> None:
    extracted = extract_page((PAGES / "article.html").read_bytes(), URL)
    article = extracted.article
    assert article.headline == "Night ferry returns to Tarnwick after a winter ashore"
    assert article.byline == "Odile Marchbank"
    assert article.published == "2026-03-02T08:00:00Z"
    assert article.section == "Local"
    assert article.source == "The Tarnwick Lantern"
    assert article.url == "https://lantern.example/local/night-ferry"
    assert article.format == "html"
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        "paragraph",
        "caption",
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
        "paragraph",
        "paragraph",
    ]
    caption = article.blocks[1]
    assert caption.text == "The Marram Star leaves Tarnwick quay at dusk."
    assert caption.credit == "Ines Halloran"
    assert caption.image == "https://lantern.example/images/ferry-quay.jpg"
    assert article.blocks[3].text == "Repairs took longer than planned"
    assert article.blocks[5].text.startswith("We knew every week without the night boat")
    assert all("By Odile" not in b.text for b in article.blocks)
    assert extracted.lead_photo == "https://lantern.example/images/ferry-lead.jpg"


def test_extract_article_is_the_article_of_extract_page() -> None:
    data = (PAGES / "article.html").read_bytes()
    assert extract_article(data, URL) == extract_page(data, URL).article


def test_credit_element_in_figcaption() -> None:
    html = page(
        "<h1>Lighthouse keepers hand over the keys</h1>"
        f"<p>{FILLER * 3}</p>"
        '<figure><img src="keys.jpg"><figcaption>The last keepers on the gallery '
        '<span class="credit">Mabli Rowe/Headland Press</span></figcaption></figure>'
        f"<p>{FILLER * 2}</p>"
    )
    article = extract_article(html, "https://headland.example/news/keys")
    (caption,) = [b for b in article.blocks if b.kind == "caption"]
    assert caption.text == "The last keepers on the gallery"
    assert caption.credit == "Mabli Rowe/Headland Press"
    assert caption.image == "https://headland.example/news/keys.jpg"


def test_lead_photo_falls_back_to_the_first_figure() -> None:
    html = page(
        f"<h1>Orchard growers count the frost</h1><p>{FILLER * 4}</p>"
        '<figure><img data-src="/img/orchard.png" alt="Blossom"><figcaption>Blossom'
        "</figcaption></figure>"
    )
    assert (
        lead_photo_url(html, "https://valley.example/a/b")
        == "https://valley.example/img/orchard.png"
    )


@pytest.mark.parametrize(
    "image", ["data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_lead_photo_is_only_ever_http(image: str) -> None:
    html = page(
        f"<h1>A</h1><p>{FILLER * 4}</p>", head=f'<meta property="og:image" content="{image}">'
    )
    assert lead_photo_url(html, "https://valley.example/a") is None


def test_relative_lead_photo_without_a_page_url_is_none() -> None:
    html = page(
        f"<h1>A</h1><p>{FILLER * 4}</p>", head='<meta property="og:image" content="/a.jpg">'
    )
    assert lead_photo_url(html) is None
    assert lead_photo_url(html, "http://x.example/p") == "http://x.example/a.jpg"


def test_windows_1252_page_declared_in_meta() -> None:
    text = (
        "<h1>Café owners’ “naïve” plan wins the square</h1>"
        f"<p>The café on Rue Sénéchal – run by Zoë Brûlé – {FILLER * 3}</p>"
    )
    data = page(text, charset="windows-1252").encode("cp1252")
    article = extract_article(data, "https://sq.example/cafe")
    assert article.headline == "Café owners’ “naïve” plan wins the square"
    assert "run by Zoë Brûlé" in article.blocks[0].text


def test_charset_from_the_server_wins_over_guessing() -> None:
    body = f"<h1>Größere Fähren für die Förde</h1><p>Die Fähre über die Förde {FILLER * 3}</p>"
    data = f"<html><head></head><body><article>{body}</article></body></html>".encode("latin-1")
    article = extract_article(data, "https://foerde.example/a", charset="ISO-8859-1")
    assert article.headline == "Größere Fähren für die Förde"


def test_undeclared_legacy_bytes_are_read_as_windows_1252() -> None:
    assert decode_html("Caf\u00e9 \u201cquoted\u201d".encode("cp1252")) == "Café “quoted”"


def test_shift_jis_page() -> None:
    paragraph = (
        "港町の夜行フェリーが四か月ぶりに運航を再開した。"
        "最初の便には島の診療所へ向かう看護師や、甲板で演奏を続けた吹奏楽団など、"
        "およそ九十人が乗り込んだ。運航会社によると、四月からは週六便に戻す予定だという。"
    )
    html = page(
        f"<h1>夜行フェリー、四か月ぶりに再開</h1><p>{paragraph}</p><p>{paragraph}</p>",
        charset="Shift_JIS",
    )
    article = extract_article(html.encode("shift_jis"), "https://minato.example/ferry")
    assert article.headline == "夜行フェリー、四か月ぶりに再開"
    assert article.blocks[0].text == paragraph


@pytest.mark.parametrize(
    ("label", "codec"),
    [("Shift_JIS", "cp932"), ("latin1", "cp1252"), ("utf8", "utf-8"), ("nonsense", None)],
)
def test_encoding_labels_map_as_browsers_map_them(label: str, codec: str | None) -> None:
    assert encoding_for(label) == codec


def test_hostile_text_is_sanitised() -> None:
    html = page(
        "<h1>[bold]Harbour[/bold] \x1b]0;pwned\x07news\x1b[31m today</h1>"
        f"<p>Plain words \x1b[2J[red]and[/red] \u202emore {FILLER * 3}</p>",
        head='<meta name="author" content="Ada \x1b[5mBlink">',
    )
    article = extract_article(html, "https://h.example/x")
    assert article.headline == "[bold]Harbour[/bold] news today"
    assert article.byline == "Ada Blink"
    first = article.blocks[0].text
    assert first.startswith("Plain words [red]and[/red] more")
    everything = repr(article)
    assert "\\x1b" not in everything and "\\u202e" not in everything and "\\x07" not in everything


def test_scripts_and_styles_are_not_text() -> None:
    html = page(
        "<h1>Quiet night at the lighthouse</h1>"
        "<script>document.write('INJECTED')</script><style>p{color:red}</style>"
        f"<p>{FILLER * 3}</p>"
    )
    article = extract_article(html, "https://l.example/")
    assert "INJECTED" not in repr(article) and "color:red" not in repr(article)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("index.html", "looks like an index page"),
        ("not_found.html", "looks like an error page"),
        ("login.html", "behind a login or subscription wall"),
    ],
)
def test_pages_that_are_not_articles(name: str, reason: str) -> None:
    with pytest.raises(NotAnArticle) as caught:
        extract_article((PAGES / name).read_bytes(), "https://lantern.example/x")
    assert str(caught.value).startswith(reason)


def test_too_short_page_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="too little text"):
        extract_article(page("<h1>Hello</h1><p>Just a few words on this page.</p>"))


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_empty_or_binary_is_not_a_page(data: bytes) -> None:
    with pytest.raises(NotAnArticle):
        extract_article(data)


def test_short_brief_is_still_an_article() -> None:
    brief = (
        "The Selka Island ferry will not sail on Friday because of the forecast gales, its "
        "operator said on Thursday. Passengers with tickets can travel on Saturday at no extra "
        "cost, or ask for a refund at the harbour office, which opens an hour earlier than usual."
    )
    article = extract_article(page(f"<h1>Selka ferry cancelled for Friday</h1><p>{brief}</p>"))
    assert article.blocks[0].text == brief
