"""Markdown images: a caption carries the photo it belongs to, as the article wrote it."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from reader.formats import parse_bytes, read_article
from reader.formats.markdown import parse_markdown
from reader.ingest.photo_files import resolve_photo
from reader.model import Article, Block
from reader.render.article import PHOTO_META, render_article

FERRY = """\
---
title: Harbour ferry returns after a winter ashore
---

The ferry left at seven.

![The ferry leaving the quay at dawn](photo.png "Photo: Ana Ruiz")

It came back at nine.
"""


def test_an_image_gives_a_caption_with_its_photo_and_credit() -> None:
    blocks = parse_markdown(FERRY).blocks
    assert blocks[1] == Block(
        "caption", "The ferry leaving the quay at dawn", "Ana Ruiz", "photo.png"
    )


def test_image_sources_are_kept_as_written() -> None:
    text = (
        "# H\n\n"
        "![Remote](https://example.com/a.jpg?w=640 'Lee Wu')\n\n"
        "![Absolute](/srv/photos/b.png)\n\n"
        "![Spaces](<img/night harbour.jpg>)\n\n"
        "![Escaped](c\\_d.jpg)\n"
    )
    images = [block.image for block in parse_markdown(text).blocks]
    assert images == [
        "https://example.com/a.jpg?w=640",
        "/srv/photos/b.png",
        "img/night harbour.jpg",
        "c_d.jpg",
    ]


def test_an_image_without_a_source_has_no_photo() -> None:
    (block,) = parse_markdown("# H\n\n![Just a caption]()\n").blocks
    assert block == Block("caption", "Just a caption")


def test_other_blocks_and_inline_images_have_no_photo() -> None:
    text = "# H\n\nText with ![an icon](icon.png) inside.\n\n> A quote\n"
    assert all(block.image is None for block in parse_markdown(text).blocks)


def test_control_characters_in_a_source_are_removed() -> None:
    article = parse_bytes(b"# H\n\n![Cap](ph\x1b[2Joto.png)\n", suffix=".md")
    (block,) = article.blocks
    assert block.image is not None and "\x1b" not in block.image


def test_json_has_image_only_on_photo_captions() -> None:
    data = parse_markdown(FERRY).to_json()
    kinds = [list(block) for block in data["blocks"]]
    assert kinds == [
        ["kind", "text", "credit"],
        ["kind", "text", "credit", "image"],
        ["kind", "text", "credit"],
    ]
    assert data["blocks"][1]["image"] == "photo.png"
    capture = Article("H", blocks=(Block("caption", "A caption", "Xinhua"),))
    assert json.dumps(capture.to_json()["blocks"]) == (
        '[{"kind": "caption", "text": "A caption", "credit": "Xinhua"}]'
    )


def test_read_article_keeps_the_reference_and_the_reader_resolves_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.md").write_text(FERRY, encoding="utf-8")
    article = read_article(folder / "ferry.md")
    caption = article.blocks[1]
    assert caption.image == "photo.png"
    assert resolve_photo(caption.image, folder / "ferry.md") == folder / "photo.png"


def test_the_renderer_marks_the_first_line_of_a_photo_caption() -> None:
    console = Console(width=40, record=True)
    lines = console.render_lines(render_article(parse_markdown(FERRY), 40), pad=False)
    marked = [
        (number, segment.style.meta[PHOTO_META])
        for number, line in enumerate(lines)
        for segment in line
        if segment.style is not None and PHOTO_META in segment.style.meta
    ]
    assert len(marked) == 1
    number, index = marked[0]
    assert index == 1  # the caption's index among the blocks
    assert "The ferry leaving" in "".join(segment.text for segment in lines[number])


def test_an_image_with_no_caption_is_a_photo_with_an_empty_caption() -> None:
    text = "# H\n\n![](lead.jpg)\n\nBody.\n\n![]()\n\n![](<> 'Photo: Ana Ruiz')\n"
    article = parse_bytes(text.encode(), suffix=".md")
    assert article.blocks == (
        Block("caption", "", None, "lead.jpg"),
        Block("paragraph", "Body."),
    )


def test_a_photo_with_no_caption_keeps_a_slot_line_and_prints_nothing_more() -> None:
    article = parse_markdown("# H\n\nOne.\n\n![](lead.jpg)\n\nTwo.\n")
    console = Console(width=40, record=True)
    lines = console.render_lines(render_article(article, 40), pad=False)
    texts = ["".join(s.text for s in line).strip() for line in lines]
    one, two = texts.index("One."), texts.index("Two.")
    assert texts[one + 1 : two] == ["", ""]  # one more blank line than between paragraphs
    slot = lines[one + 2]
    assert any(s.style is not None and s.style.meta.get(PHOTO_META) == 1 for s in slot)


def test_photos_written_by_the_importer_read_back(tmp_path: Path) -> None:
    from reader.ingest.write import article_to_markdown

    captioned = Article(
        "Ferry returns",
        blocks=(Block("paragraph", "Body."), Block("caption", "The quay", "Ana Ruiz")),
    )
    back = parse_markdown(article_to_markdown(captioned, photo="photos/a b.jpg"))
    caption = back.blocks[1]
    assert (caption.text, caption.credit) == ("The quay", "Ana Ruiz")
    assert caption.image is not None
    article_path = tmp_path / "ferry.md"
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a b.jpg").write_bytes(b"")
    assert resolve_photo(caption.image, article_path) == tmp_path / "photos" / "a b.jpg"
    uncaptioned = Article("Ferry returns", blocks=(Block("paragraph", "Body."),))
    back = parse_markdown(article_to_markdown(uncaptioned, photo="https://example.com/p.jpg"))
    assert back.blocks[0] == Block("caption", "", None, "https://example.com/p.jpg")
