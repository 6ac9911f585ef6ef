"""Accessibility (WCAG 2.2 AA): axe-core on every page type, both scripts, desktop and phone; keyboard walk-throughs.

axe-core is the npm package pinned in tests/a11y/package-lock.json, installed by `make setup` (npm ci) and
injected from disk (tests/axe_audit.py); `bench/a11y_audit.py` prints the same audit as figures.
"""

from __future__ import annotations

import pytest

from axe_audit import audit, cases


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        lines += [f"    {n['target']}: {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("name,tag,viewport", cases(), ids=["-".join(c) for c in cases()])
def test_no_wcag_a_or_aa_violation(browser, base, name, tag, viewport):
    violations = audit(browser, base, name, tag, viewport)
    assert violations == [], f"{name} {tag} {viewport}:\n{describe(violations)}"


# Keyboard walk-throughs: everything a mouse does on a report page, with Tab, Enter and the arrow keys only.

DOC_PAGE = "zhenjiang-2022/index.html"


def tab_until(page, condition: str, limit: int = 300) -> int:
    """Press Tab until `condition` (JS, `e` is the focused element) holds; the number of presses."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({condition}) }}"):
            return n
    raise AssertionError(f"{limit} Tab presses never reached {condition}")


def focus_ring(page) -> dict:
    """The focused element's outline, its contrast with the background it is drawn on, and whether a person sees
    the element at all."""
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        const rgb = c => c.match(/[\\d.]+/g).map(Number);
        const lum = ([R, G, B]) => [R, G, B].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        let opacity = 1, background = 'rgb(255, 255, 255)';
        for (let x = e; x; x = x.parentElement) opacity *= parseFloat(getComputedStyle(x).opacity);
        for (let x = e.parentElement; x; x = x.parentElement) {
            const bg = getComputedStyle(x).backgroundColor, parts = rgb(bg);
            if (parts.length === 3 || parts[3] === 1) { background = bg; break; }
        }
        const [a, b] = [lum(rgb(s.outlineColor)), lum(rgb(background))].sort((x, y) => y - x);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, background,
                contrast: (a + 0.05) / (b + 0.05), opacity,
                inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};
    }""")


def assert_visible_focus(page, what: str):
    for _ in range(10):  # fades (Material's skip link and search box, the paragraph tools) take a moment
        page.wait_for_timeout(200)
        ring = focus_ring(page)
        if ring["opacity"] == 1 and ring["contrast"] >= 3:
            break
    assert ring["inView"] and ring["opacity"] == 1, f"{what} is focused but not shown: {ring}"
    assert ring["style"] != "none" and ring["width"] >= 2, f"{what} has no focus ring: {ring}"
    assert ring["contrast"] >= 3, f"{what}: the focus ring does not stand out from its background (WCAG 1.4.11): {ring}"


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def test_skip_link_is_the_first_tab_stop_and_leads_to_the_text(desktop, base):
    page = desktop
    page.goto(f"{base}zh-Hans/{DOC_PAGE}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.evaluate(f"!!document.querySelector('article.md-content__inner h1[id=\"{target[1:]}\"]')")  # the text's title
    assert_visible_focus(page, "the skip link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is in the text, past the header, the search and the navigation
    assert page.evaluate("!!document.activeElement.closest('article.md-content__inner')")


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant"])
def test_paragraph_link_and_copy_citation_by_keyboard(desktop, base, tag):
    page = desktop
    page.goto(f"{base}{tag}/{DOC_PAGE}")
    tab_until(page, "e.classList.contains('zh-pilcrow')")
    para = page.evaluate("document.activeElement.closest('p[id]').id")
    assert_visible_focus(page, "the ¶ link")
    cite = page.get_attribute(f"#{para}", "data-cite")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith(cite)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button.zh-cite')")
    assert_visible_focus(page, "copy citation")
    page.keyboard.press("Enter")  # opens the menu of citation forms, focus on the first (the short locator)
    assert page.evaluate("document.activeElement.getAttribute('role')") == "menuitem"
    assert_visible_focus(page, "the first citation form")
    page.keyboard.press("Enter")  # copies it; focus goes back to the button
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/{tag}/zhenjiang-2022/#{para}") and cite in copied
    # a screen reader hears the result: the polite live region now holds it
    status = page.locator("[role=status][aria-live=polite]#zh-status")
    status.wait_for(state="attached")
    page.wait_for_function("() => document.getElementById('zh-status').textContent.length > 0")
    assert copied in status.text_content()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the ¶ link: the address now points at the paragraph
    page.wait_for_url(f"**/{DOC_PAGE}#{para}")


def test_glossary_explanation_shows_on_keyboard_focus_in_english(desktop, base, built):
    import json

    english = {t["slug"]: t["english"] for t in json.loads((built / "site" / "zh-Hans" / "data" / "glossary.json").read_text("utf-8"))["terms"]}
    page = desktop
    page.goto(f"{base}zh-Hans/{DOC_PAGE}")
    tab_until(page, "e.matches('a.zh-term')")
    assert_visible_focus(page, "a glossary term")
    slug = page.evaluate("document.activeElement.dataset.term")
    tip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert tip_id, "the explanation is not tied to the term for a screen reader"
    tip = page.locator(f"[id='{tip_id}']")
    tip.wait_for(state="visible")
    assert english[slug] in tip.text_content()
    assert page.evaluate(f"document.getElementById('{tip_id}').closest('[lang]').lang") == "en"
    page.keyboard.press("Tab")  # the next term's explanation replaces it
    tip.wait_for(state="hidden")


@pytest.mark.parametrize("start,other", [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")])
def test_script_switch_by_keyboard(desktop, base, start, other):
    page = desktop
    page.goto(f"{base}{start}/{DOC_PAGE}#s3-2-p4")
    tab_until(page, f"e.matches('a.md-select__link[hreflang=\"{other}\"]')")
    assert_visible_focus(page, "the other script's link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}{other}/{DOC_PAGE}#s3-2-p4")


@pytest.mark.parametrize("width", [1400, 375])
def test_search_by_keyboard(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base}zh-Hans/{DOC_PAGE}")
    # phones: the magnifier is a label, reached by Tab and opened with Enter; desktops show the box itself
    tab_until(page, "e.matches('input.md-search__input, label[for=__search]')")
    assert_visible_focus(page, "search")
    if page.evaluate("document.activeElement.tagName") == "LABEL":
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("营商环境")
    page.keyboard.press("End")  # Material searches on keyup; Playwright inserts CJK text without one
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 1", timeout=20000)
    for _ in range(10):  # down the list to the first paragraph (the first hit is the page itself)
        page.keyboard.press("ArrowDown")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "#" in href:
            break
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    assert_visible_focus(page, "a search result")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + DOC_PAGE + "?h=*#" + href.split("#")[1])
    context.close()


# What a screen reader is given: names, languages, table structure.

def test_screen_reader_markup_of_a_report_page(desktop, base):
    page = desktop
    page.goto(f"{base}zh-Hans/{DOC_PAGE}")
    aside = page.locator("aside.zh-callouts").first
    para = aside.evaluate("a => a.parentElement.querySelector('p[id]').dataset.cite")
    assert aside.get_attribute("aria-label") == f"{para}的指标"  # what the call-outs are, and whose
    assert page.get_by_role("complementary", name=f"{para}的指标").count() == 1
    english = page.eval_on_selector_all(".zh-callout-en", "els => els.map(e => e.closest('[lang]').lang)")
    assert english and set(english) == {"en"}
    names = page.eval_on_selector_all("button.zh-cite", "els => els.map(e => e.getAttribute('aria-label'))")
    cites = page.eval_on_selector_all("p.zh-p", "els => els.map(e => e.dataset.cite)")
    assert names == [f"复制引用：{c}" for c in cites]  # the visible label first (WCAG 2.5.3), then which paragraph


@pytest.mark.parametrize("path", ["zhenjiang-2022/indicators.html", "zhenjiang-2022/corrections.html"])
def test_every_table_has_a_caption_and_column_headers(desktop, base, path):
    page = desktop
    page.goto(f"{base}zh-Hant/{path}")
    tables = page.eval_on_selector_all("article table", """ts => ts.map(t => ({
        caption: t.caption ? t.caption.textContent.trim() : '',
        heads: [...t.tHead.rows[0].cells].map(c => [c.tagName, c.scope, c.textContent.trim()])}))""")
    assert tables
    for t in tables:
        assert t["caption"], t
        assert all(tag == "TH" and scope == "col" and text for tag, scope, text in t["heads"]), t
    if "indicators" in path:
        rows = page.eval_on_selector_all("table.zh-indicators tbody tr", "rs => rs.map(r => [r.cells[0].tagName, r.cells[0].scope])")
        assert rows and all(r == ["TH", "row"] for r in rows)  # each row is read with its indicator's name
        langs = page.eval_on_selector_all("table.zh-indicators tbody th small", "els => els.map(e => e.lang)")
        assert langs and set(langs) == {"en"}


@pytest.mark.parametrize("tag,confidence", [("zh-Hans", "把握程度"), ("zh-Hant", "把握程度")])
def test_glossary_english_is_marked_and_chinese_labels_are_not(desktop, base, tag, confidence):
    page = desktop
    page.goto(f"{base}{tag}/glossary/index.html")
    english = page.eval_on_selector_all("article [lang=en]", "els => els.map(e => e.textContent)")
    assert len(english) > 100  # every English label, explanation, component and note
    assert not [e for e in english if confidence in e]  # a Chinese label inside lang="en" is read as English
    notes = page.eval_on_selector_all(".zh-note", "els => els.map(e => e.textContent)")
    assert any(confidence in n for n in notes)  # the label is there, outside the English
