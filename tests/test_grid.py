"""The outcome grid as a controller uses it: paste a column from Excel, move with the keyboard, save once."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, create_admin, sign_in

PLAN = "/planer/lkpg-son-internbudget-2021"


def sign_in_admin(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")


def paste(browser, element, text):
    """What the browser does on Ctrl+V, with `text` on the clipboard (headless Chromium has no clipboard)."""
    browser.execute_script(
        "const dt = new DataTransfer(); dt.setData('text/plain', arguments[1]);"
        "arguments[0].focus(); arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));",
        element, text)


def test_pasting_twenty_values_fills_twenty_cells_in_one_save(server, browser, tmp_path):
    sign_in_admin(server, browser, tmp_path)
    browser.get(server.url + PLAN + "/utfall?ar=2021")
    column = [f"{n},5" if n % 4 == 0 else str(n) for n in range(1, 21)]
    # given a column of 20 figures copied from Excel (Swedish decimal comma, CRLF line ends)
    first = browser.find_element(By.CSS_SELECTOR, 'input[data-row="0"][data-col="0"]')
    paste(browser, first, "\r\n".join(column) + "\r\n")
    # then 20 cells down the outcome column are filled, and the page says so
    filled = [browser.find_element(By.CSS_SELECTOR, f'input[data-row="{r}"][data-col="0"]').get_attribute("value") for r in range(20)]
    assert filled == column
    assert browser.find_element(By.CSS_SELECTOR, 'input[data-row="20"][data-col="0"]').get_attribute("value") == ""
    assert "20 rutor ifyllda" in browser.find_element(By.ID, "grid-status").text
    browser.save_screenshot(str(ARTIFACTS / "grid-pasted.png"))
    # when saved, in one request
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
    notice = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
    assert notice.text == "20 värden sparade."
    # and the plan shows them, Swedish style
    browser.get(server.url + PLAN)
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Antalet hushåll som bor i något av kommunens tillfälliga boendelösningar']]")
    assert "2" in [cell.text.split("\n")[0] for cell in row.find_elements(By.TAG_NAME, "td")]


def test_moving_between_cells_with_the_keyboard(server, browser, tmp_path):
    sign_in_admin(server, browser, tmp_path)
    browser.get(server.url + PLAN + "/utfall?ar=2021")
    cell = browser.find_element(By.CSS_SELECTOR, 'input[data-row="0"][data-col="0"]')
    cell.click()
    cell.send_keys("7" + Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("data-row") == "1"
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element.get_attribute("data-row") == "2"
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert browser.switch_to.active_element.get_attribute("data-row") == "1"
    browser.switch_to.active_element.send_keys(Keys.ALT, Keys.ARROW_RIGHT)
    active = browser.switch_to.active_element
    assert (active.get_attribute("data-row"), active.get_attribute("data-col")) == ("1", "1")
    # Enter moved focus instead of submitting the form
    assert "sparat" not in browser.current_url


def test_tab_goes_outcome_forecast_next_row_and_alt_k_reaches_the_comment(server, browser, tmp_path):
    """Issue 23, point 8: Tab goes as in Excel — outcome → forecast → the next row's outcome — past the
    comments, which Alt+K reaches on purpose (Esc goes back to the value)."""
    sign_in_admin(server, browser, tmp_path)
    browser.get(server.url + PLAN + "/utfall?ar=2021")
    cell = browser.find_element(By.CSS_SELECTOR, 'input[data-row="0"][data-col="0"]')
    cell.click()

    def at():
        active = browser.switch_to.active_element
        return active.get_attribute("data-row"), active.get_attribute("data-col"), active.get_attribute("class")

    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert at()[:2] == ("0", "1")
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert at()[:2] == ("1", "0")
    browser.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert at()[:2] == ("0", "1")
    browser.switch_to.active_element.send_keys(Keys.ALT, "k")
    assert at()[2] == "comment"
    assert browser.switch_to.active_element.get_attribute("name") == "k.p." + cell.get_attribute("name")[2:]
    browser.switch_to.active_element.send_keys("Osäker prognos")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert at()[:2] == ("0", "1")
