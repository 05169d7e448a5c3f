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


def wide_plan(tmp_path):
    """Mark's plan followed up over five years with targets for five: twelve figure columns, as a
    municipality with a longer history prints them, and long indicator names."""
    import json
    import subprocess
    from conftest import DEMO, clean_env, tertial_bin
    document = json.loads((DEMO / "mark-sn-namndplan-2024-2025.json").read_text())
    for goal in document["goals"]:
        for indicator in goal["indicators"]:
            indicator["name"] += " (andel av samtliga ärenden under perioden, enligt verksamhetssystemet)"
            indicator["baseline"] = "12 (2018)"
            indicator["values"] = [{"period": str(y), "gender": "total", "kind": "outcome", "value": "1 234"} for y in range(2019, 2024)] + [
                {"period": "2024-D", "gender": "total", "kind": "outcome", "value": "1 234"}]
            indicator["targets"] = {str(y): "≥ 1 250" for y in range(2023, 2028)}
    document["plan"]["planYears"] = [2024, 2025, 2026, 2027]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    result = subprocess.run([tertial_bin(), "import", str(path), "--db", str(tmp_path / "serve.sqlite")], env=clean_env(), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()


def test_goal_tables_fit_a_laptop_screen_without_scrolling_sideways(tmp_path, browser):
    """Issue 22, point 8: at 1366 px the last target column sat hidden in a sideways-scrolling table."""
    from conftest import Server
    wide_plan(tmp_path)
    server = Server(tmp_path)
    try:
        browser.set_window_size(1366, 768)
        browser.get(server.url + "/planer/mark-sn-namndplan-2024-2025")
        hidden = browser.execute_script("""
            return [...document.querySelectorAll('table')].map(t => { const box = t.parentElement;
              return {caption: (t.caption || {}).textContent || '', overflow: box.scrollWidth - box.clientWidth}; })
              .filter(x => x.overflow > 1);""")
        headers = browser.execute_script("return [...document.querySelectorAll('table')][0].tHead.rows[0].cells.length")
        browser.save_screenshot(str(ARTIFACTS / "wide-plan-1366.png"))
        assert headers >= 12
        assert hidden == [], f"tables that hide columns at 1366 px: {hidden[:3]}"
    finally:
        server.stop()
