from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Factdesk"
admin.site.site_title = "Factdesk"
admin.site.index_title = "Newsroom fact-checking"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("fact-checks/", include("factcheck.public.urls")),
    path("api/v1/", include("factcheck.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
