from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nashra.core.forms import ContentDirectionPageForm

OVERRIDE_EMBARGO = "news.override_embargo"


class EmbargoPageForm(ContentDirectionPageForm):
    """The article form: an embargo once set only moves later, unless the editor may override
    embargoes (then it may move earlier); lifting it is its own recorded action (the "Lift
    embargo now" button), so no form clears it. Checked here, on the server, whatever the
    admin's page shows."""

    def clean(self):
        cleaned = super().clean()
        if "embargo_until" not in self.fields:
            return cleaned
        wanted = cleaned.get("embargo_until")
        standing = self._standing_embargo()
        if wanted and standing and wanted == _to_the_minute(standing):
            # The admin's widget shows minutes: the same minute keeps the stored time.
            cleaned["embargo_until"] = wanted = standing
        if wanted == standing:
            return cleaned
        if standing is not None and wanted is None:
            self.add_error(
                "embargo_until",
                _("An embargo cannot be cleared here: use “Lift embargo now”, which is recorded."),
            )
        elif standing is not None and wanted < standing and not self._may_override():
            self.add_error(
                "embargo_until",
                _("Only editors allowed to override embargoes can move an embargo earlier."),
            )
        elif wanted is not None and wanted <= timezone.now():
            self.add_error("embargo_until", _("An embargo must end in the future."))
        return cleaned

    def _standing_embargo(self):
        """The embargo in force: the later of the one this form was opened with (the latest
        revision's) and the one stored on the page (the published one's)."""
        candidates = [self.instance.embargo_until]
        if self.instance.pk:
            stored = type(self.instance).objects.filter(pk=self.instance.pk)
            candidates += stored.values_list("embargo_until", flat=True)
        candidates = [c for c in candidates if c is not None]
        return max(candidates) if candidates else None

    def _may_override(self):
        user = getattr(self, "for_user", None)
        return bool(user and user.has_perm(OVERRIDE_EMBARGO))


def _to_the_minute(moment):
    return moment.replace(second=0, microsecond=0)
