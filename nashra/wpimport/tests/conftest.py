"""The admin tests' fixtures: a private import root beside a media root, and the analysis
and the import replaced at their seams (`analysis.analyse`, `importer.import_wxr`), so the
admin's own flow is tested quickly (test_admin_end_to_end.py runs the real ones)."""

import types

import pytest

from nashra.wpimport import analysis, importer

from .admin_support import ANALYSIS, fake_import


@pytest.fixture
def seams(monkeypatch):
    monkeypatch.setattr(analysis, "analyse", lambda path, uploads_dir=None: ANALYSIS)
    monkeypatch.setattr(importer, "import_wxr", fake_import)
    return types.SimpleNamespace(analysis=analysis, importer=importer)


@pytest.fixture
def import_root(settings, tmp_path):
    settings.NASHRA_IMPORT_ROOT = tmp_path / "var" / "imports"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NASHRA_IMPORT_UPLOADS_DIRS = [tmp_path]
    return settings.NASHRA_IMPORT_ROOT


@pytest.fixture
def worker_alive():
    """A worker ticked a moment ago (nashra.newsroom.tick): a running import is its."""
    from django.utils import timezone

    from nashra.newsroom.models import Tick

    now = timezone.now()
    Tick.objects.create(slot=now, worker="test", started_at=now)
