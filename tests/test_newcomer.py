"""The issue's newcomer, in a real browser: the first administrator from the command line, a
reporter created in the web interface, and that reporter entering an outcome for their unit only."""
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, clean_env, tertial_bin, wait_for_text


def sign_in(browser, server, username, password):
    browser.get(server.url + "/logga-in")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")


def sign_out(browser):
    browser.find_element(By.CSS_SELECTOR, ".account-nav button").click()
    wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Logga in")


def test_first_admin_creates_a_reporter_who_reports_for_one_unit(server, browser, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # given the first administrator, created with the documented command
    created = subprocess.run([tertial_bin(), "admin", "create", "--username", "ada", "--password-stdin", "--db", str(tmp_path / "serve.sqlite")],
                             input=b"ett mycket hemligt ord\n", env=clean_env(), capture_output=True, timeout=120)
    assert created.returncode == 0, created.stderr.decode()
    # when she signs in and creates a reporter for Mark's social committee
    sign_in(browser, server, "ada", "ett mycket hemligt ord")
    browser.find_element(By.LINK_TEXT, "Konton").click()
    browser.find_element(By.ID, "f-username").send_keys("rut")
    browser.find_element(By.ID, "f-displayName").send_keys("Rut Rapportör")
    browser.find_element(By.ID, "f-password").send_keys("rapporten är viktig")
    browser.find_element(By.XPATH, "//button[normalize-space()='Skapa konto']").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.LINK_TEXT, "rut"))).click()
    Select(browser.find_element(By.ID, "f-unitID")).select_by_visible_text("Marks kommun: Socialnämnden")
    Select(browser.find_element(By.ID, "f-role")).select_by_visible_text("Rapportör")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara roll']").click()
    wait_for_text(browser, (By.TAG_NAME, "main"), "Rapportör på Marks kommun: Socialnämnden")
    browser.save_screenshot(str(ARTIFACTS / "account-reporter.png"))
    sign_out(browser)
    # then the reporter signs in, opens the Mark plan and enters an outcome
    sign_in(browser, server, "rut", "rapporten är viktig")
    browser.get(server.url + "/planer/mark-sn-namndplan-2024-2025")
    browser.find_element(By.LINK_TEXT, "Rapportera utfall").click()
    cell = browser.find_element(By.NAME, "u.mark-sn-handlaggningstid-familjeenheten")
    cell.clear()
    cell.send_keys("99")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
    notice = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
    assert "1 värde sparat." in notice.text
    browser.save_screenshot(str(ARTIFACTS / "values-saved.png"))
    browser.get(server.url + "/planer/mark-sn-namndplan-2024-2025")
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Handläggningstider vid familjeenheten (dagar)']]")
    assert "99" in row.text and "Uppfyllt" in row.text
    # and nothing else: Linköping's plan is not hers to report
    browser.get(server.url + "/planer/lkpg-son-internbudget-2021/utfall")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Ingen behörighet"
