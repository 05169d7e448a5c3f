"""A planner who uses only the keyboard: sign in, edit a target, enter an outcome. No clicks."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, create_admin, wait_for_text

PLAN = "/planer/mark-sn-namndplan-2024-2025"


def tab_to(browser, matches, limit=400):
    """Press Tab until the focused element matches; fail if it never does (it is not reachable by keyboard)."""
    for _ in range(limit):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        if matches(element):
            return element
    raise AssertionError("not reachable with Tab")


def attr(name, value):
    return lambda element: element.get_attribute(name) == value


def test_keyboard_only_edit_a_target_and_enter_an_outcome(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    browser.get(server.url + "/logga-in")
    tab_to(browser, attr("name", "username")).send_keys("ada")
    tab_to(browser, attr("name", "password")).send_keys("ett mycket hemligt ord" + Keys.ENTER)
    wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")
    # to the plan by its link, then to the goal's edit page, then to the indicator
    tab_to(browser, lambda e: e.text == "Nämndplan 2024-2025").send_keys(Keys.ENTER)
    tab_to(browser, lambda e: (e.get_attribute("href") or "").endswith("/mal/mark-sn-god-kvalitet")).send_keys(Keys.ENTER)
    tab_to(browser, lambda e: (e.get_attribute("href") or "").endswith("/indikatorer/mark-sn-utredningstid-lss")).send_keys(Keys.ENTER)
    # edit the 2025 target and save with the keyboard
    target = tab_to(browser, attr("name", "target-2025"))
    target.send_keys(Keys.CONTROL, "a")
    target.send_keys("≤38")
    tab_to(browser, lambda e: e.text == "Spara indikator").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_contains(PLAN + "#mal-mark-sn-god-kvalitet"))
    # enter an outcome for 2024
    tab_to(browser, lambda e: e.text == "Rapportera utfall").send_keys(Keys.ENTER)
    cell = tab_to(browser, attr("name", "u.mark-sn-utredningstid-lss"))
    cell.send_keys("39")
    tab_to(browser, lambda e: e.text == "Spara").send_keys(Keys.ENTER)
    notice = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
    assert notice.text == "1 värde sparat."
    browser.save_screenshot(str(ARTIFACTS / "keyboard-saved.png"))
    # and the plan shows both
    browser.get(server.url + PLAN)
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Utredningstid i antal dagar från ansökan till beslut om LSS-insats (alla insatser), medelvärde']]")
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert "39" in cells
    assert any(c.startswith("≤38") for c in cells)
    assert any(c.startswith("≤40") and "Uppfyllt" in c for c in cells)
