"""Markdown articles with front matter (reader.formats.markdown, front_matter)."""

from __future__ import annotations

from reader.formats import parse_bytes
from reader.formats.front_matter import parse_front_matter, split_front_matter
from reader.formats.markdown import parse_markdown, reduce_inline
from reader.model import Block

FULL = """\
---
title: Harbour ferry returns after a winter ashore
section: Local
bullets:
  - The ferry carried 212 passengers on its first day
  - "Fares stay at last year's prices: 3 crowns"
byline: Mira Castell
published: 2026-03-02
source: The Gullhaven Courier
url: https://example.com/ferry
---

The *Saltmarsh Belle* left the quay at seven,
its horn loud over the water.

## Back in service

> We missed the crossing more than we expected,
> said one regular.

![The ferry leaving the quay at dawn](ferry.jpg "Photo: Ana Ruiz")

Related: [Quay repairs finish ahead of schedule](https://example.com/quay)

### Timetable

Crossings run hourly until dusk.
"""


def test_front_matter_fills_every_field() -> None:
    article = parse_markdown(FULL)
    assert article.format == "markdown"
    assert article.headline == "Harbour ferry returns after a winter ashore"
    assert article.section == "Local"
    assert article.bullets == (
        "The ferry carried 212 passengers on its first day",
        "Fares stay at last year's prices: 3 crowns",
    )
    assert article.byline == "Mira Castell"
    assert article.published == "2026-03-02"
    assert article.source == "The Gullhaven Courier"
    assert article.url == "https://example.com/ferry"


def test_body_blocks_in_reading_order() -> None:
    assert parse_markdown(FULL).blocks == (
        Block(
            "paragraph", "The Saltmarsh Belle left the quay at seven, its horn loud over the water."
        ),
        Block("subheading", "Back in service"),
        Block("quote", "We missed the crossing more than we expected, said one regular."),
        Block("caption", "The ferry leaving the quay at dawn", "Ana Ruiz", "ferry.jpg"),
        Block("related", "Quay repairs finish ahead of schedule"),
        Block("subheading", "Timetable"),
        Block("paragraph", "Crossings run hourly until dusk."),
    )


def test_words_count_the_text_a_reader_reads() -> None:
    assert parse_markdown(FULL).words > 40


# --- front matter -----------------------------------------------------------------------


def test_inline_list_and_quoted_values() -> None:
    text = """---
title: 'It''s a "quoted" title: with a colon'
bullets: [First point, "Second, with a comma", 'Third']
byline: "Line\\tone"  # a comment after a quoted value
section: News # a comment
---
Body.
"""
    article = parse_markdown(text)
    assert article.headline == 'It\'s a "quoted" title: with a colon'
    assert article.bullets == ("First point", "Second, with a comma", "Third")
    assert article.byline == "Line one"
    assert article.section == "News"


def test_aliases_author_and_date() -> None:
    article = parse_markdown("---\nauthor: Ines Varga\ndate: 2026-01-05\n---\nBody.\n")
    assert article.byline == "Ines Varga"
    assert article.published == "2026-01-05"


def test_a_single_string_bullet_and_block_scalars() -> None:
    text = """---
title: >
  A headline folded
  over two lines
bullets: Just the one point
---
Body.
"""
    article = parse_markdown(text)
    assert article.headline == "A headline folded over two lines"
    assert article.bullets == ("Just the one point",)


def test_rich_markup_in_title_is_kept_as_written() -> None:
    article = parse_markdown("---\ntitle: [bold red]Breaking[/bold red]\n---\nBody.\n")
    assert article.headline == "[bold red]Breaking[/bold red]"
    article = parse_markdown("---\ntitle: '[link=http://x]Click[/link]'\n---\nBody.\n")
    assert article.headline == "[link=http://x]Click[/link]"


def test_bad_front_matter_lines_are_skipped_not_fatal() -> None:
    text = """---
title: Survives
: no key
  - an item with no key
bullets: [unclosed, list
{not: yaml}
!!python/object:os.system ["rm -rf /"]
section:
---
Body stays.
"""
    article = parse_markdown(text)
    assert article.headline == "Survives"
    assert article.section is None
    assert article.bullets == ("[unclosed, list",)
    assert article.blocks == (Block("paragraph", "Body stays."),)


def test_unclosed_front_matter_is_body() -> None:
    article = parse_markdown("---\ntitle: Never closed\n\nA paragraph.\n")
    assert article.headline == ""
    assert Block("paragraph", "title: Never closed") in article.blocks
    assert Block("paragraph", "A paragraph.") in article.blocks


def test_front_matter_parser_on_its_own() -> None:
    lines, body = split_front_matter("\n---\na: 1\nb:\n- x\n- y\n...\nrest")
    assert lines == ["a: 1", "b:", "- x", "- y"]
    assert body == "rest"
    assert parse_front_matter(lines) == {"a": "1", "b": ["x", "y"]}
    assert split_front_matter("no front matter") == (None, "no front matter")


# --- headline ---------------------------------------------------------------------------


def test_leading_heading_is_the_headline_without_a_title() -> None:
    article = parse_markdown("# Lantern festival draws record crowd\n\nFirst paragraph.\n")
    assert article.headline == "Lantern festival draws record crowd"
    assert article.blocks == (Block("paragraph", "First paragraph."),)


def test_heading_repeating_the_title_is_dropped_another_is_a_subheading() -> None:
    same = parse_markdown("---\ntitle: Frost hits orchards\n---\n# Frost hits orchards\n\nText.\n")
    assert same.blocks == (Block("paragraph", "Text."),)
    other = parse_markdown(
        "---\ntitle: Frost hits orchards\n---\n# Growers count losses\n\nText.\n"
    )
    assert other.blocks[0] == Block("subheading", "Growers count losses")


def test_setext_headings() -> None:
    article = parse_markdown("Night bus returns\n=================\n\nText.\n\nRoutes\n------\n")
    assert article.headline == "Night bus returns"
    assert article.blocks == (Block("paragraph", "Text."), Block("subheading", "Routes"))


def test_no_heading_leaves_the_headline_to_the_file_name() -> None:
    assert parse_markdown("Just a paragraph.\n").headline == ""
    article = parse_bytes(b"Just a paragraph.\n", suffix=".md", stem="2026-ferry-notes")
    assert article.headline == "2026-ferry-notes"


def test_rich_markup_in_a_heading_is_kept() -> None:
    article = parse_markdown(
        "# [bold red]Alert[/bold red] and [link=http://x]link[/link]\n\nBody.\n"
    )
    assert article.headline == "[bold red]Alert[/bold red] and [link=http://x]link[/link]"


# --- body -------------------------------------------------------------------------------


def test_quotes_split_on_a_blank_quote_line_and_nest() -> None:
    article = parse_markdown("# H\n\n> First quote\n>\n> Second quote\n> > nested end\n")
    assert article.blocks == (
        Block("quote", "First quote"),
        Block("quote", "Second quote nested end"),
    )


def test_images_become_captions_with_credits() -> None:
    text = """# H

![Crowds on the pier. Photo: Lee Wu](pier.jpg)

![Boat one](a.jpg 'Credit: Harbour Trust') ![Boat two](b.jpg (Jon Park))

![](decorative.png)
"""
    assert parse_markdown(text).blocks == (
        Block("caption", "Crowds on the pier", "Lee Wu", "pier.jpg"),
        Block("caption", "Boat one", "Harbour Trust", "a.jpg"),
        Block("caption", "Boat two", "Jon Park", "b.jpg"),
        Block("caption", "", None, "decorative.png"),  # a photo with no caption
    )


def test_caption_without_a_credit() -> None:
    blocks = parse_markdown("# H\n\n![A quiet harbour at night](night.jpg)\n").blocks
    assert blocks == (Block("caption", "A quiet harbour at night", image="night.jpg"),)


def test_related_link_forms() -> None:
    text = """# H

Related: [Quay repairs finish](https://example.com/quay)
related: Ferry fares frozen for a year

Related reading is a paragraph, not a link.

See the [timetable](https://example.com/t). Related: not at the start.
"""
    assert parse_markdown(text).blocks == (
        Block("related", "Quay repairs finish"),
        Block("related", "Ferry fares frozen for a year"),
        Block("paragraph", "Related reading is a paragraph, not a link."),
        Block("paragraph", "See the timetable. Related: not at the start."),
    )


def test_lists_code_rules_comments_and_references() -> None:
    text = """# H

- first item
  continues
* second item
1. third item

---

<!-- an editor's note
over two lines -->

```
keep   this
  layout
```

[ref]: https://example.com/ref
"""
    assert parse_markdown(text).blocks == (
        Block("paragraph", "first item continues"),
        Block("paragraph", "second item"),
        Block("paragraph", "third item"),
        Block("paragraph", "keep   this\n  layout"),
    )


def test_inline_markup_is_reduced_to_text() -> None:
    assert reduce_inline("*em* **strong** __under__ _it_ ~~gone~~ `a*b*c`") == (
        "em strong under it gone a*b*c"
    )
    assert reduce_inline('[a link](http://x "t") ![an image](i.png) <https://x.org>') == (
        "a link an image https://x.org"
    )
    assert reduce_inline("line<br/>break <span class='x'>kept</span>") == "linebreak kept"
    assert reduce_inline(r"\*not emphasis\* and \[not a link\](x)") == (
        "*not emphasis* and [not a link](x)"
    )


def test_inline_reduction_leaves_ordinary_text_alone() -> None:
    text = "snake_case_name, 5 * 3 * 2, a < b > c, [bold red] stays, [x][y] stays"
    assert reduce_inline(text) == text


def test_reference_links_only_when_defined() -> None:
    text = "# H\n\nSee [the report][r1] and [bold red][nope].\n\n[r1]: https://example.com\n"
    assert parse_markdown(text).blocks == (
        Block("paragraph", "See the report and [bold red][nope]."),
    )


def test_crlf_and_lone_cr_markdown_through_parse_bytes() -> None:
    crlf = b"---\r\ntitle: Line ends\r\n---\r\nOne\r\ntwo\r\n\r\nThree\r\n"
    lone_cr = b"---\rtitle: Line ends\r---\rOne\rtwo\r\rThree\r"
    for data in (crlf, lone_cr):
        article = parse_bytes(data, suffix=".md")
        assert article.headline == "Line ends"
        assert article.blocks == (Block("paragraph", "One two"), Block("paragraph", "Three"))


def test_garbage_never_raises() -> None:
    samples = ["---", "---\n---", "#", "> ", "![", "[](", "```", "<!--", "- ", "=\n=", "\n\n\n"]
    for text in samples:
        parse_markdown(text)
