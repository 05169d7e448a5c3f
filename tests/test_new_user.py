"""Issue 4's new user, in a real browser: sign in, open the Mark plan, add a goal and an indicator with
target "≥ 90 %" for 2025, enter 92 for 2025, and see it met — using only what the screen offers."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, create_admin, wait_for_text, wait_until_gone

NAME = "Nöjda brukare inom hemtjänst (%)"


def test_add_an_indicator_enter_an_outcome_and_see_it_met(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    wait = WebDriverWait(browser, 10)
    browser.get(server.url + "/")
    browser.find_element(By.LINK_TEXT, "Logga in").click()
    browser.find_element(By.ID, "f-username").send_keys("ada")
    browser.find_element(By.ID, "f-password").send_keys("ett mycket hemligt ord" + Keys.ENTER)
    wait_for_text(browser, (By.CLASS_NAME, "account-nav"), "Inloggad som")
    browser.find_element(By.LINK_TEXT, "Nämndplan 2024-2025").click()
    # a new goal in the second strategic area, then "Ny indikator" under it
    browser.find_element(By.LINK_TEXT, "Nytt mål").click()
    browser.find_element(By.ID, "f-title").send_keys("Fler brukare ska vara nöjda med hemtjänsten")
    Select(browser.find_element(By.ID, "f-goalAreaId")).select_by_visible_text(
        "Strategiskt område: I Mark ska de som behöver få bra stöd och en god vård och omsorg för att ha ett gott liv")
    browser.find_element(By.ID, "f-agenda2030").send_keys("3")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara mål']").click()
    wait.until(EC.url_contains("#mal-"))
    goal = browser.find_element(By.XPATH, "//article[h3[contains(., 'Fler brukare ska vara nöjda med hemtjänsten')]]")
    goal.find_element(By.LINK_TEXT, "Ny indikator").click()
    browser.find_element(By.ID, "f-name").send_keys(NAME)
    browser.find_element(By.ID, "f-unit").send_keys("%")
    Select(browser.find_element(By.ID, "f-direction")).select_by_visible_text("Högre är bättre")
    browser.find_element(By.ID, "f-target-2025").send_keys("≥ 90 %")
    browser.save_screenshot(str(ARTIFACTS / "new-indicator.png"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara indikator']").click()
    wait.until(EC.url_contains("#mal-"))
    # enter 92 for 2025
    browser.find_element(By.LINK_TEXT, "Rapportera utfall").click()
    Select(browser.find_element(By.ID, "f-period")).select_by_visible_text("Helår 2025")
    # the plan's title holds "2025" too: wait for the page to be replaced before reading its heading
    before = browser.find_element(By.TAG_NAME, "h1")
    browser.find_element(By.XPATH, "//button[normalize-space()='Visa']").click()
    wait_until_gone(browser, before)  # stale, or Chromium's inspector error: both mean gone
    wait_for_text(browser, (By.TAG_NAME, "h1"), "2025")
    row = browser.find_element(By.XPATH, f"//tr[th[starts-with(normalize-space(), '{NAME}')]]")
    row.find_element(By.CSS_SELECTOR, 'input[data-col="0"]').send_keys("92")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
    assert wait.until(EC.presence_of_element_located((By.CLASS_NAME, "notice"))).text == "1 värde sparat."
    # and see it met on the plan
    browser.find_element(By.LINK_TEXT, "Nämndplan 2024-2025").click()
    row = browser.find_element(By.XPATH, f"//tr[th[normalize-space()='{NAME}']]")
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert "92" in cells
    assert any(c.startswith("≥ 90 %") and "Uppfyllt" in c for c in cells), cells
    browser.execute_script("arguments[0].scrollIntoView()", row)
    browser.save_screenshot(str(ARTIFACTS / "new-indicator-met.png"))
