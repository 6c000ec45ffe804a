from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, post_page_move

from .models import ArticlePage


@receiver(post_page_move)
def keep_article_section_in_step(sender, instance, **kwargs):
    """A moved article takes the kicker and listings of its new section."""
    if isinstance(instance.specific, ArticlePage):
        instance.specific.save(update_fields=["section"])


@receiver(copy_for_translation_done)
def point_bylines_at_translated_authors(sender, source_obj, target_obj, **kwargs):
    """A new translation credits the authors' own pages in its language, where they exist."""
    target = target_obj.specific
    if not isinstance(target, ArticlePage):
        return
    draft = target.get_latest_revision_as_object()
    changed = False
    for byline in draft.article_authors.all():
        twin = byline.author.get_translation_or_none(draft.locale)
        if twin is not None and twin.pk != byline.author_id:
            byline.author = twin.specific
            changed = True
    if changed:
        draft.save_revision(log_action=False)
