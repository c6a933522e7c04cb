"""Every admin page opens: each registered model's list, add, change and delete pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

FACTORIES = {
    "factcheck.claim": factories.ClaimFactory,
    "factcheck.claimgroup": factories.ClaimGroupFactory,
    "factcheck.claimlink": factories.ClaimLinkFactory,
    "factcheck.verdict": factories.VerdictFactory,
    "factcheck.externalfactcheck": factories.ExternalFactCheckFactory,
    "sources.outlet": factories.OutletFactory,
    "sources.source": factories.SourceFactory,
    "sources.sourceversion": factories.SourceVersionFactory,
    "sources.importjob": factories.ImportJobFactory,
    "sources.feed": factories.FeedFactory,
    "auth.user": factories.UserFactory,
}

pytestmark = pytest.mark.django_db


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


def test_every_registered_model_has_a_factory_here():
    missing = {
        model._meta.label_lower
        for model in registered_models()
        if model._meta.label_lower not in FACTORIES and model._meta.app_label != "auth"
    }
    assert not missing, f"add factories for {missing} so their admin pages are opened"


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label_lower)
def test_admin_pages_open(admin_client, model):
    opts = model._meta
    factory = FACTORIES.get(opts.label_lower)
    obj = factory() if factory else model.objects.first()

    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "budget"}).status_code == 200

    model_admin = admin.site._registry[model]
    request = admin_client.get(changelist).wsgi_request
    if model_admin.has_add_permission(request):
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert admin_client.get(add).status_code == 200
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        # A verdict's page is its group's page: follow that redirect.
        assert admin_client.get(change, follow=True).status_code == 200
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        assert admin_client.get(history).status_code == 200
        if model_admin.has_delete_permission(request, obj):
            delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
            assert admin_client.get(delete).status_code == 200


def test_the_admin_index_opens(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200


def test_the_source_page_shows_the_cleaned_text_and_the_raw_text(admin_client):
    source = factories.SourceFactory(
        body="First paragraph.\n\nSecond paragraph.",
        raw_text="First paragraph.\n\nSecond paragraph.\n\nREUTERS/Jane Doe",
        removed_blocks=[{"reason": "photo_credit", "text": "REUTERS/Jane Doe"}],
    )
    factories.SourceVersionFactory(source=source, body="Earlier text.")
    page = admin_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    content = page.content.decode()
    assert '<p class="factdesk-paragraph">First paragraph.</p>' in content
    assert '<p class="factdesk-paragraph">Second paragraph.</p>' in content
    assert "REUTERS/Jane Doe" in content
    assert "photo_credit" in content
    assert "Earlier text." in content


def test_source_versions_cannot_be_changed_or_deleted(admin_client):
    version = factories.SourceVersionFactory()
    url = reverse("admin:sources_sourceversion_delete", args=[version.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert version.__class__.objects.filter(pk=version.pk).exists()
