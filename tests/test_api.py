"""Issue 24, points 2 and 3: the JSON API as an integration and a schema checker see it.

- schemathesis (an independent OpenAPI test generator) runs against /api/v1/openapi.json with a read token and a
  write token: no server error, no status code, content type or body that breaks the document;
- an administrator makes a token in Chromium, sees it once, an integration uses it, the administrator revokes it.
"""
import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import Server, clean_env, create_admin, make_browser, sign_in, tertial_bin, wait_for_text

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"
# Real identifiers, so the generated calls reach the handlers' logic, not only their 404s (a second run leaves them free).
FIXED = """
[parameters]
"path.planId" = "mark-familjeenheten-enhetsplan-2024"
"path.activityId" = "mark-fe-akt-samtalsmetod"
"path.period" = "2024-D"
"query.period" = "2024"
"""


def api_token(tmp_path, name, scopes, *units):
    args = [tertial_bin(), "api-token", "create", "--db", str(tmp_path / "serve.sqlite"), "--name", name, "--scopes", scopes]
    for unit in units:
        args += ["--unit", unit]
    made = subprocess.run(args, env=clean_env(), capture_output=True, timeout=60)
    assert made.returncode == 0, made.stderr.decode()
    secret = made.stdout.decode().strip()
    assert secret.startswith("tertial_") and len(secret) > 40
    return secret


def call(server, method, path, token=None, body=None):
    request = urllib.request.Request(server.url + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def schemathesis(server, token, config, *extra):
    program = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    result = subprocess.run([program, "--config-file", str(config), "run", server.url + "/api/v1/openapi.json",
                             "-H", f"Authorization: Bearer {token}", "--checks", CHECKS, "--max-examples", "25", "--workers", "1",
                             "--seed", "20261206", *extra], capture_output=True, timeout=600)
    output = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 0, output[-6000:]
    return output


def test_schemathesis_finds_nothing_that_breaks_the_document(tmp_path):
    server = Server(tmp_path, env={"TERTIAL_API_RATE_LIMIT": "1000000"})
    try:
        reader = api_token(tmp_path, "Schemathesis läser", "read")
        writer = api_token(tmp_path, "Schemathesis skriver", "read write:values write:activities")
        fixed = tmp_path / "fixed.toml"
        fixed.write_text(FIXED)
        free = tmp_path / "free.toml"
        free.write_text("")
        # the read token on every read, on real identifiers and on made-up ones
        out = schemathesis(server, reader, fixed, "--include-method", "GET")
        assert "Tested: 9" in out, out[-3000:]
        schemathesis(server, reader, free, "--include-method", "GET")
        # the write token on every operation, the writes on a real plan, activity and period
        out = schemathesis(server, writer, fixed)
        assert "Tested: 11" in out, out[-3000:]
        # no request was answered with a server error (the log's line per request names its status)
        log = (tmp_path / "serve.log").read_text()
        assert "status: 200" in log
        assert "status: 500" not in log and "→ 500" not in log, [line for line in log.splitlines() if "500" in line and "status: 500" in line][:5]
    finally:
        server.stop()


def test_an_administrator_makes_a_token_an_integration_uses_it_and_it_is_revoked(tmp_path):
    server = Server(tmp_path)
    browser = make_browser()
    try:
        from selenium.webdriver.common.by import By
        create_admin(tmp_path / "serve.sqlite")
        sign_in(browser, server, "ada")
        browser.get(server.url + "/admin/api-nycklar")
        browser.find_element(By.ID, "f-name").send_keys("Ekonomisystemet")
        browser.find_element(By.ID, "f-scope-write-values").click()
        browser.find_element(By.ID, "f-unit-mark-sn").click()
        browser.find_element(By.CSS_SELECTOR, "form[action='/admin/api-nycklar'] button[type=submit]").click()
        wait_for_text(browser, (By.ID, "ny-nyckel"), "Kopiera den nu")
        secret = browser.find_element(By.ID, "nyckel").text.strip()
        assert secret.startswith("tertial_")
        # the integration writes an outcome in its committee's plan and is refused elsewhere
        status, body = call(server, "POST", "/api/v1/plans/mark-sn-namndplan-2024-2025/values", secret,
                            {"period": "2024", "values": [{"indicatorId": "mark-sn-handlaggningstid-familjeenheten", "kind": "outcome", "value": "97"}]})
        assert status == 200 and body["changed"] == 1, body
        status, body = call(server, "GET", "/api/v1/plans/lkpg-son-internbudget-2021", secret)
        assert status == 403 and body["type"].endswith("forbidden"), body
        # the secret is shown once: the list shows its first characters and its last use, never the whole
        browser.get(server.url + "/admin/api-nycklar")
        page = browser.page_source
        assert secret not in page and secret[:12] in page and "Ekonomisystemet" in page
        row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Ekonomisystemet']]")
        assert "Aldrig" not in row.text and "write:values" in row.text and "Socialnämnden" in row.text
        # the audit trail names the integration
        browser.get(server.url + "/granskning")
        assert "api:Ekonomisystemet" in browser.page_source
        # revoked: the next call is 401
        browser.get(server.url + "/admin/api-nycklar")
        browser.find_element(By.XPATH, "//tr[th[normalize-space()='Ekonomisystemet']]//button").click()
        wait_for_text(browser, (By.TAG_NAME, "main"), "Nyckeln är återkallad")
        status, body = call(server, "GET", "/api/v1/plans", secret)
        assert status == 401 and body["status"] == 401, body
        # a form error keeps what was typed
        browser.find_element(By.ID, "f-name").send_keys("Personalsystemet")
        browser.find_element(By.CSS_SELECTOR, "form[action='/admin/api-nycklar'] button[type=submit]").click()
        wait_for_text(browser, (By.CLASS_NAME, "error-summary"), "Välj de enheter")
        assert browser.find_element(By.ID, "f-name").get_attribute("value") == "Personalsystemet"
    finally:
        browser.quit()
        server.stop()


def test_a_token_that_cannot_be_made_is_not_made(tmp_path):
    def make(*args):
        return subprocess.run([tertial_bin(), "api-token", "create", "--db", str(tmp_path / "t.sqlite"), *args], env=clean_env(),
                              capture_output=True, timeout=60)
    bad_scope = make("--name", "X", "--scopes", "read write:everything")
    assert bad_scope.returncode == 1 and "write:everything" in bad_scope.stderr.decode() and "Inget skapades" in bad_scope.stderr.decode()
    unknown_unit = make("--name", "X", "--unit", "finns-inte")
    assert unknown_unit.returncode == 1 and "finns-inte" in unknown_unit.stderr.decode()
    no_name = make("--scopes", "read")
    assert no_name.returncode == 2
    bad_day = make("--name", "X", "--expires", "2027-13-01")
    assert bad_day.returncode == 2 and "2027-12-31" in bad_day.stderr.decode()
    assert make("--name", "X").stdout.decode().startswith("tertial_")


def test_a_password_policy_without_a_provider_stops_the_server(tmp_path):
    result = subprocess.run([tertial_bin(), "serve", "--port", "0", "--db", str(tmp_path / "t.sqlite")],
                            env={**clean_env(), "TERTIAL_LOCAL_SIGN_IN": "off"}, capture_output=True, timeout=60)
    assert result.returncode == 1 and "TERTIAL_LOCAL_SIGN_IN" in (result.stdout + result.stderr).decode()
