from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from factcheck.api import views

router = DefaultRouter()
router.register("fact-checks", views.FactCheckViewSet, basename="factcheck")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("outlets", views.OutletViewSet, basename="outlet")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    # Last, and only with a trailing slash, so that APPEND_SLASH still redirects "claims".
    re_path(r"^.*/$", views.NotFoundView.as_view(), name="not-found"),
]
