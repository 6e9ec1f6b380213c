"""Regular patterns of news pages: photo credits, bylines, dates, bullets.

These are the conventions of the trade, not of one site: the credit forms
the wire agencies and most publishers use ("Photo: X", "(AP Photo/X)",
"X via Getty Images", "Credit: X"), byline prefixes and date shapes in the
languages the reader meets most.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

# Words that label a photo credit, in several languages.
_PHOTO_WORDS = (
    r"(?:Photo(?:graph)?s?(?: illustration)?|Picture|Pictures|Pic|Image|Images|Credit|Credits|"
    r"Illustration|"
    r"Foto(?:s|grafia|grafie|graf)?|Fotó|Bild|Фото|Fotografía|Imagem|Imagen|Crédito|Créditos|"
    r"Crédit|Source|Video|Ilustrasi|Ilustración|Ilustração|Иллюстрация|Снимок|Zdjęcie|Kuva|"
    r"图片来源|图片|图|摄影|照片|写真|撮影|사진|그래픽)"
)
# Wire agencies and photo libraries whose name alone marks a credit.
_AGENCIES = (
    r"(?:Getty(?: Images)?|AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Xinhua|Shutterstock|Alamy|"
    r"Bloomberg|PA(?: Images| Wire)?|iStock(?:photo)?|Corbis|Associated Press|"
    r"ASSOCIATED PRESS|AAP|ANP|DPA|dpa|Anadolu|Sipa|SIPA|Zuma|ZUMA|TASS|РИА Новости|"
    r"Yonhap|Kyodo|Rex Features|NurPhoto|Pool|POOL|Courtesy|Handout|File|USATSI|"
    r"USA TODAY Sports|Imago|IMAGO|picture alliance|picture-alliance|Keystone|KEYSTONE|"
    r"Unsplash|Pixabay|Wikimedia Commons)"
)

# A credit run on at the end of a caption, with or without a space before it:
# "...treatmentCredit: EPA", "... Photo: Xinhua", "... Photograph by Robyn Beck".
_TRAILING_LABEL = re.compile(
    rf"(?:(?<=[\s.,;!?)\]”\"’'。！？）])|(?<=[a-z]))(?P<label>{_PHOTO_WORDS})"
    r"(?:\s*[:：=]\s*|\s+(?:by|von|por|par)\s+|\s+(?=@))(?P<credit>[^.!?。]{2,80}?)[.。]?$"
)
# "X via Getty Images", "Jane Doe/AFP", "REUTERS/Jane Doe" at the very end.
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_NAME = rf"(?:[{_UPPER}][\w.'’&-]*\s){{0,4}}[{_UPPER}][\w.'’&-]*"
# A credit in brackets at the end: "(AP Photo/Jane Doe)", "[File: Reuters]",
# "(Jane Doe/Harbourline)". A slash alone is no credit: bracketed source notes
# ("[Report 2023/24, p. 12]") hold slashes too, so it must join two names.
_TRAILING_BRACKET = re.compile(
    rf"\s*[(\[](?P<credit>[^()\[\]]*\b(?:{_PHOTO_WORDS}|{_AGENCIES}|via)\b[^()\[\]]*|"
    rf"\s*(?:\w+:\s*)?{_NAME}(?:\s?/\s?{_NAME})+\s*|"
    r"[\w.-]+\.[a-z]{2,6})[)\]]\.?$"
)
_TRAILING_AGENCY = re.compile(
    rf"(?:(?<=[.!?”\"’')])\s*|(?<=[a-z]))(?P<credit>{_NAME}(?:\s+via\s+|\s?[/|]\s?)"
    rf"{_AGENCIES}[\w /.-]{{0,30}}|{_AGENCIES}(?:\s?/\s?{_NAME})?)$"
)
# A copyright sign near the end: "... stalls. © Jane Doe / The Courier".
_TRAILING_COPYRIGHT = re.compile(
    r"(?<=[\s.!?”\"’')。！？])\s*(?:/\s*)?(?:©|\(C\))\s*(?P<credit>[^©]{2,80}?)\.?$"
)
# A Chinese photographer's credit: "... 记者 X 摄" ("photographed by X").
_TRAILING_SHOT = re.compile(r"(?<=[。！？\s])\s*(?P<credit>[^。！？]{2,30}?)\s*摄(?:影)?$")
# Names joined by a slash or "via" after the caption's last sentence:
# "... depot. Jane Doe/Harbourline via Some Images" (an agency this list never saw).
_TRAILING_NAMES = re.compile(
    rf"(?<=[.!?”\"’')])\s+(?P<credit>{_NAME}(?:(?:\s?/\s?|\s+via\s+){_NAME})+)$"
)
# "Credit" glued on to the caption's last word or stop, no colon or space:
# "... greet the boat.CreditJane Doe" (a page's credit element run on).
_TRAILING_GLUED = re.compile(rf"(?<=[a-z.!?”\"’)])Credits?(?P<credit>{_NAME})$")
# Newsroom credit words after the caption: "Jane Doe Submitted photo", "... Staff photo".
_TRAILING_KIND = re.compile(
    r"(?<=\S)\s+(?P<credit>(?:Submitted|Contributed|Staff|File|Handout|Provided|Special to the)"
    r" (?:photo|image|picture|graphic)s?)\.?$",
    re.IGNORECASE,
)
# A credit before the caption: "Jane Doe | Getty Images The mayor speaks ...".
_LEADING_AGENCY = re.compile(
    rf"^(?P<credit>{_NAME}\s?[|/]\s?{_AGENCIES}(?: Images)?)\s+(?=[{_UPPER}])"
)
# A whole line that is only a credit.
_CREDIT_LINE = re.compile(
    rf"^(?:(?:{_PHOTO_WORDS})\s*(?:[:：=]|by\b|von\b|por\b|par\b|de\b|di\b)\s*(?P<a>.{{2,80}})|"
    rf"©\s*(?P<b>.{{2,80}})|"
    rf"(?:Image )?[Cc]opyright\s+(?P<c>.{{2,80}})|"
    rf"(?P<d>(?:[\w.'’-]+ ){{0,4}}(?:via |[/|] ?){_AGENCIES}[\w /.-]{{0,30}})|"
    rf"(?P<e>{_AGENCIES}(?: ?/ ?[\w.'’ -]{{2,40}})?)|"
    rf"(?P<f>{_NAME}(?:,| -| –| for) (?:{_AGENCIES}|The [\w ]{{2,30}}))|"
    rf"(?P<g>(?:Courtesy|Cortesia|Cortesía|Avec l'aimable autorisation)(?: of| de)? .{{2,60}})|"
    rf"(?P<h>{_NAME} {_NAME}\s?/\s?{_NAME})|"
    r"(?P<i>Photos?|Fotos?|Фото|Photograph|사진|写真|照片))$"
)
# Caption prefixes some publishers print before the caption text.
_CAPTION_PREFIX = re.compile(
    r"^(?:(?:Image|Media|Video) ?caption:?\s*|"
    r"(?:Image|Photo|Picture|Foto|Фото|Above|Below|Top|Left|Right|Pictured|Inset|"
    r"(?:Main|Top|Header|Featured|Lead) (?:image|photo|picture)):\s+(?=\S+(?:\s+\S+){4}))",
    re.IGNORECASE,
)

_BYLINE = re.compile(
    r"^(?:By|BY|by|Written by|Words by|Posted by|Por|POR|Par|PAR|Von|VON|Di|Oleh|Автор:?|"
    r"Текст:?|Texto:?|Reportagem:?)\s+(?P<name>[^\s].{1,100})$"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    r"enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|"
    r"Januar|Februar|März|Juni|Juli|Oktober|Dezember|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    r"Januari|Februari|Maret|Mei|Agustus|Desember|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
_DATE = re.compile(
    rf"\b{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\b\d{{1,2}}(?:st|nd|rd|th)?\.? (?:de )?"
    rf"{_MONTHS}\.?,? (?:de )?\d{{4}}|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\d{4} ?年 ?\d{1,2} ?月|\d{4}\. ?\d{1,2}\. ?\d{1,2}|"
    rf"\b{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}:\d{{2}}\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^[•\-*·▪‣◦●■–]\s*(?P<text>\S.*)$")
_TERMINAL = re.compile(r"[.!?。！？…:;]['\"’”»)\]]*$")


_TRAILING_CREDITS = (
    _TRAILING_LABEL,
    _TRAILING_BRACKET,
    _TRAILING_AGENCY,
    _TRAILING_COPYRIGHT,
    _TRAILING_SHOT,
    _TRAILING_NAMES,
    _TRAILING_KIND,
    _TRAILING_GLUED,
)

# Cheap necessary conditions for the credit patterns above, one each, in the
# same order. Those patterns start with look-behinds, so the regex engine
# tries them at every position of a line (tens of microseconds for a
# paragraph); each one needs some word or character this test looks for
# first, so a line that fails the test cannot match and is skipped.
_PHOTO_WORD = re.compile(_PHOTO_WORDS)
_AGENCY_WORD = re.compile(_AGENCIES)
_KIND_END = re.compile(r"(?:photo|image|picture|graphic)s?\.?$", re.IGNORECASE)


def _may_end_in_bracket(text: str) -> bool:
    """Necessary for _TRAILING_BRACKET: a closing bracket, then at most ".", at the end."""
    tail = text[:-1] if text.endswith("\n") else text  # "$" also matches before a final newline
    return tail.endswith((")", "]", ").", "]."))


def _may_end_in_kind(text: str) -> bool:
    """Necessary for _TRAILING_KIND: "photo", "image" ... within the last dozen characters."""
    return _KIND_END.search(text[-12:]) is not None


_CREDIT_TESTS: tuple[tuple[re.Pattern[str], Callable[[str], object]], ...] = (
    (_TRAILING_LABEL, _PHOTO_WORD.search),
    (_TRAILING_BRACKET, _may_end_in_bracket),
    (_TRAILING_AGENCY, _AGENCY_WORD.search),
    (_TRAILING_COPYRIGHT, lambda text: "©" in text or "(C)" in text),
    (_TRAILING_SHOT, lambda text: "摄" in text),
    (_TRAILING_NAMES, lambda text: "/" in text or "via" in text),
    (_TRAILING_KIND, _may_end_in_kind),
    (_TRAILING_GLUED, lambda text: "Credit" in text),
)
assert tuple(pattern for pattern, _ in _CREDIT_TESTS) == _TRAILING_CREDITS


MEMO_LINES = 4096
"""The credit and date tests remember this many recent lines: the parser asks
about one line several times (as a feature, a headline candidate, a caption
candidate), and page furniture repeats from one capture to the next."""


# A label inside a bracketed credit, which the credit shown does not repeat:
# "(credit: NASA/Jane Doe)".
_CREDIT_LABEL = re.compile(r"^(?:credits?|photos?|image|foto)\s*:\s*", re.IGNORECASE)


@lru_cache(maxsize=MEMO_LINES)
def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption into (caption text, credit or None).

    Handles a credit run on at the end ("...Photo: Xinhua", "...treatmentCredit:
    EPA"), in brackets ("(AP Photo/Jane Doe)"), after "via" or a slash
    ("Jane Doe via Getty Images"), and the "Image caption" prefix.
    """
    body = _CAPTION_PREFIX.sub("", text, count=1) or text
    for pattern, may_match in _CREDIT_TESTS:
        match = pattern.search(body) if may_match(body) else None
        if match and match.start() > 0:
            caption = body[: match.start()].rstrip(" ,;-–—|")
            credit = _CREDIT_LABEL.sub("", match.group("credit").strip(), count=1)
            if caption and credit:
                return caption, credit
    lead = _LEADING_AGENCY.match(body)
    if lead and len(body[lead.end() :].split()) >= 4:
        return body[lead.end() :], lead.group("credit").strip()
    return body, None


def has_trailing_credit(text: str) -> bool:
    """True when a line ends with a photo credit in one of the known forms."""
    return split_credit(text)[1] is not None


@lru_cache(maxsize=MEMO_LINES)
def credit_only(text: str) -> str | None:
    """The credit when the whole line is a credit ("Photo: X", "Getty Images"), else None.

    The line may stand in brackets: "(Image: © Jane Doe/Agency)".
    """
    if len(text) > 100:
        return None
    if text[:1] in "([（［" and text[-1:] in ")]）］":
        text = text[1:-1].strip()
    match = _CREDIT_LINE.match(text)
    if not match:
        return None
    value = next(g for g in match.groups() if g is not None).strip()
    value = value.lstrip("©").strip()
    if len(value.split()) > 6:
        return None
    return value or None


_CAPTION_CUE = re.compile(
    r"\b(?:pictured|photographed|seen here|file photo)\b|"
    r"\((?:left|right|centre|center|top|bottom|L|R|front|back|inset)\)|"
    r"\b(?:à gauche|à droite|à esquerda|à direita|слева|справа)\b",
    re.IGNORECASE,
)


def has_caption_cue(text: str) -> bool:
    """True for words that describe a photo: "pictured", "(left)", "seen here"."""
    return _CAPTION_CUE.search(text) is not None


def has_caption_prefix(text: str) -> bool:
    """True for "Image caption ..." / "Media caption ..." lines."""
    return _CAPTION_PREFIX.match(text) is not None


def byline_name(text: str) -> str | None:
    """The author named by a byline line ("By Jane Doe"), else None."""
    if len(text) > 120:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    name = match.group("name").strip()
    return name if name[:1].isupper() or not name[:1].isalpha() else None


@lru_cache(maxsize=MEMO_LINES)
def has_date(text: str) -> bool:
    """True when the line holds a date or a time of day."""
    head = text[:200]
    # Every form of _DATE holds a digit; most lines of prose hold none.
    return _DIGIT.search(head) is not None and _DATE.search(head) is not None


def bullet_text(text: str) -> str | None:
    """The text after a bullet marker (•, -, *, ·, ▪), else None."""
    match = _BULLET.match(text)
    return match.group("text") if match else None


_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]]{1,80}[)\]]\.?$")
"""A bracketed note closing a line: "... final. [Source: Ministry]", "(AP Photo/X)"."""


def ends_sentence(text: str) -> bool:
    """True when the line ends with closing punctuation (after any closing quote),
    or when its text before a closing bracketed note does: a paragraph that ends
    "... were final. [Source: Ministry]" is still prose that ends a sentence."""
    if _TERMINAL.search(text[-8:]) is not None:
        return True
    if not text.endswith((")", "]")):
        return False
    note = _TRAILING_NOTE.search(text[-90:])
    if note is None:
        return False
    before = text[: len(text) - (len(text[-90:]) - note.start())]
    return _TERMINAL.search(before[-8:]) is not None


SOURCE_NOTE_MIN_CHARS = 150
"""A line this long that ends in a bracketed credit may be prose with a source note."""


def source_note_lines(texts: Sequence[str], ends: Sequence[float]) -> frozenset[int]:
    """The lines whose bracketed "credit" is a source note closing a paragraph.

    Some pages end every paragraph with a note in brackets ("... final.
    [Source: Ministry]"); the credit patterns take each for a photo credit and
    the paragraph for a caption. When at least three long lines end a sentence
    and then such a note, and they are at least half of the page's long prose,
    they are paragraphs: a page's captions are never most of its prose.
    `ends` holds each line's `ends_sentence`, which the caller has already.
    """
    noted = [
        index
        for index, text in enumerate(texts)
        if len(text) >= SOURCE_NOTE_MIN_CHARS
        and text.endswith((")", "]"))
        and _TERMINAL.search(text[-8:]) is None  # "... said.)" is prose, not a note
        and ends[index]  # so the sentence ends before the note
        and has_trailing_credit(text)
    ]
    if len(noted) < 3:
        return frozenset()
    long_prose = sum(1 for text, end in zip(texts, ends, strict=True) if len(text) >= 80 and end)
    return frozenset(noted) if 2 * len(noted) >= long_prose else frozenset()


# The notes that close an article: who contributed, who the author is, where
# the piece first ran. They end the body but read like furniture.
_END_NOTE = re.compile(
    r"\b(?:contributed (?:to )?(?:this )?report(?:ing)?|additional reporting by|"
    r"reporting by|editing by|written by|"
    r"is an? (?:staff |senior |freelance |contributing )?"
    r"(?:writer|reporter|correspondent|editor|journalist|columnist|author)\b|"
    r"(?:this|the) (?:article|story|piece|post) (?:was |first |originally )*"
    r"(?:published|appeared|ran)\b|follow (?:him|her|them) on|"
    r"mitarbeit:|mit material von|avec (?:l'afp|afp|reuters)|con información de)",
    re.IGNORECASE,
)
# A numbered heading or step: "1. Pack light", "2) The route".
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")


def is_end_note(text: str) -> bool:
    """True for a closing note: "Jane Doe contributed reporting", an author's bio."""
    return len(text) <= 400 and _END_NOTE.search(text) is not None


def is_numbered(text: str) -> bool:
    """True for a line that opens with a list number: "1. Pack light"."""
    return _NUMBERED.match(text) is not None
