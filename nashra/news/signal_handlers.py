from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import ArticlePage


@receiver(post_page_move)
def keep_article_section_in_step(sender, instance, **kwargs):
    """A moved article takes the kicker and listings of its new section."""
    if isinstance(instance.specific, ArticlePage):
        instance.specific.save(update_fields=["section"])
