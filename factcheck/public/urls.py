from django.urls import path

from factcheck.public import views

app_name = "factchecks"

urlpatterns = [
    path("", views.factcheck_list, name="list"),
    path("<slug:slug>/", views.factcheck_detail, name="detail"),
]
