"""The page-capture parser, element by element, on fixtures written for the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.capture import parse_capture
from reader.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "captures"


def parse(name: str) -> Article:
    """Parse one fixture capture."""
    return parse_capture((FIXTURES / name).read_text(encoding="utf-8"))


def kinds(article: Article, kind: str) -> list[str]:
    """Texts of the blocks of one kind."""
    return [b.text for b in article.blocks if b.kind == kind]


# --- the seed's layout --------------------------------------------------------


def test_seed_layout_headline_and_section() -> None:
    article = parse("seed_layout.txt")
    assert article.headline == (
        "Port Calder and Veska pledge to share pilot boats after winter of delays"
    )
    assert article.section == "Maritime"
    assert article.format == "capture"


def test_seed_layout_bullets() -> None:
    article = parse("seed_layout.txt")
    assert article.bullets == (
        "Guild chief says the two harbours must ‘stop competing for the same tide’",
        "Veska envoy calls the deal a ‘fresh page’ for traffic on the strait",
    )


def test_seed_layout_lead_caption_comes_first_with_credit() -> None:
    first = parse("seed_layout.txt").blocks[0]
    assert first.kind == "caption"
    assert first.text.startswith("Ferry captain Oona Brask (left)")
    assert first.text.endswith("on Tuesday.")
    assert first.credit == "Ledgerwire"


def test_seed_layout_in_body_caption() -> None:
    captions = [b for b in parse("seed_layout.txt").blocks if b.kind == "caption"]
    assert len(captions) == 2
    assert captions[1].text == (
        "Officials from both harbours walked the length of the north quay after the signing."
    )
    assert captions[1].credit == "Ledgerwire"


def test_seed_layout_sixteen_paragraphs_in_order() -> None:
    paragraphs = kinds(parse("seed_layout.txt"), "paragraph")
    assert len(paragraphs) == 16
    assert paragraphs[0].startswith("Harbour officials from Port Calder")
    assert paragraphs[-1].startswith("Skippers have warned")


def test_seed_layout_related_link() -> None:
    article = parse("seed_layout.txt")
    assert kinds(article, "related") == [
        "Calder lighthouse keepers vote to keep the old foghorn running through the winter"
    ]
    order = [b.kind for b in article.blocks]
    related = order.index("related")
    assert order[related - 1] == order[related + 1] == "paragraph"


def test_seed_layout_drops_ads_promo_and_trailing_count() -> None:
    article = parse("seed_layout.txt")
    texts = [b.text for b in article.blocks]
    for junk in ("Advertisement", "Get more with myLEDGER", "Learn more", "6", "Maritime"):
        assert junk not in texts
    assert not any("personal feed" in t for t in texts)


# --- a whole-page capture -------------------------------------------------------


def test_whole_page_finds_the_article_inside_menus_and_footer() -> None:
    article = parse("whole_page.txt")
    headline = "Glass frogs found in Merrow valley for the first time in forty years"
    assert article.headline == headline
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("A small team of volunteers")
    assert paragraphs[-1].startswith("The volunteers will return next month")
    texts = " ".join(b.text for b in article.blocks)
    for junk in ("cookies", "Privacy policy", "Sign in", "14 comments", "Comet dust", "©"):
        assert junk not in texts


def test_whole_page_byline_and_date() -> None:
    article = parse("whole_page.txt")
    assert article.byline == "Hannah Quill"
    assert article.published is not None and "March 3, 2031" in article.published
    assert article.section == "Science"


# --- captions and credits -------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "credit"),
    [
        ("Passengers queue on the platform", "Pell Varga"),  # Photograph: X
        ("The driver, Odile Fenn, waves", "AP Photo/Ruth Amsel"),  # (AP Photo/X)
        ("A steward prepares a berth", "Northern Sleepers"),  # ...carriages.Credit: X
        ("Snow lies on the moor", "Tam Oduya via Getty Images"),  # X via Getty Images
        ("The sleeper crosses the Carrow viaduct", None),  # Image caption prefix
        ("A ticket inspector checks a booking", "Northern Sleepers"),  # credit on next line
    ],
)
def test_caption_credit_styles(start: str, credit: str | None) -> None:
    captions = [b for b in parse("credits.txt").blocks if b.kind == "caption"]
    match = [b for b in captions if b.text.startswith(start)]
    assert len(match) == 1, [b.text for b in captions]
    assert match[0].credit == credit
    assert "Photo" not in match[0].text and "Credit" not in match[0].text
    assert not match[0].text.startswith("Image caption")


def test_captions_are_not_paragraphs() -> None:
    article = parse("credits.txt")
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 8
    assert not any("Getty" in p or "Photograph:" in p for p in paragraphs)


# --- bullets --------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["•", "-", "*", "·", "▪"])
def test_bullet_markers(marker: str) -> None:
    text = (FIXTURES / "seed_layout.txt").read_text(encoding="utf-8")
    text = text.replace("  • ", f"  {marker} ")
    article = parse_capture(text)
    assert len(article.bullets) == 2
    assert article.bullets[0].startswith("Guild chief says")


def test_unindented_bullets() -> None:
    text = (FIXTURES / "seed_layout.txt").read_text(encoding="utf-8").replace("  • ", "• ")
    assert len(parse_capture(text).bullets) == 2


# --- subheadings, quotes, bylines, drop caps, datelines --------------------------


def test_byline_and_date_lines() -> None:
    article = parse("features.txt")
    assert article.byline == "Ravi Tenner and Lise Oyelaran"
    assert article.published is not None and "June 12, 2031" in article.published
    assert article.section == "Cities"


def test_drop_cap_joined_to_its_paragraph() -> None:
    first = kinds(parse("features.txt"), "paragraph")[0]
    assert first.startswith("The fire that gutted the main tram depot")


def test_dateline_stays_with_its_paragraph() -> None:
    paragraphs = kinds(parse("features.txt"), "paragraph")
    assert paragraphs[1].startswith("(Wirenews) Firefighters spent")


def test_subheadings() -> None:
    assert kinds(parse("features.txt"), "subheading") == [
        "How the fire started",
        "What happens next",
    ]


def test_pull_quote_with_attribution() -> None:
    quotes = kinds(parse("features.txt"), "quote")
    assert len(quotes) == 1
    assert quotes[0].startswith("“We lost the building")
    assert quotes[0].endswith("— Fire chief Amara Coyle")


# --- other languages ------------------------------------------------------------


def test_french_article() -> None:
    article = parse("french.txt")
    assert article.headline == "À Ravenne-sur-Loir, la bibliothèque ouvre ses portes la nuit"
    assert article.section == "Culture"
    assert len(article.bullets) == 2
    assert len(kinds(article, "paragraph")) == 4
    captions = [b for b in article.blocks if b.kind == "caption"]
    assert [(b.text, b.credit) for b in captions] == [
        ("La salle de lecture, un soir de semaine.", "Jules Perrin")
    ]


def test_chinese_article() -> None:
    article = parse("cjk.txt")
    assert article.headline == "青河市首条无人驾驶公交线路今日开通"
    assert article.section == "科技"
    assert len(kinds(article, "paragraph")) == 4
    captions = [b for b in article.blocks if b.kind == "caption"]
    expected = [("无人驾驶公交车停靠在火车站站台。", "青河日报")]
    assert [(b.text, b.credit) for b in captions] == expected


# --- odd input ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n\n", "   "])
def test_empty_capture(text: str) -> None:
    article = parse_capture(text)
    assert article.headline == ""
    assert article.blocks == ()


def test_single_line_capture() -> None:
    article = parse_capture("Just one line of text")
    assert article.headline == "Just one line of text"


def test_one_very_long_line() -> None:
    line = "word " * 20_000
    article = parse_capture(line)
    assert article.format == "capture"


def test_json_contract_shape() -> None:
    data = parse("seed_layout.txt").to_json()
    assert set(data) >= {"headline", "section", "bullets", "blocks", "words", "format"}
    for block in data["blocks"]:
        assert block["kind"] in {"paragraph", "caption", "related", "subheading", "quote"}
