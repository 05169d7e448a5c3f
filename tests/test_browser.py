"""What a person sees, in a real headless Chromium: the start page, the Mark plan, a phone-width view."""
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS


def test_from_start_page_to_the_mark_plan(server, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # given the start page
    browser.get(server.url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kommuner och planer"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    browser.save_screenshot(str(ARTIFACTS / "start-desktop.png"))
    # when the Mark plan is opened by its link
    browser.find_element(By.LINK_TEXT, "Nämndplan 2024-2025").click()
    # then the family unit row shows the history and targets as printed, each target with a status in words
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space()='Handläggningstider vid familjeenheten (dagar)']]")
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[:3] == ["118", "116", "108"]
    assert cells[3].startswith("≤108") and "Uppfyllt (prognos)" in cells[3]
    assert cells[4].startswith("≤100") and "Ej bedömbart" in cells[4]
    assert cells[5].startswith("≤100") and "Ej bedömbart" in cells[5]
    browser.save_screenshot(str(ARTIFACTS / "mark-desktop.png"))


def test_the_plan_page_fits_a_phone(server, browser):
    browser.set_window_size(390, 844)
    browser.get(server.url + "/planer/mark-sn-namndplan-2024-2025")
    # the page itself never scrolls sideways; wide tables scroll inside their own box
    page_width = browser.execute_script("return document.documentElement.scrollWidth")
    viewport = browser.execute_script("return document.documentElement.clientWidth")
    assert page_width <= viewport + 1, f"page is {page_width}px wide in a {viewport}px viewport"
    browser.save_screenshot(str(ARTIFACTS / "mark-phone.png"))
