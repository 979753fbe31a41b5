"""Drives `sculpt explain --format html` pages in headless Chromium.

    SCULPT_EXPLAIN_PAGES=/tmp/a.html:/tmp/b.html python3 -m pytest -q Tests/browser/test_explain.py

Each page is opened from disk (file://) with the network cut off (a proxy that does not exist), and
the tests check that it renders without loading anything, that links from a clause land on its
code and on its tests and that the code links back to the clause, and that it fits a phone's width.

Environment:
  SCULPT_EXPLAIN_PAGES  ':'-separated HTML files (required; the tests skip without it)
  SCULPT_SCREENSHOTS    folder for screenshots (default /tmp/sculpt-browser)
  CHROMIUM / CHROMEDRIVER  binaries (default /usr/bin/chromium, /usr/bin/chromedriver)
"""
import os
import shutil

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PAGES = [p for p in os.environ.get("SCULPT_EXPLAIN_PAGES", "").split(":") if p]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("SCULPT_SCREENSHOTS", "/tmp/sculpt-browser")

pytestmark = [
    pytest.mark.skipif(not PAGES, reason="SCULPT_EXPLAIN_PAGES is not set"),
    pytest.mark.skipif(not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)), reason="chromium not installed"),
]


def make_driver(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))


@pytest.fixture(scope="module")
def driver():
    d = make_driver(1280, 1000)
    yield d
    d.quit()


def open_page(d, page):
    d.get("file://" + os.path.abspath(page))
    assert d.execute_script("return document.readyState") == "complete"


def in_view(d, element):
    return d.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;", element)


def shot(d, page, name):
    folder = os.path.join(SHOTS, "explain-" + os.path.splitext(os.path.basename(page))[0])
    os.makedirs(folder, exist_ok=True)
    d.save_screenshot(os.path.join(folder, name + ".png"))


@pytest.mark.parametrize("page", PAGES)
def test_renders_without_network(driver, page):
    open_page(driver, page)
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded == [], f"the page loaded {loaded}"
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        assert not driver.execute_script(f"return [...document.querySelectorAll('{tag}[{attr}]')].length"), tag
    assert driver.find_element(By.TAG_NAME, "h1").text.strip()
    # Chinese renders as Chinese (no mojibake) when the page is in Chinese.
    if driver.execute_script("return document.documentElement.lang") == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in driver.find_element(By.TAG_NAME, "h1").text)
    shot(driver, page, "top")


@pytest.mark.parametrize("page", PAGES)
def test_clause_code_test_links(driver, page):
    open_page(driver, page)
    clauses = driver.find_elements(By.CSS_SELECTOR, "article.clause")
    if not clauses:
        pytest.skip("no clauses (code Sculpt did not write): see test_line_notes_link_to_code")
    for clause in clauses[:4]:
        number = clause.get_attribute("data-clause")
        link = clause.find_element(By.CSS_SELECTOR, "a.to-code")
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        assert driver.execute_script("return location.hash") == "#" + target
        line = driver.find_element(By.ID, target)
        assert in_view(driver, line), f"code line {target} is not on screen"
        assert "cited" in line.get_attribute("class")
        assert driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", line) != "rgba(0, 0, 0, 0)"
        # The code links back to the clause it serves.
        back = [a for a in line.find_elements(By.CSS_SELECTOR, "a.to-clause") if a.get_attribute("href").endswith(f"#clause-{number}")]
        assert back, f"{target} does not link back to clause {number}"
        back[0].click()
        assert driver.execute_script("return location.hash") == f"#clause-{number}"
        assert in_view(driver, driver.find_element(By.ID, f"clause-{number}"))
        # And to a test that proves it, which links back too.
        test = driver.find_element(By.ID, f"clause-{number}").find_element(By.CSS_SELECTOR, "a.to-test")
        tid = test.get_attribute("href").split("#", 1)[1]
        test.click()
        test_line = driver.find_element(By.ID, tid)
        assert in_view(driver, test_line)
        assert test_line.find_elements(By.CSS_SELECTOR, f"a.to-clause[href='#clause-{number}']")
    shot(driver, page, "after-links")


@pytest.mark.parametrize("page", PAGES)
def test_line_notes_link_to_code(driver, page):
    open_page(driver, page)
    notes = driver.find_elements(By.CSS_SELECTOR, "#lines a.to-code")
    if not notes:
        pytest.skip("no line notes (a generated project)")
    last = notes[-1]
    target = last.get_attribute("href").split("#", 1)[1]
    last.click()
    assert in_view(driver, driver.find_element(By.ID, target))


@pytest.mark.parametrize("page", PAGES)
def test_readable_on_a_phone(page):
    d = make_driver(390, 844)
    try:
        open_page(d, page)
        width = d.execute_script("return document.documentElement.scrollWidth")
        inner = d.execute_script("return window.innerWidth")
        assert width <= inner + 1, f"the page is {width}px wide on a {inner}px screen"
        size = d.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 14
        # Long code scrolls inside its own box instead of widening the page.
        pre = d.find_elements(By.CSS_SELECTOR, "pre.code")
        if pre:
            assert d.execute_script("return getComputedStyle(arguments[0]).overflowX", pre[0]) == "auto"
        shot(d, page, "phone")
    finally:
        d.quit()
