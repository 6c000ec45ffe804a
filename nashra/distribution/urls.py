from django.urls import path

from . import feeds

app_name = "distribution"

urlpatterns = [
    path("feeds/rss/", feeds.ArticleFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.AtomArticleFeed(), name="feed_atom"),
    path("feeds/json/", feeds.json_feed, name="feed_json"),
    path("feeds/corrections/rss/", feeds.CorrectionsFeed(), name="corrections_rss"),
    path("feeds/corrections/atom/", feeds.AtomCorrectionsFeed(), name="corrections_atom"),
    path("feeds/<uslug:kind>/<uslug:slug>/rss/", feeds.ArticleFeed(), name="scoped_rss"),
    path("feeds/<uslug:kind>/<uslug:slug>/atom/", feeds.AtomArticleFeed(), name="scoped_atom"),
    path("feeds/<uslug:kind>/<uslug:slug>/json/", feeds.json_feed, name="scoped_json"),
]
