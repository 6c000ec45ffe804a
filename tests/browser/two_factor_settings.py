"""The test settings with two-factor authentication required of staff, as in production, and
passkeys accepted from the browser test's own server (http://localhost:<port>)."""

import os

from nashra.settings.test import *  # noqa: F403

NASHRA_2FA_REQUIRED = "staff"
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [os.environ["NASHRA_TEST_ORIGIN"]]
