"""The admin screen of the breaking-news banner: one per edition, to set, change or remove it."""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import log
from wagtail.models import Locale

from nashra.core.newsroom_time import newsroom_and_utc, newsroom_zone, zone_label

from . import breaking
from .models import BreakingBanner

PERMISSION = "news.change_breakingbanner"


def can_set(user):
    return user.has_perm(PERMISSION)


class BreakingBannerForm(forms.ModelForm):
    expires_at = forms.DateTimeField(
        label=gettext_lazy("Expires at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("Optional. The banner disappears by itself at this time."),
    )

    class Meta:
        model = BreakingBanner
        fields = ["text", "link_page", "link_url", "expires_at"]
        widgets = {
            "text": forms.TextInput(attrs={"dir": "auto"}),
            "link_page": AdminPageChooser(),
            "link_url": forms.TextInput(attrs={"dir": "ltr", "placeholder": "https://"}),
        }
        help_texts = {
            "text": gettext_lazy("One short line, up to 160 characters."),
            "link_url": gettext_lazy("Only https:// addresses."),
        }

    def clean_expires_at(self):
        # Typed in the newsroom's time zone, whatever the user's own preference; whole seconds,
        # as the cache keys count them.
        value = self.cleaned_data["expires_at"]
        if value is None:
            return None
        naive = value.replace(tzinfo=None) if isinstance(value, datetime) else value
        return naive.replace(tzinfo=newsroom_zone(), second=0, microsecond=0)


def index(request):
    if not can_set(request.user):
        raise PermissionDenied
    banners = {b.locale_id: b for b in BreakingBanner.objects.select_related("set_by")}
    editions = [
        (locale, banners.get(locale.pk)) for locale in Locale.objects.order_by("language_code")
    ]
    return TemplateResponse(
        request,
        "news/admin/breaking_banners.html",
        {"title": _("Breaking-news banner"), "editions": editions},
    )


def edit(request, language):
    if not can_set(request.user):
        raise PermissionDenied
    locale = get_object_or_404(Locale, language_code=language)
    current = BreakingBanner.objects.filter(locale=locale).first()
    if request.method == "POST" and "remove" in request.POST:
        if _remove(request.user, locale):
            messages.success(request, _("The banner is removed from every page of this edition."))
        return redirect("news_breaking_banner", language)
    form = BreakingBannerForm(
        request.POST or None, instance=current or BreakingBanner(locale=locale)
    )
    if request.method == "POST" and form.is_valid():
        _save(request.user, locale, form)
        messages.success(request, _("The banner is shown on every page of this edition."))
        return redirect("news_breaking_banner", language)
    return TemplateResponse(
        request,
        "news/admin/breaking_banner.html",
        {
            "title": _("Breaking-news banner: %(edition)s")
            % {"edition": locale.get_display_name()},
            "locale": locale,
            "current": current,
            "expires": newsroom_and_utc(current.expires_at) if current else "",
            "form": form,
            "zone": zone_label(newsroom_zone()),
        },
    )


def _locked(locale):
    """The edition's row, locked to the end of the transaction: two editors saving at once
    take turns (on SQLite, writes take turns anyway)."""
    Locale.objects.select_for_update().filter(pk=locale.pk).first()


def _save(user, locale, form):
    values = {name: form.cleaned_data[name] for name in form.Meta.fields}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                _locked(locale)
                banner, _created = BreakingBanner.objects.update_or_create(
                    locale=locale, defaults={**values, "set_by": user}
                )
                log(instance=banner, action=breaking.SET_ACTION, user=user, data=_logged(banner))
                breaking.after_commit(locale.language_code)
            return banner
        except IntegrityError:
            continue  # another editor created it at the same moment (SQLite): update it
    raise IntegrityError("could not save the breaking banner")


def _remove(user, locale):
    with transaction.atomic():
        _locked(locale)
        banner = BreakingBanner.objects.filter(locale=locale).first()
        if banner is None:
            return False
        log(instance=banner, action=breaking.REMOVE_ACTION, user=user, data=_logged(banner))
        banner.delete()
        breaking.after_commit(locale.language_code)
    return True


def _logged(banner):
    return {
        "text": banner.text,
        "link": banner.link_url or (f"page {banner.link_page_id}" if banner.link_page_id else ""),
        "expires_at": banner.expires_at.isoformat() if banner.expires_at else None,
    }
