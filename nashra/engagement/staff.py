"""Who comments as the newsroom: a moderator whose session has passed the admin's second
factor. A password alone must not buy what staff skip (captcha, bans, limits, the word
filter) nor the "Nashra staff" badge."""

from nashra.accounts.devices import has_primary_factor
from nashra.accounts.policy import can_use_admin, is_required


def acts_as_staff(user):
    if not (user and user.is_authenticated and user.has_perm("engagement.change_comment")):
        return False
    if not can_use_admin(user):
        return True  # no admin, so no second factor to prove
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    if is_verified is not None and is_verified():
        return True
    return not (is_required(user) or has_primary_factor(user))
