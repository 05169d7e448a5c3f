"""Issue 24, point 1, in Chromium against a real OpenID Connect provider started here (oidc-provider-mock: discovery,
JWKS, the authorization code flow, RP-initiated logout; ID tokens signed RS256 by Authlib).

An administrator (a local, break-glass account) maps the provider's group to *planerare* on Mark's Socialnämnden;
Anna signs in through the provider, edits a target, signs out (the provider's session too); when she has left the
group, her next sign-in takes the role away. Every step is in the audit trail.
"""
import http.cookiejar
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, Server, create_admin, free_port, make_browser, wait_for_text

PLAN = "/planer/mark-sn-namndplan-2024-2025"
INDICATOR = PLAN + "/indikatorer/mark-sn-handlaggningstid-familjeenheten"
GROUP = "/Mark/Socialnämnden/Planerare"


class Provider:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp_path / "oidc.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-W", "ignore", "-m", "oidc_provider_mock", "--port", str(self.port), "--require-nonce"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/.well-known/openid-configuration", timeout=2) as response:
                    assert json.loads(response.read())["issuer"] == self.url
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the OpenID Connect provider did not start: " + (tmp_path / "oidc.log").read_text())

    def set_user(self, sub, claims):
        request = urllib.request.Request(f"{self.url}/users/{sub}", method="PUT", data=json.dumps(claims).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def sign_in_at_provider(browser, server, sub):
    browser.get(server.url + "/logga-in")
    browser.find_element(By.ID, "kommunens-inloggning").click()
    # the provider's own page: who signs in
    field = browser.find_element(By.NAME, "sub")
    field.send_keys(sub)
    field.submit()


def test_sign_in_through_the_provider_with_a_mapped_group(tmp_path):
    provider = Provider(tmp_path)
    server = Server(tmp_path, env={"TERTIAL_OIDC_ISSUER": provider.url, "TERTIAL_OIDC_CLIENT_ID": "tertial",
                                   "TERTIAL_OIDC_CLIENT_SECRET": "klienthemlighet", "TERTIAL_LOCAL_SIGN_IN": "administrators"})
    browser = make_browser()
    try:
        create_admin(tmp_path / "serve.sqlite")
        provider.set_user("anna", {"preferred_username": "anna.svensson@mark.se", "name": "Anna Svensson", "email": "anna.svensson@mark.se",
                                   "groups": [GROUP, "/Mark/Alla"]})

        # the break-glass administrator maps the group to planner on Socialnämnden
        browser.get(server.url + "/logga-in")
        browser.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.ID, "f-username").send_keys("ada")
        browser.find_element(By.ID, "f-password").send_keys("ett mycket hemligt ord")
        browser.find_element(By.XPATH, "//button[normalize-space()='Logga in med lösenord']").click()
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")
        browser.get(server.url + "/admin/inloggning")
        browser.find_element(By.ID, "f-group").send_keys(GROUP)
        Select(browser.find_element(By.ID, "f-grant")).select_by_visible_text("Planerare")
        Select(browser.find_element(By.ID, "f-unit")).select_by_visible_text("Marks kommun: Socialnämnden")
        browser.find_element(By.XPATH, "//button[normalize-space()='Lägg till koppling']").click()
        wait_for_text(browser, (By.CLASS_NAME, "notice"), "Kopplingen är sparad")
        assert GROUP in browser.find_element(By.TAG_NAME, "table").text
        browser.save_screenshot(str(ARTIFACTS / "oidc-group-mappings.png"))
        browser.find_element(By.XPATH, "//button[normalize-space()='Logga ut']").click()
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Logga in")

        # Anna signs in through the provider and is a planner on Socialnämnden
        sign_in_at_provider(browser, server, "anna")
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Anna Svensson")
        browser.get(server.url + INDICATOR)
        target = browser.find_element(By.ID, "f-target-2025")
        target.clear()
        target.send_keys("≤95")
        browser.find_element(By.XPATH, "//button[normalize-space()='Spara indikator']").click()
        wait_for_text(browser, (By.TAG_NAME, "main"), "Nämndplan 2024-2025")
        browser.get(server.url + PLAN)
        row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Handläggningstider vid familjeenheten (dagar)']]")
        assert any(cell.text.startswith("≤95") for cell in row.find_elements(By.TAG_NAME, "td")), row.text
        # but not on Linköping's plans
        browser.get(server.url + "/planer/lkpg-son-internbudget-2021/status")
        assert "Du har inte behörighet" in browser.page_source

        # signing out ends the provider's session too (RP-initiated logout), then comes back to Tertial
        browser.get(server.url + "/")
        browser.find_element(By.XPATH, "//button[normalize-space()='Logga ut']").click()
        WebDriverWait(browser, 10).until(EC.url_contains("/oauth2/end_session"))
        assert browser.current_url.startswith(provider.url + "/oauth2/end_session"), browser.current_url
        browser.find_element(By.CSS_SELECTOR, "form button, form input[type=submit]").click()
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Logga in")
        assert browser.current_url.startswith(server.url)

        # she leaves the group at the provider: her next sign-in takes the role away
        provider.set_user("anna", {"preferred_username": "anna.svensson@mark.se", "name": "Anna Svensson", "groups": ["/Mark/Alla"]})
        sign_in_at_provider(browser, server, "anna")
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Anna Svensson")
        browser.get(server.url + INDICATOR)
        assert "Du har inte behörighet" in browser.page_source

        # a password does not sign in anyone but an administrator (TERTIAL_LOCAL_SIGN_IN=administrators)
        # and the audit trail holds the sign-ins, the role given and taken, and the target changed
        browser.get(server.url + "/")
        browser.find_element(By.XPATH, "//button[normalize-space()='Logga ut']").click()
        WebDriverWait(browser, 10).until(EC.url_contains("/oauth2/end_session"))
        browser.get(server.url + "/")
        browser.get(server.url + "/logga-in")
        browser.find_element(By.TAG_NAME, "summary").click()
        browser.find_element(By.ID, "f-username").send_keys("ada")
        browser.find_element(By.ID, "f-password").send_keys("ett mycket hemligt ord")
        browser.find_element(By.XPATH, "//button[normalize-space()='Logga in med lösenord']").click()
        wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")
        browser.get(server.url + "/granskning")
        audit = browser.page_source
        assert "anna.svensson@mark.se" in audit and "roll på mark-sn" in audit and "Planerare" in audit
        assert provider.url in audit  # the sign-in names the provider
    finally:
        browser.quit()
        server.stop()
        provider.stop()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url, data=None):
    """(status, Location, body) without following redirects."""
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=10) as response:
            return response.status, response.headers.get("Location"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location"), error.read().decode()


def test_a_made_up_or_replayed_callback_signs_no_one_in(tmp_path):
    provider = Provider(tmp_path)
    server = Server(tmp_path, env={"TERTIAL_OIDC_ISSUER": provider.url, "TERTIAL_OIDC_CLIENT_ID": "tertial", "TERTIAL_OIDC_CLIENT_SECRET": "hemligt"})
    try:
        provider.set_user("bo", {"preferred_username": "bo@mark.se", "name": "Bo"})
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(NoRedirects, urllib.request.HTTPCookieProcessor(jar))
        # a callback with a made-up state: refused, nothing signed in
        status, _, body = fetch(opener, server.url + "/logga-in/kommunen/klar?code=abc&state=pahittad")
        assert status == 400 and "har gått ut eller redan använts" in body
        # the flow by hand: Tertial sends the browser to the provider with PKCE, state and nonce
        status, authorize, _ = fetch(opener, server.url + "/logga-in/kommunen?till=/")
        assert status == 303 and authorize.startswith(provider.url)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize).query)
        assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
        assert query["nonce"][0] and query["state"][0] and query["response_type"] == ["code"]
        status, callback, _ = fetch(opener, authorize, data=urllib.parse.urlencode({"sub": "bo"}).encode())
        assert status == 302 and callback.startswith(server.url + "/logga-in/kommunen/klar?"), (status, callback)
        status, location, _ = fetch(opener, callback)
        assert status == 303 and location == "/" and any(c.name == "tertial_session" for c in jar)
        # the same callback again (a replay, by anyone): refused
        status, _, body = fetch(urllib.request.build_opener(NoRedirects), callback)
        assert status == 400 and "har gått ut eller redan använts" in body
    finally:
        server.stop()
        provider.stop()
