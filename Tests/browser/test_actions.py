"""Drives contract v2 through a generated project's web page in headless Chromium: parents picked by
name, children listed by parent, domain actions pressed on a record, controls only for who may use them.

    SCULPT_BASE_URL=http://127.0.0.1:8765 SCULPT_PROJECT=/path/to/project \
    SCULPT_ADMIN_USERNAME=root_admin SCULPT_ADMIN_PASSWORD=... python3 -m pytest -q Tests/browser/test_actions.py

Like test_page.py, it finds everything through the page (data-sculpt-* attributes and the embedded
config) and through the project's openapi.json (the rules of each action), so it runs against any
generated project; a project without relations, roles or actions skips what it lacks.

Environment:
  SCULPT_BASE_URL        the running project (required; the tests skip without it)
  SCULPT_PROJECT         the project folder (for openapi.json; required)
  SCULPT_ADMIN_USERNAME / SCULPT_ADMIN_PASSWORD  the account the server was started with as
                         ADMIN_USERNAME / ADMIN_PASSWORD (it holds every role); needed when the app has roles
  SCULPT_SCREENSHOTS     folder for screenshots (default /tmp/sculpt-browser)
  CHROMIUM / CHROMEDRIVER  binaries (default /usr/bin/chromium, /usr/bin/chromedriver)
"""
import json
import os
import shutil
import time
import urllib.error
import urllib.request

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

BASE = os.environ.get("SCULPT_BASE_URL", "").rstrip("/")
PROJECT = os.environ.get("SCULPT_PROJECT", "")
ADMIN = os.environ.get("SCULPT_ADMIN_USERNAME", "")
ADMIN_PASSWORD = os.environ.get("SCULPT_ADMIN_PASSWORD", "")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("SCULPT_SCREENSHOTS", "/tmp/sculpt-browser")
TAG = str(int(time.time() * 1000))[-8:]
PASSWORD = "Correct-horse-9"

pytestmark = [
    pytest.mark.skipif(not BASE or not PROJECT, reason="SCULPT_BASE_URL or SCULPT_PROJECT is not set"),
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
def openapi():
    with open(os.path.join(PROJECT, "openapi.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def state():
    """What earlier steps made (accounts, records), for the later steps."""
    return {}


def op(config, action, entity=None):
    return next((o for o in config["operations"] if o["action"] == action and (entity is None or o["entity"] == entity)), None)


def domain_ops(config):
    standard = {"register", "login", "me", "create", "list", "get", "update", "delete"}
    return [o for o in config["operations"] if o["action"] not in standard]


def role_only(o):
    """The operation is for role holders alone (no anyone, signed_in or owner grant)."""
    grants = o.get("access", [])
    return bool(grants) and all(g.startswith("role:") for g in grants)


def form(driver, action, entity):
    return driver.find_element(By.CSS_SELECTOR, f'form[data-sculpt-action="{action}"][data-sculpt-entity="{entity}"]')


def status(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-sculpt-status]")


def clear_status(driver):
    driver.execute_script("const s = document.querySelector('[data-sculpt-status]'); s.textContent = '';"
                          "delete s.dataset.sculptOutcome;")


def outcome(driver, timeout=10):
    box = status(driver)
    WebDriverWait(driver, timeout).until(lambda d: box.text.strip() != "")
    return box.get_attribute("data-sculpt-outcome"), box.text.strip()


def expect_success(driver, what):
    kind, text = outcome(driver)
    assert kind == "success", f"{what}: the page said {text!r}"
    return text


def set_value(driver, el, value):
    if el.get_attribute("type") in ("date", "datetime-local", "number"):
        driver.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", el, value)
    elif el.tag_name == "select":
        Select(el).select_by_value(value)
    else:
        el.clear()
        el.send_keys(value)


def value_for(el, base):
    kind = el.get_attribute("data-sculpt-type")
    if el.tag_name == "select":
        options = [o.get_attribute("value") for o in el.find_elements(By.TAG_NAME, "option")]
        return next((v for v in options if v), None)
    if kind in ("string", "text"):
        lo = int(el.get_attribute("minlength") or 0)
        hi = int(el.get_attribute("maxlength") or 200)
        text = base if len(base) >= lo else base + "x" * (lo - len(base))
        return text[:hi]
    if kind == "email":
        return f"u{TAG}@example.com"
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
    return None


def fill_and_submit(driver, f, values):
    for el in f.find_elements(By.CSS_SELECTOR, "[data-sculpt-type]"):
        if el.get_attribute("type") == "checkbox":
            continue
        name = el.get_attribute("name")
        value = values[name] if name in values else value_for(el, f"{name} {TAG}")
        if value is not None:
            set_value(driver, el, value)
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
        raise AssertionError(f"{what}; the list shows {[i.text for i in items(driver, entity)]}")


def item_with(driver, entity, text):
    return next((i for i in items(driver, entity) if text in i.text), None)


def find_item(driver, entity, text):
    """The item showing `text`, through the search box when the list searches."""
    found = item_with(driver, entity, text)
    if found:
        return found
    lf = form(driver, "list", entity)
    for box in lf.find_elements(By.CSS_SELECTOR, '[name="q"]'):
        set_value(driver, box, text)
        clear_status(driver)
        lf.find_element(By.CSS_SELECTOR, '[type="submit"]').click()
        expect_success(driver, f"search for {text}")
    wait_items(driver, entity, lambda xs: any(text in x.text for x in xs), f"{text!r} is not listed")
    return item_with(driver, entity, text)


def settled(check, tries=20):
    """Runs `check` again while the lists re-render under it (a reload replaces every item)."""
    for _ in range(tries - 1):
        try:
            return check()
        except StaleElementReferenceException:
            time.sleep(0.2)
    return check()


def visible_buttons(item, selector):
    return [b for b in item.find_elements(By.CSS_SELECTOR, selector) if b.is_displayed()]


def labelled(item, config, key):
    """The item's buttons whose accessible name starts with a page word (Edit, Delete)."""
    word = config["messages"][key]
    return [b for b in item.find_elements(By.TAG_NAME, "button") if (b.get_attribute("aria-label") or "").startswith(word)]


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 4000))
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))
    driver.set_window_size(1280, 1000)


def api(o, token=None, ident=None, body=None, query=""):
    """Calls the API directly: (status, JSON answer)."""
    req = urllib.request.Request(BASE + o["path"].replace("{id}", str(ident)) + query, method=o["method"],
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def sign_out(driver):
    buttons = driver.find_elements(By.CSS_SELECTOR, "[data-sculpt-signout]")
    if not buttons:
        return  # an app without accounts: always signed out
    button = buttons[0]
    if button.is_displayed():
        clear_status(driver)
        button.click()
        expect_success(driver, "sign out")


def log_in(driver, config, name, password):
    sign_out(driver)
    f = form(driver, "login", "user")
    ident = config["accounts"]["identity"]
    set_value(driver, f.find_element(By.CSS_SELECTOR, f'[name="{ident}"]'), name)
    pw = f.find_element(By.CSS_SELECTOR, '[name="password"]')
    pw.clear()
    clear_status(driver)
    pw.send_keys(password, Keys.ENTER)
    expect_success(driver, f"log in as {name}")
    who = driver.find_element(By.CSS_SELECTOR, "[data-sculpt-whoami]")
    WebDriverWait(driver, 5).until(lambda d: name in who.text)
    return driver.execute_script("return sessionStorage.getItem('sculpt.token')")


def sign_up(driver, config, name):
    f = form(driver, "register", "user")
    fill_and_submit(driver, f, {config["accounts"]["identity"]: name, "password": PASSWORD})
    expect_success(driver, f"sign up {name}")


def creatable(driver, config):
    """Entities whose create form this user sees now, parents (no relation) first."""
    out = []
    for name, meta in config["entities"].items():
        if not op(config, "create", name) or not op(config, "list", name):
            continue
        if not form(driver, "create", name).is_displayed():
            continue
        out.append(name)
    return sorted(out, key=lambda n: any(f.get("relation") for f in config["entities"][n]["fields"]))


def create_through_page(driver, config, state, entity, extra=None):
    """Creates one record with its create form; returns the readable text it is listed by."""
    meta = config["entities"][entity]
    f = form(driver, "create", entity)
    title_field = meta.get("titleField")
    values = dict(extra or {})
    title = None
    if title_field and title_field not in values:
        el = f.find_element(By.CSS_SELECTOR, f'[name="{title_field}"]')
        if el.tag_name != "select":
            title = value_for(el, f"{entity} {TAG} {len(state.setdefault('made', []))}")
            values[title_field] = title
    fill_and_submit(driver, f, values)
    expect_success(driver, f"create {entity}")
    text = title or ""
    wait_items(driver, entity, lambda xs: any(text in x.text for x in xs), f"the new {entity} is not listed")
    state["made"].append((entity, text))
    return text


def action_rules(openapi, entity, verb):
    for item in openapi["paths"].values():
        for o in item.values():
            if isinstance(o, dict) and o.get("x-sculpt-entity") == entity and o.get("x-sculpt-action") == verb:
                return o
    return {}


# ------------------------------------------------------------------ the flow, in order

def test_signed_out_sees_no_role_or_action_controls(driver, config):
    if not op(config, "login"):
        pytest.skip("no accounts")
    for el in driver.find_elements(By.CSS_SELECTOR, "[data-sculpt-roles]"):
        assert not el.is_displayed(), f"a role-only part shows to a visitor: {el.get_attribute('data-sculpt-roles')}"
    for o in config["operations"]:
        if o["action"] == "create" and role_only(o):
            assert not form(driver, "create", o["entity"]).is_displayed(), f"create {o['entity']} shows to a visitor"
    for o in domain_ops(config):
        if "anyone" not in o["access"]:
            assert not driver.find_elements(By.CSS_SELECTOR, f'[data-sculpt-item] button[data-sculpt-action="{o["action"]}"]'), \
                f"{o['action']} offered to a visitor"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not errors, f"errors in the browser console: {errors}"


def test_sign_in_with_every_role(driver, config, state):
    """The first actor: the admin account (every role) when the app has roles, else a new account."""
    if not op(config, "login"):
        pytest.skip("no accounts")
    roles = config["accounts"].get("roles") or []
    if roles:
        if not ADMIN:
            pytest.skip("the app has roles: set SCULPT_ADMIN_USERNAME / SCULPT_ADMIN_PASSWORD")
        state["first"] = ADMIN
        state["first_token"] = log_in(driver, config, ADMIN, ADMIN_PASSWORD)
        for el in driver.find_elements(By.CSS_SELECTOR, "[data-sculpt-roles]"):
            assert el.is_displayed(), f"a part for {el.get_attribute('data-sculpt-roles')} is hidden from a holder"
        if op(config, "me"):
            profile = driver.find_element(By.CSS_SELECTOR, "[data-sculpt-profile-fields]")
            WebDriverWait(driver, 5).until(lambda d: roles[0]["label"] in profile.text)
    else:
        name = f"first{TAG}"
        sign_up(driver, config, name)
        state["first"] = name
        state["first_token"] = log_in(driver, config, name, PASSWORD)
    shot(driver, "v2-01-signed-in")


def test_parent_is_picked_by_name_and_children_listed_by_parent(driver, config, state):
    pickers = driver.find_elements(By.CSS_SELECTOR, 'form[data-sculpt-action="create"] select[data-sculpt-relation]')
    usable = [p for p in pickers if p.is_displayed()]
    if not usable:
        pytest.skip("no child form this user may use")
    assert not driver.find_elements(By.CSS_SELECTOR, 'form input[name$="_id"]'), "a bare id input"
    select = usable[0]
    child = select.find_element(By.XPATH, "./ancestor::form").get_attribute("data-sculpt-entity")
    parent = select.get_attribute("data-sculpt-relation")
    field = select.get_attribute("name")
    if not form(driver, "create", parent).is_displayed():
        pytest.skip(f"this user may not create a {parent}")
    names = [create_through_page(driver, config, state, parent) for _ in range(2)]
    # The new parents appear in the child's choice by their readable name, not their id.
    WebDriverWait(driver, 10).until(lambda d: all(any(n == o.text for o in Select(select).options) for n in names))
    kids = []
    for n in names:
        value = next(o.get_attribute("value") for o in Select(select).options if o.text == n)
        kid = create_through_page(driver, config, state, child, {field: value})
        kids.append(kid)
        listed = settled(lambda: (find_item(driver, child, kid) if kid else items(driver, child)[-1]).text)
        assert n in listed, f"the {child} does not name its {parent}: {listed!r}"
    # The child's list narrowed to the first parent shows its child and not the other's.
    lf = form(driver, "list", child)
    flt = lf.find_element(By.CSS_SELECTOR, f'select[data-sculpt-filter][name="{field}"]')
    assert lf.find_element(By.CSS_SELECTOR, f'label[for="{flt.get_attribute("id")}"]').text.strip()
    for box in lf.find_elements(By.CSS_SELECTOR, '[name="q"]'):
        set_value(driver, box, "")
    clear_status(driver)
    Select(flt).select_by_visible_text(names[0])
    expect_success(driver, "filter by parent")
    wait_items(driver, child, lambda xs: any(kids[0] in x.text for x in xs) and not any(kids[1] in x.text for x in xs),
               f"the {child} list narrowed to {names[0]!r}")
    # The parent's own button does the same for the second parent, and moves focus to the filter.
    clear_status(driver)

    def press_show():
        show = find_item(driver, parent, names[1]).find_elements(By.CSS_SELECTOR, f'button[data-sculpt-children="{child}"]')
        assert show, f"no button listing the {child} entries of a {parent}"
        show[0].send_keys(Keys.ENTER)
    settled(press_show)
    expect_success(driver, "list children")
    wait_items(driver, child, lambda xs: any(kids[1] in x.text for x in xs) and not any(kids[0] in x.text for x in xs),
               f"the {child} list of {names[1]!r}")
    assert driver.switch_to.active_element == flt
    Select(flt).select_by_value("")
    expect_success(driver, "show all")
    shot(driver, "v2-02-relations")


def test_action_through_the_page(driver, config, openapi, state):
    """Press a domain action on a record: it succeeds with its effect, then fails with the API's message."""
    candidates = [o for o in domain_ops(config) if op(config, "create", o["entity"]) and op(config, "list", o["entity"])
                  and form(driver, "create", o["entity"]).is_displayed()]
    if not candidates:
        pytest.skip("no action on a record this user may create")
    action = candidates[0]
    entity, verb = action["entity"], action["action"]
    rules = action_rules(openapi, entity, verb)
    title = create_through_page(driver, config, state, entity)
    selector = f'button[data-sculpt-action="{verb}"][data-sculpt-entity="{entity}"]'
    record_id = settled(lambda: find_item(driver, entity, title).get_attribute("data-sculpt-id"))
    meta = config["entities"][entity]
    labels = {f["name"]: f["label"] for f in meta["fields"]}
    get = op(config, "get", entity)
    before = api(get, state.get("first_token"), record_id)[1] if get else None
    created = [e["entity"] for e in rules.get("x-sculpt-effects", []) if e.get("kind") == "create"]
    counts = {c: api(op(config, "list", c), state.get("first_token"))[1]["total"] for c in created if op(config, "list", c)}

    # The record's detail panel is open while the action runs (it must show the new values too).
    panel = driver.find_elements(By.CSS_SELECTOR, f'[data-sculpt-detail="{entity}"]')
    if panel and get:
        clear_status(driver)
        settled(lambda: labelled(find_item(driver, entity, title), config, "view")[0].send_keys(Keys.ENTER))
        expect_success(driver, f"view {title}")
        WebDriverWait(driver, 5).until(lambda d: panel[0].is_displayed())
    # Pressed with the keyboard; it succeeds and the page says so.
    clear_status(driver)

    def press():
        buttons = visible_buttons(find_item(driver, entity, title), selector)
        assert buttons, f"no {verb} button on the {entity}"
        buttons[0].send_keys(Keys.ENTER)
    settled(press)
    expect_success(driver, f"{verb} {title}")
    state["action"] = (entity, verb, title)
    # The effect shows on the record (the list reloads) and in the API.
    for eff in rules.get("x-sculpt-effects", []):
        if eff.get("kind") == "increment" and before is not None:
            want = before[eff["field"]] + eff.get("by", 1)
            want = f"{want:g}" if isinstance(want, float) else str(want)
            shown = f'.//dt[normalize-space()="{labels[eff["field"]]}"]/following-sibling::dd[1]'
            WebDriverWait(driver, 10, ignored_exceptions=[StaleElementReferenceException]).until(
                lambda d: item_with(d, entity, title).find_element(By.XPATH, shown).text.strip() == want,
                f"{eff['field']} does not show {want} after {verb}")
            if panel and get:
                WebDriverWait(driver, 10, ignored_exceptions=[StaleElementReferenceException]).until(
                    lambda d: panel[0].find_element(By.XPATH, shown).text.strip() == want,
                    f"the open detail panel does not show {eff['field']} = {want} after {verb}")
            now = api(get, state.get("first_token"), record_id)[1][eff["field"]]
            assert float(now) == before[eff["field"]] + eff.get("by", 1), f"the API has {eff['field']} = {now}"
        if eff.get("kind") == "create" and eff["entity"] in counts:
            c = eff["entity"]
            assert api(op(config, "list", c), state.get("first_token"))[1]["total"] == counts[c] + 1
            if driver.find_elements(By.CSS_SELECTOR, f'[data-sculpt-list="{c}"]'):
                wait_items(driver, c, lambda xs: any(title in x.text for x in xs), f"the new {c} naming {title!r} is not listed")
    # Focus stays on the action, ready to press again.
    WebDriverWait(driver, 5).until(lambda d: d.switch_to.active_element.get_attribute("data-sculpt-action") == verb)
    shot(driver, "v2-03-action-done")

    # Pressing again until a rule stops it (a precondition, or once per user).
    text, kind = "", ""
    for _ in range(6):
        clear_status(driver)
        settled(press)
        kind, text = outcome(driver)
        if kind == "error":
            break
    assert kind == "error", f"{verb} never failed; rules: {rules.get('x-sculpt-preconditions')}"
    # The message is the API's own, as it answers that same request now.
    code, answer = api(action, state.get("first_token"), record_id)
    assert code == 409, f"the API answers {code} {answer}"
    assert text == answer["error"]["message"], f"the page said {text!r}, the API says {answer['error']['message']!r}"
    if answer["error"]["code"] == "precondition_failed":
        declared = [p.get("message") for p in rules.get("x-sculpt-preconditions", []) if p.get("message")]
        if declared:
            assert text in declared, f"{text!r} is none of the rules' messages {declared}"
    if config["language"] == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), f"not Chinese: {text!r}"
    echo = settled(lambda: find_item(driver, entity, title).find_element(By.XPATH, "./ancestor::*[@data-sculpt-echo-holder][1]").text)
    assert text in echo, "the failure is not shown beside the list"
    shot(driver, "v2-04-action-refused")


def test_another_user_gets_only_what_they_may(driver, config, state):
    """A plain user: no role-only form, no edit or delete on someone else's record, the action still there."""
    if not state.get("first") or not op(config, "register"):
        pytest.skip("no first actor")
    name = f"plain{TAG}"
    sign_out(driver)
    sign_up(driver, config, name)
    state["plain_token"] = log_in(driver, config, name, PASSWORD)
    for o in config["operations"]:
        if o["action"] == "create" and role_only(o):
            assert not form(driver, "create", o["entity"]).is_displayed(), f"create {o['entity']} shows to a user without the role"
    for el in driver.find_elements(By.CSS_SELECTOR, "[data-sculpt-roles]"):
        assert not el.is_displayed()
    checked = 0
    for entity, text in state.get("made", []):
        if not text or not op(config, "list", entity):
            continue

        def check():
            item = find_item(driver, entity, text)
            done = 0
            for action, key in (("update", "edit"), ("delete", "delete")):
                o = op(config, action, entity)
                if not o or "anyone" in o["access"] or "signed_in" in o["access"]:
                    continue
                # Only the owner or a role holder may: this user is neither (the first actor made the record).
                assert not labelled(item, config, key), f"{key} offered on someone else's {entity} ({o['access']})"
                done += 1
            for o in domain_ops(config):
                if o["entity"] == entity and "signed_in" in o["access"]:
                    assert visible_buttons(item, f'button[data-sculpt-action="{o["action"]}"]'), f"{o['action']} not offered to a signed-in user"
            return done
        checked += settled(check)
    shot(driver, "v2-05-plain-user")
    if not checked:
        pytest.skip("no owner- or role-only edit to check")


def test_signed_out_sees_records_without_controls(driver, config, state):
    if not state.get("made"):
        pytest.skip("nothing made")
    sign_out(driver)
    for entity, text in state["made"]:
        lo = op(config, "list", entity)
        if not text or not lo or "anyone" not in lo["access"]:
            continue

        def check():
            item = find_item(driver, entity, text)
            for o in domain_ops(config):
                if o["entity"] == entity and "anyone" not in o["access"]:
                    assert not item.find_elements(By.CSS_SELECTOR, f'button[data-sculpt-action="{o["action"]}"]'), \
                        f"{o['action']} offered to a visitor"
            for action, key in (("update", "edit"), ("delete", "delete")):
                o = op(config, action, entity)
                if o and "anyone" not in o["access"]:
                    assert not labelled(item, config, key), f"{key} offered to a visitor"
        settled(check)
    shot(driver, "v2-06-signed-out")
