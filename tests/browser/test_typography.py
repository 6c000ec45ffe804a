"""In Chromium: the self-hosted faces load from this site (not the reader's device), the
preloaded face is the one the page uses, and Arabic emphasis is never slanted."""

import pytest

pytestmark = pytest.mark.browser

FACTS = """() => {
  const faces = [...document.fonts].filter(f => f.status === 'loaded')
    .map(f => `${f.family.replace(/"/g, '')} ${f.weight} ${f.style}`);
  const fonts = performance.getEntriesByType('resource')
    .filter(e => e.name.endsWith('.woff2')).map(e => new URL(e.name));
  const h1 = document.querySelector('h1');
  return {
    faces,
    fontHosts: [...new Set(fonts.map(u => u.host))],
    fontFiles: fonts.map(u => u.pathname.split('/').pop()),
    naskh: document.fonts.check('16px "Nashra Naskh"', 'نشرة'),
    serif: document.fonts.check('16px "Nashra Serif"', 'Nashra'),
    headlineFamily: getComputedStyle(h1).fontFamily,
  };
}"""

EMPHASIS = """() => {
  const main = document.querySelector('main');
  const probe = document.createElement('p');
  probe.innerHTML = '<em id="em-page">تأكيد</em> <i id="i-page">مائل</i>'
    + ' <span lang="ar"><em id="em-ar">تأكيد</em></span> <em id="em-en" lang="en">stress</em>';
  main.prepend(probe);
  const style = id => getComputedStyle(document.getElementById(id));
  return Object.fromEntries(['em-page', 'i-page', 'em-ar', 'em-en'].map(
    id => [id, {style: style(id).fontStyle, weight: style(id).fontWeight,
                synthesis: style(id).fontSynthesis}]));
}"""


def _lead_article(page, base, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/{lang}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    href = page.locator(".front-top__lead h2 a").first.get_attribute("href")
    page.goto(base + href)
    page.evaluate("document.fonts.ready.then(() => true)")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_self_hosted_faces_load_from_this_site(page, live_site, shot, lang):
    base = live_site["url"]
    warnings = []
    page.on("console", lambda msg: warnings.append(msg.text) if "preload" in msg.text else None)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/{lang}/")
        page.evaluate("document.fonts.ready.then(() => true)")
        shot(page, f"typography-front-{lang}-{width}")
        _lead_article(page, base, lang, width)
        shot(page, f"typography-article-{lang}-{width}")
    facts = page.evaluate(FACTS)
    assert facts["fontHosts"] == [base.removeprefix("http://")]
    if lang == "ar":
        assert facts["naskh"], facts
        assert "Nashra Naskh 400 normal" in facts["faces"]
        assert "Nashra Naskh 700 normal" in facts["faces"]  # the headline
        assert facts["headlineFamily"].startswith('"Nashra Naskh"')
        assert any(f.startswith("nashra-naskh-regular") for f in facts["fontFiles"])
    else:
        assert facts["serif"], facts
        assert "Nashra Serif 400 normal" in facts["faces"]
        assert "Nashra Serif 700 normal" in facts["faces"]
        assert not any("Naskh" in face for face in facts["faces"])  # no Arabic body text, no 22 KB
        assert facts["headlineFamily"].startswith('"Nashra Serif"')
    page.wait_for_timeout(3500)  # Chromium warns of an unused preload after about 3 s
    assert warnings == []


def test_arabic_emphasis_is_upright_in_both_editions(page, live_site):
    base = live_site["url"]
    _lead_article(page, base, "ar", 1366)
    ar = page.evaluate(EMPHASIS)
    for probe in ("em-page", "i-page", "em-ar"):
        assert ar[probe]["style"] == "normal", ar
        assert ar[probe]["weight"] == "700", ar
        assert ar[probe]["synthesis"] == "none", ar
    _lead_article(page, base, "en", 1366)
    en = page.evaluate(EMPHASIS)
    assert en["em-ar"]["style"] == "normal" and en["em-ar"]["weight"] == "700", en
    assert en["em-en"]["style"] == "italic", en  # English keeps its real italic
    # English <em> with Arabic in it and no lang: the Arabic face's "italic" is upright.
    page.evaluate(
        """() => { const p = document.createElement('p');
        p.innerHTML = '<em id="mixed">شارع الميناء</em>';
        document.querySelector('main').prepend(p); }"""
    )
    # On an English page Arabic words take the Naskh as its "Inline" family (font-display:
    # optional); loaded here at once (page.evaluate is not subject to the page's CSP, which
    # refuses the eval a string wait_for_function needs).
    loaded = page.evaluate(
        """() => document.fonts.load('italic 16px "Nashra Naskh Inline"', 'شارع')
        .then(faces => faces.map(f => f.style + ' ' + f.display))"""
    )
    assert loaded == ["italic optional"], loaded
    faces = page.evaluate(FACTS)["faces"]
    assert "Nashra Naskh Inline 400 italic" in faces
