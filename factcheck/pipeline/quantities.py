"""Find and parse quantities in English sentences.

Every quantity becomes a :class:`Quantity` carrying the *interval the text asserts*, so that a
later comparison stage can check claims from different sources value by value: "over 160" is
``(160, +inf)``, "133" is ``[133, 133]``, "30%-40%" is ``[30, 40]``.  :func:`compatible` is the
pure numeric overlap test on those intervals.

Policy decisions (documented here because callers depend on them):

* **Years are excluded** by default: "in 1997", "the 2024 election", "2004-05" are dates and a
  separate dates stage handles them.  Pass ``include_years=True`` to get them back flagged with
  ``is_year=True`` (``unit=None``, qualifier ``exact``).  A bare four-digit number 1000-2100 is a
  year unless a counting qualifier precedes it ("more than 2000") or a plural count noun follows it
  ("2000 people").
* Not quantities: ordinals ("first", "2nd"), dates ("March 21"), clock times ("20:39", "5pm"),
  phone numbers, decades ("1990s"), scores ("a 3-1 win"), numbers inside names ("Covid-19",
  "F-16", "G7", "FTSE 100", "Article 50", "number 10", "10 Downing Street"), and a bare "one"
  that is a pronoun ("one of the", "no one").
* Vague plurals: "dozens/hundreds/thousands/millions/billions (of)" assert at least two of the unit
  and less than the next named magnitude: hundreds = [200, 1000), thousands = [2000, 1e6),
  dozens = [24, 100), "tens of thousands" = [2e4, 1e5), "hundreds of thousands" = [2e5, 1e6).
  "several N" = [3N, 10N), "a few N" = [2N, 10N).  ``value`` is the interval's low end.
* "about/around/roughly/approximately/some/an estimated/close to N" = [N(1-t), N(1+t)] with
  t = :data:`ABOUT_TOLERANCE` (5%): "about 500" = [475, 525].  Fractions ("a third of", "half of")
  are percentages with the same tolerance, so "two-thirds of voters" is compatible with "67%".
* "nearly/almost/just under N" = [N(1-t), N) and "just over N" = (N, N(1+t)] with
  t = :data:`NEAR_TOLERANCE` (10%).
* "upwards of", "at least", "no fewer than", "N or more", "N-plus" are inclusive (>=); "over",
  "more than", "above", "in excess of" are exclusive (>).  "up to", "at most", "as many as",
  "no more than", "N or less" are inclusive (<=); "under", "less than", "below", "fewer than" are
  exclusive (<).
* Ranges: "between 30 and 40" (qualifier ``between``), "30-40", "30 to 40", "from 10 to 20"
  (qualifier ``range``) are inclusive [low, high]; ``value`` is the midpoint.  A unit or scale on
  the second number carries over to the first ("30-40%", "2-3 million").  "X to Y" after a verb of
  change ("rose from 10 to 20", "jumped 76% to $1.1bn") is two separate quantities, not a range.
* ``value`` has scale applied ("$1.5bn" = 1.5e9); pence are converted to GBP (50p = 0.5 GBP).
  No conversion between measurement units (km vs miles): units must simply be equal.
* "up to hundreds" / "more than a few thousand" combine the qualifier with the vague end.
* The span (``text``) covers qualifier, currency, number, scale, unit, the second end of a range,
  post-qualifier ("or more") and an adjacent rate ("a month"); the counted noun is not in it.
  ``qualifier`` is the closed :class:`Qualifier` class, ``qualifier_text`` the literal words
  ("approximately" -> qualifier ``about``).
* Negative numbers are not recognised ("-5C" is read as 5); HTML entities ("&#163;") must be
  unescaped by the caller.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ABOUT_TOLERANCE",
    "NEAR_TOLERANCE",
    "Qualifier",
    "Quantity",
    "compatible",
    "find_quantities",
]

ABOUT_TOLERANCE = 0.05
NEAR_TOLERANCE = 0.10


class Qualifier(StrEnum):
    """Closed set of qualifiers; each maps to a fixed interval shape (see module docstring)."""

    EXACT = "exact"
    OVER = "over"  # (v, inf)
    AT_LEAST = "at_least"  # [v, inf)
    UNDER = "under"  # (-inf, v)
    AT_MOST = "at_most"  # (-inf, v]
    UP_TO = "up_to"  # (-inf, v]
    ABOUT = "about"  # [v(1-t), v(1+t)]
    ALMOST = "almost"  # [v(1-t), v)
    JUST_OVER = "just_over"  # (v, v(1+t)]
    BETWEEN = "between"  # [a, b], literal "between a and b"
    RANGE = "range"  # [a, b], "a-b", "a to b", "from a to b"
    VAGUE = "vague"  # "hundreds of", "dozens of", "several thousand"


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    qualifier: str
    unit: str | None
    counted: str | None
    of_what: str | None
    per: str | None
    is_percentage: bool
    is_year: bool = False
    qualifier_text: str | None = None  # the literal words, e.g. "more than", "approximately"


# --------------------------------------------------------------------------------------------
# Vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(text: str) -> dict[str, str]:
    """ "key=value key=value" -> dict; keeps long vocabularies readable."""
    return dict(item.split("=", 1) for item in text.split())


def _numbers(text: str) -> dict[str, int]:
    return {k: int(v) for k, v in _table(text).items()}


_SMALL = _numbers(
    "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
    "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 "
    "nineteen=19"
)
_TENS = _numbers("twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90")
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_WORDS = {"hundred": 100.0, **_BIG, "bn": 1e9, "mn": 1e6, "tn": 1e12, "trn": 1e12}
# Suffixes glued to digits: "$1.5bn", "£3m", "£30k".  "m"/"b" are handled with care (metres).
_SCALE_SUFFIX = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
_VAGUE_PLURAL = {
    "dozens": (12.0, 100.0),
    "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e6),
    "millions": (1e6, 1e9),
    "billions": (1e9, 1e12),
    "trillions": (1e12, 1e15),
}
_FRACTIONS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}

_CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB"}
_DOLLAR_PREFIXES = _table("US=USD A=AUD AU=AUD C=CAD CA=CAD HK=HKD NZ=NZD S=SGD NT=TWD")
_ISO_CODES = _words(
    "USD EUR GBP PLN JPY CNY CHF CAD AUD NZD HKD SGD INR RUB SEK NOK DKK CZK HUF ZAR TRY BRL "
    "MXN KRW UAH NGN ILS"
)
_CURRENCY_WORDS = _table(
    "dollar=USD dollars=USD euro=EUR euros=EUR pound=GBP pounds=GBP sterling=GBP zloty=PLN "
    "zlotys=PLN złoty=PLN złotys=PLN yen=JPY yuan=CNY renminbi=CNY rupee=INR rupees=INR "
    "rouble=RUB roubles=RUB ruble=RUB rubles=RUB franc=CHF francs=CHF krona=SEK kronor=SEK "
    "krone=DKK kroner=DKK rand=ZAR lira=TRY naira=NGN shekel=ILS shekels=ILS hryvnia=UAH "
    "rial=IRR rials=IRR riyal=SAR riyals=SAR dirham=AED dirhams=AED dinar=dinar dinars=dinar "
    "hryvnias=UAH peso=MXN pesos=MXN reais=BRL ringgit=MYR baht=THB rupiah=IDR"
)
# Adjective before a currency word that changes the currency ("Australian dollars").
_CURRENCY_ADJ = {
    ("us", "dollar"): "USD",
    ("american", "dollar"): "USD",
    ("australian", "dollar"): "AUD",
    ("canadian", "dollar"): "CAD",
    ("singapore", "dollar"): "SGD",
    ("zimbabwean", "dollar"): "ZWD",
    ("taiwan", "dollar"): "TWD",
    ("swiss", "franc"): "CHF",
    ("swedish", "krona"): "SEK",
    ("danish", "krone"): "DKK",
    ("norwegian", "krone"): "NOK",
    ("pakistani", "rupee"): "PKR",
    ("indian", "rupee"): "INR",
    ("mexican", "peso"): "MXN",
    ("argentine", "peso"): "ARS",
    ("philippine", "peso"): "PHP",
    ("south", "korean"): "KRW",
    ("egyptian", "pound"): "EGP",
}
_CURRENCY_BASE = _table(
    "dollar=dollar dollars=dollar franc=franc francs=franc krona=krona kronor=krona krone=krone "
    "kroner=krone rupee=rupee rupees=rupee peso=peso pesos=peso pound=pound pounds=pound"
)

_UNIT_WORDS = _table(
    "km=km kms=km kilometre=km kilometres=km kilometer=km kilometers=km mile=mile miles=mile "
    "metre=m metres=m meter=m meters=m cm=cm centimetres=cm centimeters=cm mm=mm millimetres=mm "
    "millimeters=mm ft=ft feet=ft foot=ft inch=inch inches=inch kg=kg kgs=kg kilogram=kg "
    "kilograms=kg kilos=kg gram=g grams=g g=g tonne=tonne tonnes=tonne ton=tonne tons=tonne "
    "lb=lb lbs=lb litre=litre litres=litre liter=litre liters=litre gallon=gallon "
    "gallons=gallon barrel=barrel barrels=barrel mph=mph kph=km/h hectare=hectare "
    "hectares=hectare acre=acre acres=acre degree=degree degrees=degree mw=MW gw=GW kw=kW "
    "kwh=kWh mwh=MWh gwh=GWh twh=TWh gb=GB mb=MB tb=TB mbps=Mbps gbps=Gbps knots=knot "
    "volts=volt watts=watt calories=calorie times=times year=year years=year yrs=year "
    "month=month months=month week=week weeks=week day=day days=day hour=hour hours=hour "
    "hrs=hour minute=minute minutes=minute mins=minute second=second seconds=second "
    "decade=decade decades=decade century=century centuries=century"
)
# Units that may be glued to digits ("5km", "10kg", "30C").  Anything else glued to digits is a
# name or code ("4G", "3D", "5G") and the number is dropped.
_GLUED_UNITS = {
    k: v for k, v in _UNIT_WORDS.items() if 1 < len(k) <= 4 and k not in ("day", "foot")
}
# Single glued letters are matched case-sensitively: "5g" is grams but "5G" is a network.
_GLUED_LETTERS = {"g": "g", "m": "m", "C": "celsius", "F": "fahrenheit", "x": "times"}
_PER_WORDS = _table(
    "year=year years=year month=month week=week day=day hour=hour minute=minute second=second "
    "annum=year head=person person=person capita=person night=night piece=piece kilo=kg kg=kg "
    "litre=litre barrel=barrel tonne=tonne mile=mile km=km gallon=gallon"
)
_PER_ADVERBS = _table(
    "annually=year yearly=year monthly=month weekly=week daily=day hourly=hour pa=year"
)
_NOT_PER_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "on", "since", "old"})

# Qualifier phrases immediately before the number (longest match wins).
_PRE_QUALIFIERS: dict[tuple[str, ...], Qualifier] = {}
for _phrase, _q in (
    ("over", Qualifier.OVER),
    ("more than", Qualifier.OVER),
    ("above", Qualifier.OVER),
    ("in excess of", Qualifier.OVER),
    ("well over", Qualifier.OVER),
    ("well above", Qualifier.OVER),
    ("far more than", Qualifier.OVER),
    ("greater than", Qualifier.OVER),
    ("higher than", Qualifier.OVER),
    ("upward of", Qualifier.AT_LEAST),
    ("upwards of", Qualifier.AT_LEAST),
    ("at least", Qualifier.AT_LEAST),
    ("no fewer than", Qualifier.AT_LEAST),
    ("no less than", Qualifier.AT_LEAST),
    ("not less than", Qualifier.AT_LEAST),
    ("a minimum of", Qualifier.AT_LEAST),
    ("as little as", Qualifier.AT_LEAST),
    ("as few as", Qualifier.AT_LEAST),
    ("as low as", Qualifier.AT_LEAST),
    ("under", Qualifier.UNDER),
    ("less than", Qualifier.UNDER),
    ("fewer than", Qualifier.UNDER),
    ("below", Qualifier.UNDER),
    ("lower than", Qualifier.UNDER),
    ("well under", Qualifier.UNDER),
    ("well below", Qualifier.UNDER),
    ("at most", Qualifier.AT_MOST),
    ("no more than", Qualifier.AT_MOST),
    ("not more than", Qualifier.AT_MOST),
    ("a maximum of", Qualifier.AT_MOST),
    ("up to", Qualifier.UP_TO),
    ("as many as", Qualifier.UP_TO),
    ("as much as", Qualifier.UP_TO),
    ("as high as", Qualifier.UP_TO),
    ("nearly", Qualifier.ALMOST),
    ("almost", Qualifier.ALMOST),
    ("just under", Qualifier.ALMOST),
    ("just below", Qualifier.ALMOST),
    ("just short of", Qualifier.ALMOST),
    ("just shy of", Qualifier.ALMOST),
    ("not quite", Qualifier.ALMOST),
    ("just over", Qualifier.JUST_OVER),
    ("just above", Qualifier.JUST_OVER),
    ("slightly more than", Qualifier.JUST_OVER),
    ("slightly over", Qualifier.JUST_OVER),
    ("a little over", Qualifier.JUST_OVER),
    ("a little more than", Qualifier.JUST_OVER),
    ("about", Qualifier.ABOUT),
    ("around", Qualifier.ABOUT),
    ("roughly", Qualifier.ABOUT),
    ("approximately", Qualifier.ABOUT),
    ("approx", Qualifier.ABOUT),
    ("some", Qualifier.ABOUT),
    ("circa", Qualifier.ABOUT),
    ("an estimated", Qualifier.ABOUT),
    ("estimated", Qualifier.ABOUT),
    ("close to", Qualifier.ABOUT),
    ("in the region of", Qualifier.ABOUT),
    ("of the order of", Qualifier.ABOUT),
    ("on the order of", Qualifier.ABOUT),
    ("between", Qualifier.BETWEEN),
    ("from", Qualifier.RANGE),
):
    _PRE_QUALIFIERS[tuple(_phrase.split())] = _q
_MAX_QUALIFIER_WORDS = max(len(k) for k in _PRE_QUALIFIERS)
# Qualifiers that make a bare four-digit number a count rather than a year ("more than 2000").
_COUNT_QUALIFIERS = frozenset(
    {
        Qualifier.AT_LEAST,
        Qualifier.UNDER,
        Qualifier.AT_MOST,
        Qualifier.JUST_OVER,
    }
)
_COUNT_QUALIFIER_TEXTS = frozenset(
    {"more than", "nearly", "almost", "some", "an estimated", "upwards of", "up to"}
)

_POST_QUALIFIERS: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): Qualifier.AT_LEAST,
    ("or", "over"): Qualifier.AT_LEAST,
    ("or", "above"): Qualifier.AT_LEAST,
    ("and", "above"): Qualifier.AT_LEAST,
    ("and", "over"): Qualifier.AT_LEAST,
    ("or", "less"): Qualifier.AT_MOST,
    ("or", "fewer"): Qualifier.AT_MOST,
    ("or", "under"): Qualifier.AT_MOST,
    ("or", "below"): Qualifier.AT_MOST,
    ("and", "under"): Qualifier.AT_MOST,
    ("and", "below"): Qualifier.AT_MOST,
    ("or", "so"): Qualifier.ABOUT,
}

_MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_TIME_SUFFIX = frozenset({"am", "pm", "gmt", "bst", "cet", "est", "edt", "pst", "utc", "hrs"})
# Nouns that label a number rather than count it ("number 10", "Article 50", "page 5").
_LABEL_NOUNS = _words(
    """number no page room row line version level grade category phase stage round route flight
    platform gate channel radio section article clause chapter part paragraph rule schedule item
    vol volume episode series tier band division league pool figure table class type model step
    bus exit junction terminal zone ward block apartment flat unit studio lane highway interstate
    bay pier seat generation mk mark formula windows act resolution amendment ps iphone galaxy
    apollo boeing airbus psalm verse week game match day year years aged age"""
)
# Words around a hyphenated pair of integers that mark a sports score, not a range.
_SCORE_CONTEXT = _words(
    """won win wins winning beat beats beaten lost lose loses losing drew draw draws drawn victory
    defeat defeats defeated thrashed thrashing lead leads leading led trail trailing trailed score
    scored scoreline result home away aggregate triumph loss thumping"""
)
# Verbs of change: "rose from 10 to 20" and "jumped 76% to $1bn" are two values, not a range.
_CHANGE_WORDS = _words(
    """rose rise rises rising risen fell fall falls falling fallen dropped drop drops dropping
    increased increase increases increasing decreased decrease decreases decreasing declined
    decline declines declining cut cuts cutting grew grow grows growing grown jumped jump jumps
    climbed climb climbs slumped slump slipped slip soared soar surged surge surges plunged plunge
    plummeted tumbled tumble reduced reduce reduces raised raise raises raising boosted boost lifted
    lowered up down went gone moved revised doubled halved widened narrowed shrank shrunk swelled
    expanded extended changed slashed trimmed hiked upgraded downgraded rising from"""
)
_TEMPORAL_PREV = _words(
    """in since by until till during before after of from early late mid year years summer spring
    autumn winter fiscal financial season the this that last next end"""
)
# Plural nouns that follow a year and are not what the year counts ("the 2004 elections").
_YEAR_NOUNS = _words(
    """results elections accounts figures levels games olympics finals championships awards
    oscars grammys budgets accords talks riots attacks floods polls estimates forecasts prices
    rates sales profits earnings"""
)
_ADDRESS_WORDS = frozenset(
    {"street", "road", "avenue", "lane", "square", "place", "drive", "way", "terrace", "gardens"}
)

# Words that end a counted noun phrase.
_STOP = _words(
    """a an the this that these those and or but nor than then so if as at by for from in into of
    off on onto out over per to up upon with within without via under below above across after
    before since during until while because about around among between against through
    is are was were be been being am has have had having do does did will would shall should can
    could may might must it its it's he she they them their there here his her hers him we us our
    you your i me my mine who whom whose which what when where why how not no yes also only just
    even still yet again ever never already too very each every all both either neither some any
    such own same than said says say according compared versus vs"""
)
_PRONOUNS = _words("them these those it us you which whom this that ours theirs yours mine him her")
_DETERMINERS = _words(
    """the a an their its his her our your my this that these those all some any each every
    such whose"""
)
_IRREGULAR_PLURALS = _table(
    "people=people children=child men=man women=woman policemen=policeman firemen=fireman "
    "businessmen=businessman feet=foot teeth=tooth mice=mouse geese=goose police=police "
    "staff=staff personnel=personnel cattle=cattle sheep=sheep deer=deer fish=fish "
    "aircraft=aircraft livestock=livestock data=data media=media criteria=criterion lives=life "
    "wives=wife knives=knife leaves=leaf halves=half thieves=thief wolves=wolf shelves=shelf "
    "crises=crisis analyses=analysis theses=thesis indices=index series=series species=species "
    "news=news heroes=hero potatoes=potato tomatoes=tomato buses=bus viruses=virus "
    "statuses=status campuses=campus bonuses=bonus censuses=census"
)
_NOT_PLURAL = _words(
    """his its has is was does goes thus plus always perhaps whereas besides across unless yes us
    gas bus news this less hers ours yours theirs lens series species means physics economics
    politics"""
)
# Frequent news verbs that follow a counted noun phrase ("of the vote went to ...").
_VERBS = _words(
    """went came made got took gave saw told says think thinks believe believe want wants
    voted died fell rose grew left lost won became remain remained live work worked face faced
    backed support supported oppose opposed will would could may might must can"""
)
_GDP_PHRASES = {
    ("gross", "domestic", "product"): "gdp",
    ("gross", "national", "product"): "gnp",
}

_NUMBER_WORDS = frozenset(
    [
        *_SMALL,
        *_TENS,
        "hundred",
        *_BIG,
        "dozen",
        *_VAGUE_PLURAL,
        *_FRACTIONS,
        "several",
        "few",
        "tens",
    ]
)


def _trie_pattern(words: list[str]) -> str:
    """Alternation factored by common prefixes: Python's re does not optimise "one|two|...",
    and the fast path below runs on every sentence of every article."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# Fast path: a sentence without a digit or a number word cannot contain a quantity.  Matched
# against the lower-cased sentence (faster than re.IGNORECASE).
_TRIGGER_RE = re.compile(
    r"\d|(?<![a-z])"
    + _trie_pattern(sorted(w for w in _NUMBER_WORDS if w not in ("several", "few", "tens")))
    + r"(?![a-z])"
)
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # number with English separators
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"  # word, keeping inner apostrophes ("UK's")
    r"|\S"  # any other single symbol
)


# --------------------------------------------------------------------------------------------
# Tokens


class _Toks:
    """Parallel token arrays; lists of primitives are much faster than token objects."""

    __slots__ = ("ends", "kind", "low", "n", "s", "starts", "text")

    def __init__(self, s: str, lower: str) -> None:
        ms = list(_TOKEN_RE.finditer(s))
        text = [m.group() for m in ms]
        starts = [m.start() for m in ms]
        ends = [m.end() for m in ms]
        self.s = s
        self.kind = ["n" if t[0].isdecimal() else ("w" if t[0].isalpha() else "s") for t in text]
        self.text = text
        if len(lower) == len(s):
            self.low = [lower[a:b] for a, b in zip(starts, ends, strict=True)]
        else:  # lower() changed lengths ("İ"): offsets into it are not valid
            self.low = [t.lower() for t in text]
        self.starts = starts
        self.ends = ends
        self.n = len(text)

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no whitespace between)."""
        return 0 < i < self.n and self.ends[i - 1] == self.starts[i]

    def word(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n and self.kind[i] == "w" else ""


@dataclass(slots=True)
class _Num:
    """A parsed number (before qualifiers): token span [i, j) and the value it denotes."""

    i: int
    j: int
    value: float
    digits: bool
    scaled: bool
    vague: tuple[float, float] | None = None
    word_one: bool = False  # the bare word "one" (often a pronoun)
    fraction: bool = False
    unit: str | None = None  # glued unit ("5km", "30%")
    plain_int: bool = False  # digits only, no separators or decimals


def _digits_value(text: str) -> float:
    return float(text.replace(",", ""))


def _parse_digits(t: _Toks, i: int, currency: bool) -> _Num | None:
    txt = t.text[i]
    value = _digits_value(txt)
    j = i + 1
    scaled = False
    unit = None
    plain = txt.isdigit()
    if j < t.n and t.glued(j):
        nxt = t.low[j]
        if t.kind[j] == "w":
            if nxt in ("st", "nd", "rd", "th", "s", "am", "pm"):
                return None  # ordinal, decade, clock time
            if nxt in _SCALE_SUFFIX and (nxt not in ("m", "b") or currency or _m_is_million(t, j)):
                value *= _SCALE_SUFFIX[nxt]
                scaled = True
                j += 1
            elif nxt in _GLUED_UNITS or t.text[j] in _GLUED_LETTERS:
                unit = _GLUED_UNITS.get(nxt) or _GLUED_LETTERS[t.text[j]]
                j += 1
            elif nxt == "pc":
                unit = "percent"
                j += 1
            elif nxt == "p" and t.text[j + 1 : j + 3] != [".", "m"]:
                unit = "pence"
                j += 1
            else:
                return None  # "4G", "3D", "5G": a code, not a quantity
        elif t.text[j] in (":", "/") and j + 1 < t.n and t.kind[j + 1] == "n" and t.glued(j + 1):
            return None  # "20:39", "9/11", "24/7"
        elif t.text[j] in ("'", "’") and t.word(j + 1) == "s":
            return None  # "1990's"
    if not scaled and j < t.n:
        w = t.word(j)
        if w in _SCALE_WORDS and w != "hundred":
            value *= _SCALE_WORDS[w]
            scaled = True
            j += 1
    return _Num(i, j, value, True, scaled, unit=unit, plain_int=plain and not scaled)


# Words after a glued "m" that make it metres ("the 100m final") rather than million.
_METRE_CONTEXT = _words(
    "race sprint hurdles freestyle relay butterfly breaststroke backstroke medley final "
    "finals dash run high long deep tall wide away title record gold silver bronze heat heats "
    "event champion champions winner medallist medal runner swimmer hurdler sprinter "
    "specialist world olympic silverware podium"
)


def _m_is_million(t: _Toks, j: int) -> bool:
    """Without a currency, glued "m" is metres in "the 100m final" but million in "5m people"."""
    w = t.word(j + 1)
    if not w or w in _STOP or t.text[j - 1].count(",") or t.text[j - 1] == "100":
        return False  # "10,000m", "100m": distances; nobody writes 10,000m for ten billion
    return w not in _METRE_CONTEXT


def _parse_words(t: _Toks, i: int) -> _Num | None:
    w = t.low[i]
    # Fractions: "a third of", "two-thirds of", "half of/the", "three quarters of".
    frac = _parse_fraction(t, i)
    if frac is not None:
        return frac
    if w in ("a", "an"):
        nxt = t.word(i + 1)
        if nxt not in _SCALE_WORDS and nxt != "dozen":
            return None
        return _parse_word_number(t, i + 1, start=i, lead=1.0)
    if w == "half":
        if t.word(i + 1) in ("a", "an") and t.word(i + 2) in _BIG | {"hundred": 100, "dozen": 12}:
            mult = 12.0 if t.low[i + 2] == "dozen" else _SCALE_WORDS[t.low[i + 2]]
            return _Num(i, i + 3, 0.5 * mult, False, True)
        return None
    if w in _VAGUE_PLURAL:
        return _parse_vague(t, i, i, 2.0)
    if w in ("several", "few"):
        if w == "few" and t.word(i - 1) != "a":
            return None
        nxt = t.word(i + 1)
        if nxt in _SCALE_WORDS or nxt == "dozen":
            unit = 12.0 if nxt == "dozen" else _SCALE_WORDS[nxt]
            lo = 3.0 if w == "several" else 2.0
            start = i - 1 if w == "few" else i
            return _Num(start, i + 2, lo * unit, False, True, vague=(lo * unit, 10 * unit))
        return None
    if w == "tens" and t.word(i + 1) == "of" and t.word(i + 2) in _VAGUE_PLURAL:
        unit = _VAGUE_PLURAL[t.low[i + 2]][0]
        return _Num(i, i + 3, 20 * unit, False, True, vague=(20 * unit, 100 * unit))
    if w in _SMALL or w in _TENS:
        return _parse_word_number(t, i, start=i, lead=None)
    return None


def _parse_vague(t: _Toks, i: int, start: int, lo_mult: float) -> _Num:
    unit, hi = _VAGUE_PLURAL[t.low[i]]
    j = i + 1
    # "hundreds of thousands", "hundreds of millions"
    if t.low[i] == "hundreds" and t.word(j) == "of" and t.word(j + 1) in _VAGUE_PLURAL:
        unit2, _ = _VAGUE_PLURAL[t.low[j + 1]]
        if unit2 >= 1e3:
            return _Num(start, j + 2, 200 * unit2, False, True, vague=(200 * unit2, 1000 * unit2))
    lo = lo_mult * unit
    return _Num(start, j, lo, False, True, vague=(lo, hi))


def _parse_fraction(t: _Toks, i: int) -> _Num | None:
    w = t.low[i]
    j = i
    num = 1.0
    if w == "half":
        nxt = t.word(i + 1)
        if nxt == "of" or (nxt in _DETERMINERS and nxt not in ("a", "an")):
            return _Num(i, i + 1, 50.0, False, False, fraction=True, unit="percent")
        return None
    if w in ("a", "one") or w in _SMALL:
        num = 1.0 if w == "a" else float(_SMALL[w])
        j = i + 1
        if j < t.n and t.text[j] == "-" and t.glued(j):
            j += 1
    else:
        return None
    f = t.word(j)
    if f not in _FRACTIONS or f in ("half", "halves") or t.word(j + 1) != "of":
        return None
    if num > 1 and not f.endswith("s"):
        return None
    if num == 1 and f.endswith("s"):
        return None
    value = num * _FRACTIONS[f]
    if t.word(j + 2) in ("a", "an") and t.word(j + 3) in _UNIT_WORDS:
        # "a quarter of an hour" is 0.25 hour, not 25% of something
        unit = _UNIT_WORDS[t.low[j + 3]]
        return _Num(i, j + 4, value, False, False, unit=unit)
    return _Num(i, j + 1, 100.0 * num * _FRACTIONS[f], False, False, fraction=True, unit="percent")


def _parse_word_number(t: _Toks, i: int, start: int, lead: float | None) -> _Num | None:
    """Compose "three hundred and fifty thousand", "twenty-five", "a dozen", "two and a half"."""
    total = 0.0
    cur = lead or 0.0
    j = i
    last = "lead" if lead else ""
    scaled = False
    n = t.n
    while j < n and t.kind[j] in "ws":
        w = t.low[j]
        if w in _SMALL and last in ("", "tens", "hundred", "and", "big", "lead-none"):
            if last == "tens" and _SMALL[w] >= 10:
                break
            if last == "tens" and not (t.text[j - 1] == "-" or j == i or t.kind[j - 1] == "w"):
                break
            cur += _SMALL[w]
            last = "small"
        elif w in _TENS and last in ("", "hundred", "and", "big"):
            cur += _TENS[w]
            last = "tens"
        elif w == "-" and last == "tens" and t.glued(j) and t.word(j + 1) in _SMALL:
            last = "tens"
        elif w == "hundred" and last in ("small", "tens", "lead"):
            cur = (cur or 1.0) * 100
            last = "hundred"
            scaled = True
        elif w in _BIG and last in ("small", "tens", "hundred", "lead", "half"):
            total += (cur or 1.0) * _BIG[w]
            cur = 0.0
            last = "big"
            scaled = True
        elif w == "dozen" and last in ("small", "tens", "lead"):
            cur = (cur or 1.0) * 12
            last = "small"
        elif (
            w == "and"
            and last in ("hundred", "big")
            and (t.word(j + 1) in _SMALL or t.word(j + 1) in _TENS)
        ):
            last = "and"
        elif (
            w == "and"
            and last in ("small", "tens")
            and t.word(j + 1) == "a"
            and t.word(j + 2) == "half"
        ):
            cur += 0.5
            j += 3
            last = "half"
            continue
        else:
            break
        j += 1
    if j == i or last in ("and", "lead"):
        return None
    value = total + cur
    if t.text[j - 1] == "-":
        j -= 1
    word_one = j == i + 1 and t.low[i] == "one"
    return _Num(start, j, value, False, scaled, word_one=word_one)


def _parse_number(t: _Toks, i: int, currency: bool) -> _Num | None:
    k = t.kind[i]
    if k == "n":
        return _parse_digits(t, i, currency)
    if k == "w":
        return _parse_words(t, i)
    return None


# --------------------------------------------------------------------------------------------
# Pieces around the number


def _currency_before(t: _Toks, i: int) -> tuple[str | None, int]:
    """Currency written before the number at token i; returns (code, first token index)."""
    p = i - 1
    if p < 0:
        return None, i
    sym = t.text[p]
    if sym in _CURRENCY_SYMBOLS:
        if sym == "$" and p >= 1 and t.kind[p - 1] == "w" and t.glued(p):
            code = _DOLLAR_PREFIXES.get(t.text[p - 1])
            if code:
                return code, p - 1
        return _CURRENCY_SYMBOLS[sym], p
    if t.kind[p] == "w":
        if t.text[p] in _ISO_CODES:
            return t.text[p], p
        if t.text[p] in ("Rs", "INR"):
            return "INR", p
    if sym == "." and p >= 1 and t.text[p - 1] == "Rs":
        return "INR", p - 1
    return None, i


def _qualifier_before(t: _Toks, p: int) -> tuple[Qualifier | None, str | None, int]:
    """Longest qualifier phrase ending just before token p."""
    for size in range(min(_MAX_QUALIFIER_WORDS, p), 0, -1):
        words = t.low[p - size : p]
        if any(t.kind[k] != "w" for k in range(p - size, p)):
            continue
        q = _PRE_QUALIFIERS.get(tuple(words))
        if q is not None:
            return q, " ".join(t.text[p - size : p]), p - size
    return None, None, p


def _unit_after(t: _Toks, num: _Num, currency: str | None) -> tuple[str | None, int, float]:
    """Unit written after the number; returns (unit, next token index, value multiplier)."""
    if num.unit is not None:
        j = num.j
        if num.unit == "pence":
            return "GBP", j, 0.01
        return num.unit, j, 1.0
    j = num.j
    if j >= t.n:
        return currency, j, 1.0
    txt = t.text[j]
    if txt == "%":
        return "percent", j + 1, 1.0
    w = t.low[j] if t.kind[j] == "w" else ""
    if txt == "°":
        nxt = t.word(j + 1)
        if nxt == "c" or nxt == "celsius":
            return "celsius", j + 2, 1.0
        if nxt == "f" or nxt == "fahrenheit":
            return "fahrenheit", j + 2, 1.0
        return "degree", j + 1, 1.0
    if txt == "-" and t.glued(j) and t.kind[j + 1 if j + 1 < t.n else j] == "w":
        # "a 10-year sentence", "a 20-year-old", "a two-day strike"
        nxt = t.low[j + 1]
        if nxt in _UNIT_WORDS and t.glued(j + 1):
            return _UNIT_WORDS[nxt], j + 2, 1.0
        return currency, j, 1.0
    if not w:
        return currency, j, 1.0
    if w == "per":
        nxt = t.word(j + 1)
        if nxt == "cent":
            return "percent", j + 2, 1.0
        if t.text[j + 1 : j + 2] == ["-"] and t.word(j + 2) == "cent":
            return "percent", j + 3, 1.0
    if w == "percent":
        return "percent", j + 1, 1.0
    if w == "percentage" and t.word(j + 1) in ("point", "points"):
        return "percentage_point", j + 2, 1.0
    if w in ("points", "point", "pts") and currency is None:
        return "point", j + 1, 1.0
    if w == "basis" and t.word(j + 1) in ("point", "points"):
        return "basis_point", j + 2, 1.0
    if w in ("bps", "bp"):
        return "basis_point", j + 1, 1.0
    if w in _ISO_CODES or t.text[j] in _ISO_CODES:
        return t.text[j].upper(), j + 1, 1.0
    if w in _CURRENCY_WORDS:
        if w in ("pounds", "pound") and t.word(j + 1) in ("of", "in") and currency is None:
            return "lb", j + 1, 1.0
        return _CURRENCY_WORDS[w], j + 1 + (t.word(j + 1) == "sterling"), 1.0
    nxt = t.word(j + 1)
    if nxt in _CURRENCY_BASE:
        code = _CURRENCY_ADJ.get((w, _CURRENCY_BASE[nxt]))
        if code:
            return code, j + 2, 1.0
    if w == "won" and (num.scaled or num.value >= 1000) and currency is None:
        return "KRW", j + 1, 1.0
    if w in ("cents", "cent") and currency is None:
        return "cent", j + 1, 1.0
    if w == "pence" and currency is None:
        return "GBP", j + 1, 0.01
    if w == "square" and nxt in _UNIT_WORDS:
        return "sq_" + _UNIT_WORDS[nxt], j + 2, 1.0
    if w in _UNIT_WORDS and currency is None:
        unit = _UNIT_WORDS[w]
        if unit == "m" and t.kind[j] == "w" and len(w) == 1:
            return currency, j, 1.0
        return unit, j + 1, 1.0
    return currency, j, 1.0


def _per_after(t: _Toks, j: int) -> tuple[str | None, int]:
    w = t.word(j)
    if not w:
        if j < t.n and t.text[j] == "/" and t.glued(j):
            nxt = t.word(j + 1)
            if nxt in _PER_WORDS or nxt in ("yr", "mo", "wk", "hr", "h"):
                per = {"yr": "year", "mo": "month", "wk": "week", "hr": "hour", "h": "hour"}
                return per.get(nxt) or _PER_WORDS[nxt], j + 2
        return None, j
    if w in _PER_ADVERBS:
        return _PER_ADVERBS[w], j + 1
    if w in ("a", "an", "per", "each", "every"):
        nxt = t.word(j + 1)
        if nxt in _PER_WORDS and t.word(j + 2) not in _NOT_PER_AFTER:
            return _PER_WORDS[nxt], j + 2
        if w == "per" and nxt and nxt not in _STOP and nxt != "cent":
            return _lemma(nxt), j + 2
    return None, j


def _lemma(w: str) -> str:
    w = w.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _is_plural(w: str) -> bool:
    if w in _IRREGULAR_PLURALS:
        return True
    return (
        len(w) > 2
        and w not in _STOP
        and w.endswith("s")
        and not w.endswith(("ss", "us", "is", "'s", "’s"))
        and w not in _NOT_PLURAL
    )


def _np_words(t: _Toks, j: int, limit: int = 5) -> list[int]:
    """Word tokens of a simple noun phrase starting at j (stops at function words/punctuation)."""
    out: list[int] = []
    n = t.n
    while j < n and len(out) < limit:
        k = t.kind[j]
        if k == "s":
            if t.text[j] == "-" and out and t.glued(j) and j + 1 < n and t.kind[j + 1] == "w":
                out.pop()  # "high-speed": keep the last part as the word
                j += 1
                continue
            break
        if k == "n":
            break
        w = t.low[j]
        if w in _STOP or w in _SMALL or w in _TENS or w in _SCALE_WORDS:
            break
        if out and (w in _VERBS or (w.endswith("ed") and len(w) > 4)):
            break  # "the vote went", "residents gathered": the verb ends the noun phrase
        out.append(j)
        j += 1
    return out


def _counted_after(t: _Toks, j: int, singular: bool) -> tuple[str | None, int]:
    """Head noun counted by the number; returns (lemma, index after it)."""
    words = _np_words(t, j)
    for k in words:
        w = t.low[k]
        if _is_plural(w) and not w.endswith(("'s", "’s")):
            raw = t.text[k]
            if raw[:-1].isupper() and len(raw) > 2:
                return raw[:-1].lower(), k + 1  # "MPs" -> "mp"
            return _lemma(w), k + 1
        if w.endswith(("'s", "’s")):
            break
    if singular:
        # "one new hospital was", "one person died": the last word that is not verb-like.
        for k in reversed(words):
            w = t.low[k]
            if not w.endswith(("ed", "ing", "ly", "'s", "’s")):
                return w, k + 1
    return None, j


def _of_what(t: _Toks, j: int) -> tuple[str | None, int]:
    """Head of the noun phrase after "of" at token j ("5% of their GDP" -> "gdp")."""
    if t.word(j) != "of":
        return None, j
    k = j + 1
    while k < t.n and t.kind[k] == "w" and t.low[k] in _DETERMINERS:
        k += 1
    if t.word(k) in _PRONOUNS:
        return None, k + 1
    words = _np_words(t, k)
    for x in words:
        if _is_plural(t.low[x]) and not t.low[x].endswith(("'s", "’s")):
            return _lemma(t.low[x]), x + 1  # "of residents gathered": first plural is the head
    # Possessives modify the head: "the country's adults" -> "adults".
    while words and t.low[words[0]].endswith(("'s", "’s")) and len(words) > 1:
        words.pop(0)
    if not words:
        return None, j
    low = [t.low[x] for x in words]
    for phrase, short in _GDP_PHRASES.items():
        if tuple(low[-len(phrase) :]) == phrase:
            return short, words[-1] + 1
    head = low[-1]
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    return (_lemma(head) if _is_plural(head) else head), words[-1] + 1


# --------------------------------------------------------------------------------------------
# Exclusion rules


_OPENING_QUOTES = frozenset("\"“‘'")


def _name_or_date_before(t: _Toks, i: int, num: _Num, has_unit: bool) -> bool:
    """Digits that belong to a name, code, label or date ("Covid-19", "G7", "Article 50")."""
    p = i - 1
    if p < 0:
        return False
    prev = t.text[p]
    if t.glued(i):
        if t.kind[p] == "w" and t.text[p] not in _DOLLAR_PREFIXES and t.text[p] not in ("Rs",):
            return True  # "G7", "MP3"
        if prev == "-" and p >= 1 and t.kind[p - 1] == "w" and t.glued(p):
            return True  # "Covid-19", "F-16", "mid-2004"
        if prev in ("'", "’", "#", "+", "/", ":", "№"):
            return True  # "'97", "#5", "+44", "9/11"
        if prev == "." and p >= 1 and t.kind[p - 1] == "n" and t.glued(p):
            return True  # "1.2.3" version strings
    if t.kind[p] != "w" or num.scaled:
        return False
    if prev in _MONTHS and num.plain_int and num.value <= 31:
        return True  # "March 21"
    if t.low[p] in _LABEL_NOUNS and num.digits:
        if t.low[p] in ("week", "game", "match", "day", "year", "years", "aged", "age"):
            # "Week 5" labels but "a week 5 people died" is rare; only capitalised labels
            return t.text[p][0].isupper() and p > 0
        return True
    if prev == "No" or (prev in ("no", "No") and t.text[p + 1 : p + 2] == ["."]):
        return True
    # A capitalised non-initial word right before a bare integer: "FTSE 100", "Windows 95".
    if (
        num.digits
        and num.plain_int
        and not has_unit
        and prev[0].isupper()
        and p > 0
        and t.text[p - 1] not in _OPENING_QUOTES
        and not prev.endswith(("'s", "’s"))
    ):
        return prev not in _MONTHS and t.low[p] not in _PRE_QUALIFIERS_FIRST
    # "at 10.30": a clock time written with a dot
    txt = t.text[i]
    if t.low[p] == "at" and not has_unit and "." in txt and "," not in txt:
        hh, mm = txt.split(".")
        return len(mm) == 2 and int(hh) <= 24 and int(mm) < 60
    return False


_PRE_QUALIFIERS_FIRST = frozenset(k[-1] for k in _PRE_QUALIFIERS) | {"the", "a", "an", "only"}


def _word_number_is_name(t: _Toks, num: _Num, unit: str | None) -> bool:
    """Spelled-out numbers in names and labels: "Formula One", "round four", "Zero-Eight"."""
    i = num.i
    if t.kind[i] != "w" or num.vague is not None or num.fraction:
        return False
    p = i - 1
    if p >= 0 and t.glued(i) and t.text[p] == "-" and p >= 1 and t.kind[p - 1] == "w":
        return True  # "Zero-Eight", "Catch-Twenty-Two"
    if (
        p >= 0
        and t.kind[p] == "w"
        and unit is None
        and num.value < 1000
        and t.low[p] in _LABEL_NOUNS
        and t.low[p] not in ("aged", "age", "year", "years")
    ):
        return True  # "round four", "day two of the trial"
    if not t.text[i][0].isupper():
        return False
    if p >= 0 and t.kind[p] == "w" and t.text[p][0].isupper():
        return True  # "Formula One", "Channel Four"
    k = num.j
    # "the Four-Kings team"
    return t.text[k : k + 1] == ["-"] and t.glued(k) and t.text[k + 1 : k + 2][0][:1].isupper()


def _date_or_time_after(t: _Toks, num: _Num) -> bool:
    j = num.j
    if not num.digits or num.scaled or num.unit:
        return False
    w = t.text[j] if j < t.n else ""
    if w in _MONTHS and num.plain_int and num.value <= 31:
        return True  # "21 March"
    lw = w.lower()
    if lw in _TIME_SUFFIX or lw == "o'clock":
        return True
    # "5 p.m."
    return lw in ("a", "p") and t.text[j + 1 : j + 4] == [".", "m", "."]


def _phone_like(t: _Toks, i: int) -> bool:
    """Leading-zero numbers and runs of 3+ digit groups: phone numbers, codes."""
    txt = t.text[i]
    if len(txt) > 1 and txt[0] == "0" and txt[1].isdigit():
        return True
    groups = 1
    k = i + 1
    while k + 1 < t.n and t.kind[k] == "n" and t.starts[k] - t.ends[k - 1] == 1:
        groups += 1
        k += 1
    while k + 1 < t.n and t.text[k] == "-" and t.kind[k + 1] == "n" and t.glued(k):
        groups += 1
        k += 2
    if groups == 2 and k == i + 3 and len(txt) == 3 and len(t.text[i + 2]) == 4:
        return t.text[i + 1] == "-"  # "555-1234"
    return groups >= 3


def _is_year(
    t: _Toks, num: _Num, currency: str | None, unit: str | None, qual_text: str | None
) -> bool:
    if not (num.digits and num.plain_int and currency is None and unit is None):
        return False
    txt = t.text[num.i]
    if len(txt) != 4 or not 1000 <= num.value <= 2100:
        return False
    if qual_text and qual_text.lower() in _COUNT_QUALIFIER_TEXTS:
        return False
    prev = t.word(num.i - 1)
    if prev in _TEMPORAL_PREV:
        return True
    nxt = t.word(num.j)
    return not (_is_plural(nxt) and nxt not in _YEAR_NOUNS and nxt not in _STOP)


def _address_after(t: _Toks, j: int) -> bool:
    """ "10 Downing Street", "221B Baker Street": a house number, not a count."""
    for k in range(j, min(j + 4, t.n)):
        if t.kind[k] != "w" or not t.text[k][0].isupper():
            return False
        if t.low[k] in _ADDRESS_WORDS and k > j:
            return True
    return False


def _score_context(t: _Toks, i: int, j: int) -> bool:
    for k in range(max(0, i - 3), min(t.n, j + 2)):
        if t.kind[k] == "w" and t.low[k] in _SCORE_CONTEXT:
            return True
    return False


def _change_context(t: _Toks, i: int) -> bool:
    for k in range(max(0, i - 4), i):
        if t.kind[k] == "w" and t.low[k] in _CHANGE_WORDS and t.low[k] != "from":
            return True
    return False


# --------------------------------------------------------------------------------------------
# Main


@dataclass(slots=True)
class _Side:
    """One number with its currency and unit: a full quantity or one end of a range."""

    num: _Num
    start_tok: int
    currency: str | None
    unit: str | None
    end_tok: int
    value: float


def _side_at(t: _Toks, i: int) -> _Side | None:
    """Parse [currency] number [scale] [unit] with the number (or currency) at token i."""
    currency, first = _currency_before(t, i)
    if t.text[i] in _CURRENCY_SYMBOLS or (
        t.kind[i] == "w" and t.text[i] in _DOLLAR_PREFIXES and t.text[i + 1 : i + 2] == ["$"]
    ):
        k = i + 1 if t.text[i] in _CURRENCY_SYMBOLS else i + 2
        if k >= t.n:
            return None
        currency, first = _currency_before(t, k)
        i = k
    num = _parse_number(t, i, currency is not None) if i < t.n else None
    if num is None:
        return None
    unit, end, mult = _unit_after(t, num, currency)
    return _Side(num, min(first, num.i), currency, unit, end, num.value * mult)


def _interval(q: Qualifier, v: float) -> tuple[float | None, float | None, bool, bool]:
    if q is Qualifier.OVER:
        return v, None, False, False
    if q is Qualifier.AT_LEAST:
        return v, None, True, False
    if q is Qualifier.UNDER:
        return None, v, False, False
    if q in (Qualifier.AT_MOST, Qualifier.UP_TO):
        return None, v, False, True
    if q is Qualifier.ABOUT:
        return _r(v * (1 - ABOUT_TOLERANCE)), _r(v * (1 + ABOUT_TOLERANCE)), True, True
    if q is Qualifier.ALMOST:
        return _r(v * (1 - NEAR_TOLERANCE)), v, True, False
    if q is Qualifier.JUST_OVER:
        return v, _r(v * (1 + NEAR_TOLERANCE)), False, True
    return v, v, True, True


def _r(x: float) -> float:
    """Round away binary noise (1.13 * 1e9) so equal amounts compare equal."""
    return float(f"{x:.12g}")


def find_quantities(sentence: str, *, include_years: bool = False) -> list[Quantity]:
    """Every quantity in ``sentence``, in order.  Years are skipped unless ``include_years``."""
    lower = sentence.lower()
    if not _TRIGGER_RE.search(lower):
        return []
    t = _Toks(sentence, lower)
    out: list[Quantity] = []
    i = 0
    n = t.n
    while i < n:
        k = t.kind[i]
        low = t.low[i]
        if k == "n" or (k == "w" and (low in _NUMBER_WORDS or low in ("a", "an"))):
            q, nxt = _quantity_at(t, i, include_years)
            if q is not None:
                out.append(q)
            i = max(nxt, i + 1)
        else:
            i += 1
    return out


def _quantity_at(t: _Toks, i: int, include_years: bool) -> tuple[Quantity | None, int]:
    side = _side_at(t, i)
    if side is None:
        return None, i + 1
    num = side.num
    if num.digits:
        has_unit = side.unit is not None or side.currency is not None
        if _name_or_date_before(t, num.i, num, has_unit) or _date_or_time_after(t, num):
            return None, num.j
        if _phone_like(t, num.i):
            k = num.j
            while k < t.n and (t.kind[k] == "n" or t.text[k] == "-"):
                k += 1
            return None, k
    elif _word_number_is_name(t, num, side.unit):
        k = num.j
        if t.text[k : k + 1] == ["-"] and t.glued(k):
            k += 2
        return None, k
    elif num.word_one:
        prev = t.word(num.i - 1)
        if prev in ("the", "no", "every", "any", "each", "this", "that", "which", "someone"):
            return None, num.j
        if t.word(num.j) == "of" or (num.j < t.n and t.text[num.j] == "-"):
            return None, num.j

    if num.digits and _address_after(t, side.end_tok):
        return None, side.end_tok

    qual, qual_text, qstart = _qualifier_before(t, side.start_tok)
    start_tok = side.start_tok
    unit = side.unit
    value = _r(side.value)
    end_tok = side.end_tok
    low: float | None
    high: float | None

    # Ranges: "30-40%", "30 to 40", "between 30 and 40", "from 10 to 20".
    rng = _range_after(t, side, qual)
    if rng == "skip":
        # a score ("3-1 win") or a span of years ("2004-05")
        k = end_tok + 1
        while k < t.n and (t.kind[k] == "n" or (t.text[k] in "-–" and t.kind[k] == "s")):
            k += 1
        return None, k
    if qual in (Qualifier.BETWEEN, Qualifier.RANGE) and rng is None:
        qual, qual_text, qstart = None, None, start_tok

    if rng is None and _is_year(t, num, side.currency, unit, qual_text):
        if not include_years:
            return None, num.j
        q = Quantity(
            text=t.s[t.starts[num.i] : t.ends[num.j - 1]],
            start=t.starts[num.i],
            end=t.ends[num.j - 1],
            value=value,
            low=value,
            high=value,
            low_inclusive=True,
            high_inclusive=True,
            qualifier=Qualifier.EXACT.value,
            unit=None,
            counted=None,
            of_what=None,
            per=None,
            is_percentage=False,
            is_year=True,
        )
        return q, num.j

    if qual is not None:
        start_tok = qstart

    if rng is not None:
        second, lo_v, hi_v = rng
        unit = unit or second.unit
        end_tok = second.end_tok
        qual = Qualifier.BETWEEN if qual is Qualifier.BETWEEN else Qualifier.RANGE
        low, high, low_inc, high_inc = lo_v, hi_v, True, True
        value = _r((lo_v + hi_v) / 2)
    else:
        if num.vague is not None:
            vlow, vhigh = num.vague
            if qual in (Qualifier.UP_TO, Qualifier.AT_MOST, Qualifier.UNDER):
                low, high, low_inc, high_inc = None, vhigh, False, False  # "up to hundreds"
            elif qual in (Qualifier.OVER, Qualifier.AT_LEAST, Qualifier.JUST_OVER):
                low, high, low_inc, high_inc = vlow, None, True, False  # "more than a few hundred"
            else:
                qual = Qualifier.VAGUE
                low, high, low_inc, high_inc = vlow, vhigh, True, False
        else:
            if qual is None and num.fraction:
                qual = Qualifier.ABOUT
            # Post-qualifiers: "160 or more", "500-plus", "20-odd".
            post = _post_qualifier(t, end_tok)
            if post is not None and qual is None:
                qual, end_tok, qual_text = post
            qual = qual or Qualifier.EXACT
            low, high, low_inc, high_inc = _interval(qual, value)

    per, after_per = _per_after(t, end_tok)
    if per is not None:
        end_tok = after_per

    counted = None
    of_what = None
    is_pct = unit in ("percent", "percentage_point")
    nxt = end_tok
    if t.word(nxt) == "of" and (is_pct or num.fraction or unit is None or num.vague):
        if num.vague is not None and not is_pct:
            unit2 = _CURRENCY_WORDS.get(t.word(nxt + 1))
            if unit2 and unit is None:
                unit = unit2
            else:
                counted, _ = _of_what(t, nxt)
        else:
            of_what, _ = _of_what(t, nxt)
    elif unit is None and not is_pct:
        singular = value == 1
        counted, after = _counted_after(t, nxt, singular)
        if counted is not None and per is None:
            per2, _ = _per_after(t, after)
            per = per2
    # A lone "one" that counts nothing is a pronoun ("one said", "one by one").
    if num.word_one and counted is None and unit is None and qual is Qualifier.EXACT:
        return None, num.j
    start = t.starts[start_tok]
    end = t.ends[end_tok - 1]
    return (
        Quantity(
            text=t.s[start:end],
            start=start,
            end=end,
            value=value,
            low=low,
            high=high,
            low_inclusive=low_inc,
            high_inclusive=high_inc,
            qualifier=qual.value,
            unit=unit,
            counted=counted,
            of_what=of_what,
            per=per,
            is_percentage=is_pct,
            is_year=False,
            qualifier_text=qual_text,
        ),
        end_tok,
    )


def _post_qualifier(t: _Toks, j: int) -> tuple[Qualifier, int, str] | None:
    pair = (t.word(j), t.word(j + 1))
    q = _POST_QUALIFIERS.get(pair)
    if q is not None:
        return q, j + 2, " ".join(pair)
    if j < t.n and t.text[j] == "+" and t.glued(j):
        return Qualifier.AT_LEAST, j + 1, "+"
    if j + 1 < t.n and t.text[j] == "-" and t.glued(j) and t.word(j + 1) in ("plus", "odd"):
        q = Qualifier.AT_LEAST if t.low[j + 1] == "plus" else Qualifier.ABOUT
        return q, j + 2, t.text[j + 1]
    return None


def _range_after(t: _Toks, side: _Side, qual: Qualifier | None):
    """Second end of a range after ``side``: (side2, low, high), "skip", or None."""
    j = side.end_tok
    if j >= t.n:
        return None
    conn = t.low[j]
    if conn in ("-", "–", "—"):
        kind = "dash"
    elif conn == "to" and qual is not Qualifier.BETWEEN:
        kind = "to"
    elif conn == "and" and qual is Qualifier.BETWEEN:
        kind = "and"
    else:
        return None
    if j + 1 >= t.n:
        return None
    second = _side_at(t, j + 1)
    if second is None:
        return None
    n1, n2 = side.num, second.num
    if kind == "dash" and n1.digits and n2.digits and side.unit is None and side.currency is None:
        y1 = n1.plain_int and len(t.text[n1.i]) == 4 and 1000 <= n1.value <= 2100
        if y1 and n2.plain_int and len(t.text[n2.i]) in (2, 4):
            return "skip"  # "2004-05", "1997-2001"
        if (
            n1.plain_int
            and n2.plain_int
            and second.unit is None
            and not n2.scaled
            and (n1.value >= n2.value or _score_context(t, n1.i, second.end_tok))
        ):
            return "skip"  # "3-1", "a 2-1 win"
    if (
        kind == "dash"
        and not (t.glued(j) or t.glued(j + 1))
        and side.unit is None
        and second.unit is None
        and second.currency is None
    ):
        return None  # "30 - 40" without units is too often a list or a score
    if n2.vague is not None or n1.vague is not None:
        return None
    u1 = side.unit
    u2 = second.unit
    if u1 is not None and u2 is not None and u1 != u2:
        return None
    if kind == "to" and (
        _change_context(t, side.start_tok) or (qual is None and t.word(side.start_tok - 1) == "by")
    ):
        return None
    if kind == "to" and qual is Qualifier.RANGE and _change_context(t, side.start_tok - 1):
        return None
    if second.end_tok < t.n and t.text[second.end_tok] in _MONTHS and n2.plain_int:
        return "skip"  # "16-28 November": a span of dates
    lo = side.value
    hi = second.value
    if n2.scaled and not n1.scaled:
        # "2-3 million", "$2-3bn": the scale on the second number applies to both when smaller
        raw2 = _digits_value(t.text[n2.i]) if n2.digits else None
        if raw2 is not None and n1.value < raw2:
            lo = side.value * (n2.value / raw2)
    if u1 is None and u2 is not None and second.unit == "GBP" and second.value != n2.value:
        lo = lo * 0.01  # "20-30p"
    lo, hi = _r(lo), _r(hi)
    if not lo < hi:
        return None
    return second, lo, hi


# --------------------------------------------------------------------------------------------
# Comparison


def compatible(a: Quantity, b: Quantity, *, rel_tol: float = 0.0) -> bool:
    """Do the intervals asserted by ``a`` and ``b`` overlap?

    Pure numeric check: units (currency, percent vs percentage points, km vs miles) and rates
    (``per``) must be equal, otherwise the answer is False.  ``rel_tol`` widens both intervals by
    that fraction of their ends, for callers that tolerate rounding ("1.5bn" vs "1.53bn").
    Whether the two quantities measure the same thing is the caller's decision.
    """
    if a.unit != b.unit or a.is_percentage != b.is_percentage or a.per != b.per:
        return False
    alo, ahi = _widen(a.low, a.high, rel_tol)
    blo, bhi = _widen(b.low, b.high, rel_tol)
    # Lower bound of the intersection and whether it is included.
    if alo is None:
        lo, lo_inc = blo, b.low_inclusive
    elif blo is None or alo > blo:
        lo, lo_inc = alo, a.low_inclusive
    elif blo > alo:
        lo, lo_inc = blo, b.low_inclusive
    else:
        lo, lo_inc = alo, a.low_inclusive and b.low_inclusive
    if ahi is None:
        hi, hi_inc = bhi, b.high_inclusive
    elif bhi is None or ahi < bhi:
        hi, hi_inc = ahi, a.high_inclusive
    elif bhi < ahi:
        hi, hi_inc = bhi, b.high_inclusive
    else:
        hi, hi_inc = ahi, a.high_inclusive and b.high_inclusive
    if lo is None or hi is None:
        return True
    if lo < hi and not math.isclose(lo, hi, rel_tol=1e-12):
        return True
    return math.isclose(lo, hi, rel_tol=1e-12) and lo_inc and hi_inc


def _widen(lo: float | None, hi: float | None, tol: float) -> tuple[float | None, float | None]:
    if not tol:
        return lo, hi
    return (
        None if lo is None else lo - abs(lo) * tol,
        None if hi is None else hi + abs(hi) * tol,
    )
