"""Running the importer on the hand-written fixtures (fixtures/README.md says what each has)."""

from pathlib import Path

from nashra.wpimport.importer import ImportOptions, import_wxr
from nashra.wpimport.models import ImportedObject, SourceKind

FIXTURES = Path(__file__).parent / "fixtures"
NEWSROOM = FIXTURES / "newsroom.xml"
UPLOADS = FIXTURES / "uploads"


def run_import(path=NEWSROOM, progress_hook=None, **options):
    options.setdefault("uploads_dir", UPLOADS)
    return import_wxr(path, ImportOptions(**options), progress=progress_hook)


def imported(kind, wp_id):
    record = ImportedObject.objects.get(kind=kind, wp_id=str(wp_id), language="")
    return record.target.specific if hasattr(record.target, "specific") else record.target


def article(wp_id):
    return imported(SourceKind.POST, wp_id)
