#!/usr/bin/env python3
"""Generate a synthetic library of article files for benchmarks.

    python bench/make_library.py DEST --count 100000 [--seed 7]

Writes `--count` articles into DEST (in sub-folders of 1,000 files), a mix of
page captures (`.txt`, in the layout of a stored news page: ad lines, kicker,
promo, lead caption with credit, headline, bullets, body with an in-body
caption and a related link, trailing comment count) and Markdown files with
front matter. Lengths run from 100 to 5,000 words (most of them short, as in
a real library), across several sections and sources, some in French and
Chinese. The same seed always writes the same library.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

SECTIONS = ("Politics", "Business", "Science", "Culture", "Sport", "Transport", "Health", "World")
SOURCES = (
    "The Aldane Herald",
    "Valdmoor Courier",
    "Coastline Wire",
    "Northwind Review",
    "Le Courrier de Sainte-Aube",
    "澄湾日报",
)


def vocabulary(text: str) -> tuple[str, ...]:
    """The words of a space-separated vocabulary string."""
    return tuple(text.split())


AGENCIES = ("Coastline Wire", "Harbor Press", "Lumen Wire", "Meridian Images")
ENGLISH = vocabulary(
    "the council harbour ferry crews union said on monday that talks would resume after "
    "a long winter of delays while residents waited for the new timetable and traders "
    "counted the cost of every lost week museum volunteers river festival lanterns "
    "budget libraries school doctors clinic night tram line bridge repairs island "
    "weather storm record visitors quantum compass start-up engineers tidal array power"
)
FRENCH = vocabulary(
    "le marché couvert rouvre ses portes après deux ans de travaux et les habitants "
    "saluent une halle rénovée où les producteurs régionaux reviennent chaque matin "
    "selon la mairie été hiver quartier écoles médecins"
)
CHINESE = vocabulary(
    "澄湾 夜间 公交 线路 开通 市民 乘客 末班车 凌晨 交通 部门 表示 城市 发展 地铁 站点"
)


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], cjk: bool) -> str:
    """One sentence of 8 to 24 words from `words`."""
    picked = [rng.choice(words) for _ in range(rng.randint(8, 24))]
    if cjk:
        return "".join(picked) + "。"
    return " ".join(picked).capitalize() + "."


def paragraphs(rng: random.Random, total_words: int, lang: str) -> list[str]:
    """Body paragraphs adding up to about `total_words` words."""
    words = {"fr": FRENCH, "zh": CHINESE}.get(lang, ENGLISH)
    cjk = lang == "zh"
    out: list[str] = []
    count = 0
    while count < total_words:
        para = " ".join(sentence(rng, words, cjk) for _ in range(rng.randint(2, 4)))
        out.append(para)
        count += len(para) // 2 if cjk else len(para.split())
    return out


def headline(rng: random.Random, lang: str) -> str:
    """A headline-like line with no closing punctuation."""
    words = {"fr": FRENCH, "zh": CHINESE}.get(lang, ENGLISH)
    picked = [rng.choice(words) for _ in range(rng.randint(6, 12))]
    return "".join(picked) if lang == "zh" else " ".join(picked).capitalize()


def capture(rng: random.Random, day: date, section: str, lang: str, words: int) -> str:
    """A page capture in the layout of a stored news page."""
    body = paragraphs(rng, words, lang)
    agency = rng.choice(AGENCIES)
    middle = len(body) // 2
    body[middle:middle] = [
        f"{sentence(rng, ENGLISH, False)[:-1]}. Photo: {agency}",
        headline(rng, lang),
    ]
    lines = [
        "Advertisement",
        section,
        "Get more with myHerald",
        "A personalised feed of the stories that matter to you",
        "Learn more",
        f"{sentence(rng, ENGLISH, False)[:-1]}. Photo: {agency}",
        "",
        headline(rng, lang),
        "",
        f"  • {headline(rng, lang)}",
        f"  • {headline(rng, lang)}",
        section,
        "",
        f"Published {day.isoformat()}",
        "",
        *(line for para in body for line in (para, "")),
        str(rng.randint(0, 400)),
    ]
    return "\n".join(lines) + "\n"


def markdown(rng: random.Random, day: date, section: str, lang: str, words: int) -> str:
    """A Markdown article with front matter."""
    body = paragraphs(rng, words, lang)
    body.insert(len(body) // 2, f"## {headline(rng, lang)}")
    front = [
        "---",
        f"title: {headline(rng, lang)}",
        f"section: {section}",
        "bullets:",
        f"  - {headline(rng, lang)}",
        f"byline: {rng.choice(('Mira Castell', 'Tobias Wren', 'Inès Laurent', '林晓雯'))}",
        f"published: {day.isoformat()}",
        f"source: {rng.choice(SOURCES)}",
        "---",
        "",
    ]
    return "\n".join(front) + "\n\n".join(body) + "\n"


def write_library(dest: Path, count: int, seed: int) -> None:
    """Write `count` synthetic articles under `dest`."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for number in range(count):
        folder = dest / f"{number // 1000:03d}"
        if number % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        day = start + timedelta(days=rng.randrange(2500))
        lang = rng.choices(("en", "fr", "zh"), weights=(90, 6, 4))[0]
        # Mostly short pieces, a long tail up to 5,000 words.
        words = min(5000, max(100, int(rng.lognormvariate(6.2, 0.8))))
        section = rng.choice(SECTIONS)
        if rng.random() < 0.7:
            text, suffix = capture(rng, day, section, lang, words), ".txt"
        else:
            text, suffix = markdown(rng, day, section, lang, words), ".md"
        (folder / f"{day.isoformat()}-{number:06d}{suffix}").write_text(text, encoding="utf-8")


def main() -> None:
    """Parse the arguments and write the library."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_library(args.dest, args.count, args.seed)
    print(f"wrote {args.count:,} articles under {args.dest}")


if __name__ == "__main__":
    main()
