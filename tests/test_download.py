"""The download menu in a real browser: an anonymous visitor opens the Mark plan, unfolds "Ladda ner",
takes the plan as Word, then asks for the interim report 2024 as Excel; both files arrive and open."""
import time

import docx
import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, make_browser


@pytest.fixture
def downloading_browser(tmp_path):
    driver = make_browser(download_dir=tmp_path / "nedladdat")
    yield driver
    driver.quit()


def arrived(directory, suffix, timeout=60):
    """The downloaded file once Chromium has finished it: no partial download left in the folder and the
    file's size the same on two looks (Chromium may reserve the final name before it writes the file)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        partial = list(directory.glob("*.crdownload")) if directory.exists() else []
        files = [f for f in directory.glob(f"*{suffix}") if f.is_file()] if directory.exists() else []
        if files and not partial:
            size = files[0].stat().st_size
            if size > 0 and last == (files[0], size):
                return files[0]
            last = (files[0], size)
        time.sleep(0.3)
    raise AssertionError(f"no {suffix} file arrived in {directory}: {list(directory.glob('*'))}")


def test_plan_and_report_from_the_download_menu(server, downloading_browser, tmp_path):
    browser = downloading_browser
    downloads = tmp_path / "nedladdat"
    browser.get(server.url + "/planer/mark-sn-namndplan-2024-2025")
    browser.find_element(By.XPATH, "//details[@class='downloads']/summary").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "download-menu.png"))
    browser.find_element(By.LINK_TEXT, "Word (.docx)").click()
    plan = arrived(downloads, ".docx")
    assert plan.name == "Nämndplan 2024-2025 – Socialnämnden.docx"
    assert any(p.text == "4 Nämndens mål" for p in docx.Document(str(plan)).paragraphs)

    Select(browser.find_element(By.ID, "f-typ")).select_by_visible_text("Delårsrapport")
    Select(browser.find_element(By.ID, "f-ar")).select_by_visible_text("2024")
    Select(browser.find_element(By.ID, "f-format")).select_by_visible_text("Excel (.xlsx), en flik per tabell")
    browser.find_element(By.XPATH, "//button[normalize-space()='Ladda ner rapporten']").click()
    report = arrived(downloads, ".xlsx")
    assert report.name == "Delårsrapport 2024 – Nämndplan 2024-2025 – Socialnämnden.xlsx"
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames[0] == "Innehåll" and workbook.sheetnames[1] == "1 Sammanfattning"
    assert workbook["Innehåll"]["A1"].value == "Delårsrapport 2024 – Nämndplan 2024-2025"
