"""The test settings with Django's real password hasher: checking a password then takes as
long as in production, which is the window concurrent guesses race through."""

from nashra.settings.test import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
