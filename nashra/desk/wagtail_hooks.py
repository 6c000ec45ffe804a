from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet

from nashra.news.models import ArticlePage

from . import views, workflow
from .models import TagsLeftOff, TagTwin

register_snippet(TagTwin)


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("desk/", views.desk_board, name="desk_board")]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_board(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(gettext_lazy("Desk"), reverse("desk_board"), icon_name="tasks", order=150)


@hooks.register("register_log_actions")
def register_direct_publish_action(actions):
    actions.register_action(
        workflow.DIRECT_PUBLISH_ACTION,
        gettext_lazy("Publish without review"),
        gettext_lazy("Published directly, bypassing the review workflow"),
    )


def _is_reviewed_article(page):
    return isinstance(page.specific_deferred, ArticlePage) and workflow.bypasses_review(page)


@hooks.register("before_publish_page")
def only_chiefs_publish_around_the_review(request, page):
    # The edit view saved the draft already; refusing here keeps it and asks for review.
    if _is_reviewed_article(page) and not workflow.may_publish_directly(request.user):
        messages.error(
            request,
            _("Articles are published through the review workflow: submit this one for review."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_publish_page")
def record_direct_publish(request, page):
    if _is_reviewed_article(page):
        log(
            instance=page,
            action=workflow.DIRECT_PUBLISH_ACTION,
            user=request.user,
            revision=page.live_revision,
        )


@hooks.register("before_edit_page")
def tell_editor_about_tags_left_off(request, page):
    if request.method == "GET":
        note = TagsLeftOff.objects.filter(page_id=page.pk).first()
        if note is not None:
            messages.warning(
                request,
                _(
                    "These tags of the original have no twin in this edition and were not "
                    "carried over: %(tags)s. Add this edition's tags by hand."
                )
                % {"tags": ", ".join(note.names)},
            )


@hooks.register("after_edit_page")
def forget_tags_left_off_once_saved(request, page):
    TagsLeftOff.objects.filter(page_id=page.pk).delete()


@hooks.register("register_permissions")
def direct_publish_permission():
    # Offered in Settings > Groups, so a chief can let another group publish around review.
    from django.contrib.auth.models import Permission

    app_label, codename = workflow.DIRECT_PUBLISH_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
