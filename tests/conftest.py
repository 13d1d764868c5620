"""Shared test set-up: the repository root on sys.path (tests use ``benchmarks``), a browser."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright; fails (never skips) if it is missing."""
    from playwright.sync_api import sync_playwright

    from benchmarks.html import ChromiumMissing, launch_chromium

    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as err:
            pytest.fail(str(err), pytrace=False)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` at the repository root (ignored by git), for screenshots."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
