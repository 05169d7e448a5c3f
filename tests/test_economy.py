"""The economy as a controller uses it in the browser: the seeds' budget tables with computed totals
and the differences a source has; the monthly follow-up, where a forecast beyond the deviation
threshold cannot be saved without the measures taken and what was typed stays; a ledger file read
in all or nothing; the tables as Excel, read back by openpyxl."""
import io
import json
import urllib.request
import zipfile
from pathlib import Path

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, ROOT, create_admin, sign_in, wait_for_text

LINKOPING = "/planer/lkpg-son-internbudget-2021"
MARK = "/planer/mark-sn-namndplan-2024-2025"
SODERKOPING = "/planer/sdkp-sn-uppdragsplan-2020-2023"


def rows(browser, caption):
    table = browser.find_element(By.XPATH, f"//table[caption[normalize-space()='{caption}']]")
    return [[c.text for c in r.find_elements(By.XPATH, "./td|./th")] for r in table.find_elements(By.XPATH, ".//tr")]


def test_the_seeds_budget_tables_show_computed_totals_and_the_sources_differences(server, browser):
    # Anyone may read an adopted public plan's economy
    browser.get(server.url + SODERKOPING + "/ekonomi")
    table = rows(browser, "Driftsekonomi, tkr")
    assert table[0] == ["(tkr)", "Bokslut 2018 justerat", "Prognos 2019", "Budget 2020", "Budget 2021", "Budget 2022", "Budget 2023"]
    assert table[1] == ["Politik", "− 723", "− 690", "− 742", "− 747", "− 752", "− 752"]
    # the total as adopted (the seed prints −284 000 for 2021; its lines add up to −284 001: issue 22) and the difference is shown
    assert table[-1] == ["Summa för nämnden", "− 273 956", "− 280 022", "− 282 000", "− 284 000", "− 286 000", "− 286 000"]
    warning = browser.find_element(By.CLASS_NAME, "warning").text
    assert "Budget 2021: förlagans summa för nämnden är −284 000, men raderna summerar till −284 001 (skillnad 1)" in warning
    browser.save_screenshot(str(ARTIFACTS / "economy-soderkoping.png"))

    browser.get(server.url + LINKOPING + "/ekonomi")
    drift = rows(browser, "Driftsammandrag, tkr")
    assert drift[-4][2:] == ["1 504 022", "1 560 188", "1 546 397", "1 524 009", "1 524 009"]
    assert "Budget förslag 2021: nettokostnaden är lika med ramen (1 560 188 tkr)." in browser.find_element(By.CLASS_NAME, "checks").text
    transfers = rows(browser, "Ramöverföringar mellan nämnder")
    assert ["Arbetsmarknadsnämnden", "Social- och omsorgsnämnden", "1 777 tkr", "2021"] == transfers[2][:4]
    assert browser.find_element(By.CSS_SELECTOR, "svg[role=img] desc").get_attribute("textContent").replace("\u00a0", " ").startswith("Förvaltning: Bokslut 2019 188 711")
    browser.save_screenshot(str(ARTIFACTS / "economy-linkoping.png"))


def test_a_forecast_beyond_the_threshold_needs_the_measures_taken(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    browser.get(server.url + MARK + "/ekonomi")
    browser.find_element(By.LINK_TEXT, "Månadsuppföljning").click()
    Select(browser.find_element(By.ID, "f-ar")).select_by_visible_text("2024")
    Select(browser.find_element(By.ID, "f-manad")).select_by_visible_text("April")
    browser.find_element(By.XPATH, "//button[normalize-space()='Visa']").click()
    wait_for_text(browser, (By.TAG_NAME, "h1"), "Månadsuppföljning april 2024")
    # given Funktionsstöd's budget −233,7 mnkr and a forecast of −240,0 (2,7 % over), without measures
    browser.find_element(By.ID, "f-u.funktionsstod").send_keys("-80,1")
    browser.find_element(By.ID, "f-p.funktionsstod").send_keys("-240,0")
    browser.find_element(By.ID, "f-p.ifo").send_keys("-149,9")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara uppföljningen']").click()
    # then nothing is saved, the error names the line and the deviation, and what was typed stays
    summary = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "error-summary"))).text
    assert "Funktionsstöd: prognosen avviker från budgeten med −6,3 mnkr. Beskriv vilka åtgärder som vidtas." in summary
    assert browser.find_element(By.ID, "f-p.funktionsstod").get_attribute("value") == "-240,0"
    assert browser.find_element(By.ID, "f-p.ifo").get_attribute("value") == "-149,9"
    browser.save_screenshot(str(ARTIFACTS / "economy-follow-up-refused.png"))
    # when the measures are written, it is saved
    browser.find_element(By.ID, "f-k.funktionsstod").send_keys("Två vakanta tjänster tillsätts inte; köp av platser ses över.")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara uppföljningen']").click()
    notice = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice")))
    assert notice.text == "2 rader sparade."
    # the committee overview: the budget, the outcome of the lines entered, and the forecast with
    # Ledning's budget standing in for its missing forecast (−240,0 −149,9 −47,8)
    overview = rows(browser, "Driftbudget: uppföljning per månad 2024, mnkr")
    assert overview[1] == ["April 2024", "−431,4", "−80,1", "−437,7", "−6,3"]
    assert "Avvikelse: −6,3 mnkr (befarat underskott)" in browser.find_element(By.ID, "r-funktionsstod").text
    browser.set_window_size(1280, 2600)
    browser.save_screenshot(str(ARTIFACTS / "economy-follow-up-saved.png"))


def test_a_ledger_file_is_read_in_whole_or_not_at_all(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    bad = tmp_path / "huvudbok-fel.csv"
    good = ROOT / "docs" / "examples" / "huvudbok-linkoping-2021.csv"
    lines = good.read_text().splitlines()
    lines[5] = lines[5].replace(";2021;", ";20x1;", 1)
    bad.write_text("\n".join(lines) + "\n")
    browser.get(server.url + LINKOPING + "/ekonomi/uppfoljning?ar=2021&manad=8")
    # a file with one bad row: nothing is read, and the row and column are named
    browser.find_element(By.ID, "f-fil").send_keys(str(bad))
    browser.find_element(By.XPATH, "//button[normalize-space()='Läs in utfall']").click()
    alert = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "error-summary"))).text
    assert "huvudbok-fel.csv: rad 6, kolumn År: \"20x1\" är inget år" in alert
    assert "Inget ur filen lästes in." in alert
    browser.get(server.url + LINKOPING + "/ekonomi/uppfoljning?ar=2021&manad=8")
    assert browser.find_element(By.ID, "f-u.ifo").get_attribute("value") == ""
    # the example file: every month up to August, outcome to date in tkr
    browser.find_element(By.ID, "f-fil").send_keys(str(good))
    browser.find_element(By.XPATH, "//button[normalize-space()='Läs in utfall']").click()
    notice = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "notice"))).text
    assert "21 rader för 7 verksamheter lästes in, 8 månader" in notice
    browser.find_element(By.LINK_TEXT, "Till månadsuppföljningen").click()
    outcome = browser.find_element(By.ID, "f-u.ifo").get_attribute("value")
    assert outcome and float(outcome.replace(" ", "").replace("\u00a0", "").replace(",", ".")) > 300_000
    browser.save_screenshot(str(ARTIFACTS / "economy-ledger.png"))


def test_the_economy_tables_download_as_excel_with_numbers_as_numbers(server):
    with urllib.request.urlopen(server.url + LINKOPING + "/ekonomi.xlsx", timeout=30) as response:
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
        workbook = openpyxl.load_workbook(io.BytesIO(response.read()))
    names = workbook.sheetnames
    assert any("Driftsammandrag" in n for n in names), names
    sheet = workbook[next(n for n in names if "Driftsammandrag" in n)]
    values = {row[0].value: [c.value for c in row[1:]] for row in sheet.iter_rows(min_row=2)}
    assert values["Förvaltning"][:3] == [188711, 189600, 193200]
    assert values["Individ- och familjeomsorg"][2] == 463777


def test_a_planner_edits_the_budget_and_the_totals_follow(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    browser.get(server.url + SODERKOPING + "/ekonomi")
    browser.find_element(By.LINK_TEXT, "Ändra budgeten").click()
    # Politik, Budget 2021 (column 4) up by 253, so the year's total becomes −284 254; a typo keeps everything typed
    politik = browser.find_element(By.ID, "f-a.0.0.3")
    assert politik.get_attribute("value") == "−747"
    politik.clear(); politik.send_keys("-1 000")
    browser.find_element(By.ID, "f-n.0.ny").send_keys("Ny verksamhet")
    new_cell = browser.find_element(By.ID, "f-a.0.ny.3")
    new_cell.send_keys("-1O")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara budgeten']").click()
    summary = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CLASS_NAME, "error-summary"))).text
    assert 'Ny verksamhet, Budget 2021: "-1O" är inget belopp.' in summary
    assert browser.find_element(By.ID, "f-a.0.0.3").get_attribute("value") == "-1 000"
    assert browser.find_element(By.ID, "f-n.0.ny").get_attribute("value") == "Ny verksamhet"
    browser.set_window_size(1280, 1400)
    browser.save_screenshot(str(ARTIFACTS / "economy-budget-edit-error.png"))
    # corrected, it is saved and the total is computed anew
    fixed = browser.find_element(By.ID, "f-a.0.ny.3")
    fixed.clear(); fixed.send_keys("-10")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara budgeten']").click()
    wait_for_text(browser, (By.CLASS_NAME, "notice"), "Budgeten är sparad")
    table = rows(browser, "Driftsekonomi, tkr")
    assert table[-2][0] == "Ny verksamhet" and table[-2][4] == "− 10"
    assert table[-1][4] == "− 284 264"
    # and the audit trail has the changed cell
    browser.get(server.url + "/granskning")
    assert "Politik, Budget 2021" in browser.page_source
