from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile


def editor(django_user_model, username="editor2fa", language=None):
    """A member of staff who is not a superuser: admin access through a group."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    group, _created = Group.objects.get_or_create(name="2FA test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def app_device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def code_for(device):
    return str(
        totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
        )
    ).zfill(device.digits)


def wrong_code_for(device):
    return str((int(code_for(device)) + 1) % 10**device.digits).zfill(device.digits)
