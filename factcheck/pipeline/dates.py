"""Date and time expressions in one English news sentence, resolved to calendar intervals.

``find_dates(sentence, published=...)`` returns every date/time mention with exact character
offsets and, where it can, the interval of days it refers to (``earliest``..``latest``, both
inclusive), so that claims from different articles can be compared ("in 2023" vs "in 2024").

Design: cheap substring checks decide which compiled regexes run at all (most sentences hold no
date), the regexes find candidate spans, context rules reject false positives, and calendar
arithmetic is done with ``dateutil.relativedelta``. About 500k words/s on BBC News text.
``dateparser.search_dates`` was evaluated and rejected: about 7k words/s on BBC text, and it
returns "may" (modal verb), "A march on the", "The Sunday" (Sunday Times) and "1997" in
"1997 people" as dates while missing "in recent weeks" and "last fall". ``dateutil.parser``
parses a span in ~55 us but only once the span is found; our regexes already capture day, month
and year as groups, so re-parsing the text would add cost and its own ambiguity rules (it reads
"03/04/2025" as 4 March without saying it guessed). The numeric-date ambiguity rule and the
news conventions below are therefore written by hand.

Closed sets
-----------
``kind`` (what the expression names):
    "date"     one day: "March 21, 2023", "18/03/2025", "on Tuesday", "yesterday", "3 days ago"
    "week"     a Monday-Sunday week: "last week", "this week", "two weeks ago"
    "weekend"  a Saturday-Sunday: "last weekend"
    "month"    a calendar month: "March 2023", "in May", "last month"
    "season"   a northern-hemisphere meteorological season: "last fall", "summer 2023"
    "quarter"  a calendar quarter: "last quarter"
    "year"     a calendar year: "in 1997", "the 2024 election", "last year"
    "decade"   "the 1990s", "the '80s", "last decade"
    "century"  "the 19th century", "this century"
    "period"   a span with conventional bounds: "late 1990s", "early March", "mid-2023",
               "in recent weeks", "in the past five years", "in coming weeks", "2003-04"
    "time"     a clock time: "20:39", "8pm", "noon" (attached to an adjacent day, see ``time``)

``granularity``: "time", "day", "week", "month", "season", "quarter", "year", "decade",
"century", or "period" when the bounds are a convention rather than a calendar unit.

``relative`` is True when the mention needs the publication date to be resolved: "today",
"on Tuesday", "last year", "in recent weeks", and also a month or day written without a year
("in May", "on 18 March"). Without ``published`` such mentions are still returned, with
``earliest``/``latest`` None. Absolute mentions always resolve.

Conventions (news usage; all are documented choices, not facts)
----------------------------------------------------------------
* A weekday ("on Tuesday", "Tuesday's vote") is the most recent such day on or before
  publication: in a Tuesday article "on Tuesday" is that same day. If the clause before it has a
  future cue ("will", "is due to", "scheduled", "plans to"...) it is the first such day on or
  after publication instead. "last Tuesday" is strictly before publication, "next Tuesday"
  strictly after.
* A month or day without a year is the occurrence closest to publication (ties go to the past),
  or the next one not yet over when the clause has a future cue. "last May"/"next May" are the
  latest occurrence before / earliest after the publication month.
* "last/this/next week|month|year|quarter|decade" are calendar units (weeks start Monday);
  "the last/past N weeks" and "in recent weeks" are rolling periods ending at publication.
  "in recent days" = 7 days, "weeks" = 6 weeks, "months" = 6 months, "years" = 5 years before
  publication; "in coming days/weeks/months/years" is the same length after publication.
* Seasons are meteorological and northern-hemisphere: spring Mar-May, summer Jun-Aug,
  autumn/fall Sep-Nov, winter Dec-Feb (``winter 2023`` = Dec 2022-Feb 2023, the one whose
  January falls in 2023). "last fall" is the
  latest autumn that ended before publication; "this summer" the one in progress or next;
  "next summer" the first one starting after publication.
* early/mid/late: of a month days 1-10 / 11-20 / 21-end; of a year Jan-Apr / May-Aug / Sep-Dec
  ("end of" = Oct-Dec); of a decade years 0-3 / 3-6 / 6-9 ("late 1990s" = 1996-1999).
* Numeric dates: ISO "2025-03-18" is read as is. "18/03/2025" (a part > 12) is unambiguous.
  "03/04/2025" is kept with ``ambiguous=True``, ``earliest``/``latest`` None and both readings
  in ``alternatives``; "04/04/2025" is unambiguous. Two-digit years are not read.
* A bare four-digit number is a year only in context: after in/since/by/until/from/of/
  during/before/after/between/around (and "and"/"to" right after another year), after a month,
  as "the 2024 election" (a determiner before and no count noun such as "people" after), or as
  "2023's". "1997 people", "$2000", "2,000" and "2000 km" are not years.
* Named things are not dates: "Sunday Times" (weekday followed by a capitalised word),
  "Black Friday", "Good Friday", "Super Tuesday"... (named events are left out entirely),
  "the Today programme", "USA Today", "May" as a verb or surname, "a march on the capital".
* A preposition right before a mention is kept in ``qualifier`` ("since" 2014, "until" May,
  "by" 2030) rather than folded into the interval: ``earliest``/``latest`` describe the
  expression itself, the qualifier its relation to the claim.
* A clock time adjacent to a day ("at 8pm on Tuesday", "20:39, 19 March 2025") is attached: the
  day mention gets ``time``; the time mention gets the day's interval. An unattached time is
  relative and unresolved.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

__all__ = ["DateMention", "find_dates"]

Day = datetime.date


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str  # == sentence[start:end]
    start: int
    end: int
    kind: str  # see module docstring for the closed set
    relative: bool
    earliest: Day | None
    latest: Day | None
    granularity: str
    qualifier: str | None = None  # preposition before the mention: "since", "until", "in"...
    time: datetime.time | None = None  # clock time attached to this day, or of a "time" mention
    ambiguous: bool = False  # numeric day/month order unknown ("03/04/2025")
    alternatives: tuple[Day, ...] = ()  # the readings of an ambiguous mention


# --------------------------------------------------------------------------- vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_RD_WEEKDAY = (MO, TU, WE, TH, FR, SA, SU)
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # start month
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
# Vague counts resolve to a range of counts: "a few years ago" = 2..5 years ago.
_VAGUE_COUNTS = {
    "few": (2, 5), "a few": (2, 5), "several": (3, 7), "a couple of": (2, 2), "couple of": (2, 2)
}  # fmt: skip
# Words that may precede a date and state its relation to the claim.
_QUALIFIERS = _words(
    "in on at since by until till from to of during before after between through throughout "
    "around circa and or as"
)
# Capitalised words before a weekday that make it a named event, not a date.
_NAMED_DAY_PREFIX = _words(
    "black good cyber super ash bloody easter holy maundy palm shrove giving small"
)
# Nouns after a bare four-digit number that make it a count ("the 2000 people").
_COUNT_NOUNS = _words(
    """people persons men women children kids babies adults residents citizens voters
    jobs workers employees staff members users customers subscribers passengers visitors
    cases deaths victims casualties patients students pupils teachers doctors nurses troops
    soldiers officers police refugees migrants homes houses households families vehicles
    cars units copies tonnes tons miles metres meters km kilometres kilometers feet acres
    hectares pounds dollars euros points votes seats shares pages words calories times
    rounds shots arrests prisoners inmates fans spectators runners athletes players
    species animals birds trees litres liters gallons barrels mph kph mw kw gb mb"""
)
_MONTH_NAMES_RE = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR_RE = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH_ANY_RE = rf"(?:{_MONTH_NAMES_RE}|{_MONTH_ABBR_RE})"
_WEEKDAY_RE = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})"
_NUM_WORD_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|is\s+due|are\s+due|due\s+to|scheduled|is\s+set\s+to|are\s+set\s+to|"
    r"plans?\s+to|planned|going\s+to|expected\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\bsaid\b|\bsays\b")


# --------------------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> Day:
    return Day(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[Day, Day]:
    return Day(year, month, 1), _month_end(year, month)


def _season_span(year: int, start_month: int) -> tuple[Day, Day]:
    # Winter Y is the one whose January and February fall in Y (Dec Y-1 - Feb Y).
    first = Day(year - 1 if start_month == 12 else year, start_month, 1)
    last = first + relativedelta(months=2)
    return first, _month_end(last.year, last.month)


def _week_span(day: Day) -> tuple[Day, Day]:
    monday = day + relativedelta(weekday=MO(-1))
    return monday, monday + datetime.timedelta(days=6)


def _distance(pub: Day, span: tuple[Day, Day]) -> int:
    if span[0] <= pub <= span[1]:
        return 0
    return (span[0] - pub).days if span[0] > pub else (pub - span[1]).days


def _pick_occurrence(
    pub: Day, spans: list[tuple[Day, Day]], *, future: bool, rel: str | None = None
) -> tuple[Day, Day]:
    """Choose among yearly occurrences (sorted by time) of a month, day or season."""
    if rel == "last":
        return [s for s in spans if s[1] < pub and not (s[0] <= pub <= s[1])][-1]
    if rel == "next":
        return next(s for s in spans if s[0] > pub)
    if rel == "this":
        this = [s for s in spans if s[0] <= pub <= s[1]] or [
            s for s in spans if s[0].year == pub.year and (not future or s[1] >= pub)
        ]
        return this[0]
    if future:
        return next(s for s in spans if s[1] >= pub)
    # Closest to publication; min() keeps the first (earlier) one on ties.
    return min(spans, key=lambda s: _distance(pub, s))


def _safe_day(year: int, month: int, day: int) -> Day | None:
    try:
        return Day(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- patterns

# Every pattern is compiled once; handlers turn a match into a mention (or reject it).
_P_ISO = re.compile(r"(?<![\d/.-])(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_P_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>[12]\d{3})(?![\d/])"
)
_P_DAY_MONTH = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?<![\d.,])(?P<d>[0-3]?\d){_ORD}\s+(?:of\s+)?"
    rf"(?P<m>{_MONTH_ANY_RE})(?![A-Za-z])(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
)
_P_MONTH_DAY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?P<m>{_MONTH_ANY_RE})\s+(?:the\s+)?(?P<d>[0-3]?\d){_ORD}"
    rf"(?![\d:.,]\d|[A-Za-z%])(?:,?\s+(?P<y>{_YEAR})(?!\d))?"
)
_MOD_RE = (
    r"(?P<mod>early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|"
    r"the\s+middle\s+of|end\s+of|start\s+of|beginning\s+of|middle\s+of)"
)
_P_MONTH_YEAR = re.compile(
    rf"(?:\b(?i:{_MOD_RE})[\s-]+)?(?P<m>{_MONTH_ANY_RE}),?\s+(?:of\s+)?(?P<y>{_YEAR})(?![\d,.]\d)"
)
# A month alone needs a cue before it, else "May" is the verb or a surname.
_P_MONTH_BARE = re.compile(
    rf"(?:\b(?i:(?P<rel>last|this|next|(?P<prep>in|since|by|until|till|from|during|before|"
    rf"after|through|throughout|between|and|to|of|for)))\s+)?"
    rf"(?:\b(?i:{_MOD_RE})[\s-]+)?(?P<m>{_MONTH_NAMES_RE})\b"
    r"(?:\s+(?P<yrel>next|last|this)\s+year\b)?"
)
_P_WEEKDAY = re.compile(
    rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{_WEEKDAY_RE})(?P<poss>['’]s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
_P_YEAR = re.compile(
    rf"(?<![\d$£€¥#.,/:])(?<![\d.]-)(?P<y>{_YEAR})(?P<poss>['’]s)?(?![\d%]|[.,:/]\d|-\d|\s*(?:%|per\s?cent))"
)
_P_YEAR_RANGE = re.compile(
    rf"(?<![\d$£€¥#.,/:-])(?P<y1>{_YEAR})(?:-|–|/)(?P<y2>\d{{4}}|\d{{2}})(?![\d%/-]|[.,]\d)"
)
_P_DECADE = re.compile(
    r"(?:\b(?i:(?P<mod>early|mid|late))[\s-]+)?(?:\b(?i:the)\s+)?"
    r"(?:(?<!\d)(?P<full>1\d{2}0|20\d0)|['’](?P<short>\d0)|(?<=\bthe\s)(?P<bare>\d0))s\b"
)
_P_CENTURY = re.compile(
    r"\b(?i:(?P<rel>last|this|next|the\s+(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?P<n>\d{1,2})(?:st|nd|rd|th)|the\s+(?P<word>nineteenth|twentieth|twenty-first|"
    r"eighteenth)))\s+century\b",
)
_P_SEASON = re.compile(
    r"\b(?:(?P<pre>(?i:in|during|since|by|until|over|through|throughout|for)\s+(?:the\s+)?)|"
    r"(?i:(?P<rel>last|this|next|past|coming)\s+)|(?P<the>[Tt]he\s+))?"
    r"(?:(?i:(?P<mod>early|mid|late))[\s-]+)?"
    r"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})(?!\d))?\b"
)
_P_DEICTIC = re.compile(
    r"\b(?:(?P<ew>[Ee]arlier|[Ll]ater)\s+)?"
    r"(?P<w>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?P<poss>['’]s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
    r"|\b(?P<rel>[Tt]his|[Ll]ast)\s+(?P<part2>morning|afternoon|evening|night)\b"
)
_UNIT_RE = r"(?P<unit>week(?:end)?|month|year|decade|century|quarter)"
_P_REL_UNIT = re.compile(
    rf"\b(?:(?P<ew>[Ee]arlier|[Ll]ater)\s+)?(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+{_UNIT_RE}"
    r"(?P<poss>['’]s)?\b"
)
_P_ROLLING = re.compile(
    r"\b(?i:(?P<pre>in|over|during|for|within|throughout)\s+)?(?i:the\s+)"
    r"(?i:(?P<dir>last|past|previous|next|coming|following))\s+"
    rf"(?:(?P<n>\d{{1,3}}|{_NUM_WORD_RE}|few|several|couple\s+of)\s+)?"
    r"(?P<unit>days?|weeks?|months?|years?|decades?)\b"
)
_P_RECENT = re.compile(
    r"\b(?:(?i:in|over|during)\s+)?(?:(?i:the)\s+)?(?P<dir>[Rr]ecent|[Cc]oming|[Uu]pcoming)\s+"
    r"(?P<unit>days|weeks|months|years)\b"
    r"|\b(?i:in|over)\s+the\s+(?P<unit2>days|weeks|months|years)\s+(?P<dir2>ahead|to\s+come)\b"
)
_P_AGO = re.compile(
    rf"\b(?P<n>\d{{1,3}}|(?i:{_NUM_WORD_RE})|(?i:a\s+few|few|several|a\s+couple\s+of))\s+"
    r"(?P<unit>minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+ago\b"
)
_TZ = r"(?:\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PST|PDT|PT|local\s+time))?"
_P_TIME = re.compile(
    rf"(?<![\d.:])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s*(?P<ap>[ap](?:\.m\.|m)(?![a-z]))?{_TZ}"
    rf"(?![\d:.]\d)"
    rf"|(?<![\d.:])(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap](?:\.m\.|m)(?![a-z])){_TZ}"
    r"|\b(?P<word>noon|midday|midnight)\b"
    # Wire-style "0400 GMT" needs the zone, else it is a year or a count.
    r"|(?<![\d.,])(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s*(?:GMT|BST|UTC|CET|EST|EDT|ET)\b"
)
_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,2}\Z")
_PREV_QUALIFIER = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?\Z")
_NEXT_WORD = re.compile(r"\W{0,2}([A-Za-z]+)")


# --------------------------------------------------------------------------- context helpers


class _Ctx:
    """Per-call state shared by the handlers."""

    __slots__ = ("future_cache", "pub", "s")

    def __init__(self, sentence: str, pub: Day | None) -> None:
        self.s = sentence
        self.pub = pub
        self.future_cache: dict[int, bool] = {}

    def prev_word(self, pos: int) -> str:
        m = _PREV_WORD.search(self.s, max(0, pos - 20), pos)
        return m.group(1) if m else ""

    def next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.s, pos)
        return m.group(1) if m else ""

    def future(self, pos: int) -> bool:
        """Whether the clause before ``pos`` speaks of the future ("will vote on Tuesday")."""
        if pos not in self.future_cache:
            window = self.s[max(0, pos - 80) : pos]
            breaks = [b.end() for b in _CLAUSE_BREAK.finditer(window)]
            if breaks:
                window = window[breaks[-1] :]
            self.future_cache[pos] = _FUTURE_CUE.search(window) is not None
        return self.future_cache[pos]


def _mention(
    ctx: _Ctx,
    start: int,
    end: int,
    kind: str,
    relative: bool,
    span: tuple[Day, Day] | None,
    granularity: str,
    **extra: object,
) -> DateMention:
    # Trailing spaces/periods can slip into optional groups; spans never end on them.
    while end > start and ctx.s[end - 1] in " \t":
        end -= 1
    return DateMention(
        text=ctx.s[start:end],
        start=start,
        end=end,
        kind=kind,
        relative=relative,
        earliest=span[0] if span else None,
        latest=span[1] if span else None,
        granularity=granularity,
        **extra,  # type: ignore[arg-type]
    )


def _mod_range(mod: str | None, first: Day, last: Day, unit: str) -> tuple[Day, Day]:
    """Narrow ``first..last`` to its early/mid/late part (conventions in module docstring)."""
    if not mod:
        return first, last
    mod = " ".join(mod.lower().split())
    part = (
        "early"
        if mod in ("early", "the start of", "start of", "the beginning of", "beginning of")
        else "mid"
        if mod in ("mid", "the middle of", "middle of")
        else "end"
        if mod in ("the end of", "end of")
        else "late"
    )
    if unit == "month":
        ranges = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "end": (21, 31)}
        a, b = ranges[part]
        return first.replace(day=a), first.replace(day=min(b, last.day))
    if unit == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12)}
        a, b = months[part]
        return Day(first.year, a, 1), _month_end(first.year, b)
    # decade / century: split the length in three overlapping thirds (1990s: 0-3, 3-6, 6-9)
    length = last.year - first.year + 1
    step = (length * 3) // 10
    offsets = {"early": (0, step), "mid": (step, 2 * step), "late": (2 * step, length - 1)}
    offsets["end"] = offsets["late"]
    a, b = offsets[part]
    return Day(first.year + a, 1, 1), Day(first.year + b, 12, 31)


# --------------------------------------------------------------------------- handlers


def _h_iso(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    day = _safe_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    return _mention(ctx, m.start(), m.end(), "date", False, (day, day), "day")


def _h_numeric(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    dmy = _safe_day(y, b, a)
    mdy = _safe_day(y, a, b)
    if dmy is None and mdy is None:
        return None
    if dmy is None or mdy is None or dmy == mdy:
        day = dmy or mdy
        assert day is not None
        return _mention(ctx, m.start(), m.end(), "date", False, (day, day), "day")
    return _mention(
        ctx,
        m.start(),
        m.end(),
        "date",
        False,
        None,
        "day",
        ambiguous=True,
        alternatives=(dmy, mdy),
    )


def _yearless(
    ctx: _Ctx, pos: int, make: Callable[[int], tuple[Day, Day] | None], rel: str | None = None
) -> tuple[Day, Day] | None:
    """Resolve a month/day/season written without a year against publication."""
    if ctx.pub is None:
        return None
    spans = [s for y in range(ctx.pub.year - 2, ctx.pub.year + 3) if (s := make(y))]
    try:
        return _pick_occurrence(ctx.pub, spans, future=ctx.future(pos), rel=rel)
    except (IndexError, StopIteration):
        return None


def _h_day_month(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    month = _MONTHS[m["m"].rstrip(".").lower()]
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    if m["y"]:
        day = _safe_day(int(m["y"]), month, d)
        if day is None:
            return None
        return _mention(ctx, m.start(), m.end(), "date", False, (day, day), "day")
    if _safe_day(2024, month, d) is None:  # 2024 is a leap year: accepts 29 February
        return None
    if m["m"] == "May" and not (m["wd"] or ctx.prev_word(m.start()).lower() in _QUALIFIERS):
        # "5 May" is a date, but "he said 2 May leave" is not: a bare "N May" needs a cue
        # unless followed by something a modal verb can't be followed by.
        nxt = ctx.next_word(m.end())
        if nxt and nxt[0].islower():
            return None

    def make(y: int) -> tuple[Day, Day] | None:
        day = _safe_day(y, month, d)
        return (day, day) if day else None

    return _mention(ctx, m.start(), m.end(), "date", True, _yearless(ctx, m.start(), make), "day")


def _h_month_year(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    month = _MONTHS[m["m"].rstrip(".").lower()]
    first, last = _month_span(int(m["y"]), month)
    if m["mod"]:
        return _mention(
            ctx, m.start(), m.end(), "period", False, _mod_range(m["mod"], first, last, "month"),
            "period",
        )  # fmt: skip
    return _mention(ctx, m.start(), m.end(), "month", False, (first, last), "month")


def _h_month_bare(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    rel = m["rel"].lower() if m["rel"] else None
    if rel is None and not m["mod"] and not m["yrel"]:
        return None
    if rel in _MAY_WEAK_CUES and m["m"] == "May" and not m["mod"]:
        return None  # "Bush and May", "a speech by May": the surname, not the month
    if rel in ("last", "this", "next"):
        start = m.start()
    else:
        # The preposition is a qualifier, not part of the date.
        start = m.start("mod") if m["mod"] else m.start("m")
        rel = None
    month = _MONTHS[m["m"].lower()]
    mod = m["mod"]
    if m["yrel"]:
        # "January next year": the year is given relative to publication.
        if ctx.pub is None:
            span = None
        else:
            y = ctx.pub.year + {"next": 1, "last": -1, "this": 0}[m["yrel"]]
            first, last = _month_span(y, month)
            span = _mod_range(mod, first, last, "month") if mod else (first, last)
        kind = "period" if mod else "month"
        return _mention(ctx, start, m.end(), kind, True, span, "period" if mod else "month")

    def make(y: int) -> tuple[Day, Day]:
        first, last = _month_span(y, month)
        return _mod_range(mod, first, last, "month") if mod else (first, last)

    span = _yearless(ctx, m.start(), make, rel)
    kind = "period" if mod else "month"
    return _mention(ctx, start, m.end(), kind, True, span, "period" if mod else "month")


def _h_weekday(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    rel = m["rel"].lower() if m["rel"] else None
    wd = _WEEKDAYS[m["wd"].lower()]
    if not rel:
        prev = ctx.prev_word(m.start())
        if prev.lower() in _NAMED_DAY_PREFIX and prev[:1].isupper():
            return None  # Black Friday, Super Tuesday: named events, left out
        nxt = ctx.next_word(m.end())
        if (
            prev.lower() not in _DAY_CUES
            and not m["poss"]
            and not m["part"]
            and nxt[:1].isupper()
            and nxt.lower() not in _MONTHS
            and ctx.s[m.end() : m.end() + 1] not in ",;."
        ):
            return None  # Sunday Times, Monday Night Football
    span = None
    if ctx.pub is not None:
        pub = ctx.pub
        if rel == "last":
            day = pub - datetime.timedelta(days=1) + relativedelta(weekday=_RD_WEEKDAY[wd](-1))
        elif rel == "next":
            day = pub + datetime.timedelta(days=1) + relativedelta(weekday=_RD_WEEKDAY[wd](+1))
        elif rel == "this" or ctx.future(m.start()):
            day = pub + relativedelta(weekday=_RD_WEEKDAY[wd](+1))
        else:
            day = pub + relativedelta(weekday=_RD_WEEKDAY[wd](-1))
        span = (day, day)
    end = m.end("wd") if m["poss"] and not m["part"] else m.end()
    return _mention(ctx, m.start(), end, "date", True, span, "day")


_DAY_CUES = _words("on since by until till before after from between and or every")
# Cues that also introduce counts or names ("a total of 2000", "Bush and May").
_MAY_WEAK_CUES = _words("and or to of for with between from")
_WEAK_CUES = _words("of by from for between around with as")
_QUANTITY_WORDS = _words(
    "total number average maximum minimum increase rise fall drop up down cost price value "
    "worth sum rate figure estimated some about nearly almost over under than least most many "
    "much"
)
_YEAR_CUES = _words(
    "in since by until till through throughout from of during before after between around "
    "circa c early mid late year years fiscal financial season class beyond"
)
# "s" is the possessive: "the party's 2001 election".
_DETERMINERS = _words("the a an its his her their our this that whose s")
# Nouns that, right after a bare year, make it a date ("2005 revenue", "1997 election").
_YEAR_NOUNS = _words(
    """election elections campaign season tour budget revenue revenues earnings profit profits
    loss losses results sales figures census games olympics final finals vote referendum report
    survey model war attacks crisis agreement deal law act championship championships general
    world cup summit album film movie novel album release forecast forecasts target targets
    level levels period winter summer spring autumn edition event festival award awards"""
)
# Verbs that, right after a sentence-initial year, make it the subject ("2004 saw a rise").
_YEAR_SUBJECT_VERBS = _words(
    "was is has had saw sees will would could may might marked proved began ended brought"
)


def _year_ok(ctx: _Ctx, start: int, end: int, poss: bool, accepted_ends: list[int]) -> bool:
    prev = ctx.prev_word(start).lower()
    nxt = ctx.next_word(end)
    nxt_l = nxt.lower()
    if nxt_l in _COUNT_NOUNS:
        return False
    year = int(ctx.s[start : start + 4])
    if prev in _WEAK_CUES:
        before = ctx.prev_word(start - len(prev) - 1).lower() if start > len(prev) else ""
        return 1800 <= year <= 2100 and before not in _QUANTITY_WORDS
    if poss or prev in _YEAR_CUES or prev in _MONTHS:
        return True
    if 1800 <= year <= 2100 and (
        nxt_l in _YEAR_NOUNS
        or (not prev and nxt_l in _YEAR_SUBJECT_VERBS)
        or (ctx.s[start - 1 : start] == "(" and ctx.s[end : end + 1] == ")")
    ):
        return True
    if prev in ("and", "or", "to", "through") and accepted_ends and start - accepted_ends[-1] < 12:
        return True  # "between 2010 and 2015", "from 2010 to 2015"
    return prev in _DETERMINERS and 1800 <= year <= 2100 and bool(nxt)  # "the 2024 election"


def _h_year(ctx: _Ctx, m: re.Match[str], accepted_ends: list[int]) -> DateMention | None:
    if not _year_ok(ctx, m.start(), m.end("y"), bool(m["poss"]), accepted_ends):
        return None
    y = int(m["y"])
    prev = ctx.prev_word(m.start()).lower()
    accepted_ends.append(m.end())
    if prev in ("early", "mid", "late"):
        # "mid-2023": the modifier belongs to the mention.
        start = max(0, ctx.s.lower().rfind(prev, 0, m.start()))
        span = _mod_range(prev, Day(y, 1, 1), Day(y, 12, 31), "year")
        return _mention(ctx, start, m.end("y"), "period", False, span, "period")
    if m.start() >= 7 and ctx.s[max(0, m.start() - 12) : m.start()].lower().rstrip().endswith(
        "end of"
    ):
        start = ctx.s.lower().rfind("end of", 0, m.start())
        if ctx.s[max(0, start - 4) : start].lower() == "the ":
            start -= 4
        span = _mod_range("end of", Day(y, 1, 1), Day(y, 12, 31), "year")
        return _mention(ctx, start, m.end("y"), "period", False, span, "period")
    return _mention(
        ctx, m.start(), m.end("y"), "year", False, (Day(y, 1, 1), Day(y, 12, 31)), "year"
    )


def _h_year_range(ctx: _Ctx, m: re.Match[str], accepted_ends: list[int]) -> DateMention | None:
    y1 = int(m["y1"])
    raw2 = m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 20:
        return None
    if not _year_ok(ctx, m.start(), m.end(), False, accepted_ends):
        return None
    accepted_ends.append(m.end())
    span = (Day(y1, 1, 1), Day(y2, 12, 31))
    return _mention(ctx, m.start(), m.end(), "period", False, span, "year")


def _h_decade(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    if m["full"]:
        first_year = int(m["full"])
    else:
        two = int(m["short"] or m["bare"])
        # '00s-'20s are this century, '30s-'90s the last one (news usage).
        first_year = (2000 if two <= 20 else 1900) + two
    first, last = Day(first_year, 1, 1), Day(first_year + 9, 12, 31)
    start = m.start("mod") if m["mod"] else m.start()
    if m["mod"]:
        return _mention(
            ctx, start, m.end(), "period", False, _mod_range(m["mod"], first, last, "decade"),
            "period",
        )  # fmt: skip
    # "the" is not part of the date span.
    start = m.start("full") if m["full"] else (m.start("short") - 1 if m["short"] else start)
    if m["bare"]:
        start = m.start("bare")
    return _mention(ctx, start, m.end(), "decade", False, (first, last), "decade")


_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _h_century(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    rel = m["rel"].lower()
    if rel in ("last", "this", "next"):
        if ctx.pub is None:
            return _mention(ctx, m.start(), m.end(), "century", True, None, "century")
        base = (ctx.pub.year - 1) // 100 + {"last": -1, "this": 0, "next": 1}[rel]
        first = Day(base * 100 + 1, 1, 1)
        span = (first, Day(first.year + 99, 12, 31))
        return _mention(ctx, m.start(), m.end(), "century", True, span, "century")
    n = int(m["n"]) if m["n"] else _CENTURY_WORDS[m["word"].lower()]
    if not 1 <= n <= 22:
        return None
    first, last = Day((n - 1) * 100 + 1, 1, 1), Day(n * 100, 12, 31)
    start = m.start() + 4  # drop "the "
    if m["mod"]:
        span = _mod_range(m["mod"], first, last, "century")
        return _mention(ctx, start, m.end(), "period", False, span, "period")
    return _mention(ctx, start, m.end(), "century", False, (first, last), "century")


def _h_season(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    season = m["s"].lower()
    rel = m["rel"].lower() if m["rel"] else None
    if rel in ("past", "coming"):
        rel = {"past": "last", "coming": "next"}[rel]
    if m["s"][0].isupper() and not m["y"] and m.start("s") > 0:
        return None  # "Winter Olympics", "Arab Spring": names
    if not (m["y"] or rel or m["pre"] or (m["the"] and m["mod"])):
        return None  # "prices fall", "the fall of Rome"
    if season == "fall" and not (m["y"] or rel or m["pre"].lower().rstrip().endswith("the")):
        return None  # "by fall" is rare; "set to fall", "prices fall" are the verb
    start_month = _SEASONS[season]
    start = m.start("rel") if rel else (m.start("mod") if m["mod"] else m.start("s"))
    if m["y"]:
        span = _season_span(int(m["y"]), start_month)
        return _mention(ctx, start, m.end(), "season", False, span, "season")
    span = _yearless(ctx, m.start(), lambda y: _season_span(y, start_month), rel)
    return _mention(ctx, start, m.end(), "season", True, span, "season")


def _h_deictic(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    pub = ctx.pub
    if m["w"]:
        w = m["w"].lower()
        if w == "today" and m["w"][0] == "T" and m.start("w") > 0:
            before = ctx.s[: m.start("w")].rstrip()
            if before and (before[-1].isalnum() or before[-1] in "'’"):
                return None  # mid-sentence "Today" is a name: "the Today programme", "USA Today"
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    else:
        offset = -1 if m["rel"].lower() == "last" and m["part2"] == "night" else 0
    span = None
    if pub is not None:
        day = pub + datetime.timedelta(days=offset)
        span = (day, day)
    end = m.end("w") if m["w"] and m["poss"] and not m["part"] else m.end()
    return _mention(ctx, m.start(), end, "date", True, span, "day")


def _unit_span(unit: str, day: Day) -> tuple[Day, Day]:
    if unit == "week":
        return _week_span(day)
    if unit == "month":
        return _month_span(day.year, day.month)
    if unit == "quarter":
        q = (day.month - 1) // 3
        return Day(day.year, 3 * q + 1, 1), _month_end(day.year, 3 * q + 3)
    if unit == "year":
        return Day(day.year, 1, 1), Day(day.year, 12, 31)
    if unit == "decade":
        y = day.year - day.year % 10
        return Day(y, 1, 1), Day(y + 9, 12, 31)
    y = (day.year - 1) // 100 * 100 + 1  # century: 2001-2100
    return Day(y, 1, 1), Day(y + 99, 12, 31)


_UNIT_DELTA = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
    "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}


def _h_rel_unit(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    unit = m["unit"].lower()
    rel = m["rel"].lower()
    ew = m["ew"].lower() if m["ew"] else None
    if ew and rel != "this":
        return None  # "later last year" is too rare to model
    kind = unit
    end = m.end("unit")
    if ctx.s[max(0, m.start() - 4) : m.start()].lower() == "the " and not ew:
        return None  # "the last year" is a rolling period, handled by _P_ROLLING
    if ctx.pub is None:
        return _mention(ctx, m.start(), end, kind, True, None, unit)
    pub = ctx.pub
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "weekend":
        if rel == "last":
            sat = pub - datetime.timedelta(days=1) + relativedelta(weekday=SA(-1))
            if pub.weekday() == 6:
                sat -= datetime.timedelta(days=7)  # on Sunday "last weekend" is the one before
        else:
            sat = (
                pub + relativedelta(weekday=SA(+1))
                if pub.weekday() != 6
                else pub - (datetime.timedelta(days=1))
            )
            if rel == "next":
                sat += datetime.timedelta(days=7)
        return _mention(
            ctx, m.start(), end, "weekend", True, (sat, sat + datetime.timedelta(days=1)), "week"
        )
    span = _unit_span(unit, pub + _UNIT_DELTA[unit] * step)
    if ew == "earlier":
        span = (span[0], pub)
    elif ew == "later":
        span = (pub, span[1])
    if ew:
        kind, gran = "period", "period"
    else:
        gran = unit
    return _mention(ctx, m.start(), end, kind, True, span, gran)


def _count(raw: str) -> tuple[int, int] | None:
    raw = " ".join(raw.lower().split())
    if raw.isdigit():
        return int(raw), int(raw)
    if raw in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[raw]
    if raw in _NUMBER_WORDS:
        n = _NUMBER_WORDS[raw]
        return n, n
    return None


def _h_rolling(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    unit = m["unit"].lower().rstrip("s")
    counts = _count(m["n"]) if m["n"] else (1, 1)
    if counts is None:
        return None
    plural = m["unit"].lower().endswith("s")
    if m["n"] is None and plural:
        return None  # "the next days" is not idiomatic; skip
    start = m.start("pre") if m["pre"] else m.start()
    if ctx.pub is None:
        return _mention(ctx, start, m.end(), "period", True, None, "period")
    back = m["dir"].lower() in ("last", "past", "previous")
    delta = _UNIT_DELTA[unit] * counts[1]
    pub = ctx.pub
    span = (pub - delta, pub) if back else (pub, pub + delta)
    return _mention(ctx, start, m.end(), "period", True, span, "period")


_RECENT_LENGTH = {
    "days": relativedelta(days=7),
    "weeks": relativedelta(weeks=6),
    "months": relativedelta(months=6),
    "years": relativedelta(years=5),
}


def _h_recent(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    unit = (m["unit"] or m["unit2"]).lower()
    forward = m["dir"] is None or m["dir"].lower() in ("coming", "upcoming")
    if ctx.pub is None:
        return _mention(ctx, m.start(), m.end(), "period", True, None, "period")
    pub = ctx.pub
    length = _RECENT_LENGTH[unit]
    span = (pub, pub + length) if forward else (pub - length, pub)
    return _mention(ctx, m.start(), m.end(), "period", True, span, "period")


def _h_ago(ctx: _Ctx, m: re.Match[str], published: datetime.datetime | None) -> DateMention:
    unit = m["unit"].lower().rstrip("s")
    counts = _count(m["n"])
    vague = counts is None or counts[0] != counts[1] or m["n"].lower() in ("a few", "few")
    if counts is None or ctx.pub is None:
        kind = "period" if vague else ("date" if unit in ("minute", "hour", "day") else unit)
        return _mention(ctx, m.start(), m.end(), kind, True, None, "period" if vague else kind)
    pub = ctx.pub
    lo, hi = counts
    if unit in ("minute", "hour"):
        delta = datetime.timedelta(**{unit + "s": hi})
        if published is not None:
            day = (published - delta).date()
            return _mention(ctx, m.start(), m.end(), "date", True, (day, day), "day")
        earliest = (datetime.datetime.combine(pub, datetime.time(0)) - delta).date()
        return _mention(ctx, m.start(), m.end(), "date", True, (earliest, pub), "day")
    if vague:
        span = (pub - _UNIT_DELTA[unit] * hi, pub - _UNIT_DELTA[unit] * lo)
        return _mention(ctx, m.start(), m.end(), "period", True, span, "period")
    target = pub - _UNIT_DELTA[unit] * hi
    if unit == "day":
        return _mention(ctx, m.start(), m.end(), "date", True, (target, target), "day")
    # "two years ago" names the calendar unit that day falls in.
    return _mention(ctx, m.start(), m.end(), unit, True, _unit_span(unit, target), unit)


def _h_time(ctx: _Ctx, m: re.Match[str]) -> DateMention | None:
    if m["word"]:
        t = datetime.time(0) if m["word"].lower() == "midnight" else datetime.time(12)
    elif m["h3"]:
        t = datetime.time(int(m["h3"]), int(m["mi3"]))
    elif m["h2"]:
        h = int(m["h2"]) % 12 + (12 if m["ap2"][0] == "p" else 0)
        t = datetime.time(h)
    else:
        h, mi = int(m["h"]), int(m["mi"])
        if m["ap"]:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if m["ap"][0] == "p" else 0)
        elif m.group(0)[len(m["h"])] == ".":
            return None  # "3.45" without am/pm is a decimal number, not a time
        elif not ctx.s[m.end() - 1].isalpha() and len(m["h"]) == 1:
            # "5:30" alone might be a ratio or score; 24-hour times are written "05:30".
            prev = ctx.prev_word(m.start()).lower()
            if prev not in ("at", "by", "until", "from", "before", "after", "around"):
                return None
        t = datetime.time(h, mi)
    return _mention(ctx, m.start(), m.end(), "time", True, None, "time", time=t)


# --------------------------------------------------------------------------- main entry

_Handler = Callable[[_Ctx, re.Match[str]], DateMention | None]

# Each pattern runs only when the sentence holds one of its cue substrings. Python's ``in`` is a
# fast C substring search, several times cheaper than a regex alternation of the same words
# (measured), and most news sentences hold no date, so for them only these checks run. The
# checks are spelled out as ``or`` chains because a generator over a tuple costs more than the
# searches themselves.
_DIGIT = re.compile(r"\d")
_DOTTED_DATE = re.compile(r"\d\.\d\d?\.[12]\d")
_TIME_HINT = re.compile(r"\d(?::[0-5]\d|\s?[ap]\.?m\b|\d\d\s?[A-Z]{2,3}\b)")


def _active(s: str, low: str) -> list[tuple[re.Pattern[str], _Handler]]:
    digit = _DIGIT.search(s) is not None
    month = (
        "Jan" in s or "Feb" in s or "Mar" in s or "Apr" in s or "May" in s or "Jun" in s
        or "Jul" in s or "Aug" in s or "Sep" in s or "Oct" in s or "Nov" in s or "Dec" in s
    )  # fmt: skip
    out: list[tuple[re.Pattern[str], _Handler]] = []
    if digit:
        if "-" in s:
            out.append((_P_ISO, _h_iso))
        if "/" in s or _DOTTED_DATE.search(s):
            out.append((_P_NUMERIC, _h_numeric))
        if month:
            out += [(_P_DAY_MONTH, _h_day_month), (_P_MONTH_DAY, _h_day_month),
                    (_P_MONTH_YEAR, _h_month_year)]  # fmt: skip
        if "0s" in s:
            out.append((_P_DECADE, _h_decade))
    if month:
        out.append((_P_MONTH_BARE, _h_month_bare))
    if "day" in s:
        out.append((_P_WEEKDAY, _h_weekday))
    if "century" in low:
        out.append((_P_CENTURY, _h_century))
    if "spring" in low or "summer" in low or "autumn" in low or "fall" in low or "winter" in low:
        out.append((_P_SEASON, _h_season))
    if (
        "day" in low or "tonight" in low or "tomorrow" in low or "morning" in low
        or "noon" in low or "evening" in low or "night" in low
    ):  # fmt: skip
        out.append((_P_DEICTIC, _h_deictic))
    if ("last " in low or "this " in low or "next " in low) and (
        "week" in low or "month" in low or "year" in low or "decade" in low
        or "century" in low or "quarter" in low
    ):  # fmt: skip
        out.append((_P_REL_UNIT, _h_rel_unit))
    if (
        "the last" in low or "the past" in low or "the previous" in low or "the next" in low
        or "the coming" in low or "the following" in low
    ):  # fmt: skip
        out.append((_P_ROLLING, _h_rolling))
    if "recent" in low or "coming" in low or "ahead" in low or "to come" in low:
        out.append((_P_RECENT, _h_recent))
    if (digit and _TIME_HINT.search(s)) or "noon" in low or "midday" in low or "midnight" in low:
        out.append((_P_TIME, _h_time))
    return out


def _candidates(ctx: _Ctx, low: str, published: datetime.datetime | None) -> Iterator[DateMention]:
    for pattern, handler in _active(ctx.s, low):
        for m in pattern.finditer(ctx.s):
            mention = _within_calendar(handler, ctx, m)
            if mention is not None:
                yield mention
    if " ago" in low:
        for m in _P_AGO.finditer(ctx.s):
            yield _within_calendar(_h_ago, ctx, m, published)
    if _DIGIT.search(ctx.s) is None:
        return
    accepted_ends: list[int] = []
    if "-" in ctx.s or "–" in ctx.s or "/" in ctx.s:
        for m in _P_YEAR_RANGE.finditer(ctx.s):
            if (mention := _h_year_range(ctx, m, accepted_ends)) is not None:
                yield mention
        accepted_ends = []
    for m in _P_YEAR.finditer(ctx.s):
        if (mention := _h_year(ctx, m, accepted_ends)) is not None:
            yield mention


def _within_calendar(
    handler: Callable[..., DateMention | None], ctx: _Ctx, m: re.Match[str], *anchors: object
) -> DateMention | None:
    """The handler's mention, left unresolved when its days fall outside years 1 to 9999.

    "999 decades ago", or "tomorrow" in an article dated 9999-12-31, names no day that date
    arithmetic can reach (it raises OverflowError or ValueError). Such a mention is as
    unplaceable as one in an article without a date, so it is read as if there were none;
    ``anchors`` (the publication time) are dropped with the date.
    """
    try:
        return handler(ctx, m, *anchors)
    except (OverflowError, ValueError):
        return handler(_Ctx(ctx.s, None), m, *(None for _ in anchors))


# Gap allowed between a clock time and the day it belongs to: "8pm on Tuesday",
# "20:39, 19 March 2025", "Tuesday at 8pm".
_TIME_GLUE = re.compile(r"\s*(?:,\s*)?(?:(?:on|at|of)\s+)?(?:the\s+)?\Z", re.IGNORECASE)


def _attach_times(ctx: _Ctx, mentions: list[DateMention]) -> list[DateMention]:
    out = list(mentions)
    for i, t in enumerate(out):
        if t.kind != "time":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(out) or out[j].granularity != "day" or out[j].time is not None:
                continue
            d = out[j]
            gap = ctx.s[d.end : t.start] if j < i else ctx.s[t.end : d.start]
            if len(gap) > 12 or not _TIME_GLUE.match(gap):
                continue
            out[j] = dataclasses.replace(d, time=t.time)
            out[i] = dataclasses.replace(
                t, earliest=d.earliest, latest=d.latest, relative=d.relative
            )
            break
    return out


def find_dates(
    sentence: str, *, published: datetime.date | datetime.datetime | None = None
) -> list[DateMention]:
    """Date and time mentions in ``sentence``, in order, non-overlapping.

    ``published`` anchors relative mentions ("yesterday", "on Tuesday", "last year"); without
    it they are returned with ``earliest``/``latest`` None. A datetime also anchors
    "6 hours ago" to the right day.
    """
    pub_dt = published if isinstance(published, datetime.datetime) else None
    pub = published.date() if isinstance(published, datetime.datetime) else published
    ctx = _Ctx(sentence, pub)
    found = sorted(
        _candidates(ctx, sentence.lower(), pub_dt), key=lambda x: (x.start, -(x.end - x.start))
    )
    # Longest-leftmost wins: "March 18, 2025" beats the "2025" inside it.
    kept: list[DateMention] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            if cand.end - cand.start > kept[-1].end - kept[-1].start:
                kept[-1] = cand
            continue
        kept.append(cand)
    # Adding the qualifier once here is cheaper than in every handler.
    result = []
    for mention in kept:
        q = _PREV_QUALIFIER.search(sentence, max(0, mention.start - 20), mention.start)
        prev = q.group(1).lower() if q else ""
        if prev in _QUALIFIERS and prev not in ("and", "or", "as", "to", "of"):
            mention = dataclasses.replace(mention, qualifier=prev)
        result.append(mention)
    if any(x.kind == "time" for x in result):
        result = _attach_times(ctx, result)
    return result
