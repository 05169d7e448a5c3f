"""Shared fixtures for the command-line and browser tests.

TERTIAL_BIN names the built executable (scripts/test sets it); TERTIAL_TEST_DATABASE_URL, when set,
lets the CLI round trip run on PostgreSQL too (a fresh database per test, dropped afterwards).
"""
import os
import shutil
import socket
import subprocess
import time
import urllib.request
import uuid
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "Sources" / "TertialStore" / "Demo"
DEMO_FILES = sorted(DEMO.glob("*.json"))
ARTIFACTS = Path(os.environ.get("ARTIFACTS", ROOT / "test-artifacts"))
# The seed plans (what the fidelity checks compare with the seeds) and every demo plan (the seed
# plans and the illustrative unit plan under Mark's committee).
PLAN_IDS = ["lkpg-son-internbudget-2021", "mark-sn-namndplan-2024-2025", "sdkp-sn-uppdragsplan-2020-2023"]
DEMO_PLAN_IDS = sorted(__import__("json").loads(f.read_text())["plan"]["id"] for f in DEMO_FILES)


def tertial_bin():
    path = os.environ.get("TERTIAL_BIN", str(ROOT / ".build" / "debug" / "tertial"))
    if not Path(path).exists():
        pytest.fail(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


class Tertial:
    """Runs the tertial executable against one database."""

    def __init__(self, env, db_args):
        self.env = env
        self.db_args = db_args

    def run(self, *args, check=True):
        result = subprocess.run([tertial_bin(), *args, *self.db_args], env=self.env, capture_output=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"tertial {' '.join(args)} failed ({result.returncode}): {result.stderr.decode()}")
        return result


def clean_env():
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture
def sqlite_tertial(tmp_path):
    return Tertial(clean_env(), ["--db", str(tmp_path / "tertial.sqlite")])


def _psql(url, sql):
    result = subprocess.run(["psql", url, "-q", "-c", sql], capture_output=True, timeout=60)
    assert result.returncode == 0, f"psql {sql}: {result.stderr.decode()}"


@pytest.fixture
def postgres_tertial():
    url = os.environ.get("TERTIAL_TEST_DATABASE_URL")
    if not url:
        pytest.skip("TERTIAL_TEST_DATABASE_URL is not set")
    name = "tertial_cli_" + uuid.uuid4().hex[:12]
    _psql(url, f"CREATE DATABASE {name}")
    base, _, query = url.partition("?")
    db_url = base.rsplit("/", 1)[0] + "/" + name + (("?" + query) if query else "")
    env = clean_env()
    env["DATABASE_URL"] = db_url
    yield Tertial(env, [])
    # Dropping right after the last client exits has failed once here; retry before giving up.
    for attempt in range(10):
        result = subprocess.run(["psql", url, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True, timeout=60)
        if result.returncode == 0:
            return
        time.sleep(0.5)
    warnings.warn(f"could not drop {name}: {result.stderr.decode()}")


@pytest.fixture(params=["sqlite", "postgres"])
def tertial(request):
    return request.getfixturevalue(f"{request.param}_tertial")


def create_admin(db_path, username="ada", password="ett mycket hemligt ord"):
    """The first administrator, made with the documented command (password on standard input)."""
    made = subprocess.run([tertial_bin(), "admin", "create", "--username", username, "--password-stdin", "--db", str(db_path)],
                          input=(password + "\n").encode(), env=clean_env(), capture_output=True, timeout=120)
    assert made.returncode == 0, made.stderr.decode()


def sign_in(browser, server, username, password="ett mycket hemligt ord"):
    """Through the sign-in form, waiting until the page says who is signed in."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/logga-in")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password + Keys.ENTER)
    wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")


def wait_for_text(browser, locator, text, timeout=10):
    """Wait until the element holds the text, across a page load: while the old page is replaced, Chromium may
    answer a read of a node that has just left the document with an inspector error ("Node with given id does
    not belong to the document") rather than a stale-element error, so both are retried until the timeout."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(
        EC.text_to_be_present_in_element(locator, text))


def wait_until_gone(browser, element, timeout=20):
    """Wait until `element` has left the document (its page was replaced). Chromium reports a node that has
    just left either as stale or with the inspector error wait_for_text describes; both mean gone."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_):
        try:
            element.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    WebDriverWait(browser, timeout).until(gone)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp_path, extra=(), env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp_path / "serve.log", "wb")
        self.process = subprocess.Popen(
            [tertial_bin(), "serve", "--hostname", "127.0.0.1", "--port", str(self.port), "--db", str(tmp_path / "serve.sqlite"), *extra],
            env={**clean_env(), **(env or {})}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError("server did not answer /healthz within 60 s: " + (tmp_path / "serve.log").read_text())

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path)
    yield s
    s.stop()


def make_browser(download_dir=None):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=sv-SE"]:
        options.add_argument(arg)
    if download_dir:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(2)
    return driver


@pytest.fixture
def browser():
    driver = make_browser()
    yield driver
    driver.quit()


@pytest.fixture
def second_browser():
    driver = make_browser()
    yield driver
    driver.quit()
