"""Every write factcheck makes, one public function per use case, by domain.

Commands, admin actions, tasks and tests all call these; nothing else writes claims, links,
groups or verdicts.

* ``extraction``: a source's check-worthy claims (``extract_claims``, ``analyse_source``), and
  the steps factcheck registers to run after every import (``apps.FactcheckConfig.ready``).
* ``comparison``: the retrieval index, links between claims and groups of the same claim
  (``compare_claims``, ``compare_pending``, ``compare_all``).
* ``review``: editors' decisions on links, claims and groups (``decide_link``, ``move_claim``,
  ``review_claim``, ``reword_group``, ``set_claims_status``, ``assign_claims``).
* ``verdicts``: drafting and the workflow to publication (``save_verdict``,
  ``transition_verdict``, ``correct_verdict``, ``withdraw_verdict``).

Importing documents, import jobs and feeds belong to the ``sources`` app
(``sources.services``, ``sources.jobs``).
"""

from factcheck.services.comparison import (
    ComparisonResult,
    compare_all,
    compare_claims,
    compare_pending,
    index_claims,
)
from factcheck.services.extraction import analyse_source, extract_claims
from factcheck.services.review import (
    GroupFrozen,
    assign_claims,
    decide_link,
    move_claim,
    review_claim,
    reword_group,
    set_claims_status,
)
from factcheck.services.verdicts import (
    StaleVerdict,
    check_verdict_draft,
    content_changed,
    correct_verdict,
    may_transition,
    save_verdict,
    transition_verdict,
    withdraw_verdict,
)

__all__ = [
    "ComparisonResult",
    "GroupFrozen",
    "StaleVerdict",
    "analyse_source",
    "assign_claims",
    "check_verdict_draft",
    "compare_all",
    "compare_claims",
    "compare_pending",
    "content_changed",
    "correct_verdict",
    "decide_link",
    "extract_claims",
    "index_claims",
    "may_transition",
    "move_claim",
    "review_claim",
    "reword_group",
    "save_verdict",
    "set_claims_status",
    "transition_verdict",
    "withdraw_verdict",
]
