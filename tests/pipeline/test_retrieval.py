"""Retrieval keys and candidate ranking: bounded work per claim, rare keys first."""

import json
import os
import subprocess
import sys
from pathlib import Path

from factcheck.pipeline.facts import Facts
from factcheck.pipeline.retrieval import (
    MAX_KEYS,
    MAX_POSTINGS,
    claim_keys,
    content_words,
    keys_to_look_up,
    rank_candidates,
)

SPAN = {"text": "", "start": 0, "end": 0}  # the keys do not read where a fact is
FACTS = Facts.from_json(
    {
        "actors": [
            {**SPAN, "name": "Ottawa Convention", "kind": "law", "members": []},
            {
                **SPAN,
                "name": "Baltic states",
                "kind": "group",
                "members": ["Estonia", "Latvia", "Lithuania"],
            },
            {**SPAN, "name": "Someone", "kind": "unknown", "members": []},
        ],
        "quantities": [{**SPAN, "value": 133.0}],
    }
)


def test_plurals_and_possessives_meet_their_stem_and_stop_words_go():
    assert content_words("The nations' parties and the treaty's signatories said") == (
        content_words("a nation party, treaty signatory")
    )
    assert content_words("Officials said on Tuesday") == content_words("official")


def test_keys_put_actors_and_numbers_first_and_borrow_context_words():
    keys = claim_keys(
        "It has been signed by 133 nations.", "The Ottawa Convention bans mines.", FACTS
    )
    assert keys[:5] == [
        "a:ottawa convention",
        "a:baltic states",
        "a:estonia",
        "a:latvia",
        "a:lithuania",
    ]
    assert "n:133" in keys
    assert "a:someone" not in keys
    assert {f"w:{word}" for word in content_words("nations Ottawa ban")} <= set(keys)


def test_a_claim_has_at_most_max_keys():
    text = " ".join(f"word{n}xyz" for n in range(100))
    assert len(claim_keys(text, "", Facts())) == MAX_KEYS


def test_only_rare_keys_shared_with_others_are_looked_up_rarest_first():
    frequencies = {"w:rare": 3, "w:common": MAX_POSTINGS + 1, "w:mine": 1, "w:medium": 40}
    assert keys_to_look_up(["w:common", "w:medium", "w:rare", "w:mine", "w:new"], frequencies) == [
        "w:rare",
        "w:medium",
    ]


def test_candidates_share_two_keys_and_rank_by_rarity():
    postings = {"w:rare": [1, 2, 7], "w:medium": [2, 3, 4, 7], "w:other": [3, 7]}
    frequencies = {"w:rare": 3, "w:medium": 40, "w:other": 50}
    ranked = rank_candidates(
        ["w:rare", "w:medium", "w:other"], postings, frequencies, 1000, exclude=[7]
    )
    assert [claim for claim, _ in ranked] == [2, 3]
    assert ranked[0][1] > ranked[1][1]


def test_a_claims_keys_are_the_same_in_every_process():
    # Workers are separate processes with their own hash seeds; the words tied on length
    # must still be cut at MAX_KEYS the same way everywhere.
    words = " ".join(
        f"{a}{b}{c}{d}" for a in "bdfg" for b in "aeiou" for c in "lmnr" for d in "ktp"
    )
    program = (
        "import json, sys; from factcheck.pipeline.retrieval import claim_keys; "
        "from factcheck.pipeline.facts import Facts; "
        "print(json.dumps(claim_keys(sys.argv[1], '', Facts())))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", program, words],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
    assert len(json.loads(runs.pop())) == MAX_KEYS


def test_postings_given_as_sets_rank_exactly_like_lists():
    postings = {"w:a": [1, 2, 3, 4], "w:b": [2, 3, 5], "w:c": [3, 4, 5, 6], "w:d": [6, 1]}
    frequencies = {"w:a": 4, "w:b": 3, "w:c": 4, "w:d": 2}
    keys = ["w:a", "w:b", "w:c", "w:d"]
    as_lists = rank_candidates(keys, postings, frequencies, 100, exclude=[5])
    as_sets = rank_candidates(
        keys, {key: set(ids) for key, ids in postings.items()}, frequencies, 100, exclude=[5]
    )
    assert as_sets == as_lists
    # d is the rarest key, so 1 and 6 (tied, lower id first) beat 2 and 4.
    assert [claim for claim, _ in as_lists] == [3, 1, 6, 2, 4]
