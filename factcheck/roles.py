"""The newsroom roles, as Django groups, and the permissions each one carries.

Created by a data migration and re-applied by ``setup_roles`` (idempotent), so adding a
permission here and running the command updates every installation.
"""

from __future__ import annotations

EDITOR = "Editor"
REVIEWER = "Reviewer"
PUBLISHER = "Publisher"

_READ = [
    "sources.view_outlet",
    "sources.view_source",
    "sources.view_sourceversion",
    "factcheck.view_claim",
    "factcheck.view_claimgroup",
    "factcheck.view_claimlink",
    "factcheck.view_verdict",
    "factcheck.view_evidence",
    "factcheck.view_correction",
    "sources.view_importjob",
    "sources.view_feed",
]
_EDIT = [
    "factcheck.change_claim",
    "factcheck.change_claimlink",
    "factcheck.add_claimgroup",
    "factcheck.change_claimgroup",
    "factcheck.add_verdict",
    "factcheck.change_verdict",
    "factcheck.add_evidence",
    "factcheck.change_evidence",
    "factcheck.delete_evidence",
    "sources.add_importjob",
    "sources.add_feed",
    "sources.change_feed",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Reviews claims and links, moves claims between groups, drafts verdicts.
    EDITOR: _READ + _EDIT,
    # An editor who may also approve other people's verdicts.
    REVIEWER: [*_READ, *_EDIT, "factcheck.approve_verdict"],
    # Publishes approved verdicts, corrects and withdraws published ones (through the
    # correction form, not by editing the verdict in place).
    PUBLISHER: [*_READ, "factcheck.publish_verdict"],
}


def apply_roles(group_model, permission_model) -> None:
    """Create the groups and give each exactly its permissions (works in migrations too)."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        permissions = []
        for name in names:
            app_label, codename = name.split(".")
            permissions.append(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
