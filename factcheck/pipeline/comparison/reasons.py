"""The sentences an editor reads: why two claims agree, conflict, or are only related."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from factcheck.pipeline.comparison.analysis import W_WORD
from factcheck.pipeline.comparison.values import Comparison
from factcheck.pipeline.comparison.wording import fmt_list, ordered
from factcheck.pipeline.stance import Stance

if TYPE_CHECKING:
    from factcheck.pipeline.comparison.analysis import Analysis
    from factcheck.pipeline.comparison.values import ClaimView, Difference


def contradiction(
    diffs: list[tuple[Difference, float]], sim: float, alignment: float
) -> Comparison:
    diffs.sort(key=lambda d: -d[1])
    top = diffs[0][1]
    # Topical similarity and alignment of subject/action raise confidence; the most specific
    # conflicting fact sets its ceiling.
    topical = 0.55 + 0.45 * min(1.0, sim / 0.5)
    confidence = top * topical * (0.85 + 0.15 * alignment)
    if len(diffs) > 1:
        confidence = min(0.97, confidence + 0.05 * (len(diffs) - 1))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for d, _ in diffs:
        key = (d.fact, d.left, d.right)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    reason = unique[0].explanation
    if unique[0].fact == "quantity":
        reason = f"Source A says {unique[0].left}, source B says {unique[0].right}: {reason}"
    if len(unique) > 1:
        reason += " " + unique[1].explanation
    # A quotation reworded without a change of meaning is worth showing, but it is a
    # lower-severity finding than two facts that cannot both be true.
    wording_only = all(d.fact == "quote_wording" for d in unique)
    return Comparison(
        relation="wording" if wording_only else "contradicts",
        confidence=round(min(0.97, confidence), 3),
        reason=reason,
        differences=tuple(unique),
        similarity=round(sim, 4),
    )


def agreement(
    left: ClaimView,
    right: ClaimView,
    a: Analysis,
    b: Analysis,
    sim: float,
    matched: list[str],
    same_action: bool,
) -> Comparison:
    specific = len(set(matched))
    confidence = 0.3 + 0.6 * min(1.0, sim / 0.6) + 0.07 * specific + (0.05 if same_action else 0)
    if a.stance.modality == b.stance.modality and a.stance.polarity == b.stance.polarity:
        confidence += 0.03
    return Comparison(
        relation="agrees",
        confidence=round(min(0.97, confidence), 3),
        reason=_agree_reason(left, right, a, b, matched),
        differences=(),
        similarity=round(sim, 4),
    )


def _agree_reason(
    left: ClaimView, right: ClaimView, a: Analysis, b: Analysis, matched: list[str]
) -> str:
    if a.participants and (a.participants == b.participants or not b.participants):
        subject = fmt_list(ordered(a.participants, a.participants_text))
    elif a.participants and b.participants and (a.partial or b.partial):
        subject = fmt_list(ordered(a.participants & b.participants, a.participants_text))
    else:
        subject = _subject_text(left.text, a.stance)
    action = a.action_text or a.stance.cue
    parts = []
    if subject and action:
        parts.append(f"Both say {subject} {action}")
    else:
        parts.append("Both make the same statement")
    other = b.action_text or b.stance.cue
    if other and other.lower() != action.lower():
        parts[-1] += f" (source B: “{other}”)"
    details = []
    if "quantity" in matched:
        shown = [q.shown for q in a.quantities if q.shown]
        if shown:
            details.append(f"both give {shown[0]}")
    if "date" in matched and a.dates:
        details.append(f"both date it {a.dates[0].text}")
    if "quote" in matched:
        details.append("both quote the same words")
    if details:
        parts.append("; ".join(details))
    return "; ".join(parts) + "."


def _subject_text(text: str, stance: Stance) -> str:
    if not stance.cue:
        return ""
    before = text[: stance.cue_start].strip(' ,"“”‘’')
    m = regex.search(
        r"(?:^|,\s|\bthat\s|\b(?:said|says|told|added|believes?|thinks?|argued|warned)\s)([^,]*)$",
        before,
    )
    subject = (m.group(1) if m else before).strip()
    words = subject.split()
    if not words or len(words) > 10:
        return ""
    if words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)


def related_reason(a: Analysis, b: Analysis) -> str:
    shared = [t for t in a.weights if t in b.weights and a.weights[t] >= W_WORD]
    names = [a.names.get(t, t[1:]) for t in shared if t.startswith("@")]
    words = [a.names[t] for t in shared if not t.startswith("@") and t in a.names]
    topic = ", ".join(names[:3] + words[: max(0, 4 - len(names[:3]))])
    return f"Both are about {topic or 'the same subject'}, but they make different points."
