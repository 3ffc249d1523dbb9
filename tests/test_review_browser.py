"""The review page in a real browser: Debian's headless Chromium, driven by playwright.

The page is opened from disk as a user would open it. Each test checks what a
reviewer sees: no console errors and no request leaving the page, filters and
sorting changing the list, term highlights and coloured scores, injection strings
shown as text. Chromium starts once per session (``chromium`` in conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from review_samples import IMG, INJECTED_ID, MERGED_ID, SCRIPT, many_items, write_run

from bitext.review import write_review


@dataclass
class Opened:
    """A page and what it did: console messages, uncaught errors, dialogs, requests."""

    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def texts(self, selector: str) -> list[str]:
        return list(self.page.locator(selector).all_text_contents())

    def shown_ids(self) -> list[str]:
        return self.texts("#pair-list .pair-id")

    def scores(self) -> list[float]:
        return [float(text.split()[-1]) for text in self.texts("#pair-list .score")]

    def choose(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)

    def count(self) -> int:
        return int(self.page.get_attribute("body", "data-shown"))


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = write_run(tmp_path_factory.mktemp("review") / "out")
    return Path(write_review(outdir).path)


def open_page(browser: Any, path: Path) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    opened = Opened(page=page, url=path.resolve().as_uri())
    page.on("console", lambda message: opened.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda request: opened.requests.append(request.url))

    def dismiss(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(opened.url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield opened
    context.close()


@pytest.fixture
def opened(chromium: Any, sample_page: Path) -> Iterator[Opened]:
    yield from open_page(chromium, sample_page)


def test_page_loads_offline_without_console_errors(opened: Opened) -> None:
    assert opened.errors == []
    assert [text for kind, text in opened.console if kind in {"error", "warning"}] == []
    assert opened.requests == [opened.url]
    assert opened.count() == 5 and len(opened.shown_ids()) == 5  # the kept pairs, the corpus
    assert opened.page.locator("#pair-list .pair").first.is_visible()
    assert "5 of 6 pairs" in (opened.page.text_content("#count") or "")


def test_injection_strings_stay_text(opened: Opened) -> None:
    page = opened.page
    opened.choose("#f-item", "0")
    french = opened.texts("#pair-list p.fr")
    assert f"Il a dit {SCRIPT} hier." in french
    assert any(text.startswith(IMG) for text in french)
    panel = page.text_content("#item-panel") or ""
    assert f"{SCRIPT} Titre" in panel and "<b>ministrede</b>" in panel and IMG in panel
    page.click("#items-details summary")
    assert INJECTED_ID in opened.texts("#item-table button")
    assert page.locator("img").count() == 0 and page.locator("b, i").count() == 0
    assert page.locator("script").count() == 3
    assert opened.dialogs == [] and opened.errors == []
    assert page.evaluate("document.title") == "bitext review: out"


def test_default_order_is_lowest_score_first_and_sorting_changes_it(opened: Opened) -> None:
    scores = opened.scores()
    assert scores == sorted(scores) == [0.35, 0.62, 0.7, 0.88, 0.91]
    opened.choose("#f-sort", "score-desc")
    assert opened.scores() == sorted(scores, reverse=True)
    opened.choose("#f-sort", "item")
    assert opened.shown_ids() == [f"{INJECTED_ID}:{n}" for n in range(4)] + [f"{MERGED_ID}:0"]
    opened.choose("#f-show", "all")
    assert opened.shown_ids() == [f"{INJECTED_ID}:{n}" for n in range(5)] + [f"{MERGED_ID}:0"]
    opened.choose("#f-sort", "terms")
    assert opened.shown_ids()[0] == f"{INJECTED_ID}:2"  # the pair with a missing term


def test_filters_change_what_is_shown(opened: Opened) -> None:
    page = opened.page
    opened.choose("#f-item", "1")
    assert opened.shown_ids() == [f"{MERGED_ID}:0"] and not page.is_hidden("#item-panel")
    opened.choose("#f-item", "")
    opened.choose("#f-origin", "human")
    assert opened.shown_ids() == [f"{MERGED_ID}:0"]
    opened.choose("#f-origin", "mt")
    assert opened.count() == 4
    opened.choose("#f-origin", "")
    opened.choose("#f-term", "minister-of-public-security")
    assert opened.shown_ids() == [f"{INJECTED_ID}:0"]
    opened.choose("#f-term", "")
    opened.choose("#f-term-status", "missing")
    assert opened.shown_ids() == [f"{INJECTED_ID}:2"]
    opened.choose("#f-term-status", "")
    opened.choose("#f-show", "rejected")
    assert opened.shown_ids() == [f"{INJECTED_ID}:4"]
    assert "rejected: unaligned" in (page.text_content("#pair-list .reason") or "")
    opened.choose("#f-show", "all")
    assert opened.count() == 6
    page.fill("#f-max-score", "0.5")
    assert sorted(opened.scores()) == [0.0, 0.35]
    page.fill("#f-max-score", "")
    opened.choose("#f-show", "kept")
    assert opened.count() == 5
    page.fill("#f-search", "ministere etrangeres")  # accents and case do not matter
    page.wait_for_selector("body[data-shown='1']")
    assert opened.shown_ids() == [f"{INJECTED_ID}:2"]
    page.click("#f-reset")
    page.wait_for_selector("body[data-shown='5']")


def test_needs_a_look_buttons_apply_their_filter(opened: Opened) -> None:
    page = opened.page
    page.click("button[data-preset=missing]")
    assert opened.shown_ids() == [f"{INJECTED_ID}:2"]
    page.click("button[data-preset=low]")
    assert opened.scores() == [0.35]
    page.click("button[data-preset=rejected]")
    assert opened.shown_ids() == [f"{INJECTED_ID}:4"]
    page.click("button[data-item='003_english']")
    assert opened.count() == 0
    panel = page.text_content("#item-panel") or ""
    assert "non-canonical: Ministry of Public Safety → Ministry of Public Security" in panel


def test_terms_are_highlighted_with_their_status_and_scores_coloured(opened: Opened) -> None:
    page = opened.page
    opened.choose("#f-sort", "item")
    first = page.locator("#pair-list .pair").nth(0)
    assert first.locator("p.fr mark.term-repaired").text_content() == "ministre de la Sécurité publique"
    assert first.locator("p.en mark.term-repaired").text_content() == "Minister of Public Security"
    assert "tone-high" in (first.locator(".score").get_attribute("class") or "")
    assert first.locator(".quality").text_content() == "quality —"
    missing = page.locator("#pair-list .pair").nth(2)
    assert missing.locator("p.fr mark.term-missing").text_content() == "ministère des Affaires étrangères"
    assert missing.locator("p.en mark").count() == 0
    assert "Ministry of Foreign Affairs" in (missing.locator(".chip.term-missing").text_content() or "")
    assert "tone-mid" in (missing.get_attribute("class") or "")
    flag = page.locator("#pair-list .pair").nth(3)
    assert flag.locator("p.fr mark.term-ok").text_content() == "Premier ministre"  # after an emoji
    assert flag.locator("p.en mark.term-ok").text_content() == "Prime Minister"
    low = page.locator("#pair-list .pair").nth(1)
    assert "tone-low" in (low.locator(".score").get_attribute("class") or "")
    assert page.locator("svg[aria-label='Alignment score'] rect").count() == 10


def test_pages_of_pairs(chromium: Any, tmp_path: Path) -> None:
    outdir = write_run(tmp_path / "bulk", many_items(120))
    for opened in open_page(chromium, Path(write_review(outdir).path)):
        page = opened.page
        assert len(opened.shown_ids()) == 50 and page.text_content("#page-info") == "page 1 of 3"
        assert page.is_disabled("#page-prev")
        page.click("#page-next")
        page.click("#page-next")
        assert len(opened.shown_ids()) == 20 and page.is_disabled("#page-next")
        opened.choose("#f-page-size", "200")
        assert len(opened.shown_ids()) == 120 and page.text_content("#page-info") == "page 1 of 1"
        assert opened.errors == []


def test_a_real_apertium_run_reviews_cleanly(
    chromium: Any, seed_review_run: tuple[Path, Any], tmp_path: Path
) -> None:
    outdir, report = seed_review_run
    for opened in open_page(chromium, Path(write_review(outdir, tmp_path / "seeds.html").path)):
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.count() == report.pairs
        assert opened.page.locator("#pair-list mark.term").count() > 0
        assert opened.page.locator("#item-panel").is_hidden()
