"""Accuracy of cross-source comparison, measured on real multi-outlet news.

    .venv/bin/python bench/eval_comparison.py score [--roundups 500] [--labels FILE] [--save FILE]
    .venv/bin/python bench/eval_comparison.py sample --out DIR     # draw pairs to label

``score`` imports a corpus into a fresh SQLite database through the real services (import,
extraction, comparison, link policy: exactly what ``import_articles`` runs) and reports:

* over the whole corpus, the share of shown cross-source links that join two articles of the
  same event (AllSides roundup id), per relation, and the share of events with at least one
  cross-source link;
* against the labelled pairs (``bench/labels/comparison.jsonl``, see ``bench/labels/README.md``):
  precision and recall per relation and per contradiction kind, and the confusion matrix.

The corpus is ``--roundups`` AllSides roundups drawn with a fixed seed from the val and test
splits (three outlets' openings each), the five seed articles, and the BBC articles the
labelled set refers to. Research data is read in place from ``../shared/data`` and never
copied into the repository: labels refer to sentences by data set, article id, offsets and a
hash of the sentence.

``sample`` writes candidate pairs with their texts (for the people labelling them) to a
directory outside the repository: links the system makes, and same-event pairs it does not.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from research import (
    BBC,
    ROOT,
    ROUNDUPS,
    outlet_name,
    read_jsonl,
    scratch_database,
    sentence_hash,
)

SEEDS = ROOT / "seeds"
LABELS = ROOT / "bench" / "labels" / "comparison.jsonl"

# What an editor is shown, by label of LABELLING.md: the system's relations map onto them.
LABELS_ORDER = [
    "agrees",
    "contradicts",
    "misquote",
    "different-time",
    "related",
    "unrelated",
]


@dataclass(frozen=True, slots=True)
class Article:
    dataset: str  # "allsides" | "bbc" | "seeds"
    doc: str  # "1234-0" (roundup-position), "bbc-17", "000_b99b43d3af9fb454.txt"
    event: str | None  # the roundup id; None where the data set does not say
    title: str
    text: str


def roundup_articles(rows: list[dict], roundup_ids: set[int]) -> list[Article]:
    return [
        Article(
            "allsides",
            f"{row['roundup']}-{row['position']}",
            str(row["roundup"]),
            row["title"],
            row["text"],
        )
        for row in rows
        if row["roundup"] in roundup_ids
    ]


def eval_roundups(
    rows: list[dict], count: int, seed: int = 11, splits: tuple[str, ...] = ("val", "test")
) -> set[int]:
    """The corpus roundups: a fixed sample of the held-out (val and test) splits, or of the
    train split when tuning."""
    held_out = sorted({row["roundup"] for row in rows if row["split"] in splits})
    return set(random.Random(seed).sample(held_out, min(count, len(held_out))))


def bbc_articles(ids: set[str]) -> list[Article]:
    if not ids or not BBC.exists():
        return []
    out = []
    with BBC.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            doc = f"bbc-{row['id']}"
            if doc in ids:
                out.append(Article("bbc", doc, None, row["title"], row["text"]))
    return out


def seed_articles() -> list[Article]:
    return [
        Article("seeds", path.name, "seeds", "", path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


# ------------------------------------------------------------------------------ the system


@dataclass(frozen=True, slots=True)
class SystemClaim:
    id: int
    article: Article
    text: str
    context: str
    start: int  # offsets into the article text as given (found by searching the claim text)
    end: int

    @property
    def ref(self) -> tuple[str, str, str]:
        return (self.article.dataset, self.article.doc, sentence_hash(self.text))


@dataclass(frozen=True, slots=True)
class SystemLink:
    left: int
    right: int
    relation: str  # "agrees" | "contradicts" | "related" (+ whatever the policy adds)
    kinds: tuple[str, ...]  # Difference.fact values
    reason: str


def run_system(articles: list[Article]) -> tuple[dict[int, SystemClaim], list[SystemLink], float]:
    """Import every article into a fresh SQLite database, as ``import_articles`` would."""
    scratch_database("factdesk-eval-")
    from factcheck.models import Claim, ClaimLink
    from sources.readers import Document
    from sources.services import import_documents

    by_origin = {f"{a.dataset}/{a.doc}": a for a in articles}
    documents = [
        Document(
            origin=origin,
            format="text",
            raw_text=article.text,
            text=article.text,
            title=article.title or None,
            outlet=outlet_name(article.dataset, article.doc),
        )
        for origin, article in by_origin.items()
    ]
    started = time.perf_counter()
    tally = import_documents(documents)
    elapsed = time.perf_counter() - started
    if tally.failed:
        print(f"warning: {tally.failed} documents failed: {tally.errors[:3]}", file=sys.stderr)
    claims: dict[int, SystemClaim] = {}
    for claim in Claim.objects.select_related("source").order_by("id"):
        article = by_origin[claim.source.origin]
        start = article.text.find(claim.text)
        claims[claim.pk] = SystemClaim(
            claim.pk,
            article,
            claim.text,
            claim.context,
            start,
            start + len(claim.text) if start >= 0 else -1,
        )
    links = [
        SystemLink(
            link.left_id,
            link.right_id,
            link.relation,
            tuple(d["fact"] for d in link.differences),
            link.reason,
        )
        for link in ClaimLink.objects.order_by("id")
    ]
    return claims, links, elapsed


# ------------------------------------------------------------------------------ scoring


def system_label(link: SystemLink | None) -> str:
    """The LABELLING.md label the system shows for a pair (no link: unrelated)."""
    if link is None:
        return "unrelated"
    if link.relation == "contradicts" and link.kinds and set(link.kinds) == {"quote_wording"}:
        return "misquote"  # the old comparison's wording-only contradictions
    return {"wording": "misquote", "different_time": "different-time"}.get(
        link.relation, link.relation
    )


def corpus_report(claims: dict[int, SystemClaim], links: list[SystemLink]) -> dict:
    cross = [
        link
        for link in links
        if claims[link.left].article.doc != claims[link.right].article.doc
        or claims[link.left].article.dataset != claims[link.right].article.dataset
    ]
    events: dict[str, set[str]] = collections.defaultdict(set)
    for claim in claims.values():
        if claim.article.dataset == "allsides":
            events[claim.article.event].add(claim.article.doc)
    report: dict = {"links": len(links), "cross_source_links": len(cross), "by_relation": {}}
    linked_events = set()
    for relation in sorted({link.relation for link in cross}):
        these = [
            link
            for link in cross
            if link.relation == relation
            and claims[link.left].article.dataset == "allsides"
            and claims[link.right].article.dataset == "allsides"
        ]
        same = [
            link
            for link in these
            if claims[link.left].article.event == claims[link.right].article.event
        ]
        report["by_relation"][relation] = {
            "allsides_links": len(these),
            "same_event": len(same),
            "share_same_event": round(len(same) / len(these), 3) if these else None,
        }
    allsides = [
        link
        for link in cross
        if claims[link.left].article.dataset == "allsides"
        and claims[link.right].article.dataset == "allsides"
    ]
    same = 0
    for link in allsides:
        left, right = claims[link.left].article, claims[link.right].article
        if left.event == right.event:
            same += 1
            linked_events.add(left.event)
    events_with_claims = {event for event, docs in events.items() if len(docs) >= 2}
    report["allsides_cross_links"] = len(allsides)
    report["share_same_event"] = round(same / len(allsides), 3) if allsides else None
    report["events"] = len(events)
    report["events_with_two_outlets_claims"] = len(events_with_claims)
    report["events_linked"] = len(linked_events)
    report["share_events_linked"] = round(len(linked_events) / len(events), 3) if events else None
    return report


def labelled_report(
    claims: dict[int, SystemClaim], links: list[SystemLink], labels: list[dict]
) -> dict:
    by_ref: dict[tuple[str, str, str], int] = {}
    for claim in claims.values():
        by_ref.setdefault(claim.ref, claim.id)
    link_of = {(link.left, link.right): link for link in links}
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    kinds_gold: collections.Counter[str] = collections.Counter()
    kinds_hit: collections.Counter[str] = collections.Counter()
    kinds_pred: collections.Counter[str] = collections.Counter()
    kinds_pred_ok: collections.Counter[str] = collections.Counter()
    unmatched = 0
    decided: list[dict] = []
    for item in labels:
        a = by_ref.get((item["a"]["dataset"], item["a"]["doc"], item["a"]["sha"]))
        b = by_ref.get((item["b"]["dataset"], item["b"]["doc"], item["b"]["sha"]))
        if a is None or b is None or a == b:
            unmatched += 1
            continue
        link = link_of.get((min(a, b), max(a, b)))
        gold, predicted = item["label"], system_label(link)
        confusion[gold, predicted] += 1
        decided.append({"pair": item["pair"], "gold": gold, "shown": predicted})
        predicted_kinds = set(link.kinds) if link and predicted == "contradicts" else set()
        if gold == "contradicts":
            kinds_gold[item.get("kind") or "?"] += 1
            if predicted == "contradicts" and _kind_of(predicted_kinds) == item.get("kind"):
                kinds_hit[item.get("kind") or "?"] += 1
        if predicted == "contradicts":
            kind = _kind_of(predicted_kinds)
            kinds_pred[kind] += 1
            if gold == "contradicts":
                kinds_pred_ok[kind] += 1
    per_label = {}
    for label in LABELS_ORDER:
        gold = sum(n for (g, _), n in confusion.items() if g == label)
        predicted = sum(n for (_, p), n in confusion.items() if p == label)
        hit = confusion[label, label]
        per_label[label] = {
            "gold": gold,
            "predicted": predicted,
            "precision": round(hit / predicted, 3) if predicted else None,
            "recall": round(hit / gold, 3) if gold else None,
        }
    per_kind = {
        kind: {
            "gold": kinds_gold[kind],
            "recall": round(kinds_hit[kind] / kinds_gold[kind], 3) if kinds_gold[kind] else None,
            "predicted": kinds_pred[kind],
            "precision": round(kinds_pred_ok[kind] / kinds_pred[kind], 3)
            if kinds_pred[kind]
            else None,
        }
        for kind in sorted(set(kinds_gold) | set(kinds_pred))
    }
    return {
        "pairs": len(labels),
        "unmatched": unmatched,
        "per_label": per_label,
        "per_kind": per_kind,
        "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
        # Per pair, so a saved run can be compared with another one pair by pair.
        "decided": decided,
    }


# Difference.fact values, by LABELLING.md contradiction kind.
_KINDS = {
    "quantity": "number",
    "actors": "participants",
    "role": "role",
    "status": "status",
    "polarity": "status",
    "date": "date",
    "speaker": "speaker",
}


def _kind_of(facts: set[str]) -> str:
    for fact in ("speaker", "role", "quantity", "actors", "date", "status", "polarity"):
        if fact in facts:
            return _KINDS[fact]
    return "?"


def print_report(corpus: dict, labelled: dict, elapsed: float) -> None:
    print(f"import + extract + compare: {elapsed:.1f} s")
    print(
        f"corpus: {corpus['events']} events, {corpus['cross_source_links']} cross-source links; "
        f"{corpus['allsides_cross_links']} between roundup articles, "
        f"same event {corpus['share_same_event']}; events with a cross-source link "
        f"{corpus['events_linked']}/{corpus['events']} = {corpus['share_events_linked']}"
    )
    for relation, row in corpus["by_relation"].items():
        print(f"  {relation:15} {row}")
    if not labelled["pairs"]:
        return
    print(f"labelled pairs: {labelled['pairs']} ({labelled['unmatched']} not found in the run)")
    print(f"  {'label':15} {'gold':>5} {'shown':>5} {'precision':>9} {'recall':>7}")
    for label, row in labelled["per_label"].items():
        p = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        r = "-" if row["recall"] is None else f"{row['recall']:.3f}"
        print(f"  {label:15} {row['gold']:>5} {row['predicted']:>5} {p:>9} {r:>7}")
    print("  contradiction kinds:")
    for kind, row in labelled["per_kind"].items():
        print(f"    {kind:13} {row}")
    print("  confusion (gold -> shown):")
    for key, n in labelled["confusion"].items():
        print(f"    {key:32} {n}")


def corpus_articles(roundups: int, labels: list[dict], split: str = "held-out") -> list[Article]:
    rows = read_jsonl(ROUNDUPS)
    if split == "train":
        # Tuning: train-split roundups only, and no labelled pairs (they are for reporting).
        return roundup_articles(rows, eval_roundups(rows, roundups, splits=("train",)))
    ids = eval_roundups(rows, roundups)
    ids |= {
        int(item[side]["doc"].split("-")[0])
        for item in labels
        for side in "ab"
        if item[side]["dataset"] == "allsides"
    }
    bbc_ids = {
        item[side]["doc"] for item in labels for side in "ab" if item[side]["dataset"] == "bbc"
    }
    return roundup_articles(rows, ids) + bbc_articles(bbc_ids) + seed_articles()


def score(args: argparse.Namespace) -> None:
    labels = [] if args.split == "train" else read_jsonl(args.labels)
    if args.same_event is not None:
        from factcheck.pipeline.comparison import events

        events.SAME_EVENT = args.same_event
    if args.related_event is not None:
        from factcheck.pipeline.comparison import events

        events.RELATED_EVENT = args.related_event
    articles = corpus_articles(args.roundups, labels, args.split)
    claims, links, elapsed = run_system(articles)
    if args.sweep:
        sweep_same_event(claims, links)
    corpus = corpus_report(claims, links)
    labelled = labelled_report(claims, links, labels)
    print_report(corpus, labelled, elapsed)
    if args.save:
        args.save.write_text(
            json.dumps({"corpus": corpus, "labelled": labelled, "seconds": elapsed}, indent=1)
        )


def sweep_same_event(claims: dict[int, SystemClaim], links: list[SystemLink]) -> None:
    """How the shown links would change with the same-event threshold (run with 0)."""
    from factcheck.models import Claim
    from factcheck.pipeline.comparison import events
    from factcheck.services import comparison as services
    from sources.models import Source

    sources = dict(Claim.objects.values_list("id", "source_id"))
    keys = set(Source.objects.values_list("id", "content_hash"))
    entries = services._event_entries(keys, services._approximate_claim_count())
    vectors = {source: entry.vector for source, entry in entries.items()}
    scored = []
    for link in links:
        a, b = claims[link.left].article, claims[link.right].article
        if a.dataset != "allsides" or b.dataset != "allsides" or a.doc == b.doc:
            continue
        similarity = events.event_similarity(
            vectors[sources[link.left]], vectors[sources[link.right]]
        )
        scored.append((similarity, a.event == b.event, a.event, link.relation))
    total_events = len(
        {c.article.event for c in claims.values() if c.article.dataset == "allsides"}
    )
    for threshold in (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3):
        kept = [item for item in scored if item[0] >= threshold]
        same = [item for item in kept if item[1]]
        events_linked = len({item[2] for item in same})
        print(
            f"  same-event >= {threshold:.2f}: {len(kept):6} links, same event "
            f"{len(same) / max(1, len(kept)):.3f}, events linked {events_linked / total_events:.3f}"
        )


# ------------------------------------------------------------------------------ sampling


def sample(args: argparse.Namespace) -> None:
    """Candidate pairs for labelling, with their texts, in ``--out`` (outside the repo)."""
    rng = random.Random(args.seed)
    rows = read_jsonl(ROUNDUPS)
    ids = eval_roundups(rows, args.roundups)
    # Train-split roundups widen the pool of same-event pairs without touching the corpus.
    train = sorted({row["roundup"] for row in rows if row["split"] == "train"})
    ids |= set(rng.sample(train, args.extra_roundups))
    bbc_pool = _bbc_pool(rng, args.bbc)
    articles = roundup_articles(rows, ids) + bbc_pool + seed_articles()
    claims, links, _ = run_system(articles)
    from factcheck.pipeline.retrieval import content_words

    words = {pk: set(content_words(c.text)) for pk, c in claims.items()}
    link_of = {(link.left, link.right): link for link in links}
    chosen: dict[tuple[int, int], str] = {}

    def cross(pair: tuple[int, int]) -> bool:
        return claims[pair[0]].article.doc != claims[pair[1]].article.doc

    # 1. Links the system shows, by relation (precision).
    by_relation = collections.defaultdict(list)
    for pair, link in sorted(link_of.items()):
        if cross(pair):
            by_relation[link.relation].append(pair)
    for relation, pairs in by_relation.items():
        for pair in rng.sample(pairs, min(len(pairs), args.per_relation)):
            chosen[pair] = f"linked:{relation}"
    # 2. Same-event pairs it does not link (recall), the more words shared the likelier drawn.
    same_event: list[tuple[float, tuple[int, int]]] = []
    by_doc = collections.defaultdict(list)
    for pk, claim in claims.items():
        by_doc[(claim.article.dataset, claim.article.event or claim.article.doc)].append(pk)
    for members in by_doc.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (min(a, b), max(a, b))
                if not cross(pair) or pair in link_of:
                    continue
                overlap = len(words[a] & words[b])
                same_event.append((overlap + rng.random(), pair))
    same_event.sort(reverse=True)
    top = [pair for _, pair in same_event[: args.unlinked]]
    rest = [pair for _, pair in same_event[args.unlinked :]]
    for pair in top + rng.sample(rest, min(len(rest), args.unlinked // 3)):
        chosen.setdefault(pair, "unlinked:same-event")
    # Figures on both sides are where numeric contradictions hide.
    numeric = [pair for pair in rest if all(_DIGIT.search(claims[pk].text) for pk in pair)]
    for pair in rng.sample(numeric, min(len(numeric), args.numeric)):
        chosen.setdefault(pair, "unlinked:numbers")
    # 3. BBC pairs: the same kind of statement from different articles of one section.
    for pair in _bbc_pairs(rng, claims, words, args.bbc_pairs):
        chosen.setdefault(pair, "unlinked:bbc" if pair not in link_of else "linked:bbc")
    out = []
    for n, ((a, b), why) in enumerate(sorted(chosen.items(), key=lambda item: rng.random())):
        left, right = claims[a], claims[b]
        out.append(
            {
                "pair": n,
                "drawn": why,
                "a": _describe(left),
                "b": _describe(right),
            }
        )
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "pairs.jsonl").open("w", encoding="utf-8") as handle:
        for item in out:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(out)} pairs written to {args.out / 'pairs.jsonl'}")
    print(collections.Counter(item["drawn"] for item in out))


_DIGIT = re.compile(r"\d")


def targeted(args: argparse.Namespace) -> None:
    """Pairs where the rare labels hide: figures of one kind with different values, and the
    same quotation in two articles of one event, over every roundup (all splits)."""
    rng = random.Random(args.seed)
    rows = read_jsonl(ROUNDUPS)
    articles = roundup_articles(rows, {row["roundup"] for row in rows})
    claims, _links, _ = run_system(articles)
    from factcheck.models import Claim
    from factcheck.pipeline.retrieval import content_words

    facts = dict(Claim.objects.values_list("id", "facts"))
    words = {pk: set(content_words(c.text)) for pk, c in claims.items()}
    by_event = collections.defaultdict(list)
    for pk, claim in claims.items():
        by_event[claim.article.event].append(pk)
    numeric, quoted = [], []
    for members in by_event.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if claims[a].article.doc == claims[b].article.doc:
                    continue
                pair = (min(a, b), max(a, b))
                shared = len(words[a] & words[b])
                if shared >= 2 and _conflicting_figures(facts[a], facts[b]):
                    numeric.append(pair)
                qa, qb = _quoted_words(claims[a].text), _quoted_words(claims[b].text)
                if qa and qb and len(qa & qb) >= 4 and qa != qb:
                    quoted.append(pair)
    chosen = dict.fromkeys(rng.sample(numeric, min(len(numeric), args.numeric)), "targeted:numbers")
    for pair in rng.sample(quoted, min(len(quoted), args.quotes)):
        chosen.setdefault(pair, "targeted:quotes")
    print(f"{len(numeric)} numeric and {len(quoted)} quotation candidates")
    _write_pairs(args.out / "targeted.jsonl", chosen, claims, rng, start=args.first)


def _conflicting_figures(left: dict, right: dict) -> bool:
    """Figures of one kind (unit, percentage, counted noun) that cannot both hold."""
    from factcheck.pipeline.quantities import compatible

    def kind(q):
        return (q.get("unit"), bool(q.get("is_percentage")), q.get("counted"))

    for lq in left.get("quantities") or ():
        for rq in right.get("quantities") or ():
            if lq.get("value") is None or rq.get("value") is None or kind(lq) != kind(rq):
                continue
            ql, qr = SimpleNamespace(**lq), SimpleNamespace(**rq)
            if not compatible(ql, qr, rel_tol=0.005):
                return True
    return False


_QUOTED = re.compile(r"[“\"]([^”\"]{20,})[”\"]")


def _quoted_words(text: str) -> set[str]:
    return {w.lower() for m in _QUOTED.finditer(text) for w in re.findall(r"\w+", m.group(1))}


def _write_pairs(
    path: Path, chosen: dict, claims: dict, rng: random.Random, start: int = 0
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for n, ((a, b), why) in enumerate(
            sorted(chosen.items(), key=lambda item: rng.random()), start=start
        ):
            item = {"pair": n, "drawn": why, "a": _describe(claims[a]), "b": _describe(claims[b])}
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} pairs written to {path}")


def adopt(args: argparse.Namespace) -> None:
    """Add labellers' decisions to the labelled set, keeping only references to the text."""
    drawn = {}
    for path in args.pairs:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                drawn[item["pair"]] = item
    existing = {item["pair"]: item for item in read_jsonl(args.into)}
    for path in args.labels:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                decision = json.loads(line)
                if decision["label"] not in LABELS_ORDER:
                    sys.exit(
                        f"{path}: pair {decision['pair']}: unknown label {decision['label']!r}"
                    )
                item = drawn[decision["pair"]]
                existing[decision["pair"]] = {
                    "pair": decision["pair"],
                    "drawn": item["drawn"],
                    "a": {key: item["a"][key] for key in ("dataset", "doc", "start", "end", "sha")},
                    "b": {key: item["b"][key] for key in ("dataset", "doc", "start", "end", "sha")},
                    "label": decision["label"],
                    "kind": decision.get("kind") if decision["label"] == "contradicts" else None,
                    "note": decision.get("note") or "",
                }
    args.into.parent.mkdir(parents=True, exist_ok=True)
    with args.into.open("w", encoding="utf-8") as handle:
        for _, item in sorted(existing.items()):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    counts = collections.Counter(item["label"] for item in existing.values())
    print(f"{len(existing)} labelled pairs in {args.into}: {dict(counts)}")


def _describe(claim: SystemClaim) -> dict:
    return {
        "dataset": claim.article.dataset,
        "doc": claim.article.doc,
        "start": claim.start,
        "end": claim.end,
        "sha": sentence_hash(claim.text),
        "text": claim.text,
        "context": claim.context,
        "title": claim.article.title,
        "article": claim.article.text[:1500],
    }


def _bbc_pool(rng: random.Random, count: int) -> list[Article]:
    if not count or not BBC.exists():
        return []
    with BBC.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    rows = rng.sample(rows, min(count, len(rows)))
    return [Article("bbc", f"bbc-{row['id']}", None, row["title"], row["text"]) for row in rows]


def _bbc_pairs(rng, claims, words, count: int) -> list[tuple[int, int]]:
    bbc = [pk for pk, c in claims.items() if c.article.dataset == "bbc"]
    scored = []
    for i, a in enumerate(bbc):
        for b in bbc[i + 1 :]:
            if claims[a].article.doc == claims[b].article.doc:
                continue
            overlap = len(words[a] & words[b])
            if overlap >= 3:
                scored.append((overlap + rng.random(), (min(a, b), max(a, b))))
    scored.sort(reverse=True)
    return [pair for _, pair in scored[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("score", help="run the system and measure it")
    run.add_argument("--roundups", type=int, default=500)
    run.add_argument("--labels", type=Path, default=LABELS)
    run.add_argument("--save", type=Path, help="write the figures as JSON here")
    run.add_argument("--split", choices=["held-out", "train"], default="held-out")
    run.add_argument("--same-event", type=float, help="override events.SAME_EVENT (tuning)")
    run.add_argument("--related-event", type=float, help="override events.RELATED_EVENT")
    run.add_argument("--sweep", action="store_true", help="report other same-event thresholds")
    run.set_defaults(func=score)
    draw = commands.add_parser("sample", help="draw pairs to label (texts go to --out)")
    draw.add_argument("--out", type=Path, required=True)
    draw.add_argument("--seed", type=int, default=2026)
    draw.add_argument("--roundups", type=int, default=500)
    draw.add_argument("--extra-roundups", type=int, default=300)
    draw.add_argument("--per-relation", type=int, default=90)
    draw.add_argument("--unlinked", type=int, default=240)
    draw.add_argument("--numeric", type=int, default=100)
    draw.add_argument("--bbc", type=int, default=400, help="BBC articles to draw pairs from")
    draw.add_argument("--bbc-pairs", type=int, default=80)
    draw.set_defaults(func=sample)
    rare = commands.add_parser("targeted", help="draw pairs likely to conflict or misquote")
    rare.add_argument("--out", type=Path, required=True)
    rare.add_argument("--seed", type=int, default=7)
    rare.add_argument("--numeric", type=int, default=160)
    rare.add_argument("--quotes", type=int, default=100)
    rare.add_argument("--first", type=int, default=1000, help="number of the first pair")
    rare.set_defaults(func=targeted)
    take = commands.add_parser("adopt", help="add labels to the labelled set (references only)")
    take.add_argument("--pairs", type=Path, nargs="+", required=True)
    take.add_argument("--labels", type=Path, nargs="+", required=True)
    take.add_argument("--into", type=Path, default=LABELS)
    take.set_defaults(func=adopt)
    args = parser.parse_args()
    if not ROUNDUPS.exists():
        sys.exit(f"{ROUNDUPS}: not found (the reference data lives in ../shared/data/)")
    args.func(args)


if __name__ == "__main__":
    main()
