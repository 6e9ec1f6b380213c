"""News-style web pages of our own writing, with the clutter real news pages carry.

`article_page` builds an article page the way major sites do: a big menu, a
"most read" box, related-story cards, a title with the site's name after the
headline, a standfirst under the <h1> and a captioned photo. `section_front`
builds a section front: dozens of teasers and no article. The outlet, the
people and the events are invented.
"""

from __future__ import annotations

import json

SITE = "The Harrowgate Courier"

_PLACES = ("Harrowgate", "Lindle Vale", "Corran Bay", "Estmoor", "Wicken Fen", "Saltry")
_SUBJECTS = (
    "council approves plan for new footbridge over the river",
    "bus company adds late services after student campaign",
    "library reopens with a room for repair workshops",
    "school choir wins place at national festival final",
    "harbour dredging delayed again by winter storms",
    "farmers report best apple harvest in a decade",
)

HEADLINE = "Flood gates at Corran Bay hold through the highest tide in forty years"
STANDFIRST = (
    "Engineers say the barrier, finished only last spring, kept the old town dry "
    "while the sea rose higher than at any time since 1986."
)
BYLINE = "Maren Tillotson"
PARAGRAPHS = (
    "The tide gauge on the north pier read 6.9 metres just after two o'clock on Sunday "
    "morning, a few centimetres short of the mark painted on the harbour wall after the "
    "great flood, and the new gates across the mouth of the inner basin held it back.",
    "Residents of the streets behind the quay, who were told on Saturday to move cars and "
    "valuables upstairs, woke to find the water had stopped a hand's breadth below the top "
    "of the steel panels and their cellars were dry for the first time in a storm of this size.",
    "The barrier cost the town and the regional water board eleven million over four years, "
    "and its critics had argued that a cheaper raised wall along the front would have done "
    "the same work without closing the basin to boats for most of two winters.",
    "Ottilie Brandreth, who chairs the harbour committee, said the night had answered that "
    "argument, and that she hoped the people who had written to the paper against the gates "
    "would come down to the quay to see the high-water line for themselves.",
    "The board's engineers will inspect the hinges and the seals this week, and the gates "
    "will stay closed until the spring tides have passed at the end of the month.",
)
CAPTION = "The closed gates at Corran Bay on Sunday morning, with the tide at its height."
CREDIT = "Photo: Idris Penhale"


def _headlines(count: int, offset: int = 0) -> list[str]:
    """`count` headline-like link texts (4 to 25 words each), all different."""
    found = []
    for number in range(offset, offset + count):
        place = _PLACES[number % len(_PLACES)]
        subject = _SUBJECTS[(number // len(_PLACES)) % len(_SUBJECTS)]
        found.append(f"{place} {subject}, part {number + 1}")
    return found


def _links(texts: list[str], prefix: str) -> str:
    return "".join(
        f'<li><a href="/{prefix}/{number}">{text}</a></li>' for number, text in enumerate(texts)
    )


def article_page(
    *,
    menu_links: int = 70,
    most_read: int = 20,
    metadata: bool = True,
    title_suffix: str = f" | {SITE}",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
) -> str:
    """A news article page with its menu, "most read" box and related cards."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": HEADLINE,
        "datePublished": "2026-01-18T07:30:00Z",
        "author": {"@type": "Person", "name": BYLINE},
    }
    head = (
        f"<title>{HEADLINE}{title_suffix}</title>"
        f'<meta name="description" content="{STANDFIRST}">'
        f'<meta property="og:site_name" content="{SITE}">'
    )
    if metadata:
        head += (
            '<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        )
    related = "".join(
        f'<article class="card"><a href="/related/{n}"><h3>{text}</h3></a></article>'
        for n, text in enumerate(_headlines(4, offset=200))
    )
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>'
        f"<header><nav><ul>{_links(_headlines(menu_links), 'menu')}</ul></nav></header>"
        f"<main><article><header><h1>{HEADLINE}</h1>"
        f'<p class="standfirst">{STANDFIRST}</p><p class="byline">By {BYLINE}</p></header>'
        f'<figure><img src="/img/gates.jpg" alt="The gates">'
        f"<figcaption>{CAPTION} {CREDIT}</figcaption></figure>"
        f"{body}</article>"
        f'<section class="related"><h2>Related</h2>{related}</section></main>'
        f"<aside><h2>Most read</h2><ol>{_links(_headlines(most_read, 100), 'top')}</ol></aside>"
        f"<footer><p>© {SITE}</p></footer></body></html>"
    )


def section_front(teasers: int = 30) -> str:
    """A section front: a menu and `teasers` teaser cards with one-line summaries, no body."""
    cards = "".join(
        f'<article class="teaser"><h2><a href="/news/{n}">{text}</a></h2>'
        f"<p>{_PLACES[n % len(_PLACES)]} reporters follow the story as it unfolds.</p>"
        "</article>"
        for n, text in enumerate(_headlines(teasers, 300))
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Local news | {SITE}</title>"
        '<meta property="og:type" content="website"></head><body>'
        f"<header><nav><ul>{_links(_headlines(40), 'menu')}</ul></nav></header>"
        f"<main><h1>Local news</h1>{cards}</main><footer>© {SITE}</footer></body></html>"
    )
