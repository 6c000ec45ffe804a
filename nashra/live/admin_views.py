"""The entry desk: one admin screen per live page to add, change and delete its entries
without publishing the page. Only users who may edit the page use it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import purge
from .forms import LiveEntryForm
from .models import LiveEntry, LivePage


def _page_for(request, page_id):
    page = get_object_or_404(LivePage.objects.select_related("locale"), pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def _save(page, form, user):
    """Save the form's entry, unpinning any other pinned entry of the page in the same
    transaction (the page's row locked first, so two pins at once end with one), and purge.
    None, with nothing written, if the entry was deleted since the form loaded it: deletes
    lock the same row, so re-reading it under the lock sees them (an edit never resurrects
    a deleted entry)."""
    with transaction.atomic():
        # Every change to a page's entries queues on its row: pins never cross.
        LivePage.objects.select_for_update().filter(pk=page.pk).first()
        was = None
        if form.instance.pk:
            was = LiveEntry.objects.filter(pk=form.instance.pk).first()
            if was is None or was.deleted_at is not None or was.page_id != page.pk:
                return None
        entry = form.save(commit=False)
        entry.page = page
        unpinned = []
        if entry.pinned:
            others = page.entries.filter(pinned=True).exclude(pk=entry.pk)
            unpinned = list(others)
            others.update(pinned=False, updated_at=timezone.now())
        entry.save()
        form.save_m2m()
        action = "nashra_live.entry_edit" if was else "nashra_live.entry_add"
        log(instance=page, action=action, user=user, data={"entry": entry.pk, "title": entry.title})
        purge.entry_saved(page, entry, also=unpinned, was=was)
    return entry


def desk(request, page_id):
    page = _page_for(request, page_id)
    # A new update opens with one empty paragraph: most are a paragraph or two.
    body = LiveEntry._meta.get_field("body").stream_block.to_python(
        [{"type": "paragraph", "value": ""}]
    )
    form = LiveEntryForm(
        request.POST or None, page=page, initial={"posted_at": timezone.localtime(), "body": body}
    )
    if request.method == "POST" and form.is_valid():
        _save(page, form, request.user)
        messages.success(request, _("Update added. Readers see it on their next reload."))
        return redirect("live_desk", page.pk)
    return _render(request, page, form)


def edit(request, page_id, entry_id):
    page = _page_for(request, page_id)
    entry = get_object_or_404(page.entries.shown(), pk=entry_id)
    if entry.posted_at:
        entry.posted_at = timezone.localtime(entry.posted_at)
    form = LiveEntryForm(request.POST or None, instance=entry, page=page)
    if request.method == "POST" and form.is_valid():
        if _save(page, form, request.user) is None:
            messages.error(request, _("This update was deleted meanwhile; nothing was changed."))
        else:
            messages.success(request, _("Update changed."))
        return redirect("live_desk", page.pk)
    return _render(request, page, form, editing=entry)


def delete(request, page_id, entry_id):
    page = _page_for(request, page_id)
    entry = get_object_or_404(page.entries.shown(), pk=entry_id)
    if request.method == "POST":
        with transaction.atomic():
            LivePage.objects.select_for_update().filter(pk=page.pk).first()
            # A tombstone: readers' open pages learn to remove it.
            LiveEntry.objects.filter(pk=entry.pk).update(
                deleted_at=timezone.now(), pinned=False, updated_at=timezone.now()
            )
            entry.refresh_from_db()
            log(
                instance=page,
                action="nashra_live.entry_delete",
                user=request.user,
                data={"entry": entry.pk, "title": entry.title},
            )
            purge.entry_saved(page, entry)
        messages.success(request, _("Update deleted."))
        return redirect("live_desk", page.pk)
    return TemplateResponse(
        request,
        "live/admin/delete.html",
        {"page": page, "entry": entry, "title": _("Delete this update?")},
    )


def _render(request, page, form, editing=None):
    entries = page.entries.shown().newest_first().prefetch_related("authors")
    return TemplateResponse(
        request,
        "live/admin/desk.html",
        {
            "page": page,
            "form": form,
            "editing": editing,
            "entries": entries,
            "title": _("Live entries: %(page)s") % {"page": page.get_admin_display_title()},
            "content_lang": page.locale.language_code,
        },
    )
