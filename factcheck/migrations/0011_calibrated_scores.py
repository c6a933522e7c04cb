"""Claim scores stored before the check-worthiness calibration, put on the calibrated scale.

The scores were the debate-trained model's raw probability; from this version they are
calibrated on news (``bench/calibrate_checkworthiness.py``): sigmoid(slope * logit(raw) +
intercept). The map is monotone, so the queue's order and every check-worthy decision stay as
they were; without it, old and new claims would sit on two scales in one queue. The constants
are those of the first calibration, the one that changed the scale: a later re-calibration
re-extracts instead.
"""

import math

from django.db import migrations

SLOPE = 0.7591
INTERCEPT = 0.8739


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _rescale(apps, new_score) -> None:
    Claim = apps.get_model("factcheck", "Claim")
    batch = []
    for claim in Claim.objects.only("id", "score").iterator(chunk_size=2000):
        claim.score = round(new_score(claim.score), 4)
        batch.append(claim)
        if len(batch) == 2000:
            Claim.objects.bulk_update(batch, ["score"])
            batch = []
    Claim.objects.bulk_update(batch, ["score"])


def forwards(apps, schema_editor):
    _rescale(apps, lambda raw: _sigmoid(SLOPE * _logit(raw) + INTERCEPT))


def backwards(apps, schema_editor):
    _rescale(apps, lambda calibrated: _sigmoid((_logit(calibrated) - INTERCEPT) / SLOPE))


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0010_match_vectors")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
