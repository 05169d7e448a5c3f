"""Internal control as a controller uses it in the browser: Mark's risk matrix and plan, changing the
scale from 5×5 to 4×4 (every value recalculated, the earlier ones kept), a result recorded for an
occasion; and the documents read by independent readers: the control tables of the Word plan and the
overdue controls of the interim report (python-docx)."""
import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, create_admin, sign_in, wait_for_text, wait_until_gone

MARK = "/planer/mark-sn-namndplan-2024-2025"
SODERKOPING = "/planer/sdkp-sn-uppdragsplan-2020-2023"


def table_rows(browser, caption):
    table = browser.find_element(By.XPATH, f"//table[caption[starts-with(normalize-space(), '{caption}')]]")
    return [[c.text for c in r.find_elements(By.XPATH, "./td|./th")] for r in table.find_elements(By.XPATH, ".//tr")]


def test_changing_marks_scale_recalculates_every_risk_and_keeps_the_earlier_values(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    browser.get(server.url + MARK)
    browser.find_element(By.LINK_TEXT, "Internkontroll").click()
    wait_for_text(browser, (By.TAG_NAME, "h1"), "Internkontroll")
    # the matrix says in words what its colours show, and places R3–R5 at Möjlig × Allvarig
    matrix = browser.find_element(By.CSS_SELECTOR, "figure svg[role=img]")
    assert "R3, R4, R5" in matrix.get_attribute("textContent")
    analysis = table_rows(browser, "Riskanalys 2024")
    assert [r[5] for r in analysis[1:]] == ["9", "4", "12", "12", "12"]
    browser.save_screenshot(str(ARTIFACTS / "internal-control-mark.png"))
    # when the planner fills in the standard 4×4 scale, names the consequence as Mark does and saves
    browser.find_element(By.LINK_TEXT, "Ändra skalan").click()
    Select(browser.find_element(By.ID, "f-preset")).select_by_value("4x4")
    before = browser.find_element(By.ID, "f-likelihood")
    browser.find_element(By.XPATH, "//button[normalize-space()='Fyll i']").click()
    # the 5×5 form also says "Mycket sannolik": wait for the filled-in form to replace it
    wait_until_gone(browser, before)
    wait_for_text(browser, (By.ID, "f-likelihood"), "Mycket sannolik")
    name = browser.find_element(By.ID, "f-consequenceName")
    name.clear()
    name.send_keys("Väsentlighet")
    browser.find_element(By.XPATH, "//button[normalize-space()='Byt skala och räkna om']").click()
    wait_for_text(browser, (By.CLASS_NAME, "notice"), "Skalan är bytt")
    # then every value is recalculated on the 4×4 scale and the 5×5 values are kept in the history
    analysis = table_rows(browser, "Riskanalys 2024")
    assert [r[5] for r in analysis[1:]] == ["9", "4", "9", "9", "9"]
    history = table_rows(browser, "Tidigare bedömningar")
    assert [r[4] for r in history[1:]] == ["9", "4", "12", "12", "12"] and all(r[1] == "5×5" for r in history[1:])
    browser.save_screenshot(str(ARTIFACTS / "internal-control-mark-4x4.png"))


def test_a_result_takes_an_occasion_off_the_overdue_list(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    browser.get(server.url + SODERKOPING + "/internkontroll?period=2020-T1")
    wait_for_text(browser, (By.TAG_NAME, "main"), "Försenade kontroller till och med 2020-04-30 (5)")
    Select(browser.find_element(By.ID, "f-s.sdkp-ik-k-sjuktal.2020-04-30")).select_by_value("noDeviations")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara resultaten']").click()
    wait_for_text(browser, (By.CLASS_NAME, "notice"), "sparad")
    assert "Försenade kontroller till och med 2020-04-30 (4)" in browser.find_element(By.TAG_NAME, "main").text
    results = table_rows(browser, "Resultat av internkontrollen")
    assert ["Analys av sjuktal per enhet och verksamhet", "2020-04-30", "● Genomförd, utan avvikelser", "", ""] in results


def test_the_word_documents_hold_the_control_tables_and_the_overdue_controls(tertial, tmp_path):
    from conftest import DEMO_FILES
    tertial.run("import", *map(str, DEMO_FILES))
    plan = tmp_path / "mark.docx"
    tertial.run("export", "mark-sn-namndplan-2024-2025", "--format", "docx", "-o", str(plan))
    tables = [[[c.text.replace("\u00ad", "") for c in r.cells] for r in t.rows] for t in docx.Document(str(plan)).tables]
    personal = next(t for t in tables if t[0][0] == "Huvudprocess" and t[1][0] == "Personal")
    assert personal[1][1:5] == ["Osäker dokumentation gällande personalärenden", "Möjlig", "Allvarig", "12"]
    matrix = next(t for t in tables if t[0][0] == "Sannolikhet")
    assert "12 Hög: R3, R4, R5" in [c for row in matrix for c in row]
    report = tmp_path / "delar.docx"
    tertial.run("export", "sdkp-sn-uppdragsplan-2020-2023", "--format", "docx", "--report", "delar", "--year", "2020", "-o", str(report))
    word = docx.Document(str(report))
    overdue = next(t for t in word.tables if [c.text for c in t.rows[0].cells] == ["Risk", "Kontrollmoment", "Tillfälle", "Ansvarig"])
    occasions = [[c.text for c in r.cells] for r in overdue.rows[1:]]
    # five controls three times a year, April and August each, none reported in the seed
    assert len(occasions) == 10 and ["Sjuktal", "Analys av sjuktal per enhet och verksamhet", "2020-08-31", "HR-konsult"] in occasions
    assert any(p.text == "10 kontrolltillfällen till och med 2020-08-31 saknar resultat och är försenade." for p in word.paragraphs)
