"""Scores stored before the calibration move to the calibrated scale with the upgrade."""

import importlib
import json

import pytest
from django.apps import apps

from factcheck.models import Claim
from factcheck.pipeline import checkworthiness
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("factcheck.migrations.0011_calibrated_scores")


def test_the_migration_maps_scores_as_the_shipped_calibration_does():
    # If this fails after a re-calibration, the stored scores need re-extracting instead.
    calibration = json.loads(checkworthiness.WEIGHTS_PATH.read_text())["calibration"]
    assert (
        calibration["slope"],
        calibration["intercept"],
    ) == (migration.SLOPE, migration.INTERCEPT)


def test_old_raw_scores_become_calibrated_and_keep_their_order_and_decisions():
    raw_threshold = json.loads(checkworthiness.WEIGHTS_PATH.read_text())["threshold"]
    raws = [0.0, 0.05, raw_threshold, 0.6, 1.0]
    claims = [ClaimFactory(score=raw) for raw in raws]
    migration.forwards(apps, None)
    scores = [Claim.objects.get(pk=claim.pk).score for claim in claims]
    assert scores == sorted(scores)
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert scores[2] == pytest.approx(checkworthiness.threshold(), abs=1e-4)
    migration.backwards(apps, None)
    again = [Claim.objects.get(pk=claim.pk).score for claim in claims]
    assert again[1:4] == pytest.approx(raws[1:4], abs=2e-4)
