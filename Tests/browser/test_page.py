"""Drives a generated project's web page in headless Chromium, the way a person would.

    SCULPT_BASE_URL=http://127.0.0.1:8765 python3 -m pytest -q Tests/browser/test_page.py

Everything is found through the page itself: the forms by their data-sculpt-* attributes, the
operations, fields and messages through the JSON config the page embeds. So the same test runs
against any generated project (with or without accounts, owned or open entities).

Environment:
  SCULPT_BASE_URL    the running project (required; the tests skip without it)
  SCULPT_SCREENSHOTS folder for screenshots (default /tmp/sculpt-browser)
  CHROMIUM / CHROMEDRIVER  binaries (default /usr/bin/chromium, /usr/bin/chromedriver)
"""
import json
import os
import shutil
import time
import urllib.request

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BASE = os.environ.get("SCULPT_BASE_URL", "").rstrip("/")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("SCULPT_SCREENSHOTS", "/tmp/sculpt-browser")
TAG = str(int(time.time() * 1000))[-9:]
PASSWORD = "Correct-horse-9"

pytestmark = [
    pytest.mark.skipif(not BASE, reason="SCULPT_BASE_URL is not set"),
    pytest.mark.skipif(not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)), reason="chromium not installed"),
]


# ------------------------------------------------------------------ fixtures and helpers

@pytest.fixture(scope="module")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    d.get(BASE + "/")
    yield d
    d.quit()


@pytest.fixture(scope="module")
def config(driver):
    return json.loads(driver.find_element(By.ID, "sculpt-config").get_attribute("textContent"))


@pytest.fixture(scope="module")
def state():
    """What earlier steps made (the account, the created item), for the later steps."""
    return {}


def op(config, action, entity=None):
    return next((o for o in config["operations"] if o["action"] == action and (entity is None or o["entity"] == entity)), None)


def form(driver, action, entity):
    return driver.find_element(By.CSS_SELECTOR, f'form[data-sculpt-action="{action}"][data-sculpt-entity="{entity}"]')


def status(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-sculpt-status]")


def clear_status(driver):
    driver.execute_script("const s = document.querySelector('[data-sculpt-status]'); s.textContent = '';"
                          "delete s.dataset.sculptOutcome;")


def outcome(driver, timeout=10):
    """Waits for the next outcome in the status region: (kind, text)."""
    box = status(driver)
    WebDriverWait(driver, timeout).until(lambda d: box.text.strip() != "")
    return box.get_attribute("data-sculpt-outcome"), box.text.strip()


def expect_success(driver, what):
    kind, text = outcome(driver)
    assert kind == "success", f"{what}: the page said {text!r}"
    return text


def set_value(driver, el, value):
    """Types text the way a person does; sets date pickers directly (their typing is locale-bound)."""
    kind = el.get_attribute("type")
    if kind in ("date", "datetime-local", "number") or el.tag_name == "select":
        driver.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", el, value)
    else:
        el.clear()
        el.send_keys(value)


def value_for(el, base):
    """A value the control's own constraints accept, containing `base` for text."""
    kind = el.get_attribute("data-sculpt-type")
    if el.tag_name == "select" and kind != "enum":
        kind = "enum"
    if kind in ("string", "text", "password"):
        lo = int(el.get_attribute("minlength") or 0)
        hi = int(el.get_attribute("maxlength") or 200)
        text = base if len(base) >= lo else base + "x" * (lo - len(base))
        return text[:hi]
    if kind == "email":
        return f"u{TAG}{base[-4:]}@example.com"
    if kind in ("integer", "number"):
        lo, hi = el.get_attribute("min"), el.get_attribute("max")
        n = float(lo) + 1 if lo not in (None, "") else 1
        if hi not in (None, "") and n > float(hi):
            n = float(hi)
        return str(int(n)) if kind == "integer" else str(n)
    if kind == "date":
        return "2025-03-04"
    if kind == "datetime":
        return "2025-03-04T10:30"
    if kind == "enum" or el.tag_name == "select":
        # A choice of values, or of parent records (a relation): the first real option.
        options = [o.get_attribute("value") for o in el.find_elements(By.TAG_NAME, "option")]
        return next((v for v in options if v), None)
    return None


def fill(driver, f, values):
    """Fills every control of a form: `values` by name, a valid value for the rest."""
    for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
        name = el.get_attribute("name")
        if el.get_attribute("type") == "checkbox":
            if name in values and el.is_selected() != bool(values[name]):
                el.click()
            continue
        value = values.get(name) or value_for(el, f"{name}-{TAG}")
        if value is not None:
            set_value(driver, el, value)


def submit(driver, f):
    clear_status(driver)
    f.find_element(By.CSS_SELECTOR, '[type="submit"]').click()


def items(driver, entity):
    return driver.find_elements(By.CSS_SELECTOR, f'[data-sculpt-list="{entity}"] [data-sculpt-item]')


def wait_items(driver, entity, predicate, what, timeout=10):
    try:
        # A list re-renders whole (after a sign-in, an action): items read mid-way go stale, so read again.
        WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: predicate(items(d, entity)))
    except TimeoutException:
        texts = [i.text for i in items(driver, entity)]
        raise AssertionError(f"{what}; the list shows {texts}")


def item_with(driver, entity, text):
    return next((i for i in items(driver, entity) if text in i.text), None)


def find_item(driver, entity, text):
    """The item showing `text`: on this page, through the search box, or by turning pages, as a person would."""
    found = item_with(driver, entity, text)
    if found:
        return found
    lf = form(driver, "list", entity)
    boxes = lf.find_elements(By.CSS_SELECTOR, '[name="q"]')
    if boxes:
        set_value(driver, boxes[0], text)
        submit(driver, lf)
        expect_success(driver, f"search for {text}")
        wait_items(driver, entity, lambda xs: any(text in x.text for x in xs), f"{text!r} is not found by search")
        return item_with(driver, entity, text)
    pager = driver.find_element(By.CSS_SELECTOR, f'[data-sculpt-pager="{entity}"]')
    info = pager.find_element(By.CSS_SELECTOR, "[data-sculpt-page-info]")
    while not item_with(driver, entity, text):
        nxt = pager.find_element(By.CSS_SELECTOR, '[data-sculpt-page="next"]')
        assert nxt.is_enabled(), f"{text!r} is on no page"
        before = info.text
        nxt.click()
        WebDriverWait(driver, 5).until(lambda d: info.text != before)
    return item_with(driver, entity, text)


def main_entity(driver, config):
    """The first entity the page lets this user create (its form shows) and list; parents before children."""
    for name in sorted(config["entities"], key=lambda n: any(f.get("relation") for f in config["entities"][n]["fields"])):
        if op(config, "create", name) and op(config, "list", name) and form(driver, "create", name).is_displayed():
            return name
    return None


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, f"{name}.png")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 4000))
    driver.save_screenshot(path)
    driver.set_window_size(1280, 1000)
    return path


def api(config, action, entity, body=None, token=None, ident=None):
    """Calls the API directly, for setting up many items fast (paging)."""
    o = op(config, action, entity)
    req = urllib.request.Request(BASE + o["path"].replace("{id}", str(ident)), method=o["method"],
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


# ------------------------------------------------------------------ the flow, in order

def test_page_loads_in_its_language(driver, config):
    assert driver.execute_script("return document.characterSet") == "UTF-8"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == config["language"]
    assert driver.title.strip() and driver.find_element(By.TAG_NAME, "h1").text.strip() == driver.title.strip()
    assert "\ufffd" not in driver.find_element(By.TAG_NAME, "body").text, "mojibake on the page"
    status_box = status(driver)
    assert status_box.get_attribute("aria-live") == "polite"
    # Every form control has a visible label.
    for el in driver.find_elements(By.CSS_SELECTOR, "form [data-sculpt-type]"):
        ident = el.get_attribute("id")
        assert driver.find_elements(By.CSS_SELECTOR, f'label[for="{ident}"]'), f"control {ident} has no label"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not errors, f"errors in the browser console: {errors}"
    shot(driver, "01-loaded")


def test_client_checks_speak_the_page_language(driver, config):
    candidates = [("register", "user")] + [("create", e) for e in config["entities"]]
    usable = [(a, e) for a, e in candidates if op(config, a, e) and not op(config, a, e)["secured"]]
    if not usable:
        pytest.skip("every form needs a login")
    f = form(driver, *usable[0])
    required = [el for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type][required]") if el.is_displayed()]
    if not required:
        pytest.skip("no required field")
    for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
        if el.get_attribute("type") != "checkbox" and el.tag_name != "select":
            el.clear()
    submit(driver, f)
    kind, text = outcome(driver)
    assert kind == "error"
    name = required[0].get_attribute("name")
    slot = f.find_element(By.CSS_SELECTOR, f'[data-sculpt-error-for="{name}"]')
    assert slot.is_displayed() and slot.text.strip(), "no message beside the empty required field"
    assert required[0].get_attribute("aria-invalid") == "true"
    if config["language"] == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in slot.text), f"not Chinese: {slot.text!r}"


def test_sign_up(driver, config, state):
    if not op(config, "register"):
        pytest.skip("no accounts")
    f = form(driver, "register", "user")
    ident = config["accounts"]["identity"]
    ident_el = f.find_element(By.CSS_SELECTOR, f'[name="{ident}"]')
    name = value_for(ident_el, f"u{TAG}")
    fill(driver, f, {ident: name, "password": PASSWORD})
    submit(driver, f)
    expect_success(driver, "sign up")
    state["identity"] = name


def test_log_in_with_the_keyboard(driver, config, state):
    if not op(config, "login"):
        pytest.skip("no login")
    f = form(driver, "login", "user")
    ident = config["accounts"]["identity"]
    field = f.find_element(By.CSS_SELECTOR, f'[name="{ident}"]')
    set_value(driver, field, state["identity"])
    password = f.find_element(By.CSS_SELECTOR, '[name="password"]')
    password.clear()
    clear_status(driver)
    password.send_keys(PASSWORD, Keys.ENTER)
    expect_success(driver, "log in")
    who = driver.find_element(By.CSS_SELECTOR, "[data-sculpt-whoami]")
    WebDriverWait(driver, 5).until(lambda d: state["identity"] in who.text)
    assert driver.execute_script("return sessionStorage.getItem('sculpt.token')"), "no token in sessionStorage"
    assert driver.find_element(By.CSS_SELECTOR, "[data-sculpt-signout]").is_displayed()
    if op(config, "me"):
        profile = driver.find_element(By.CSS_SELECTOR, "[data-sculpt-profile-fields]")
        WebDriverWait(driver, 5).until(lambda d: state["identity"] in profile.text)
    state["token"] = driver.execute_script("return sessionStorage.getItem('sculpt.token')")


def test_create_and_see_it_in_the_list(driver, config, state):
    entity = main_entity(driver, config)
    if not entity:
        pytest.skip("no entity to create")
    title_field = config["entities"][entity].get("titleField")
    f = form(driver, "create", entity)
    title = None
    if title_field:
        el = f.find_element(By.CSS_SELECTOR, f'[name="{title_field}"]')
        title = value_for(el, f"First {TAG}") if el.tag_name != "select" else None
    fill(driver, f, {title_field: title} if title else {})
    submit(driver, f)
    expect_success(driver, f"create {entity}")
    wait_items(driver, entity, lambda xs: any((title or "") in x.text for x in xs), f"the new {entity} is not listed")
    state["entity"], state["title"], state["title_field"] = entity, title, title_field
    shot(driver, "02-created")


def test_search(driver, config, state):
    entity = state.get("entity")
    if not entity or not driver.find_elements(By.CSS_SELECTOR, f'form[data-sculpt-action="list"][data-sculpt-entity="{entity}"] [name="q"]'):
        pytest.skip("no search")
    f = form(driver, "list", entity)
    box = f.find_element(By.CSS_SELECTOR, '[name="q"]')
    set_value(driver, box, "zzz-no-such-thing")
    submit(driver, f)
    expect_success(driver, "search with no match")
    wait_items(driver, entity, lambda xs: len(xs) == 0, "a search for nonsense still lists items")
    assert driver.find_element(By.CSS_SELECTOR, f'[data-sculpt-list="{entity}"]').text.strip(), "no 'nothing found' text"
    set_value(driver, box, state["title"][-12:].upper())
    submit(driver, f)
    expect_success(driver, "search")
    wait_items(driver, entity, lambda xs: len(xs) == 1 and state["title"] in xs[0].text, "case-insensitive search did not find the item")
    set_value(driver, box, "")
    submit(driver, f)
    expect_success(driver, "clear the search")


def test_view(driver, config, state):
    entity = state.get("entity")
    if not entity or not op(config, "get", entity):
        pytest.skip("no get")
    item = find_item(driver, entity, state["title"])
    clear_status(driver)
    item.find_elements(By.CSS_SELECTOR, ".item-actions button")[0].click()
    expect_success(driver, "view")
    panel = driver.find_element(By.CSS_SELECTOR, f'[data-sculpt-detail="{entity}"]')
    assert panel.is_displayed() and state["title"] in panel.text
    panel.find_element(By.CSS_SELECTOR, "[data-sculpt-close]").send_keys(Keys.ENTER)
    assert not panel.is_displayed()


def test_edit(driver, config, state):
    entity = state.get("entity")
    if not entity or not op(config, "update", entity):
        pytest.skip("no update")
    item = find_item(driver, entity, state["title"])
    buttons = [b for b in item.find_elements(By.TAG_NAME, "button") if b.get_attribute("aria-label").startswith(config["messages"]["edit"])]
    assert buttons, "no edit button on my own item"
    buttons[0].click()
    f = form(driver, "update", entity)
    assert f.is_displayed()
    field = f.find_element(By.CSS_SELECTOR, f'[name="{state["title_field"]}"]')
    assert field.get_attribute("value") == state["title"], "the edit form is not prefilled"
    assert driver.switch_to.active_element == f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]")[0], "focus did not move to the form"
    new_title = value_for(field, f"Edited {TAG}")
    set_value(driver, field, new_title)
    submit(driver, f)
    expect_success(driver, "update")
    WebDriverWait(driver, 5).until(lambda d: not f.is_displayed())
    assert find_item(driver, entity, new_title) is not None, "the edited title is not listed"
    state["title"] = new_title
    shot(driver, "03-edited")


def test_server_error_shows_beside_the_field(driver, config, state):
    """The API's error.message lands beside error.field: a taken identity, else an over-long text the page's limit would stop."""
    if op(config, "register") and state.get("identity"):
        if op(config, "login"):
            clear_status(driver)
            driver.find_element(By.CSS_SELECTOR, "[data-sculpt-signout]").click()
            expect_success(driver, "sign out")
            assert not driver.execute_script("return sessionStorage.getItem('sculpt.token')"), "sign-out kept the token"
        f = form(driver, "register", "user")
        ident = config["accounts"]["identity"]
        fill(driver, f, {ident: state["identity"], "password": PASSWORD})
        submit(driver, f)
        field, f_used = ident, f
    else:
        entity = state.get("entity")
        if not entity:
            pytest.skip("nothing to provoke")
        f = form(driver, "create", entity)
        limited = [el for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type][maxlength]")]
        if not limited:
            pytest.skip("no limited field")
        el = limited[0]
        field, f_used = el.get_attribute("name"), f
        fill(driver, f, {})
        too_long = "y" * (int(el.get_attribute("maxlength")) + 1)
        driver.execute_script("arguments[0].removeAttribute('maxlength')", el)
        set_value(driver, el, too_long)
        submit(driver, f)
    kind, text = outcome(driver)
    assert kind == "error", f"expected an error, the page said {text!r}"
    slot = f_used.find_element(By.CSS_SELECTOR, f'[data-sculpt-error-for="{field}"]')
    WebDriverWait(driver, 5).until(lambda d: slot.is_displayed())
    assert slot.text.strip() == text, f"beside {field}: {slot.text!r}, status: {text!r}"
    assert driver.switch_to.active_element.get_attribute("name") == field, "focus is not on the field to fix"
    shot(driver, "04-server-error")
    if op(config, "login"):
        # Back in, for the remaining steps.
        lf = form(driver, "login", "user")
        fill(driver, lf, {config["accounts"]["identity"]: state["identity"], "password": PASSWORD})
        submit(driver, lf)
        expect_success(driver, "log in again")
    else:
        for el in f_used.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
            if el.get_attribute("type") != "checkbox" and el.tag_name != "select":
                el.clear()


def test_paging(driver, config, state):
    entity = state.get("entity")
    if not entity:
        pytest.skip("no entity")
    create = op(config, "create", entity)
    f = form(driver, "create", entity)
    body = {}
    for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
        v = value_for(el, "page filler")
        kind = el.get_attribute("data-sculpt-type")
        if v is None or kind in ("datetime",):
            continue
        body[el.get_attribute("name")] = float(v) if kind == "number" else int(v) if kind == "integer" else v
    token = state.get("token") if create["secured"] else None
    unique = [f for f in config["entities"][entity]["fields"] if f["type"] in ("string", "email")]
    for i in range(11):
        b = dict(body)
        for fld in unique:
            if fld["name"] in b:
                b[fld["name"]] = (b[fld["name"]][:-6] + f"{i:02d}{TAG[-4:]}") if fld["type"] != "email" else f"p{i}{TAG}@example.com"
        api(config, "create", entity, b, token)
    lf = form(driver, "list", entity)
    for box in lf.find_elements(By.CSS_SELECTOR, '[name="q"]'):
        set_value(driver, box, "")
    submit(driver, lf)
    expect_success(driver, "refresh the list")
    pager = driver.find_element(By.CSS_SELECTOR, f'[data-sculpt-pager="{entity}"]')
    info = pager.find_element(By.CSS_SELECTOR, "[data-sculpt-page-info]")
    nxt = pager.find_element(By.CSS_SELECTOR, '[data-sculpt-page="next"]')
    prev = pager.find_element(By.CSS_SELECTOR, '[data-sculpt-page="previous"]')
    WebDriverWait(driver, 5).until(lambda d: nxt.is_enabled())
    first_page = info.text
    assert not prev.is_enabled()
    nxt.click()
    WebDriverWait(driver, 5).until(lambda d: info.text != first_page)
    assert "2" in info.text and prev.is_enabled()
    prev.click()
    WebDriverWait(driver, 5).until(lambda d: info.text == first_page)


def test_delete_with_confirmation(driver, config, state):
    entity = state.get("entity")
    if not entity or not op(config, "delete", entity):
        pytest.skip("no delete")
    item = find_item(driver, entity, state["title"])
    item.find_element(By.CSS_SELECTOR, "[data-sculpt-delete]").click()
    confirm = item.find_element(By.CSS_SELECTOR, "[data-sculpt-confirm]")
    assert confirm.is_displayed() and state["title"] in confirm.text
    assert item_with(driver, entity, state["title"]) is not None, "deleted before confirming"
    no = confirm.find_element(By.CSS_SELECTOR, "[data-sculpt-confirm-no]")
    no.click()
    assert not item.find_elements(By.CSS_SELECTOR, "[data-sculpt-confirm]")
    item.find_element(By.CSS_SELECTOR, "[data-sculpt-delete]").click()
    clear_status(driver)
    yes = item.find_element(By.CSS_SELECTOR, "[data-sculpt-confirm-yes]")
    assert driver.switch_to.active_element == yes, "focus did not move to the confirmation"
    yes.send_keys(Keys.ENTER)
    expect_success(driver, "delete")
    wait_items(driver, entity, lambda xs: not any(state["title"] in x.text for x in xs), "the deleted item is still listed")


def test_every_entity_round_trips(driver, config, state):
    """Each entity's create form sends JSON types the API accepts, and its edit form shows the stored values back."""
    done = 0
    for entity, meta in config["entities"].items():
        create = op(config, "create", entity)
        if not create or (create["secured"] and not state.get("token")) or not op(config, "update", entity):
            continue
        f = form(driver, "create", entity)
        if not f.is_displayed():
            continue  # only role holders may create it
        typed = {}
        for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
            if el.get_attribute("type") == "checkbox":
                el.click()
                typed[el.get_attribute("name")] = el.is_selected()
                continue
            value = value_for(el, f"Round {TAG}")
            set_value(driver, el, value)
            typed[el.get_attribute("name")] = value
        submit(driver, f)
        expect_success(driver, f"create {entity} with every field")
        title = typed.get(meta.get("titleField")) or ""
        item = find_item(driver, entity, title) if title else items(driver, entity)[-1]
        edit = [b for b in item.find_elements(By.TAG_NAME, "button")
                if b.get_attribute("aria-label").startswith(config["messages"]["edit"])]
        assert edit, f"no edit button on the new {entity}"
        edit[0].click()
        uf = form(driver, "update", entity)
        for el in uf.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
            name, kind = el.get_attribute("name"), el.get_attribute("data-sculpt-type")
            if kind == "boolean":
                got, want = el.is_selected(), typed[name]
            elif kind in ("integer", "number"):
                got, want = float(el.get_attribute("value")), float(typed[name])
            else:
                got, want = el.get_attribute("value"), typed[name]
            assert got == want, f"{entity}.{name}: typed {want!r}, the edit form shows {got!r}"
        uf.find_element(By.CSS_SELECTOR, "[data-sculpt-cancel]").click()
        assert not uf.is_displayed()
        done += 1
    if not done:
        pytest.skip("no entity to round-trip")


def test_signed_out_view(driver, config, state):
    if not op(config, "login"):
        pytest.skip("no login")
    clear_status(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-sculpt-signout]").click()
    expect_success(driver, "sign out")
    who = driver.find_element(By.CSS_SELECTOR, "[data-sculpt-whoami]")
    assert state["identity"] not in who.text
    entity = state.get("entity")
    if entity and op(config, "create", entity)["secured"]:
        f = form(driver, "create", entity)
        note = f.find_elements(By.CSS_SELECTOR, '[data-sculpt-when="signed-out"]')
        assert note and note[0].is_displayed(), "a protected form does not say to log in first"
        submit(driver, f)
        kind, _ = outcome(driver)
        assert kind == "error"
    if entity and config["entities"][entity]["owned"]:
        for it in items(driver, entity):
            assert not it.find_elements(By.CSS_SELECTOR, "[data-sculpt-delete]"), "delete offered to a signed-out visitor"
    shot(driver, "05-signed-out")
