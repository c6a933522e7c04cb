"""Retrieval keys and candidate ranking: bounded work per claim, rare keys first."""

import json
import os
import subprocess
import sys
from pathlib import Path

from factcheck.pipeline.retrieval import (
    MAX_KEYS,
    MAX_POSTINGS,
    claim_keys,
    content_words,
    keys_to_look_up,
    rank_candidates,
)

FACTS = {
    "actors": [
        {"name": "Ottawa Convention", "kind": "law", "members": []},
        {"name": "Baltic states", "kind": "group", "members": ["Estonia", "Latvia", "Lithuania"]},
        {"name": "Someone", "kind": "unknown", "members": []},
    ],
    "quantities": [{"value": 133.0}],
}


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
    assert len(claim_keys(text, "", {})) == MAX_KEYS


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
        "print(json.dumps(claim_keys(sys.argv[1], '', {})))"
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
