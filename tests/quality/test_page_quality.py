"""Every public page type, in both editions, checked as a reader's browser and a search engine
get it from a production-like server (conftest.py): valid HTML (the Nu HTML checker), Lighthouse's
accessibility, best-practices and SEO scores of 100 and performance of 95 or more on its mobile
profile, and screenshots at a phone's and a desktop's width (docs/screenshots/, checked in).

docs/developers/site-quality.md says how to run it and what it measured."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import CHROME, CHROME_FLAGS, ROOT, VNU_JAR, fetch, page_list

pytestmark = pytest.mark.quality

LIGHTHOUSE_REPORTS = ROOT / "test-artifacts" / "lighthouse"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PERFECT = ("accessibility", "best-practices", "seo")
PERFORMANCE_AT_LEAST = 95
# Search results and the comment privacy form ask search engines not to index them, as Google
# advises for internal search results; Lighthouse's SEO then fails is-crawlable on them, and
# only that audit is allowed to fail there (every other SEO audit must pass).
NOINDEX = b'<meta name="robots" content="noindex">'
NOINDEX_AUDIT = "is-crawlable"


def _expected_status(name):
    return 404 if name.endswith("-not-found") else 200


def test_every_page_type_is_valid_html(quality_site, tmp_path):
    files = {}
    for name, url in page_list(quality_site):
        status, body = fetch(url)
        assert status == _expected_status(name), f"{name}: {url} answered {status}"
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        files[path] = name
    # A page with a known error proves the checker ran and its report is read.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><title>x</title><h1>a</h1><h3>b</h3></html>')
    files[canary] = "canary"
    # One Java start for every page: --errors-only leaves warnings and info out.
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {f"file:{path}": name for path, name in files.items()}  # vnu's form of the path
    errors = {}
    for message in messages:
        page = names.get(message.get("url"), message.get("url"))
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(page, []).append(f"{where}: {message['message']}")
    assert any("skipping 1 heading level" in line for line in errors.pop("canary", ()))
    report = "\n".join(
        f"{page}:\n" + "\n".join(f"  {line}" for line in lines)
        for page, lines in sorted(errors.items())
    )
    assert not errors, f"Nu HTML checker errors on {len(errors)} pages:\n{report}"


@pytest.fixture(scope="module")
def lighthouse_reports(quality_site):
    """{page name: Lighthouse result} for every page, one after another in one Chromium
    (tests/quality/lighthouse.mjs), the JSON reports written to test-artifacts/lighthouse/."""
    shutil.rmtree(LIGHTHOUSE_REPORTS, ignore_errors=True)  # no report left from another run
    LIGHTHOUSE_REPORTS.mkdir(parents=True)
    pages = page_list(quality_site, lighthouse=True)
    started = time.monotonic()
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("lighthouse.mjs")), str(LIGHTHOUSE_REPORTS)]
        + [f"{name}={url}" for name, url in pages],
        env={**os.environ, "CHROME_PATH": CHROME, "LIGHTHOUSE_CHROME_FLAGS": CHROME_FLAGS},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout)
    print(f"Lighthouse: {len(pages)} pages in {time.monotonic() - started:.0f} s")
    reports = {}
    for name, url in pages:
        report = json.loads((LIGHTHOUSE_REPORTS / f"{name}.json").read_text())
        report["noindex"] = NOINDEX in fetch(url)[1]
        reports[name] = report
    return reports


def _failing(report, category):
    """The ids of the audits that cost a category points."""
    return [
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight", 0) > 0
        and report["audits"][ref["id"]].get("score") is not None
        and report["audits"][ref["id"]]["score"] < 1
    ]


def _failing_audits(report, category, allowed=()):
    """The audits that cost a category points: title, score and what Lighthouse measured."""
    lines = []
    for audit_id in _failing(report, category):
        audit = report["audits"][audit_id]
        if audit_id not in allowed:
            shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"    {audit['id']}: {audit['score']}{shown} {audit['title']}")
            for item in (audit.get("details") or {}).get("items", [])[:3]:
                node = item.get("node", {}) if isinstance(item, dict) else {}
                if node.get("snippet"):
                    lines.append(f"      {node['snippet'][:160]}")
    return lines


def _score(report, category):
    score = report["categories"][category]["score"]
    return 0 if score is None else round(score * 100)


def _allowed(report, category):
    return (NOINDEX_AUDIT,) if category == "seo" and report["noindex"] else ()


def test_every_page_type_scores_100_for_accessibility_best_practices_and_seo(
    lighthouse_reports,
):
    failures = []
    for name, report in sorted(lighthouse_reports.items()):
        if report.get("runtimeError"):
            failures.append(f"{name}: Lighthouse failed: {report['runtimeError']['code']}")
            continue
        for category in PERFECT:
            allowed = _allowed(report, category)
            if set(_failing(report, category)) - set(allowed):
                failures.append(f"{name} {category} {_score(report, category)}:")
                failures.extend(_failing_audits(report, category, allowed))
    assert not failures, "Lighthouse below 100:\n" + "\n".join(failures)


def test_every_page_type_scores_95_for_performance_on_a_phone(lighthouse_reports):
    failures = []
    for name, report in sorted(lighthouse_reports.items()):
        assert report["configSettings"]["formFactor"] == "mobile"
        assert report["configSettings"]["throttlingMethod"] == "simulate"
        if _score(report, "performance") < PERFORMANCE_AT_LEAST:
            error = (report.get("runtimeError") or {}).get("code", "")
            failures.append(f"{name} performance {_score(report, 'performance')} {error}:")
            failures.extend(_failing_audits(report, "performance"))
    assert not failures, "Lighthouse performance below 95:\n" + "\n".join(failures)


# Phone: the whole page, to see it all; desktop: the first screen, which is what a PNG of a
# 1366-pixel-wide page adds over the phone's.
WIDTHS = ((390, 844, True), (1366, 768, False))


def test_screenshots_of_every_page_type_fit_a_phone_and_a_desktop(quality_site, browser):
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflowing = []
    for width, height, full_page in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for name, url in page_list(quality_site):
            response = page.goto(url, wait_until="load")
            assert response.status == _expected_status(name), f"{name}: {url}"
            page.evaluate("document.fonts.ready")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing.append(f"{name} at {width}px: {scroll_width}px wide")
            path = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=full_page)
            # 256 colours: text and flat drawings stay legible at a fraction of the size.
            with Image.open(path) as image:
                image.convert("RGB").quantize(colors=256).save(path, optimize=True)
        context.close()
    assert not overflowing, "pages wider than the window:\n" + "\n".join(overflowing)
