"""The typeset article: what a reader sees on the page, at a given width."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style

from reader.model import Article, Block
from reader.render.article import READING_WIDTH, credit_label, render_article
from reader.render.styles import DEFAULT_STYLES, StyleTable, article_styles

ARTICLE = Article(
    headline="Lantern boats return to the Mirren after a five-year pause",
    section="Culture",
    bullets=(
        "Organisers expect forty thousand visitors along the river banks over two nights "
        "of the revived festival",
        "Boat builders in Kessock Row have worked since spring on the new lanterns",
    ),
    byline="Ilse Marrow",
    published="2026-05-09",
    source="The Kessock Courier",
    blocks=(
        Block("caption", "A lantern boat is lowered into the water at dusk.", "Hana Oduya"),
        Block("paragraph", "The lantern boats came back to the Mirren on Saturday night."),
        Block("subheading", "Built by hand"),
        Block("quote", "We wanted our children to see the river lit again, as we did."),
        Block("related", "Kessock Row boatyard wins heritage grant"),
        Block("paragraph", "The festival continues on Sunday with a parade of smaller boats."),
        Block("caption", "Crowds on the Mirren bridge.", "AP Photo/Tomas Brell"),
    ),
)


def render(
    article: Article, width: int = 80, *, color: bool = False, styles: StyleTable | None = None
) -> str:
    """The article as printed on a console `width` cells wide (plain text unless `color`)."""
    console = Console(
        record=True,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        file=io.StringIO(),
    )
    console.print(render_article(article, width, styles))
    return console.export_text(styles=color)


def lines_of(text: str) -> list[str]:
    """The printed lines without trailing spaces."""
    return [line.rstrip() for line in text.splitlines()]


def test_head_has_kicker_headline_and_meta_in_order() -> None:
    lines = lines_of(render(ARTICLE))
    assert lines[0] == "CULTURE"
    assert lines[1] == ARTICLE.headline
    meta = lines[2]
    for part in ("Ilse Marrow", "Saturday 9 May 2026", "The Kessock Courier", "words", "min read"):
        assert part in meta
    assert meta.index("Ilse Marrow") < meta.index("Saturday 9 May") < meta.index("Kessock Courier")
    assert set(lines[3]) == {"─"}


def test_meta_counts_words_and_minutes() -> None:
    text = render(ARTICLE)
    assert f"{ARTICLE.words} words · {ARTICLE.reading_minutes} min read" in text


def test_bullets_hang_after_the_marker() -> None:
    lines = lines_of(render(ARTICLE, 50))
    first = next(i for i, line in enumerate(lines) if line.startswith("• Organisers"))
    # The long bullet wraps; its later lines align under the text, not the marker.
    assert lines[first + 1].startswith("  ") and lines[first + 1][2] != " "
    bullets = [line for line in lines if line.startswith("• ")]
    assert len(bullets) == 2
    assert all(len(line) <= 50 for line in lines)


def test_caption_is_a_figure_with_its_credit_on_its_own_line() -> None:
    lines = lines_of(render(ARTICLE))
    caption = lines.index("▏ A lantern boat is lowered into the water at dusk.")
    assert lines[caption + 1] == "▏ Photo: Hana Oduya"


def test_credit_that_names_itself_is_shown_as_given() -> None:
    text = render(ARTICLE)
    assert "▏ AP Photo/Tomas Brell" in text
    assert "Photo: AP Photo" not in text
    assert credit_label("Xinhua") == "Photo: Xinhua"
    assert credit_label("Image: City Archive") == "Image: City Archive"


def test_caption_and_credit_have_their_own_styles() -> None:
    styled = render(ARTICLE, color=True)
    # Italic caption (SGR 3) and a dim credit (SGR 2) in the ANSI output.
    assert "\x1b[3mA lantern boat" in styled
    assert "\x1b[2mPhoto: Hana Oduya" in styled


def test_related_link_subheading_and_quote() -> None:
    lines = lines_of(render(ARTICLE))
    assert "Related: Kessock Row boatyard wins heritage grant" in lines
    assert "Built by hand" in lines
    quote = next(line for line in lines if "We wanted our children" in line)
    assert quote.startswith("  ┃ ")


def test_blocks_are_separated_by_blank_lines_in_reading_order() -> None:
    lines = lines_of(render(ARTICLE))
    body = lines[lines.index("▏ Photo: Hana Oduya") + 1 :]
    assert body[0] == ""
    assert body[1].startswith("The lantern boats came back")
    assert body[2] == ""
    assert body[3] == "Built by hand"


def test_notes_show_quietly_above_the_article() -> None:
    article = Article(
        headline="A very long capture",
        notes=("This file is 52.4 MB; only the first 5 MB are shown.",),
    )
    lines = lines_of(render(article))
    assert lines[0] == "This file is 52.4 MB; only the first 5 MB are shown."
    assert lines.index("A very long capture") > 0


def test_no_section_means_no_kicker_line() -> None:
    lines = lines_of(render(Article(headline="Plain headline")))
    assert lines[0] == "Plain headline"


def test_markup_in_article_text_is_shown_literally() -> None:
    article = Article(
        headline="[bold red]Not red[/] and [link=https://example.invalid]no link[/link]",
        section="[blink]",
        blocks=(Block("paragraph", "Emoji codes stay :smile: and [i]tags[/i] too"),),
    )
    text = render(article, 100)
    assert "[bold red]Not red[/] and [link=https://example.invalid]no link[/link]" in text
    assert "[BLINK]" in text
    assert "Emoji codes stay :smile: and [i]tags[/i] too" in text
    styled = render(article, 100, color=True)
    assert "\x1b]8;" not in styled  # no hyperlink was made


def test_hostile_control_characters_never_reach_the_terminal() -> None:
    article = Article(
        headline="Bell\x07 and \x1b[2J clear \x1b]0;title\x07",
        section="\x9bsection",
        bullets=("bullet \x1b[31mred",),
        byline="by\x08line",
        blocks=(
            Block("paragraph", "para \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x00end"),
            Block("caption", "cap\x1b[5m", "credit\x1b[0m"),
        ),
    )
    plain = render(article)
    assert "\x1b" not in plain and "\x07" not in plain and "\x00" not in plain
    assert "\x9b" not in plain and "\x08" not in plain
    styled = render(article, color=True)
    # Only Rich's own SGR codes: every ESC starts "ESC [ ... m".
    assert "\x1b]" not in styled and "\x07" not in styled
    assert "\x1b[2J" not in styled and "\x1b[5m" not in styled


def test_cjk_text_wraps_within_the_width() -> None:
    article = Article(
        headline="澄湾开通夜间公交线路，末班车延至凌晨三点，方便夜班工作者回家",
        section="城市",
        bullets=("新线路覆盖三个大型医院和两个工业园区，主要服务夜班工作者和早班的市场摊贩",),
        blocks=(Block("paragraph", "市交通运输局表示，" * 12),),
    )
    for width in (30, 41, 80):
        lines = lines_of(render(article, width))
        assert all(cell_len(line) <= width for line in lines), width
        assert "城市" in lines[0]
    lines = lines_of(render(article, 30))
    bullet = next(i for i, line in enumerate(lines) if line.startswith("• 新线路"))
    assert lines[bullet + 1].startswith("  ") and not lines[bullet + 1].startswith("   ")


def test_column_is_at_most_the_reading_width() -> None:
    article = Article(headline="Short", blocks=(Block("paragraph", "word " * 200),))
    lines = lines_of(render(article, 200))
    assert max(cell_len(line) for line in lines) <= READING_WIDTH
    assert max(cell_len(line) for line in lines) > READING_WIDTH - 10


def test_a_long_word_folds_instead_of_being_cut() -> None:
    url = "https://example.invalid/" + "a" * 120
    text = render(Article(headline="Link", blocks=(Block("paragraph", url),)), 40)
    assert "".join(lines_of(text)[3:]).replace(" ", "").endswith("a" * 120)


def test_styles_can_be_overridden_by_name() -> None:
    assert set(article_styles("#00ff00")) == set(DEFAULT_STYLES)
    green = render(ARTICLE, color=True, styles=article_styles("#00ff00"))
    assert "\x1b[1;38;2;0;255;0mCULTURE" in green
    plain_kicker = render(ARTICLE, color=True, styles={"article.kicker": Style()})
    assert "CULTURE" in plain_kicker and "38;2;0;255;0" not in plain_kicker
    assert "\x1b[1mLantern boats" in plain_kicker  # the rest of the table is kept
