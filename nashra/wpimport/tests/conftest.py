"""The admin tests' fixtures: a private import root beside a media root, and the analysis
and the importer replaced at their seams (`analysis.analyse`, `importer.import_wxr`,
`importer.ImportOptions`, `importer.parse_section_map`), which other parts of the import own."""

import importlib
import sys
import types

import pytest

import nashra.wpimport

from .admin_support import ANALYSIS, FakeOptions, fake_import, fake_parse_section_map


def _module(monkeypatch, name):
    """The real module when it is there; until then a stand-in, for this test only."""
    try:
        return importlib.import_module(f"nashra.wpimport.{name}")
    except ModuleNotFoundError as missing:
        if missing.name != f"nashra.wpimport.{name}":
            raise
        module = types.ModuleType(f"nashra.wpimport.{name}")
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(nashra.wpimport, name, module, raising=False)
        return module


@pytest.fixture
def seams(monkeypatch):
    analysis = _module(monkeypatch, "analysis")
    importer = _module(monkeypatch, "importer")
    monkeypatch.setattr(analysis, "analyse", lambda path, uploads_dir=None: ANALYSIS, False)
    monkeypatch.setattr(importer, "ImportOptions", FakeOptions, False)
    monkeypatch.setattr(importer, "parse_section_map", fake_parse_section_map, False)
    monkeypatch.setattr(importer, "import_wxr", fake_import, False)
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
