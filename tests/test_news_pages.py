"""Real-shaped news pages come in whole (pages of our own writing, see news_pages.py)."""

from __future__ import annotations

import pytest
from news_pages import (
    BYLINE,
    CAPTION,
    HEADLINE,
    PARAGRAPHS,
    SITE,
    STANDFIRST,
    article_page,
    section_front,
)

from reader.formats.dates import shown_date, stored_date
from reader.ingest.extract import NotAnArticle, extract_page
from reader.ingest.headline import strip_title_parts

URL = "https://courier.example/news/flood-gates"


def test_article_with_a_big_menu_and_most_read_box_is_an_article() -> None:
    article = extract_page(article_page(menu_links=70, most_read=20), URL).article
    assert article.headline == HEADLINE
    texts = [b.text for b in article.blocks if b.kind == "paragraph"]
    for paragraph in PARAGRAPHS:
        assert paragraph in texts
    assert not any("part " in text for text in texts), "menu links are not body text"


def test_prose_alone_makes_an_article_when_the_page_declares_nothing() -> None:
    article = extract_page(article_page(metadata=False), URL).article
    assert PARAGRAPHS[2] in [b.text for b in article.blocks]


def test_section_front_is_refused_with_the_reason() -> None:
    with pytest.raises(NotAnArticle, match="index page"):
        extract_page(section_front(teasers=30), "https://courier.example/local")


def test_a_caption_appears_once() -> None:
    html = article_page().replace("<figcaption>", "<figcaption><p>")
    html = html.replace("</figcaption>", "</p></figcaption>")
    blocks = extract_page(html, URL).article.blocks
    assert [b.kind for b in blocks].count("caption") == 1
    assert not any(b.kind == "paragraph" and CAPTION in b.text for b in blocks)
    (caption,) = (b for b in blocks if b.kind == "caption")
    assert caption.text == CAPTION
    assert caption.credit == "Idris Penhale"


def test_standfirst_from_the_description_becomes_the_bullets() -> None:
    without_dek = article_page().replace(f'<p class="standfirst">{STANDFIRST}</p>', "")
    article = extract_page(without_dek, URL).article
    assert article.bullets == (STANDFIRST,)
    assert article.blocks[0].text != STANDFIRST


def test_standfirst_already_first_paragraph_is_not_repeated() -> None:
    article = extract_page(article_page(), URL).article
    assert article.bullets == ()
    assert [b.text for b in article.blocks].count(STANDFIRST) == 1


@pytest.mark.parametrize(
    "suffix",
    [
        f" | {SITE}",
        f" | {BYLINE}",
        f" | {BYLINE} | {SITE}",
        f" - {SITE}",
        " | Opinion | The Harrowgate Courier",
        ": Harrowgate Courier news",
    ],
)
def test_title_suffixes_are_dropped_without_an_h1(suffix: str) -> None:
    html = article_page(title_suffix=suffix, metadata=False).replace(f"<h1>{HEADLINE}</h1>", "")
    assert extract_page(html, URL).article.headline == HEADLINE


def test_the_h1_tells_which_part_is_the_headline() -> None:
    title = f"Courier | {HEADLINE} | Local"
    assert strip_title_parts(title, h1=HEADLINE) == HEADLINE


def test_a_headline_with_a_colon_or_dash_keeps_it() -> None:
    for title in ("Budget 2027: what the new rates mean for you", "Tide tables - a guide"):
        assert strip_title_parts(title, site=SITE, host="courier.example") == title


def test_page_dates_are_stored_in_one_form() -> None:
    article = extract_page(article_page(), URL).article
    assert article.published in ("2026-01-18T07:30:00Z", "2026-01-18")
    assert stored_date("2019-01-03T07:00:02.000Z") == "2019-01-03T07:00:02Z"
    assert stored_date("Thu, 03 Jan 2019 07:00:02 GMT") == "2019-01-03T07:00:02Z"
    assert stored_date("2019-01-03T08:00:02+01:00") == "2019-01-03T08:00:02+01:00"
    assert stored_date("2019-01-03") == "2019-01-03"
    assert stored_date("the third of January") == "the third of January"


def test_stored_dates_are_shown_as_a_capture_shows_them() -> None:
    assert shown_date("2019-01-03T07:00:02Z") == "Thursday 3 January 2019"
    assert shown_date("2019-01-03") == "Thursday 3 January 2019"
    assert shown_date("Thursday 3 January 2019 07.00 GMT") == "Thursday 3 January 2019 07.00 GMT"
    assert shown_date("2019-02-31") == "2019-02-31"
