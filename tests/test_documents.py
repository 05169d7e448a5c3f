"""Documents through the command line, read back by independent readers: python-docx and LibreOffice
for Word, poppler for PDF, openpyxl for Excel, Python's zip and csv for CSV.

The fidelity report (every goal/indicator/tracking-measure and economy table cell of the seeds) is written to
test-artifacts/fidelity-report.txt; first pages of each document as PNG go to test-artifacts/documents/.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest

import fidelity
from conftest import ARTIFACTS, DEMO_FILES, DEMO_PLAN_IDS, PLAN_IDS

FORMATS = ["docx", "pdf", "html", "xlsx", "csv"]
DEMO_FILES_BY_ID = {json.loads(f.read_text())["plan"]["id"]: f for f in DEMO_FILES}
PAGES = ARTIFACTS / "documents"


def pdf_text(path):
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, timeout=60).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def contents_pages_are_right(pdf):
    """Every line of the PDF's table of contents ends in the page its section starts on: the title is on that page."""
    pages = [pdf_text_page(pdf, n) for n in range(1, pdf_pages(pdf) + 1)]
    contents = next(p for p in pages if "Innehållsförteckning" in p)
    entries = re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", contents, flags=re.M)
    assert len(entries) >= 8, f"contents without page numbers: {contents[:500]}"
    for title, page in entries:
        text = re.sub(r"\s+", " ", pages[int(page) - 1])
        assert title[:25] in text, f"{title!r} is not on page {page}"
    return len(entries)


def pdf_text_page(path, page):
    result = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, timeout=60)
    return result.stdout.decode()


def first_pages_as_png(pdf, name, pages=3):
    PAGES.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(pages), str(pdf), str(PAGES / name)], check=True, timeout=120)


def libreoffice_pdf(docx_path, out_dir):
    """DOCX → PDF with LibreOffice, in a profile of its own so parallel runs cannot collide."""
    profile = out_dir / "lo-profile"
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(out_dir), str(docx_path)], capture_output=True, timeout=240)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists(), f"LibreOffice could not convert {docx_path.name}: {result.stderr.decode()}"
    return pdf


@pytest.fixture
def demo(tertial):
    tertial.run("import", *map(str, DEMO_FILES))
    return tertial


def export(tertial, plan_id, fmt, out, *extra):
    tertial.run("export", plan_id, "--format", fmt, *extra, "-o", str(out))
    assert out.exists() and out.stat().st_size > 0
    return out


def test_every_demo_plan_exports_in_every_format_and_again_to_the_same_bytes(demo, tmp_path):
    for plan_id in DEMO_PLAN_IDS:
        for fmt in FORMATS:
            first = export(demo, plan_id, fmt, tmp_path / f"{plan_id}.{fmt}")
            second = export(demo, plan_id, fmt, tmp_path / f"{plan_id}-again.{fmt}")
            assert first.read_bytes() == second.read_bytes(), f"{plan_id} {fmt} differs between two exports"

        word = docx.Document(str(tmp_path / f"{plan_id}.docx"))
        headings = [p for p in word.paragraphs if p.style.name.startswith("Heading")]
        assert headings, "no paragraph uses Word's heading styles"
        for table in word.tables:
            assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "table header row does not repeat on new pages"
        section = word.sections[0]
        assert "kommun" in section.header.paragraphs[0].text
        assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
        # An adopted plan is frozen as version 1 on import; the demo's unit plan is a draft, its working version.
        adopted = json.loads(DEMO_FILES_BY_ID[plan_id].read_text())["plan"]["status"] == "adopted"
        source = "Underlag: Planversion 1" if adopted else "Underlag: Arbetsversion; planen har ingen fryst version"
        assert any(p.text.startswith(source) for p in word.paragraphs), "the cover does not say which version"

        text = pdf_text(tmp_path / f"{plan_id}.pdf")
        assert "Innehållsförteckning" in text
        assert re.search(r"Sida 2 av \d+", text), "no page numbers in the PDF"
        assert pdf_pages(tmp_path / f"{plan_id}.pdf") >= 3
        contents_pages_are_right(tmp_path / f"{plan_id}.pdf")

        workbook = openpyxl.load_workbook(tmp_path / f"{plan_id}.xlsx")
        assert workbook.sheetnames[0] == "Innehåll"
        assert len(workbook.sheetnames) == len(word.tables) + 1, "one sheet per table"

        with zipfile.ZipFile(tmp_path / f"{plan_id}.csv") as archive:
            names = archive.namelist()
            assert len(names) == len(word.tables)
            for name in names:
                data = archive.read(name).decode("utf-8")
                assert data.startswith("\ufeff")
                rows = list(csv.reader(io.StringIO(data[1:]), delimiter=";"))
                assert len({len(r) for r in rows}) == 1, f"{name}: ragged rows"


def test_html_is_a_print_document_with_contents_and_page_breaks(demo, tmp_path):
    page = export(demo, "mark-sn-namndplan-2024-2025", "html", tmp_path / "plan.html").read_text()
    assert '<nav class="toc"' in page and 'href="#s1"' in page
    assert "@page" in page and "size: A4" in page and "counter(page)" in page
    assert "section.d1 { break-before: page; }" in page
    assert '<span class="num">4.1</span> Strategiska områden' in page


def test_figures_are_numbers_in_excel_and_in_csv(demo, tmp_path):
    workbook = openpyxl.load_workbook(export(demo, "mark-sn-namndplan-2024-2025", "xlsx", tmp_path / "plan.xlsx"))
    cells = {}
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows():
            if row[0].value:
                cells[row[0].value] = row
    handling = cells["Handläggningstider vid familjeenheten (dagar)"]
    assert [c.value for c in handling[1:4]] == [118, 116, 108]
    assert handling[4].value == "≤108", "targets stay text as printed"
    days = cells["Barn och ungdom, totalt antal vård dygn i familjehem"]
    assert days[1].value == 17349 and days[1].number_format == "#,##0"
    sick = cells["Sjukfrånvaro alla anställda (%)"]
    assert sick[1].value == pytest.approx(0.082) and sick[1].number_format == "0.0%"

    with zipfile.ZipFile(export(demo, "mark-sn-namndplan-2024-2025", "csv", tmp_path / "plan.csv")) as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "Barn och ungdom, totalt antal vård dygn i familjehem;17349;16045;17650" in text
    assert "Sjukfrånvaro alla anställda (%);8,2 %;9,3 %;8,6 %" in text
    assert ";'=0;" in text, "a target that looks like a formula is guarded"


# The printed totals of the seeds that their own lines do not add up to (see fidelity.SEED_TOTALS_DISAGREE):
# Linköping's investment sum and summary (800 a year over empty lines), Söderköping's Budget 2021 (off by one).
# Totals the seeds print that Tertial prints otherwise: none — every stated total (Söderköping's − 284 000, Linköping's
# 800 tkr of investments over empty lines and its summary table) is printed as adopted (issue 22).
SEED_TOTALS_THAT_DISAGREE = {"lkpg-son-internbudget-2021": 0, "sdkp-sn-uppdragsplan-2020-2023": 0, "mark-sn-namndplan-2024-2025": 0}


def test_documents_hold_every_goal_indicator_and_economy_table_cell_of_the_seeds(demo, tmp_path):
    reports, texts = [], []
    for plan_id in PLAN_IDS:
        path = export(demo, plan_id, "docx", tmp_path / f"{plan_id}.docx")
        reports.append(fidelity.check(plan_id, path))
        texts.append(fidelity.check_text(plan_id, path))
    text = "\n\n".join(r.text() for r in reports + texts) + "\n"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "fidelity-report.txt").write_text(text)
    print("\n" + text)
    for report in reports:
        assert report.tables > 0 and report.rows > 0
        assert report.complete, report.text()
        assert len(report.disagreeing) == SEED_TOTALS_THAT_DISAGREE[report.plan_id], report.text()
        assert not any("Nettokostnad" in d or "Driftbudget" in d or "(tkr)" in d for d in report.deferred), "economy tables are checked"
    # Every text section of every seed, in the seed's order (issue 11).
    for report in texts:
        assert report.paragraphs > 25 and report.complete, report.text()


def test_text_fidelity_finds_a_missing_paragraph_and_one_out_of_order(demo, tmp_path):
    path = export(demo, "mark-sn-namndplan-2024-2025", "docx", tmp_path / "plan.docx")
    word = docx.Document(str(path))
    paragraphs = {p.text[:40]: p for p in word.paragraphs}
    vision = next(p for key, p in paragraphs.items() if key.startswith("En nära kommun med människan i fokus"))
    vision.text = "Något annat."
    # The closing sentence of the investment comment moved to the front of the document.
    moved = next(p for key, p in paragraphs.items() if key.startswith("Socialnämndens investeringar består"))
    word.paragraphs[0]._p.addprevious(moved._p)
    word.save(str(tmp_path / "changed.docx"))
    report = fidelity.check_text("mark-sn-namndplan-2024-2025", tmp_path / "changed.docx")
    assert not report.complete
    assert any("En nära kommun med människan i fokus" in m for m in report.missing), report.text()
    assert report.out_of_order, report.text()


def test_fidelity_check_finds_a_changed_cell(demo, tmp_path):
    # The check itself must be able to fail: change one printed target and it is reported.
    path = export(demo, "mark-sn-namndplan-2024-2025", "docx", tmp_path / "plan.docx")
    word = docx.Document(str(path))
    for table in word.tables:
        for row in table.rows:
            if row.cells[0].text.startswith("Handläggningstider vid familjeenheten"):
                row.cells[5].paragraphs[0].runs[0].text = "≤99"
    word.save(str(tmp_path / "changed.docx"))
    report = fidelity.check("mark-sn-namndplan-2024-2025", tmp_path / "changed.docx")
    assert not report.complete
    assert any("seed '≤100' vs document '≤99'" in p for p in report.problems), report.text()


def test_libreoffice_opens_every_docx_with_contents_and_page_numbers(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    for plan_id in PLAN_IDS:
        pdf = libreoffice_pdf(export(sqlite_tertial, plan_id, "docx", tmp_path / f"{plan_id}.docx"), tmp_path)
        text = pdf_text(pdf)
        assert "Innehållsförteckning" in text
        # Each contents line ends in the page its heading is on (LibreOffice fills in the PAGEREF fields).
        entries = re.findall(r"^\s*(\S.+?)\.{4,}\s*(\d+)\s*$", text, flags=re.M)
        assert len(entries) >= 8, f"{plan_id}: contents without page numbers"
        for title, page in entries:
            assert title.strip()[:25] in re.sub(r"\s+", " ", pdf_text_page(pdf, int(page))), f"{plan_id}: {title!r} is not on page {page}"
        assert re.search(r"Sida 2 av \d+", text)
        first_pages_as_png(pdf, f"{plan_id}-docx", pages=4)


def test_follow_up_reports_as_word_and_pdf(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    for kind, title in [("tertial", "Tertialrapport 1 2024"), ("delar", "Delårsrapport 2024"), ("helar", "Årsrapport 2024")]:
        path = export(sqlite_tertial, "mark-sn-namndplan-2024-2025", "docx", tmp_path / f"{kind}.docx", "--report", kind, "--year", "2024")
        word = docx.Document(str(path))
        texts = [p.text for p in word.paragraphs]
        assert any(t.startswith(title) for t in texts), texts[:5]
        assert "2 Måluppfyllelse" in texts
        statuses = [p.text for p in word.paragraphs if p.style.name == "Status"]
        assert statuses and all(s[0] in "●◐○–" for s in statuses), statuses
        header = [c.text for c in word.tables[1].rows[0].cells]
        assert header[0] == "Indikator" and header[-2:] == ["Mål 2024", "Status"]
        with zipfile.ZipFile(path) as archive:
            assert any(n.startswith("word/charts/chart") for n in archive.namelist()), "no charts in the report"
    pdf = libreoffice_pdf(tmp_path / "delar.docx", tmp_path)
    assert "Delårsrapport 2024" in pdf_text(pdf)
    first_pages_as_png(pdf, "mark-delarsrapport-2024-docx", pages=4)
    chromium_pdf = export(sqlite_tertial, "mark-sn-namndplan-2024-2025", "pdf", tmp_path / "delar.pdf", "--report", "delar", "--year", "2024")
    first_pages_as_png(chromium_pdf, "mark-delarsrapport-2024-pdf", pages=4)


def test_chromium_pdf_pages_are_kept_for_a_look(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    for plan_id in PLAN_IDS:
        first_pages_as_png(export(sqlite_tertial, plan_id, "pdf", tmp_path / f"{plan_id}.pdf"), f"{plan_id}-pdf", pages=4)


def test_pdf_without_chromium_says_what_to_install(sqlite_tertial, tmp_path):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    env = dict(sqlite_tertial.env, TERTIAL_CHROMIUM=str(tmp_path / "no-such-browser"))
    out = tmp_path / "plan.pdf"
    result = subprocess.run([os.environ.get("TERTIAL_BIN", "tertial"), "export", "mark-sn-namndplan-2024-2025", "--format", "pdf",
                             "-o", str(out), *sqlite_tertial.db_args], env=env, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr.decode() and "TERTIAL_CHROMIUM" in result.stderr.decode()
    assert not out.exists()


@pytest.mark.parametrize("args, code, message", [
    (["--format", "odt"], 2, 'okänt format "odt"'),
    (["--format", "docx", "--report", "tertial"], 2, "--report och --year anges tillsammans"),
    (["--format", "docx", "--report", "kvartal", "--year", "2024"], 2, 'okänd rapport "kvartal"'),
    (["--format", "docx", "--version", "9"], 1, "har ingen version 9"),
    (["--report", "helar", "--year", "2024"], 2, "gäller dokument, inte json"),
])
def test_wrong_export_arguments_are_refused_with_a_reason(sqlite_tertial, args, code, message):
    sqlite_tertial.run("import", *map(str, DEMO_FILES))
    result = sqlite_tertial.run("export", "mark-sn-namndplan-2024-2025", *args, check=False)
    assert result.returncode == code
    assert message in result.stderr.decode()


def pdf_words(path):
    """Every word of a PDF with its page width and box, read by poppler (pdftotext -bbox)."""
    result = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    words = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', result.stdout.decode(), flags=re.S):
        width = float(page.group(1))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', page.group(2)):
            words.append((width, float(m.group(1)), float(m.group(2)), m.group(3).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")))
    return words


LONG_TARGET = "Minst 95 % av alla ärenden ska vara avslutade inom 120 dagar från ansökan"


def plan_full_of_follow_up(tmp_path):
    """Mark's plan with a tertial, two-tertial and delår outcome and forecast for every indicator in
    2024 (five-digit figures) and a long text target on every third indicator."""
    mark = json.loads((DEMO_FILES_BY_ID["mark-sn-namndplan-2024-2025"]).read_text())
    n = 0
    for goal in mark["goals"]:
        for indicator in goal["indicators"]:
            for period in ["2024-T1", "2024-T2", "2024-D"]:
                for kind in ["outcome", "forecast"]:
                    indicator.setdefault("values", []).append({"period": period, "gender": "total", "kind": kind, "value": f"{21000 + n * 7:,}".replace(",", " ")})
            if n % 3 == 0:
                indicator.setdefault("targets", {})["2025"] = LONG_TARGET
            n += 1
    path = tmp_path / "mark-full.json"
    path.write_text(json.dumps(mark, ensure_ascii=False))
    return path, n


def test_plan_documents_full_of_follow_up_data_fit_the_page(tertial, tmp_path):
    # given a plan with a year of follow-up data and long text targets
    path, indicators = plan_full_of_follow_up(tmp_path)
    tertial.run("import", str(path))
    # when it is printed as PDF (Chromium) and as Word (read through LibreOffice)
    pdf = export(tertial, "mark-sn-namndplan-2024-2025", "pdf", tmp_path / "full.pdf")
    word = export(tertial, "mark-sn-namndplan-2024-2025", "docx", tmp_path / "full.docx")
    word_pdf = libreoffice_pdf(word, tmp_path)
    first_pages_as_png(pdf, "full-follow-up-pdf", pages=8)
    first_pages_as_png(word_pdf, "full-follow-up-docx", pages=8)
    headings = {w for table in docx.Document(str(word)).tables for cell in table.rows[0].cells for w in cell.text.split() if len(w) >= 5}
    for name, document in [("PDF", pdf), ("Word", word_pdf)]:
        words = pdf_words(document)
        # then no word runs off the page, page by page
        off = [(w, x0, x1) for width, x0, x1, w in words if x1 > width - 10 or x0 < 0]
        assert not off, f"{name}: text outside the page: {off[:10]}"
        # the long text target is there whole (it wraps), and no heading or figure is broken inside a word
        present = {w for _, _, _, w in words}
        assert set(LONG_TARGET.split()) <= present, f"{name}: the long target is clipped: {set(LONG_TARGET.split()) - present}"
        # A heading with a soft hyphen (U+00AD, "Sanno­likhet") may break there, and only there.
        def whole(w):
            parts = w.split("\u00ad")
            return w.replace("\u00ad", "") in present or (len(parts) > 1 and f"{parts[0]}-" in present and all(p in present for p in parts[1:]))
        broken = {w for w in headings if not whole(w)}
        assert not broken, f"{name}: headings broken inside a word: {broken}"
        # the plan shows history and at most the latest follow-up: delår, not every tertial
        text = " ".join(w for _, _, _, w in words)
        assert "delår" in text
        assert "Tertial 1 2024" not in text and "tertial 1 2024" not in text, f"{name}: every follow-up period is printed"
