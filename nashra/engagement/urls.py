from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("articles/<id:article_id>/state/", views.state, name="state"),
    path("articles/<id:article_id>/reaction/", views.vote, name="vote"),
    path("articles/<id:article_id>/comment/", views.comment, name="comment"),
    path("comments/<id:comment_id>/flag/", views.flag, name="flag"),
    path("captcha/image/", views.new_image_captcha, name="captcha_new"),
    path("captcha/image/<uuid:challenge_id>.png", views.captcha_image, name="captcha_image"),
    path("captcha/audio/<uuid:challenge_id>.wav", views.captcha_audio, name="captcha_audio"),
    path("privacy/", views.privacy_request, name="privacy"),
    path("privacy/confirm/<str:token>/", views.privacy_confirm, name="privacy_confirm"),
]
