"""Rules for the lines inside an article body that are not plain paragraphs.

Advertising labels, newsletter and sign-up promos set into the text, pull
quotes that repeat a sentence of the body, question subheadings, and the
label before a related-article link ("Related:", "Read more:"). The word
lists are the trade's common labels in several languages, not any one
site's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line
from reader.model import count_words

# Lines that only mark an ad slot or sponsored space.
_AD_LABEL = re.compile(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content)?|paid content|"
    r"story continues below(?: this)? advertisement|continue reading below|"
    r"anzeige|werbung|publicité|publicidad|publicidade|pubblicità|reclame|advertentie|"
    r"annons|mainos|reklama|реклама|iklan|广告|廣告|広告|광고|스폰서)$",
    re.IGNORECASE,
)
# Calls to action of newsletter, subscription and app promos.
_CALL_TO_ACTION = re.compile(
    r"\b(?:sign ?up|subscribe|subscription|newsletters?|register|inbox|"
    r"abonn\w*|inscri\w*|assine|assinar|inscreva|suscr[ií]b\w*|anmelden|abonnieren|"
    r"iscriviti|berlangganan|daftar|подпис\w*|рассылк\w*)\b|订阅|訂閱|購読|구독|뉴스레터",
    re.IGNORECASE,
)
# Headings and lines that open what follows an article: comments, teaser lists,
# the author box, comment forms.
_TAIL_MARKER = re.compile(
    r"^(?:\d+\s+(?:responses?|comments?|replies|reactions)\b.*|"
    r"(?:leave a (?:reply|comment)|post a comment|add a comment|show comments|"
    r"join the (?:conversation|discussion|debate)|you (?:may|might) also like|"
    r"related (?:posts|articles|stories)|recommended(?: for you| stories)?|read next|"
    r"more (?:from|stories|on)\b.*|most (?:read|popular|viewed)|trending(?: now)?|"
    r"elsewhere on\b.*|about the author|(?:share|print) this (?:article|story|post)|"
    r"your email address will not be published.*|"
    r"laisser un commentaire|deixe (?:um|seu) comentário|deja un comentario|"
    r"kommentar schreiben|оставить комментарий|読者コメント|댓글 ?쓰기|发表评论|相关文章)[.:!…]*|"
    r"\S+ says:|\S+ (?:a dit|disse|dijo|schreibt)\s?:)$",
    re.IGNORECASE,
)


def is_tail_marker(text: str) -> bool:
    """True for a line that opens a comment section, teaser list or author box."""
    return len(text) <= 200 and _TAIL_MARKER.match(text.strip()) is not None


def teaser_boxes(lines: Sequence[Line], first: int, last: int) -> set[int]:
    """Teaser boxes set into the article: a heading such as "Most read" and the
    run of headline links under it, up to the next blank line."""
    found: set[int] = set()
    for i in range(first, last + 1):
        if not is_tail_marker(lines[i].text):
            continue
        run = [i]
        j = i + 1
        while j <= last and not lines[j - 1].blank_after and not lines[j].blank_before:
            text = lines[j].text
            if pat.ends_sentence(text) or count_words(text) > 20:
                break
            run.append(j)
            j += 1
        if len(run) >= 3:
            found.update(run)
    return found


# A short label ending in a colon before a related link: "Related:", "Read more:",
# "Lire aussi :", "Leia também:", "相关阅读：".
_RELATED_LABEL = re.compile(r"^(?P<label>[^:：]{2,30}?)\s*[:：]\s*(?P<rest>\S.*)$")
# The common wording of such labels; a label in capitals ("MORE:") needs no list.
_LABEL_WORDS = re.compile(
    r"^(?:related(?: articles?| stories| content| reading| news)?|(?:read|see|watch|listen)"
    r"(?: more| also| next)?|(?:also|further) (?:read|see)|more(?: on this(?: story)?| news)?|"
    r"recommended|most read|top stories|(?:à )?lire aussi|voir aussi|à voir|lesen sie auch|"
    r"auch interessant|mehr zum thema|leia (?:também|mais)|veja (?:também|mais)|saiba mais|"
    r"le[ae] (?:también|más)|ver también|leggi anche|vedi anche|baca juga|simak juga|lihat juga|"
    r"читайте (?:также|еще|ещё)|смотрите также|по теме|相关阅读|相关新闻|延伸阅读|推荐阅读|"
    r"相關閱讀|延伸閱讀|関連記事|あわせて読みたい|관련 ?기사|함께 보기|더 보기)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_CLAUSE = re.compile(r"[.,;:!?…—–。，；！？]+")
_OPEN_QUOTES = "“\"«„「『‘'"
_CLOSE_QUOTES = "”\"»“」』’'"


def is_ad_label(text: str) -> bool:
    """True for a line that only labels an advertisement ("Advertisement", "Anzeige")."""
    return len(text) <= 60 and _AD_LABEL.match(text.strip(" -–—·|:")) is not None


def promo_runs(lines: Sequence[Line], start: int, end: int) -> set[int]:
    """Lines of promo boxes between `start` and `end`: a run of lines with no blank
    line inside it, holding a short call to action ("Sign up", "Subscribe") and no
    long prose line ending a sentence after a long run of words."""
    found: set[int] = set()
    i = start
    while i <= end:
        j = i
        while j < end and not lines[j].blank_after and not lines[j + 1].blank_before:
            j += 1
        run = range(i, j + 1)
        if len(run) >= 2 and _is_promo(lines, run):
            found.update(run)
        i = j + 1
    return found


def _is_promo(lines: Sequence[Line], run: range) -> bool:
    """A tight run with a short call-to-action line and mostly short lines."""
    texts = [lines[k].text for k in run]
    cta = any(count_words(t) <= 8 and _CALL_TO_ACTION.search(t) for t in texts)
    if not cta:
        return False
    long_prose = sum(1 for t in texts if len(t) >= 200 and pat.ends_sentence(t))
    return long_prose == 0


def strip_related_label(text: str) -> str:
    """A related link without its label prefix ("Read more: X" -> "X").

    Only a short label (one to four words, no sentence inside) before a
    headline-like rest is taken off.
    """
    match = _RELATED_LABEL.match(text)
    if match is None:
        return text
    label, rest = match.group("label"), match.group("rest")
    if count_words(label) > 4 or count_words(rest) < 3 or pat.ends_sentence(label):
        return text
    if _LABEL_WORDS.match(label) or (label.isupper() and any(c.isalpha() for c in label)):
        return rest
    return text


def is_pull_quote(texts: Sequence[str], i: int, body: set[int]) -> bool:
    """A line wholly in quotes that repeats words of another body paragraph.

    Pull quotes lift a sentence from the article and set it apart; the copy
    in the body shows that this line is a display quote, not a paragraph.
    """
    text = texts[i].strip()
    if len(text) < 12 or text[:1] not in _OPEN_QUOTES:
        return False
    core = text.rstrip(".")
    if core[-1:] not in _CLOSE_QUOTES or count_words(text) > 60:
        return False
    # Pull quotes are often trimmed ("X, she says. Y" becomes "X. Y"), so each
    # clause must recur in one other paragraph, not the whole quote verbatim.
    clauses = [" ".join(_words(c)) for c in _CLAUSE.split(text)]
    clauses = [c for c in clauses if c.count(" ") >= 2]
    if sum(c.count(" ") + 1 for c in clauses) < 5:
        return False
    for k in body:
        if k != i:
            hay = " ".join(_words(texts[k]))
            if all(c in hay for c in clauses):
                return True
    return False


def _words(text: str) -> list[str]:
    """Lower-case word tokens, ignoring punctuation and quote style."""
    return [w.casefold() for w in _WORD.findall(text)]


def is_question_heading(lines: Sequence[Line], i: int, body: set[int]) -> bool:
    """A short question standing alone before a paragraph: a subheading ("Why now?").

    Longer questions are left as paragraphs: in interviews they are the
    interviewer's words, part of the text.
    """
    text = lines[i].text
    if not text.endswith(("?", "？")) or len(text) >= 40 or count_words(text) > 8:
        return False
    if text[:1] in _OPEN_QUOTES or not text[:1].isupper():
        return False
    nxt = i + 1
    return nxt in body and len(lines[nxt].text) >= 80


LIST_MAX_ITEMS = 80
LIST_MIN_P = 0.05
"""List items the body classifier gives less than this are page furniture."""
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+\S")


def list_items(
    lines: Sequence[Line], p: Sequence[float], body: set[int], first: int, last: int
) -> set[int]:
    """Lines of lists set in the article: tour dates, specs, steps, recipes.

    Two shapes are taken: the items right under a body line that ends with a
    colon ("Tour dates:"), up to the next blank line, and a run of numbered
    items ("1) ...", "2. ...") counting up from inside the article.
    """
    found: set[int] = set()
    # A lead-in right under a paragraph counts even when the classifier doubted it.
    leads = {k + 1 for k in body if first <= k < last}
    for i in sorted((body | leads) & set(range(first, last + 1))):
        if not lines[i].text.endswith((":", "：")) or lines[i].text.endswith("::"):
            continue
        if i not in body and (p[i] < LIST_MIN_P or count_words(lines[i].text) < 3):
            continue
        run: list[int] = []
        j = i + 1
        while j < len(lines) and len(run) < LIST_MAX_ITEMS:
            if not _item_like(lines[j].text) or p[j] < LIST_MIN_P:
                break  # menus and link lists read as nothing like body text
            if i not in body and len(lines[j].text) >= 80 and pat.ends_sentence(lines[j].text):
                break  # a paragraph again: the doubted lead-in's list is over
            run.append(j)
            if lines[j].blank_after:
                break
            j += 1
        if len(run) >= 2:
            found.update(run)
            found.add(i)
    found.update(_numbered_run(lines, first, last))
    found.update(_interview_run(lines, body, first, last))
    found.update(_shaped_runs(lines, p, body, first, last))
    return found


_SEPARATORS = (" – ", " — ", " -- ", " - ", " @ ", ": ", " | ", " / ")


def _shape(text: str) -> tuple[bool, bool, tuple[bool, ...]]:
    """What list items of one list share: how they open and which separators they use."""
    head = text[:24]
    return (
        pat.has_date(head) or head[:1].isdigit(),
        pat.bullet_text(text) is not None,
        tuple(sep in text for sep in _SEPARATORS),
    )


def _shaped_runs(
    lines: Sequence[Line], p: Sequence[float], body: set[int], first: int, last: int
) -> set[int]:
    """The rest of a list the classifier took in part: within a run of lines with no
    blank line between them, mostly body, the lines shaped like its body lines."""
    found: set[int] = set()
    start = 0
    while start < len(lines):
        end = start
        while (
            end + 1 < len(lines) and not lines[end].blank_after and not lines[end + 1].blank_before
        ):
            end += 1
        run = range(start, end + 1)
        start = end + 1
        inside = [i for i in run if i in body]
        if len(run) < 3 or len(inside) < 3 or not first <= run[0] <= last + 2:
            continue
        shapes = [_shape(lines[i].text) for i in inside]
        common = max(set(shapes), key=shapes.count)
        if shapes.count(common) * 2 <= len(inside) or not (common[0] or common[1]):
            continue  # not an enumeration (dates, numbers, bullets) shared by most lines
        found.update(
            i
            for i in run
            if _shape(lines[i].text) == common and p[i] >= LIST_MIN_P and _item_like(lines[i].text)
        )
    return found


def _item_like(text: str) -> bool:
    """A line that can be a list item: a few words, not an ad label or a credit."""
    return 1 <= count_words(text) <= 60 and not is_ad_label(text) and not pat.credit_only(text)


def _numbered_run(lines: Sequence[Line], first: int, last: int) -> set[int]:
    """Items numbered 1, 2, 3 ... (at least three) whose first item is in the article."""
    found: set[int] = set()
    numbers = {
        i: int(m.group(1))
        for i, line in enumerate(lines)
        if (m := _NUMBERED.match(line.text)) and _item_like(line.text)
    }
    for start, n in numbers.items():
        if n != 1 or not first - 2 <= start <= last + 2:
            continue
        chain = [start]
        while len(chain) < LIST_MAX_ITEMS:
            nxt = next(
                (
                    k
                    for k in range(chain[-1] + 1, chain[-1] + 5)
                    if numbers.get(k) == n + len(chain)
                ),
                None,
            )
            if nxt is None:
                break
            chain.append(nxt)
        if len(chain) >= 3:
            found.update(chain)
    return found


SPEAKER = re.compile(r"^[A-ZА-Я]{1,2}\s?[:：]\s")
"""An interview's speaker label: "Q: ", "A: ", "В: "."""


def _interview_run(lines: Sequence[Line], body: set[int], first: int, last: int) -> set[int]:
    """The rest of an interview the classifier took in part: the "Q:"/"A:" lines from
    the article's first one on, and those that follow its last without a break."""
    found: set[int] = set()
    inside = [i for i in body if first <= i <= last and SPEAKER.match(lines[i].text)]
    if len(inside) < 2:
        return found
    found.update(i for i in range(min(inside), max(inside)) if SPEAKER.match(lines[i].text))
    j = max(inside)
    while j < len(lines) and len(found) < LIST_MAX_ITEMS:
        if not SPEAKER.match(lines[j].text):
            # A short aside of the interviewer's ("Now a few quick ones.") between
            # the questions does not end the interview.
            nxt = j + 1 < len(lines) and SPEAKER.match(lines[j + 1].text)
            if not nxt or len(lines[j].text) > 80 or not pat.ends_sentence(lines[j].text):
                break
        found.add(j)
        j += 1
    return found
