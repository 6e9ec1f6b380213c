"""The page-capture parser, element by element, on fixtures written for the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.capture.assemble import Analysis, assemble
from reader.formats.capture.body import is_tail_marker, list_items, strip_related_label
from reader.formats.capture.lines import Line, split_lines
from reader.formats.capture.parse import _best_copy, parse_capture
from reader.formats.capture.patterns import credit_only, split_credit
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


# --- whole pages: dash bullets, bracketed credit line, promo box, drop cap --------


def test_dash_bullets_are_standfirst_not_headline() -> None:
    article = parse("dash_bullets.txt")
    assert article.headline.startswith("Tollbridge bakery co-operative")
    assert article.section == "Business"
    assert len(article.bullets) == 2
    assert article.bullets[1].startswith("The co-operative says")


def test_bracketed_credit_line_goes_with_the_lead_caption() -> None:
    first = parse("dash_bullets.txt").blocks[0]
    assert first.kind == "caption"
    assert first.text.startswith("Baker Osric Fenwhistle loads loaves")
    assert first.credit == "Perrin Lodge/Marshland Gazette"


def test_drop_cap_paragraph_after_a_signup_box_is_kept() -> None:
    article = parse("dash_bullets.txt")
    paragraphs = kinds(article, "paragraph")
    assert paragraphs[0].startswith("Before dawn on a weekday")
    assert not any("subscrib" in b.text.lower() for b in article.blocks)


def test_advertisement_label_is_dropped() -> None:
    article = parse("dash_bullets.txt")
    assert not any(b.text == "Advertisement" for b in article.blocks)
    assert kinds(article, "subheading") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dash_bullets.txt", "Riverside villages campaign to keep their last bus route running"),
        ("bare_byline.txt", "Why small ports are racing to plug their ships into the grid"),
        (
            "french_credits.txt",
            "À Vallerive, les commerçants des quais attendent le retour des promeneurs",
        ),
    ],
)
def test_related_link_loses_its_label(name: str, expected: str) -> None:
    assert kinds(parse(name), "related") == [expected]


def test_headline_with_a_colon_keeps_it_as_related_text() -> None:
    assert strip_related_label("Cup final ratings: how every player did") == (
        "Cup final ratings: how every player did"
    )
    assert strip_related_label("MORE: Harbour wall repairs begin next week") == (
        "Harbour wall repairs begin next week"
    )


# --- newsletter promo inside the body, one-line standfirst -------------------------


def test_newsletter_promo_inside_the_body_is_dropped() -> None:
    article = parse("promo_standfirst.txt")
    texts = [b.text for b in article.blocks]
    assert not any("newsletter" in t.lower() or t == "Sign up" for t in texts)
    assert not any(t.startswith("Privacy notice") for t in texts)
    assert kinds(article, "subheading") == []
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 6
    assert paragraphs[4].startswith("Campaigners welcomed the vote")


def test_one_line_standfirst_is_the_single_bullet() -> None:
    article = parse("promo_standfirst.txt")
    assert article.bullets == (
        "Councillors find £2m for repairs to the Victorian pool after a petition signed by "
        "eleven thousand residents",
    )
    assert not any(b.text.startswith("Councillors find") for b in article.blocks)


# --- credit above the caption, question subheadings, pull quotes ---------------------


def test_copyright_line_is_the_credit_of_the_caption_under_it() -> None:
    captions = [b for b in parse("credit_above.txt").blocks if b.kind == "caption"]
    assert [(b.text[:30], b.credit) for b in captions] == [
        ("The orchid's pale flowers were", "Brackenfold Commons Trust"),
        ("Volunteers blocked the old dit", "Quillon Stark Photography"),
    ]


def test_short_questions_are_subheadings() -> None:
    assert kinds(parse("credit_above.txt"), "subheading") == [
        "Why did it vanish?",
        "What comes next?",
    ]


def test_pull_quote_repeating_the_body_is_a_quote() -> None:
    article = parse("credit_above.txt")
    assert kinds(article, "quote") == ["“I walked past it twice before I realised what it was.”"]
    assert len(kinds(article, "paragraph")) == 8


# --- bare-name byline, short captures --------------------------------------------------


def test_bare_name_next_to_the_date_is_the_byline() -> None:
    article = parse("bare_byline.txt")
    assert article.byline == "Leontyne Habberfield"
    assert article.published is not None and "April 9, 2026" in article.published
    assert article.bullets[0].startswith("The port says the change")


def test_short_capture_keeps_its_last_paragraph() -> None:
    paragraphs = kinds(parse("bare_byline.txt"), "paragraph")
    assert len(paragraphs) == 4
    assert paragraphs[-1].startswith("The authority still needs two large batteries")


# --- credits in other languages and styles ----------------------------------------------


def test_french_credits_and_related() -> None:
    article = parse("french_credits.txt")
    captions = [(b.text, b.credit) for b in article.blocks if b.kind == "caption"]
    assert captions == [
        (
            "Des promeneurs sur la passerelle rénovée, mardi matin.",
            "Basile Ferrand / Agence Lumière",
        ),
        (
            "Les nouveaux garde-corps, posés au-dessus de la rivière.",
            "Eulalie Brisson / La Gazette de Vallerive",
        ),
    ]
    assert len(kinds(article, "paragraph")) == 5


def test_chinese_photographer_and_source_credits() -> None:
    article = parse("chinese_credits.txt")
    captions = [(b.text, b.credit) for b in article.blocks if b.kind == "caption"]
    assert captions == [
        ("市民清晨走过刚刚恢复通行的松溪人行桥。", "松溪晚报记者 周雨桐"),
        ("工程人员在桥面上安装新的栏杆。", "松溪市市政工程管理处"),
    ]
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("松溪市市政工程管理处十二日宣布")
    assert kinds(article, "related") == []


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("(Image: © Jane Roe/Harbour Post)", "Jane Roe/Harbour Post"),
        ("Image copyright Fenland Trust", "Fenland Trust"),
        ("Photo : Jean Morel", "Jean Morel"),
        ("Foto: Ana Ribeiro", "Ana Ribeiro"),
        ("Фото: Иван Петров", "Иван Петров"),
        ("사진=한빛통신", "한빛통신"),
        ("写真：山田花子", "山田花子"),
        ("Crédito: Lucía Navarro", "Lucía Navarro"),
        ("© Tomasz Wrona", "Tomasz Wrona"),
        ("Al Denholm, Associated Press", "Al Denholm, Associated Press"),
        ("Courtesy of the Weir Museum", "Courtesy of the Weir Museum"),
        ("Hana Ruel/Quayside Post", "Hana Ruel/Quayside Post"),
        ("Photo illustration by Ledger. Photo by Ola Brandt.", "Ledger. Photo by Ola Brandt."),
        ("Фото", "Фото"),
        ("News/Sport", None),
    ],
)
def test_credit_lines_in_many_forms(line: str, credit: str | None) -> None:
    assert credit_only(line) == credit


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Boats in the bay. © Ida Lund / Nordkyst", "Boats in the bay.", "Ida Lund / Nordkyst"),
        (
            "Rowers at dawn. Kit Marr/Riverline via Fenwick Images",
            "Rowers at dawn.",
            "Kit Marr/Riverline via Fenwick Images",
        ),
        ("渡船靠岸。本报记者 李明 摄", "渡船靠岸。", "本报记者 李明"),
        ("Edmund Stroud Submitted photo", "Edmund Stroud", "Submitted photo"),
        ("Тихая улица вечером. Фото @ivan_lens", "Тихая улица вечером.", "@ivan_lens"),
        (
            "Posters from the campaign. (quietstreets.org)",
            "Posters from the campaign.",
            "quietstreets.org",
        ),
        (
            "Ines Pardo | Getty Images The mayor opens the new bridge",
            "The mayor opens the new bridge",
            "Ines Pardo | Getty Images",
        ),
        ("It ended well, said Ann Lee.", "It ended well, said Ann Lee.", None),
    ],
)
def test_trailing_credits(line: str, caption: str, credit: str | None) -> None:
    assert split_credit(line) == (caption, credit)


# --- the bundled sample articles --------------------------------------------------------

ARTICLES = Path(__file__).parent.parent / "articles"


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_sample_captures_have_a_real_headline(path: Path) -> None:
    article = parse_capture(path.read_text(encoding="utf-8"))
    assert article.headline and article.headline[0] not in "•-*·▪–"
    assert article.section
    assert len(kinds(article, "paragraph")) >= 5
    texts = [b.text for b in article.blocks]
    assert not any(t in {"Advertisement", "Sign up"} for t in texts)


@pytest.mark.parametrize("trail", ["Home » Maritime » ", "HomeMaritime"])
def test_breadcrumb_glued_to_the_headline_is_left_out(trail: str) -> None:
    text = (FIXTURES / "seed_layout.txt").read_text(encoding="utf-8")
    title = "Port Calder and Veska pledge to share pilot boats after winter of delays"
    text = text.replace(f"\n{title}\n", f"\n{trail}{title}\n{title}\n", 1)
    assert parse_capture(text).headline == title


def test_a_title_with_a_colon_is_not_cut_to_its_subtitle() -> None:
    # The subtitle repeated nearby (a share line) made "Title: Subtitle" look like a
    # breadcrumb glued to a headline; a colon ends a title's first part, not a trail.
    article = parse("title_subtitle.txt")
    assert article.headline == "Lighthouse keepers: the last night on Gull Point"


# --- lists inside the article, teaser boxes set into it ------------------------------------


def test_list_under_a_colon_line_is_kept_as_items() -> None:
    paragraphs = kinds(parse("lists.txt"), "paragraph")
    dates = [p for p in paragraphs if p.startswith("June ")]
    assert dates == [
        "June 6 -- The Net Loft, Saltmere",
        "June 8 -- Harbour Hall, Port Calder",
        "June 12 -- The Old Fish Market, Gullhaven",
        "June 14 -- St Brannock's Church, Veska",
        "June 19 -- Quayside Stage, Corran",
    ]


def test_numbered_list_is_kept_as_items() -> None:
    paragraphs = kinds(parse("lists.txt"), "paragraph")
    assert [p[:3] for p in paragraphs[-4:]] == ["1) ", "2) ", "3) ", "4) "]


def test_article_goes_on_past_a_teaser_box_set_into_it() -> None:
    article = parse("lists.txt")
    texts = [b.text for b in article.blocks]
    assert not any("Seal pups" in t or "Tide tables" in t or t == "Most read" for t in texts)
    assert any(t.startswith("The band's fiddler, Rosalind Achterwood") for t in texts)
    assert any(t.startswith("The lifeboat charity said") for t in texts)
    assert kinds(article, "subheading") == []


def test_a_list_the_classifier_took_in_part_is_taken_whole() -> None:
    dates = [f"July {d} – Saltmere @ The Net Loft" for d in range(1, 9)]
    texts = ["The tour opens in July and visits every harbour on the coast this summer.", *dates]
    lines = [Line(t, 0, k in (0, 1), k in (0, len(texts) - 1)) for k, t in enumerate(texts)]
    p = [0.99, 0.7, 0.7, 0.6, 0.6, 0.2, 0.2, 0.1, 0.1]
    body = {0, 1, 2, 3, 4}
    assert list_items(lines, p, body, 0, 4) >= set(range(1, 9))


# --- what follows the article: comments and their form ------------------------------------


def test_comment_section_after_the_article_is_dropped() -> None:
    article = parse("comments.txt")
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 5
    assert paragraphs[-1].startswith("The first trees, a row of old local apple varieties")
    assert not any("says:" in b.text or "foxes" in b.text for b in article.blocks)


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("14 responses to “Harbour lease”", True),
        ("gardenerjune says:", True),
        ("Leave a Reply", True),
        ("Your email address will not be published. Required fields are marked *", True),
        ("You may also like...", True),
        ("Comments", False),  # often a button in the middle of the page
        ("The council says the lease will last ten years.", False),
    ],
)
def test_tail_markers(line: str, marker: bool) -> None:
    assert is_tail_marker(line) is marker


def test_caption_cue_next_to_a_credit_line_is_a_caption() -> None:
    text = (FIXTURES / "seed_layout.txt").read_text(encoding="utf-8")
    old = "Ferry captain Oona Brask (left)"
    line = next(t for t in text.splitlines() if t.startswith(old))
    caption = line.rsplit(" Photo:", 1)[0]
    text = text.replace(line, f"Rhian Mostyn/Ledgerwire\n\n{caption}")
    first = parse_capture(text).blocks[0]
    assert first.kind == "caption"
    assert first.text.startswith(old)
    assert first.credit == "Rhian Mostyn/Ledgerwire"


# --- one-paragraph briefs, interviews, deal lists ------------------------------------------


def test_one_paragraph_brief_keeps_its_paragraph() -> None:
    article = parse("brief.txt")
    assert article.headline == "Footbridge over the Tamsel closed after storm damage"
    assert article.bullets == ()
    paragraphs = kinds(article, "paragraph")
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("The council's highways team closed the footbridge")


def test_interview_questions_and_answers_are_paragraphs() -> None:
    article = parse("interview.txt")
    paragraphs = kinds(article, "paragraph")
    assert (
        "A: Old sea stories, mostly, and anything by writers who lived on this coast" in paragraphs
    )
    assert "Q: What would you change about the town?" in paragraphs
    assert kinds(article, "related") == []
    assert kinds(article, "subheading") == []


def test_standfirst_ending_in_a_full_stop_is_not_the_headline() -> None:
    text = (FIXTURES / "promo_standfirst.txt").read_text(encoding="utf-8")
    text = text.replace("eleven thousand residents\n", "eleven thousand residents.\n", 1)
    article = parse_capture(text)
    assert article.headline.startswith("Fenmouth council votes to keep its swimming baths")
    assert article.bullets[0].endswith("eleven thousand residents.")


# --- repeated headlines, doubted lead-ins, interview tails, briefs over a footer ---------


def fixture_lines(name: str) -> list[Line]:
    """The lines of one fixture capture, as the classifiers see them."""
    return split_lines((FIXTURES / name).read_text(encoding="utf-8"))


def test_repeated_headline_moves_to_the_copy_over_the_article() -> None:
    lines = fixture_lines("repeated_headline.txt")
    title = "Kestrel Hub's new handheld console skips a steady frame rate"
    first, second = [i for i, line in enumerate(lines) if line.text == title]
    prose = {i for i, line in enumerate(lines) if len(line.text) >= 120}
    p = [0.9 if i in prose else 0.02 for i in range(len(lines))]
    assert _best_copy(lines, p, second) == first
    assert _best_copy(lines, p, first) == first


def test_list_under_a_doubted_lead_in_is_kept() -> None:
    lines = fixture_lines("lead_in_lists.txt")
    texts = [line.text for line in lines]
    lead = texts.index("Foods you can eat freely in the first stage include:")
    prose = {i for i, t in enumerate(texts) if len(t) >= 80 and i != lead}
    p = [0.95 if i in prose else 0.3 for i in range(len(lines))]
    items = list_items(lines, p, prose, min(prose), max(prose))
    assert {texts[i] for i in items} == {
        "Foods you can eat freely in the first stage include:",
        "any leafy greens (raw or cooked)",
        "beans and lentils of every kind",
        "root vegetables (except the starchiest)",
        "eggs (boiled or poached)",
        "plain yoghurt (a bowl a day)",
        "apples and pears",
    }


def test_interview_tail_the_classifier_doubts_is_kept() -> None:
    article = parse("interview_tail.txt")
    paragraphs = kinds(article, "paragraph")
    assert "Q: Which project are you proudest of?" in paragraphs
    assert "A: Lisbon, for the light and the hills" in paragraphs
    assert paragraphs[-1] == "A: A second-hand bicycle with a basket"
    assert kinds(article, "subheading") == []


def test_brief_keeps_its_paragraph_when_only_a_footer_reads_as_body() -> None:
    lines = fixture_lines("brief_footer.txt")
    texts = [line.text for line in lines]
    h = texts.index("Library van stops at three new villages from April")
    para = next(i for i, t in enumerate(texts) if t.startswith("The county's mobile library"))
    footer = next(i for i, t in enumerate(texts) if t.startswith("Fenmouth County Council"))
    p = [0.0] * len(lines)
    p[para], p[footer] = 0.3, 0.6
    article = assemble(Analysis(lines, p, (footer, footer), h, {}))
    assert texts[para] in kinds(article, "paragraph")


def test_fifty_thousand_bullet_lines_keep_their_text() -> None:
    points = [f"Point {i} about the harbour ferry timetable" for i in range(50_000)]
    text = "Ferry news\n\n" + "".join(f"• {point}\n" for point in points)
    article = parse_capture(text)
    shown = {*article.bullets, *(block.text for block in article.blocks)}
    assert article.headline == "Ferry news"
    assert shown == set(points)
