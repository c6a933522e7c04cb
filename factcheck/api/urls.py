from django.urls import include, path
from rest_framework.routers import DefaultRouter

from factcheck.api import views

router = DefaultRouter()
router.register("fact-checks", views.FactCheckViewSet, basename="factcheck")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("outlets", views.OutletViewSet, basename="outlet")

app_name = "api"
urlpatterns = [path("", include(router.urls))]
