#!/usr/bin/env python3
"""Generate a synthetic library of article files for benchmarks.

    python bench/make_library.py DEST --count 100000 [--seed 7] [--jobs 2]

Writes `--count` articles into DEST, in sub-folders of 1,000 files, as a mix
of page-capture layouts (`.txt`) and Markdown with front matter (`.md`):

- a news-page capture: ad line, kicker, promo, lead caption with its credit,
  headline, standfirst bullets, date, body with an in-body caption and a
  related link, trailing comment count;
- a whole-page capture (select-all of a browser page): navigation run,
  sign-in chrome, byline, share buttons, ads between paragraphs, related
  and "Most read" link lists, footer;
- a brief: headline, date, a few paragraphs;
- Markdown: front matter (title, section, bullets, byline, published,
  source), subheadings, a quote, an image with credit, lists, a related link.

Lengths run from 100 to 5,000 words (most of them short, as in a real
library), across sections and sources in English, French, German and
Chinese, with accented names, curly quotes and dashes. Text follows a
Zipf-like law (see `library_words`), so common words such as "the" are in
nearly every article and most words in few. Each file's modification time is
its article's day (undated articles sort among the others). Article 000000
is the oldest and 000001 the newest, each alone on its date and in Markdown (a certain
headline), so a benchmark knows the first and last rows of a newest-first
list.

The same seed writes the same library whatever `--jobs` is; each process
writes whole folders. 100,000 articles take about half a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library_words import ROLES, Vocabulary, Words

FOLDER_SIZE = 1000
FIRST_DAY = date(2019, 1, 1)
DAYS = 2860
"""Ordinary articles are dated FIRST_DAY + 0..DAYS-1 (to the end of October 2026)."""
OLDEST = date(2018, 12, 1)
NEWEST = date(2026, 11, 20)

SECTIONS = {
    "en": ("Politics", "Business", "Science", "Culture", "Sport", "Transport", "Health", "World"),
    "fr": ("Société", "Culture", "Économie"),
    "de": ("Lokales", "Wirtschaft", "Kultur"),
    "zh": ("城市", "财经", "文化"),
}
SOURCES = {
    "en": ("The Aldane Herald", "Valdmoor Courier", "Coastline Wire", "Northwind Review"),
    "fr": ("Le Courrier de Sainte-Aube",),
    "de": ("Lindenthaler Rundschau",),
    "zh": ("澄湾日报",),
}
LANGUAGES = ("en", "fr", "de", "zh")
LANGUAGE_WEIGHTS = (88, 6, 2, 4)
AGENCIES = ("Coastline Wire", "Harbor Press", "Lumen Wire", "Meridian Images")
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}

_vocabulary: Vocabulary | None = None


def vocabulary(seed: int) -> Vocabulary:
    """This process's vocabulary (built once per process)."""
    global _vocabulary
    if _vocabulary is None:
        _vocabulary = Vocabulary.build(seed)
    return _vocabulary


def date_line(rng: random.Random, day: date, lang: str) -> str:
    """The published line of a capture, in one of the forms pages use."""
    month = MONTHS.get(lang, MONTHS["en"]).split()[day.month - 1]
    if lang == "fr":
        return f"Publié le {day.day} {month} {day.year}"
    if lang == "de":
        return f"{day.day}. {month} {day.year}"
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    forms = (
        f"Published {day.isoformat()}",
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year} · {rng.randint(2, 12)} min read",
        f"Updated {rng.randint(6, 22)}:{rng.randint(0, 59):02d} GMT, {day.day} {month} {day.year}",
    )
    return rng.choice(forms)


class Piece:
    """What one article is about: its words, cast, place and size."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, lang: str, words: int) -> None:
        """Pick the article's people and place."""
        self.rng = rng
        self.lang = lang
        self.text: Words = vocab.languages[lang]
        self.words = words
        self.people = rng.sample(vocab.people, 2)
        self.place = rng.choice(vocab.places)

    def headline(self) -> str:
        """A headline: no closing punctuation, sometimes naming the place."""
        line = self.text.phrase(self.rng, 6, 12)
        if self.lang == "en" and self.rng.random() < 0.4:
            line = f"{self.place} {line[0].lower()}{line[1:]}"
        return line

    def sentence(self) -> str:
        """A body sentence: plain, or a quote, or set in the article's place."""
        rng, text = self.rng, self.text
        if self.lang != "en":
            return text.sentence(rng)
        roll = rng.random()
        if roll < 0.12:
            quote = text.sentence(rng, 6, 16)[:-1]
            return f"“{quote},” said {rng.choice(self.people)}, {rng.choice(ROLES)}."
        if roll < 0.2:
            words = text.sentence(rng, 6, 18)
            return f"In {self.place}, {words[0].lower()}{words[1:]}"
        if roll < 0.25:
            words = text.sentence(rng, 5, 12)[:-1]
            return f"{words} — {rng.randint(2, 950)} {rng.choice(('homes', 'passengers', 'jobs'))}."
        return text.sentence(rng)

    def paragraphs(self) -> list[str]:
        """Body paragraphs adding up to about `words` words."""
        out: list[str] = []
        count = 0
        while count < self.words:
            para = " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))
            out.append(para)
            # A CJK "word" here is about two characters.
            count += len(para) // 2 if self.text.cjk else para.count(" ") + 1
        return out

    def caption(self) -> str:
        """A photo caption with its credit, in one of the usual forms."""
        rng = self.rng
        words = self.text.sentence(rng, 6, 14)[:-1]
        return rng.choice(
            (
                f"{words}. Photo: {rng.choice(AGENCIES)}",
                f"{words}. Photograph: {rng.choice(self.people)}/{rng.choice(AGENCIES)}",
                f"{words} (AP Photo/{rng.choice(self.people)})",
                f"{words}. Credit: {rng.choice(AGENCIES)}",
            )
        )


def news_capture(piece: Piece, day: date, section: str, source: str) -> str:
    """A stored news page: kicker, (promo,) lead caption, headline, bullets, body."""
    rng = piece.rng
    body = piece.paragraphs()
    middle = len(body) // 2
    body[middle:middle] = [piece.caption(), piece.headline()]
    # Some pages set a promo box above the article (it can pass for a headline).
    promo = (
        [f"Get more with {source}", "A personalised feed of the stories that matter to you"]
        if rng.random() < 0.15
        else []
    )
    lines = [
        "Advertisement",
        section,
        *promo,
        *(["Learn more"] if promo else []),
        piece.caption(),
        "",
        piece.headline(),
        "",
        *(f"  • {piece.headline()}" for _ in range(rng.randint(1, 3))),
        section,
        "",
        date_line(rng, day, piece.lang),
        "",
        *(line for para in body for line in (para, "")),
        str(rng.randint(0, 400)),
    ]
    return "\n".join(lines) + "\n"


def page_capture(piece: Piece, day: date, section: str, source: str) -> str:
    """A select-all of a whole browser page: menus and footers around the article."""
    rng = piece.rng
    nav = rng.sample(SECTIONS["en"], rng.randint(5, 8))
    body = piece.paragraphs()
    lines = ["Skip to main content", source, "Home", *nav, "Sign in", "Subscribe", ""]
    lines += [section, piece.headline(), piece.text.sentence(rng, 10, 20), ""]
    lines += [f"By {piece.people[0]}", date_line(rng, day, piece.lang), "Share", "Save", ""]
    lines += [piece.caption(), ""]
    for number, para in enumerate(body):
        lines += [para, ""]
        if number % 5 == 4:
            lines += ["Advertisement", ""]
    lines += ["Related", *(piece.headline() for _ in range(3)), ""]
    lines += ["Most read", *(f"{n} {piece.headline()}" for n in range(1, 6)), ""]
    lines += ["About us", "Contact", "Terms of use", "Privacy", f"© {day.year} {source}"]
    return "\n".join(lines) + "\n"


def brief(piece: Piece, day: date, section: str, source: str) -> str:
    """A short capture: headline, date, paragraphs."""
    body = piece.paragraphs()
    return "\n\n".join([piece.headline(), date_line(piece.rng, day, piece.lang), *body]) + "\n"


def markdown(piece: Piece, day: date, section: str, source: str) -> str:
    """A Markdown article with front matter, subheadings, a quote, an image and a link."""
    rng = piece.rng
    body = piece.paragraphs()
    if len(body) > 3:
        body.insert(len(body) // 2, f"## {piece.headline()}")
        body.insert(2, f"> {piece.sentence()}")
    if rng.random() < 0.3:
        body.insert(1, f'![{piece.text.sentence(rng, 5, 10)[:-1]}](photo.jpg "Photo: {source}")')
    if rng.random() < 0.2:
        body.append("\n".join(f"- {piece.text.sentence(rng, 4, 9)}" for _ in range(3)))
    words = body[0].split(" ")
    if len(words) > 3 and rng.random() < 0.3:
        words[2] = f"*{words[2]}*"
        body[0] = " ".join(words)
    slug = f"{day.isoformat()}-{rng.randrange(10**6):06d}"
    body.append(f"Related: [{piece.headline()}](https://example.org/{slug})")
    bullets = [f"  - {piece.headline()}" for _ in range(rng.randint(0, 2))]
    front = [
        "---",
        f"title: {piece.headline()}",
        f"section: {section}",
        *(["bullets:", *bullets] if bullets else []),
        f"byline: {piece.people[0]}",
        f"published: {day.isoformat()}",
        f"source: {source}",
        "---",
        "",
    ]
    return "\n".join(front) + "\n\n".join(body) + "\n"


LAYOUTS = ((news_capture, ".txt"), (page_capture, ".txt"), (brief, ".txt"), (markdown, ".md"))
LAYOUT_WEIGHTS = (45, 15, 10, 30)


def article(rng: random.Random, vocab: Vocabulary, number: int) -> tuple[str, str, date]:
    """The text, suffix and date of article `number`."""
    if number == 0:
        day = OLDEST
    elif number == 1:
        day = NEWEST
    else:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    lang = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
    # Mostly short pieces, a long tail up to 5,000 words.
    words = min(5000, max(100, int(rng.lognormvariate(6.2, 0.8))))
    layout, suffix = rng.choices(LAYOUTS, weights=LAYOUT_WEIGHTS)[0]
    if number < 2:  # the oldest and newest: Markdown, so their headlines are certain
        lang, (layout, suffix) = "en", LAYOUTS[-1]
    piece = Piece(rng, vocab, lang, words)
    text = layout(piece, day, rng.choice(SECTIONS[lang]), rng.choice(SOURCES[lang]))
    return text, suffix, day


def write_folder(dest: Path, folder: int, count: int, seed: int) -> int:
    """Write the articles of one folder (numbers folder*1000 ...); returns how many."""
    vocab = vocabulary(seed)
    rng = random.Random(seed * 1_000_003 + folder)
    path = dest / f"{folder:03d}"
    path.mkdir(parents=True, exist_ok=True)
    first = folder * FOLDER_SIZE
    last = min(count, first + FOLDER_SIZE)
    for number in range(first, last):
        text, suffix, day = article(rng, vocab, number)
        name = path / f"{day.isoformat()}-{number:06d}{suffix}"
        with open(name, "wb") as file:
            file.write(text.encode("utf-8"))
        # Saved on the day it was published, as a library kept over years would be.
        saved = time.mktime(day.timetuple()) + rng.randrange(6 * 3600, 23 * 3600)
        os.utime(name, (saved, saved))
    return last - first


def write_library(dest: Path, count: int, seed: int, jobs: int = 1) -> None:
    """Write `count` synthetic articles under `dest`, in `jobs` processes."""
    folders = range((count + FOLDER_SIZE - 1) // FOLDER_SIZE)
    if jobs <= 1 or len(folders) <= 1:
        for folder in folders:
            write_folder(dest, folder, count, seed)
        return
    with ProcessPoolExecutor(min(jobs, len(folders))) as pool:
        futures = [pool.submit(write_folder, dest, folder, count, seed) for folder in folders]
        for future in futures:
            future.result()


def main() -> None:
    """Parse the arguments and write the library."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    start = time.perf_counter()
    write_library(args.dest, args.count, args.seed, args.jobs)
    seconds = time.perf_counter() - start
    print(f"wrote {args.count:,} articles under {args.dest} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
