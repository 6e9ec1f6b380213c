"""A web page to an `Article`, with `trafilatura`.

The extractor finds the main text and the page's metadata (headline, author,
date, site name, canonical URL, section); this module turns its output into
blocks (paragraphs, `##` subheadings, quotes, photo captions with their
credits), sanitises every text field, and refuses pages that are not
articles (`NotAnArticle`: error pages, login walls, index pages, too little
text; see `reader.ingest.page_checks`). Nothing in a page is run: scripts
and styles are dropped by the parser, and only text is kept.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from trafilatura.settings import Document

from reader.formats.capture.patterns import credit_only, split_credit
from reader.formats.dates import stored_date
from reader.formats.errors import ArticleError
from reader.formats.text import sanitize_field, sanitize_text
from reader.ingest.headline import strip_title_parts
from reader.ingest.page_checks import not_an_article_reason, page_facts
from reader.ingest.page_encoding import decode_html
from reader.ingest.page_meta import meta_content
from reader.ingest.standfirst import page_standfirst, standfirst_bullets
from reader.library.summary import parse_date
from reader.model import Article, Block

__all__ = ["ExtractedPage", "NotAnArticle", "extract_article", "extract_page", "lead_photo_url"]

# The extractor logs its doubts; they are not the user's business.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_CREDIT_CLASS = ("credit", "copyright", "source", "photographer", "attribution", "byline")
_PHOTO_META = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)


class NotAnArticle(Exception):
    """A page that holds no article; `str(error)` is the reason in plain words."""


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """An extracted article and the URL of its lead photo (None when it has none)."""

    article: Article
    lead_photo: str | None


def _text(element: Any) -> str:
    """An element's text, sanitised to one line."""
    return sanitize_field(" ".join(element.itertext()))


def _web_url(value: str | None, base: str | None) -> str | None:
    """`value` resolved against `base`, if it is an http(s) URL; else None."""
    if not value or not value.strip():
        return None
    resolved = urljoin(base or "", value.strip())
    return resolved if urlsplit(resolved).scheme.lower() in ("http", "https") else None


def _base_url(tree: Any, url: str | None) -> str | None:
    """The URL relative links resolve against: an http(s) <base href>, else the page's."""
    for base in tree.xpath("//base[@href]"):
        resolved = _web_url(base.get("href"), url)
        if resolved:
            return resolved
    return url


def _image_source(img: Any, base: str | None) -> str | None:
    """An <img>'s picture URL: src, or a lazy-loading data-src, or the first srcset entry."""
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        found = _web_url(img.get(attr), base)
        if found:
            return found
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    return _web_url(srcset.split(",")[0].split()[0], base) if srcset else None


def _figure_caption(figure: Any) -> tuple[str, str | None]:
    """A <figure>'s caption text and credit (from a credit element or the text's end)."""
    captions = figure.xpath(".//figcaption")
    if not captions:
        return "", None
    caption = copy.deepcopy(captions[0])
    credit: str | None = None
    for element in caption.iter():
        cls = (element.get("class") or "").lower()
        if element.tag in ("small", "cite") or any(word in cls for word in _CREDIT_CLASS):
            credit = credit_only(_text(element)) or _text(element) or None
            element.drop_tree()
            break
    text = _text(caption)
    if credit is None:
        text, credit = split_credit(text)
    return text, credit


def _captions(tree: Any, base: str | None) -> dict[str, tuple[str, str | None]]:
    """Figure captions and credits, keyed by the picture's absolute URL."""
    found: dict[str, tuple[str, str | None]] = {}
    for figure in tree.xpath("//figure"):
        text, credit = _figure_caption(figure)
        for img in figure.xpath(".//img"):
            source = _image_source(img, base)
            if source and text:
                found.setdefault(source, (text, credit))
    return found


def _lead_photo(tree: Any, base: str | None) -> str | None:
    """The page's lead photo: og:image (or twitter:image), else the first figure's picture."""
    declared = _web_url(meta_content(tree, *_PHOTO_META), base)
    if declared:
        return declared
    for link in tree.xpath("//link[@rel='image_src'][@href]"):
        found = _web_url(link.get("href"), base)
        if found:
            return found
    for img in tree.xpath("//article//figure//img | //main//figure//img | //figure//img"):
        found = _image_source(img, base)
        if found:
            return found
    return None


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


class _Blocks:
    """Turns the extractor's body (TEI-like XML) into blocks."""

    def __init__(self, headline: str, captions: dict[str, tuple[str, str | None]]) -> None:
        self.headline = headline.casefold()
        self.captions = captions
        self.blocks: list[Block] = []
        self.caption_texts = {_folded(text) for text, _ in captions.values()}
        """Captions, folded: the extractor gives some again as paragraphs, dropped here."""

    def add(
        self, kind: str, text: str, credit: str | None = None, image: str | None = None
    ) -> None:
        """Add a block, unless it is empty or repeats the headline as a heading."""
        if not text:
            return
        if kind == "subheading" and text.casefold() == self.headline:
            return
        if kind == "caption":
            self.caption_texts.add(_folded(text))
            self.blocks.append(Block("caption", text, credit, image))
        elif kind == "paragraph" and self._repeats_a_caption(text):
            return
        elif kind in ("paragraph", "subheading", "quote"):
            self.blocks.append(Block(kind, text))  # type: ignore[arg-type]

    def _repeats_a_caption(self, text: str) -> bool:
        folded = _folded(text)
        return folded in self.caption_texts or _folded(split_credit(text)[0]) in self.caption_texts

    def element(self, element: Any) -> None:
        """One element of the body, recursing into containers."""
        tag = element.tag
        if tag == "head":
            self.add("subheading", _text(element))
        elif tag == "p" or tag == "code":
            self.add("paragraph", _text(element))
        elif tag == "quote":
            self.add("quote", _text(element))
        elif tag == "list":
            for item in element.iter("item"):
                self.add("paragraph", _text(item))
        elif tag == "table":
            for row in element.iter("row"):
                self.add("paragraph", " | ".join(_text(c) for c in row.iter("cell") if _text(c)))
        elif tag == "graphic":
            self.graphic(element)
        else:
            for child in element:
                self.element(child)
            if not len(element) and element.text:
                self.add("paragraph", _text(element))

    def graphic(self, element: Any) -> None:
        """A picture: its figure caption when the page has one, else its alt text."""
        source = _web_url(element.get("src"), None)
        known = self.captions.get(source or "")
        if known is not None:
            text, credit = known
        else:
            text, credit = split_credit(
                sanitize_field(element.get("alt") or element.get("title") or "")
            )
        self.add("caption", text, credit, source)


def _published(document: Any, tree: Any) -> str | None:
    """The date: the page's full publication time when it agrees with the extractor's date."""
    day = sanitize_field(document.date or "") or None
    stamp = meta_content(tree, "article:published_time", "datePublished", "pubdate")
    if stamp and day and parse_date(stamp) is not None and str(parse_date(stamp)) == day:
        return stored_date(sanitize_field(stamp))
    return stored_date(day)


def _headline(document: Any, tree: Any, url: str | None) -> str:
    """The headline: the extractor's title, else og:title, the first <h1>, the <title>;
    without the site, author or section name the title carries."""
    h1 = next((_text(h) for h in tree.xpath("//h1")[:1]), "")
    candidates = [document.title, meta_content(tree, "og:title"), h1]
    candidates += [_text(t) for t in tree.xpath("//title")[:1]]
    for candidate in candidates:
        text = sanitize_field(candidate or "")
        if text:
            return strip_title_parts(
                text,
                h1=h1,
                site=meta_content(tree, "og:site_name") or document.sitename,
                byline=document.author,
                host=document.hostname or (urlsplit(url).hostname if url else None),
            )
    return ""


def _titles(tree: Any) -> tuple[str, ...]:
    """The page's own titles, for the error-page check."""
    found = [_text(t) for t in tree.xpath("//title")[:1]]
    found += [_text(h) for h in tree.xpath("//h1")[:1]]
    found.append(sanitize_field(meta_content(tree, "og:title") or ""))
    return tuple(title for title in found if title)


def _load(html: bytes | str, charset: str | None) -> Any:
    """The page parsed into an lxml tree; NotAnArticle when it is not HTML at all."""
    if isinstance(html, bytes):
        try:
            html = decode_html(html, charset)
        except ArticleError as error:
            raise NotAnArticle(f"not a web page ({error})") from None
    # Escape sequences go before parsing: the parser would drop a bare ESC and
    # leave the rest of the sequence ("]0;title") behind as text.
    html = sanitize_text(html)
    if not html.strip():
        raise NotAnArticle("empty page")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NotAnArticle("not a web page (no HTML could be read)")
    return tree


def extract_page(
    html: bytes | str, url: str | None = None, *, charset: str | None = None
) -> ExtractedPage:
    """Extract the article of a page, and its lead photo URL.

    `url` is where the page came from (relative links and pictures resolve
    against it, and it is the article's URL when the page names no canonical
    one); `charset` the encoding the server declared. Raises NotAnArticle
    with a plain reason for a page that is not an article.
    """
    tree = _load(html, charset)
    base = _base_url(tree, url)
    document = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        include_comments=False,
        include_images=True,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    body = document.body if isinstance(document, Document) else None
    if not isinstance(document, Document) or body is None:
        raise NotAnArticle("no article text found on the page")
    headline = _headline(document, tree, url)
    blocks = _Blocks(headline, _captions(tree, base))
    for element in body:
        blocks.element(element)
    texts = tuple(b.text for b in blocks.blocks if b.kind != "caption")
    reason = not_an_article_reason(page_facts(tree, _titles(tree), texts))
    if reason is not None:
        raise NotAnArticle(reason)
    categories = [sanitize_field(c) for c in document.categories or [] if sanitize_field(c)]
    author = sanitize_field((document.author or "").replace(";", ","))
    article = Article(
        headline=headline or "Untitled",
        section=categories[0] if categories else None,
        bullets=standfirst_bullets(page_standfirst(tree), headline, blocks.blocks),
        byline=author or None,
        published=_published(document, tree),
        source=sanitize_field(document.sitename or document.hostname or "") or None,
        url=_web_url(document.url, None) or (sanitize_field(url) if url else None),
        blocks=tuple(blocks.blocks),
        format="html",
    )
    return ExtractedPage(article, _lead_photo(tree, base))


def extract_article(
    html: bytes | str, url: str | None = None, *, charset: str | None = None
) -> Article:
    """The article of a web page; see `extract_page`. Raises NotAnArticle."""
    return extract_page(html, url, charset=charset).article


def lead_photo_url(html: bytes | str, url: str | None = None) -> str | None:
    """The URL of a page's lead photo (og:image, else the first figure's picture), or None.

    Only http(s) URLs are returned; relative ones are resolved against `url`.
    """
    try:
        tree = _load(html, None)
    except NotAnArticle:
        return None
    return _lead_photo(tree, _base_url(tree, url))
