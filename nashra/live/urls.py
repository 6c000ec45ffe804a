from django.urls import path

from . import updates

app_name = "live"

urlpatterns = [
    path("live/<str:page_id>/updates/<str:since>/", updates.updates, name="updates"),
]
