"""Words for synthetic articles: vocabularies, names and a fast sentence source.

English text follows a Zipf-like law as real text does: a few function
words ("the", "of", "and" ...) make up close to half of it, a few hundred
news words are common, and thousands of made-up place and family names and
rare terms are each found in a few articles only. French, German and
Chinese have smaller vocabularies of their own. Every word and name here is
made up for the project or is ordinary dictionary language.

Speed: drawing each word with `random.choices` costs about 0.25 µs; a whole
library draws tens of millions. So each language draws one long stream of
words once (`Words`), and a sentence is a slice of it at a random offset:
the words keep their frequencies and a sentence costs well under 1 µs.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass


def split_words(text: str) -> list[str]:
    """The words of a space-separated list (keeps long vocabularies compact)."""
    return text.split()


# (word, weight): weights are rough counts per 100,000 words of news English.
FUNCTION_EN = (
    "the:6000 of:3000 and:2800 to:2600 a:2300 in:2100 that:1000 is:900 for:900 on:750 "
    "was:700 with:650 said:600 it:600 as:500 at:500 by:500 he:450 from:450 his:350 be:350 "
    "have:350 has:350 are:350 were:300 will:300 an:300 its:280 they:280 not:270 this:270 "
    "but:270 who:250 after:200 their:200 had:200 been:180 more:170 she:170 her:160 up:150 "
    "one:150 new:150 over:120 which:120 year:120 than:110 out:110 about:110 would:110 "
    "could:90 also:100 people:90 when:90 two:90 there:80 into:80 last:80 first:80 we:80 "
    "our:50 before:50 while:50 under:40 between:40 since:40 because:40 most:40 other:40 "
    "many:40 some:40 three:35 week:35 years:35 told:35 still:30 only:30 so:30 all:30"
)

NEWS_EN = split_words("""
harbour council ferry crews union talks winter delays residents timetable traders cost museum
volunteers river festival lanterns budget library school doctors clinic night tram line bridge
repairs island weather storm record visitors compass start-up engineers tidal array power
market housing rent tenants landlord planning permission mayor minister government election
vote voters campaign party opposition coalition parliament debate bill law court judge trial
police officers investigation report inquiry hospital patients nurses waiting list funding
grant scheme project plan proposal consultation protest strike workers wages pay pension
company shares profits losses investors bank interest rates inflation prices fuel energy
electricity gas grid wind solar turbines farm farmers harvest drought flood rain snow frost
coast beach cliffs erosion wildlife birds fish fishing boats port cargo shipping container
rail railway station trains passengers buses routes road traffic cyclists pedestrians airport
flights runway tourism hotel restaurant chef menu theatre orchestra concert gallery exhibition
painting artist novel author poet film director actor season league match goal coach players
team club stadium fans championship final title record marathon athletes swimming sailing
science researchers study university students teachers exam results children parents families
neighbours community charity donations volunteers church village town city district county
region province border treaty agreement summit leaders trade exports imports tariffs
factory jobs unemployment economy growth recession budget deficit tax taxes spending cuts
water supply pipes reservoir hosepipe ban recycling waste rubbish collection streets lights
park garden trees orchard apples bees pollinators climate emissions carbon target network
internet broadband phone app data privacy software hackers attack security army navy
ceremony anniversary memorial history archive records lighthouse keepers castle cathedral
bakery bread cheese wine vineyard brewery coffee tea shop shops owners customers queue
fire brigade firefighters rescue lifeboat coastguard accident crash injuries ambulance
""")

ROOTS = split_words("""
ald bran cor dun eld fen gar hal ist jor kel lin mar nor orr pel quen ros sel tal ulm val
wen yar zel bry cal dro fal gil hol kes lor mor ness pol rav sor tor vel wyn
""")
ENDINGS = split_words("""
mere moor wick ford ham ton by dale stead haven mouth bridge water holm ley thorpe field
gate ridge more vale brook wold
""")
FIRST_NAMES = split_words("""
Mira Tobias Inès Zoë Søren Ólafur Małgorzata José Björn Anaïs Nuño Chloé Amara Kenji Priya
Dmitri Fatima Leila Oisín Siobhán Tomasz Hélène Jürgen Ana Rui Yusuf Ngozi Aroha Lucía
Matías Eero Aino Kofi Ines Ravi Hana Theo Elif Omar Greta Nils Ada Bruno Clara Dario
""")
FAMILY_NAMES = split_words("""
Castell Wren Laurent Okafor Nakamura Brennan Moreau Halvorsen Kowalczyk Ferreira Lindqvist
Abernethy Oyelaran Desrosiers Quayle Marchetti Vasquez Thorne Rahman Ellery Duchamp
Strand Kiernan Montfort Achebe Sørensen Müller Ibáñez Galloway Pryce
""")
ROLES = (
    "a spokesperson for the council",
    "the harbour master",
    "a local trader",
    "the union's regional organiser",
    "the head teacher",
    "a senior engineer on the project",
    "the festival's director",
    "a resident of thirty years",
)

FUNCTION_FR = (
    "le:3000 la:2800 les:2600 de:5000 des:2200 du:1500 et:2600 à:2000 un:1500 une:1400 "
    "en:1400 pour:900 que:900 qui:800 dans:1200 sur:800 au:700 par:700 avec:600 ne:300 "
    "pas:300 plus:400 est:900 a:700 été:500 son:400 sa:350 ses:300 ce:350 cette:300 selon:150"
)
NEWS_FR = split_words("""
marché couvert portes travaux habitants halle rénovée producteurs régionaux matin mairie
hiver quartier écoles médecins tramway ligne pont réparations île tempête visiteurs
budget bibliothèque grève syndicat négociations retraités loyers logement élus conseil
municipal préfecture région département agriculteurs récolte sécheresse pêcheurs port
théâtre festival musée exposition élèves enseignants hôpital urgences infirmières fermeture
réouverture chantier vélo piétons circulation gare train voyageurs horaires été automne
""")

FUNCTION_DE = (
    "der:3000 die:3200 das:1500 und:2600 zu:900 den:1200 von:900 mit:800 sich:600 des:700 "
    "auf:700 für:700 ist:900 im:700 dem:600 nicht:500 ein:800 eine:700 als:500 auch:500 "
    "es:400 an:400 werden:300 aus:400 er:300 hat:500 dass:400 sie:500 nach:400 wird:400 bei:300"
)
NEWS_DE = split_words("""
Hafen Fähre Brücke Straßenbahn Bürger Gemeinderat Bürgermeister Schüler Öffnungszeiten
Müllabfuhr Haushalt Stadtwerke Wohnungen Mieten Baustelle Umleitung Bahnhof Fahrgäste
Krankenhaus Ärzte Pflegekräfte Gewerkschaft Streik Verhandlungen Winter Überschwemmung
Hochwasser Deich Küste Fischer Landwirte Ernte Dürre Museum Ausstellung Theater Verein
Spielzeit Mannschaft Trainer Saison Schwimmbad Radweg Fußgänger Verkehr Flughafen
""")

ZH = split_words("""
澄湾 夜间 公交 线路 开通 市民 乘客 末班车 凌晨 交通 部门 表示 城市 发展 地铁 站点 港口 渡轮
码头 工人 工会 谈判 冬季 延误 居民 时刻表 商户 成本 博物馆 志愿者 河流 节日 灯笼 预算
图书馆 学校 医生 诊所 电车 桥梁 维修 岛屿 天气 暴雨 纪录 游客 工程师 潮汐 电力 市场
住房 租金 规划 市长 政府 选举 法院 警方 调查 医院 病人 护士 资金 项目 计划 抗议 罢工
工资 公司 利润 投资者 银行 利率 物价 能源 农民 收成 干旱 洪水 海岸 野生 鸟类 渔船 货运
铁路 车站 列车 道路 自行车 机场 航班 旅游 酒店 餐厅 剧院 音乐会 展览 画家 作家 电影
比赛 球队 球迷 冠军 科学 研究 大学 学生 老师 考试 儿童 家庭 社区 慈善 村庄 城镇
""")
ZH_FUNCTION = "的:900 了:300 在:400 是:300 和:300 也:100 将:120 已:80"


def weighted(spec: str) -> list[tuple[str, float]]:
    """`word:weight` pairs from a space-separated spec."""
    pairs = []
    for item in spec.split():
        word, weight = item.rsplit(":", 1)
        pairs.append((word, float(weight)))
    return pairs


def zipf(words: list[str], total: float, offset: float = 8.0) -> list[tuple[str, float]]:
    """`words` with Zipf-like weights (the first most common) adding up to `total`."""
    raw = [1.0 / (rank + offset) for rank in range(len(words))]
    scale = total / sum(raw)
    return [(word, weight * scale) for word, weight in zip(words, raw, strict=True)]


def made_up_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct made-up place names (Aldmere, Korwick, ...)."""
    names: dict[str, None] = {}
    while len(names) < count:
        root = rng.choice(ROOTS) + rng.choice(("", "", "a", "e", "o", "en", "an"))
        names.setdefault((root + rng.choice(ENDINGS)).capitalize(), None)
    return list(names)


def made_up_terms(rng: random.Random, count: int) -> list[str]:
    """`count` made-up lower-case words: the rare tail of the vocabulary."""
    syllables = [c + v for c in "bdfgklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    terms: dict[str, None] = {}
    while len(terms) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        terms.setdefault(word + rng.choice(("", "", "n", "s", "t", "r")), None)
    return list(terms)


@dataclass
class Words:
    """One language's stream of words in their frequencies, read in slices."""

    stream: list[str]
    cjk: bool = False

    @classmethod
    def draw(cls, rng: random.Random, pairs: list[tuple[str, float]], size: int) -> Words:
        """A stream of `size` words drawn from weighted `pairs`."""
        population = [word for word, _ in pairs]
        cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        return cls(rng.choices(population, cum_weights=cumulative, k=size))

    def words(self, rng: random.Random, count: int) -> list[str]:
        """`count` consecutive words from a random place in the stream."""
        start = rng.randrange(len(self.stream) - count)
        return self.stream[start : start + count]

    def sentence(self, rng: random.Random, low: int = 8, high: int = 26) -> str:
        """A sentence of `low` to `high` words, capitalised, with a full stop."""
        picked = self.words(rng, rng.randint(low, high))
        if self.cjk:
            middle = len(picked) // 2
            return "".join(picked[:middle]) + "，" + "".join(picked[middle:]) + "。"
        if len(picked) > 12:
            picked[len(picked) // 2] += ","
        text = " ".join(picked)
        return text[0].upper() + text[1:] + "."

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        """A headline-like run of words: capitalised, no closing punctuation."""
        picked = self.words(rng, rng.randint(low, high))
        if self.cjk:
            return "".join(picked)
        text = " ".join(picked)
        return text[0].upper() + text[1:]


@dataclass
class Vocabulary:
    """Every language's words, the names and the made-up places of one library."""

    languages: dict[str, Words]
    places: list[str]
    people: list[str]

    @classmethod
    def build(cls, seed: int) -> Vocabulary:
        """The same vocabulary for the same seed (each worker process builds its own)."""
        rng = random.Random(seed)
        places = made_up_names(rng, 2500)
        terms = made_up_terms(rng, 6000)
        people = [f"{first} {last}" for first in FIRST_NAMES for last in FAMILY_NAMES]
        rng.shuffle(people)
        english = weighted(FUNCTION_EN)
        function_total = sum(weight for _, weight in english)
        # Content words take a little over half of the text, common ones first.
        content = NEWS_EN[:]
        rng.shuffle(content)
        english += zipf(content, function_total * 0.9)
        english += zipf(places, function_total * 0.12, offset=50)
        english += zipf(terms, function_total * 0.2, offset=200)
        languages = {
            "en": Words.draw(rng, english, 3_000_000),
            "fr": Words.draw(rng, weighted(FUNCTION_FR) + zipf(NEWS_FR, 25_000), 300_000),
            "de": Words.draw(rng, weighted(FUNCTION_DE) + zipf(NEWS_DE, 20_000), 200_000),
            "zh": Words.draw(rng, weighted(ZH_FUNCTION) + zipf(ZH, 12_000), 300_000),
        }
        languages["zh"].cjk = True
        return cls(languages, places, people)
