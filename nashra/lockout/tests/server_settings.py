"""The test settings with Django's real password hasher, counted: checking a password then
takes as long as in production (the window concurrent guesses race through), and the test
can tell how many guesses were checked, not only how they were answered."""

import os

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from nashra.settings.test import *  # noqa: F403


class CountingHasher(PBKDF2PasswordHasher):
    def verify(self, password, encoded):
        with open(os.environ["NASHRA_TEST_PASSWORD_CHECKS"], "a") as log:
            log.write("checked\n")
        return super().verify(password, encoded)


PASSWORD_HASHERS = ["nashra.lockout.tests.server_settings.CountingHasher"]
