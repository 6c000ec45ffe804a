"""The demo's settings (production's, with local defaults) for the page-quality server, with
two changes: static files collected into the run's own directory, and a short listing page so
the demo's sections have a page 2."""

import os

from nashra.settings.demo import *  # noqa: F403

STATIC_ROOT = os.environ["NASHRA_QUALITY_STATIC_ROOT"]
NASHRA_ARTICLES_PER_PAGE = 3
ROOT_URLCONF = "tests.quality.urls"
