from django.contrib import admin
from django.urls import path

admin.site.site_header = "Factdesk"
admin.site.site_title = "Factdesk"
admin.site.index_title = "Newsroom fact-checking"

urlpatterns = [
    path("admin/", admin.site.urls),
]
