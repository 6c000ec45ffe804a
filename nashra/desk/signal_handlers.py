from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, page_published

from nashra.news.models import ArticlePage, HomePage

from . import notifications, tag_twins, workflow


@receiver(post_save, sender=HomePage)
def new_edition_gets_the_review_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        workflow.assign_to(instance)


@receiver(page_published, sender=ArticlePage)
def tell_when_a_scheduled_story_goes_live(sender, instance, revision=None, **kwargs):
    # Publishing a scheduled revision clears approved_go_live_at in the database, but the
    # revision object the action publishes still carries it: that marks a scheduled go-live.
    if revision is not None and revision.approved_go_live_at is not None:
        notifications.notify_scheduled_published(instance)


@receiver(copy_for_translation_done)
def map_tags_to_their_twins(sender, source_obj, target_obj, **kwargs):
    if isinstance(target_obj.specific, ArticlePage):
        tag_twins.retag_translation(source_obj.specific, target_obj.specific)
