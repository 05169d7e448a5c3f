"""Two people at once, in two real browsers: the second to save is told, sees both values, and decides."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, create_admin, sign_in

VALUES = "/planer/mark-sn-namndplan-2024-2025/utfall?period=2023"
FIELD = "p.mark-sn-handlaggningstid-familjeenheten"


def set_value(browser, value):
    cell = browser.find_element(By.NAME, FIELD)
    cell.clear()
    cell.send_keys(value)
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()


def test_an_edit_conflict_is_shown_and_resolved(server, browser, second_browser, tmp_path):
    for name in ("anna", "bertil"):
        create_admin(tmp_path / "serve.sqlite", name)
    sign_in(browser, server, "anna")
    sign_in(second_browser, server, "bertil")
    # both open the 2023 forecasts
    browser.get(server.url + VALUES)
    second_browser.get(server.url + VALUES)
    # Anna saves first
    set_value(browser, "104")
    assert WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice"))).text == "1 värde sparat."
    # Bertil, from his older page, is told and sees both values; nothing of his is saved
    set_value(second_browser, "110")
    summary = WebDriverWait(second_browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "error-summary")))
    assert "Någon annan har sparat värden i en ruta" in summary.text
    assert "anna sparade 104" in second_browser.find_element(By.CLASS_NAME, "conflict").text
    assert second_browser.find_element(By.NAME, FIELD).get_attribute("value") == "110"
    second_browser.save_screenshot(str(ARTIFACTS / "conflict.png"))
    # and when he saves again, knowing, his value stands
    second_browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
    assert WebDriverWait(second_browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice"))).text == "1 värde sparat."
    browser.get(server.url + VALUES)
    assert browser.find_element(By.NAME, FIELD).get_attribute("value") == "110"
    assert "Historik (3)" in browser.find_element(By.ID, "i-mark-sn-handlaggningstid-familjeenheten").text
