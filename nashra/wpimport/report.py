"""The import's account of itself: every item of the export gets exactly one outcome.

Counts are kept per kind of object (post, page, attachment, comment, author, ...) and per
outcome, so that created + updated + unchanged + skipped + failed adds up to what the file
holds. Skipped and failed items, and notes on kept items, carry a line saying why.
"""

from collections import Counter
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass
class ReportLine:
    kind: str
    wp_id: str
    outcome: str  # one of OUTCOMES, or "note"
    title: str = ""
    reason: str = ""

    def as_dict(self):
        return {
            "kind": self.kind,
            "wp_id": self.wp_id,
            "outcome": self.outcome,
            "title": self.title,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    counts: dict = field(default_factory=dict)  # kind -> Counter(outcome -> n)
    lines: list = field(default_factory=list)  # skipped, failed and notes
    dry_run: bool = False

    def record(self, kind, outcome, wp_id="", title="", reason=""):
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        self.counts.setdefault(kind, Counter())[outcome] += 1
        if outcome in ("skipped", "failed") or reason:
            self.lines.append(ReportLine(kind, str(wp_id), outcome, title, reason))

    def note(self, kind, wp_id, reason, title=""):
        """Something kept, but not as it was (a reply moved up a level, a block kept as HTML)."""
        self.lines.append(ReportLine(kind, str(wp_id), "note", title, reason))

    def total(self, kind=None):
        kinds = [kind] if kind else list(self.counts)
        return sum(sum(self.counts.get(k, Counter()).values()) for k in kinds)

    def count(self, kind, outcome):
        return self.counts.get(kind, Counter())[outcome]

    def as_dict(self):
        return {
            "dry_run": self.dry_run,
            "counts": {kind: dict(counter) for kind, counter in sorted(self.counts.items())},
            "lines": [line.as_dict() for line in self.lines],
        }

    @classmethod
    def from_dict(cls, data):
        report = cls(dry_run=data.get("dry_run", False))
        report.counts = {k: Counter(v) for k, v in data.get("counts", {}).items()}
        report.lines = [ReportLine(**line) for line in data.get("lines", [])]
        return report

    def render_text(self):
        rows = [f"{'':14}" + "".join(f"{o:>11}" for o in OUTCOMES) + f"{'total':>11}"]
        for kind, counter in sorted(self.counts.items()):
            cells = "".join(f"{counter[o]:>11}" for o in OUTCOMES)
            rows.append(f"{kind:14}{cells}{sum(counter.values()):>11}")
        for line in self.lines:
            title = f" “{line.title}”" if line.title else ""
            rows.append(f"{line.outcome:9} {line.kind} {line.wp_id}{title}: {line.reason}")
        return "\n".join(rows)
