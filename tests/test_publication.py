"""Issue 25: publication for citizens — the web edition, open data with a DCAT-AP-SE catalogue, accessible
public pages and documents, compressed and cacheable public answers."""
import csv
import gzip
import io
import json
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import create_admin, sign_in, wait_for_text
from test_accessibility import AXE_SOURCE

PLAN = "/planer/mark-sn-namndplan-2024-2025"
EDITION = "/publicerat/mark-sn-namndplan-2024-2025/plan"
INDICATOR = PLAN + "/indikatorer/mark-sn-handlaggningstid-familjeenheten"
AA_AND_BEST_PRACTICE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def publish(browser, server, what="plan", year=None, body="Socialnämnden", date="2023-11-22", paragraph="123"):
    browser.get(server.url + PLAN + "/publicering")
    browser.find_element(By.ID, f"vad-{what}").click()
    if year:
        browser.find_element(By.CSS_SELECTOR, f"#f-ar option[value='{year}']").click()
    for field, value in (("f-organ", body), ("f-datum", date), ("f-paragraf", paragraph)):
        element = browser.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    browser.find_element(By.XPATH, "//button[normalize-space()='Publicera']").click()
    wait_for_text(browser, (By.TAG_NAME, "main"), "Publicerat (")


def page_text(browser, server, path):
    browser.get(server.url + path)
    return browser.find_element(By.TAG_NAME, "main").text


def overflow(browser):
    return browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def axe(browser):
    browser.execute_script(AXE_SOURCE)
    browser.set_script_timeout(60)
    results = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done).catch(function (e) { done({violations: [{id: 'axe-error', impact: 'n/a', help: String(e), nodes: []}]}); });",
        AA_AND_BEST_PRACTICE)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]


@pytest.fixture
def published(server, browser, tmp_path):
    """Mark's plan published by a signed-in administrator, and its annual report for 2024; then signed out."""
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    publish(browser, server)
    publish(browser, server, what="helar", year="2024", date="2025-02-20", paragraph="§ 12")
    return browser


def test_a_published_plan_is_a_frozen_web_edition_with_the_same_figures_as_its_open_data(server, published):
    browser = published
    start = page_text(browser, server, EDITION)
    assert "Fastställd av Socialnämnden 2023-11-22, § 123" in start
    assert "Utgåva 1, publicerad" in start and "ur planversion 1" in start
    chapters = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".chapter-menu a")]
    assert len(chapters) >= 3, chapters
    # readable at 1366 and 390 px: no page wider than the screen, the start page and every chapter
    texts = {}
    for width in (1366, 390):
        browser.set_window_size(width, 900)
        for url in [server.url + EDITION] + chapters:
            browser.get(url)
            assert overflow(browser) <= 1, f"{url} overflows by {overflow(browser)} px at {width} px"
            texts[url] = browser.find_element(By.TAG_NAME, "main").text
    everything = "\n".join(texts.values())
    # the CSV has the same figures as the pages: every target, and every outcome the plan prints
    status, headers, published_csv = fetch(server.url + EDITION + "/data/mal-och-indikatorer.csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(published_csv.decode("utf-8"))))
    targets = [r for r in rows if r["typ"] == "malvarde"]
    outcomes = [r for r in rows if r["typ"] == "utfall" and r["varde"]]
    assert len(targets) >= 10 and len(outcomes) >= 10, (len(targets), len(outcomes))
    for row in targets:
        assert row["varde_text"] in everything, row
        if row["varde"]:  # the machine-read number is the printed one
            printed = re.search(r"-?\d[\d ]*(,\d+)?", row["varde_text"].replace("\u00a0", " ")).group(0)
            assert float(printed.replace(" ", "").replace(",", ".")) == float(row["varde"]), row
    shown = [r for r in outcomes if r["varde_text"] in everything]
    assert len(shown) >= len(outcomes) // 2, f"{len(shown)} of {len(outcomes)} outcomes on the pages"
    # JSON: the same rows, numbers as numbers
    status, _, body = fetch(server.url + EDITION + "/data/mal-och-indikatorer.json")
    data = json.loads(body)
    assert status == 200 and len(data) == len(rows)
    assert all(isinstance(r["varde"], (int, float)) or r["varde"] is None for r in data)
    # the working plan changes — a target, and an outcome the public plan page shows at once; the edition does not
    browser.get(server.url + INDICATOR)
    target = browser.find_element(By.ID, "f-target-2025")
    target.clear()
    target.send_keys("≤77")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara indikator']").click()
    wait_for_text(browser, (By.TAG_NAME, "main"), "Nämndplan 2024-2025")
    browser.get(server.url + PLAN + "/utfall?ar=2023")
    browser.find_element(By.ID, "c-u.mark-sn-handlaggningstid-familjeenheten").send_keys("93")
    browser.find_element(By.XPATH, "//button[normalize-space()='Spara']").click()
    wait_for_text(browser, (By.CLASS_NAME, "notice"), "1 värde sparat")
    new_outcome = ",utfall,2023,2023,totalt,93,93"
    assert fetch(server.url + EDITION + "/data/mal-och-indikatorer.csv")[2] == published_csv
    assert new_outcome not in published_csv.decode() and "≤77" not in published_csv.decode()
    for url in texts:
        browser.get(url)
        assert "≤77" not in browser.find_element(By.TAG_NAME, "main").text
    # publishing again makes edition 2 with the new outcome (targets stay as adopted: the change is not adopted);
    # edition 1 is replaced but still readable, unchanged
    publish(browser, server)
    second = fetch(server.url + EDITION + "/data/mal-och-indikatorer.csv")[2].decode()
    assert new_outcome in second and "≤77" not in second
    old = page_text(browser, server, EDITION + "?utgava=1")
    assert "Den här utgåvan ersattes" in old
    assert fetch(server.url + EDITION + "/data/mal-och-indikatorer.csv?utgava=1")[2] == published_csv


def test_publishing_refuses_what_it_cannot_name_and_keeps_the_form(server, browser, tmp_path):
    create_admin(tmp_path / "serve.sqlite")
    sign_in(browser, server, "ada")
    browser.get(server.url + PLAN + "/publicering")
    browser.find_element(By.ID, "vad-delar").click()
    browser.find_element(By.ID, "f-organ").send_keys("Socialnämnden")
    browser.find_element(By.ID, "f-datum").send_keys("20 februari")
    browser.find_element(By.XPATH, "//button[normalize-space()='Publicera']").click()
    wait_for_text(browser, (By.CLASS_NAME, "error-summary"), "är inget datum")
    assert browser.find_element(By.ID, "f-organ").get_attribute("value") == "Socialnämnden"
    assert browser.find_element(By.ID, "vad-delar").is_selected()
    # nothing was published
    assert "Inget är publicerat ännu" in page_text(browser, server, "/publicerat")
    # the audit trail names each publication
    publish(browser, server)
    assert "publicering" in page_text(browser, server, "/granskning")


def test_every_public_page_passes_axe_with_best_practice_at_both_widths(server, published):
    browser = published
    browser.find_element(By.CSS_SELECTOR, ".account-nav button").click()
    browser.get(server.url + EDITION)
    chapters = [a.get_attribute("href").replace(server.url, "") for a in browser.find_elements(By.CSS_SELECTOR, ".chapter-menu a")]
    report = "/publicerat/mark-sn-namndplan-2024-2025/helar-2024"
    # the published pages, and every page of the public plans a visitor can reach without signing in
    public_plans = ["/planer/mark-sn-namndplan-2024-2025", "/planer/lkpg-son-internbudget-2021", "/planer/sdkp-sn-uppdragsplan-2020-2023"]
    plan_pages = [p + suffix for p in public_plans for suffix in ("", "/ekonomi", "/aktiviteter", "/internkontroll", "/texter")]
    pages = ["/", "/publicerat", EDITION, *chapters, report, report + "/1", "/oppna-data", "/tillganglighet", "/sok?q=barn", *plan_pages]
    failures = {}
    for width in (1366, 390):
        browser.set_window_size(width, 900)
        for path in pages:
            browser.get(server.url + path)
            problems = axe(browser)
            if overflow(browser) > 1:
                problems.append(f"page overflows by {overflow(browser)} px")
            if problems:
                failures[f"{path} @{width}"] = problems
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_the_public_pages_work_by_keyboard_alone(server, published):
    browser = published
    browser.find_element(By.CSS_SELECTOR, ".account-nav button").click()
    browser.get(server.url + EDITION)
    from selenium.webdriver.common.keys import Keys
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Hoppa till innehållet"
    # tab until the first chapter link has focus, then follow it with Enter
    first = browser.find_element(By.CSS_SELECTOR, ".chapter-menu a")
    for _ in range(80):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element == first:
            break
    assert browser.switch_to.active_element == first
    title = first.text
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for_text(browser, (By.TAG_NAME, "h1"), title)
    # every footer page is reachable: the statement names the supervisory authority and how to report
    statement = page_text(browser, server, "/tillganglighet")
    assert "Digg" in statement and "Rapportera brister" in statement
    assert browser.find_element(By.CSS_SELECTOR, ".site-footer a[href='/tillganglighet']")


def test_the_dcat_catalogue_parses_and_every_distribution_answers(server, published):
    rdflib = pytest.importorskip("rdflib")
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
    status, headers, body = fetch(server.url + "/oppna-data/katalog.rdf")
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")
    graph = rdflib.Graph().parse(data=body, format="xml")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert datasets == set(graph.objects(catalogues[0], DCAT.dataset))
    # the municipality's three datasets and each current edition's three (plan and annual report)
    assert len(datasets) == 3 + 3 * 2, len(datasets)
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.title) and graph.value(dataset, DCTERMS.description), dataset
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert str(graph.value(publisher, FOAF.name)) == "Marks kommun"
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            assert str(graph.value(distribution, DCTERMS.license)) == "https://creativecommons.org/publicdomain/zero/1.0/"
            url = str(graph.value(distribution, DCAT.downloadURL))
            assert url == str(graph.value(distribution, DCAT.accessURL))
            status, headers, content = fetch(url)
            assert status == 200, url
            assert content.strip(), url


def test_public_answers_are_compressed_and_revalidated_while_signed_in_ones_are_not_kept(server, published):
    for path in ("/", "/publicerat", EDITION, PLAN, "/oppna-data/katalog.rdf", "/sitemap.xml"):
        status, headers, body = fetch(server.url + path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", (path, headers)
        plain = gzip.decompress(body)
        assert len(body) < len(plain) / 2, (path, len(body), len(plain))
        assert headers["Cache-Control"].startswith("public"), (path, headers)
        assert "Set-Cookie" not in headers, path
        etag = headers["ETag"]
        again, again_headers, again_body = fetch(server.url + path, {"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert again == 304 and again_body == b"" and again_headers["ETag"] == etag, (path, again)
    # an edition may be kept a while; a page with live figures is revalidated every time
    assert "max-age=300" in fetch(server.url + EDITION)[1]["Cache-Control"]
    assert fetch(server.url + PLAN)[1]["Cache-Control"] == "public, no-cache"
    # a signed-in person's page is never kept, not even the same public plan
    cookies = {c["name"]: c["value"] for c in published.get_cookies()}
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    for path in ("/", PLAN, EDITION):
        status, headers, _ = fetch(server.url + path, {"Cookie": cookie, "Accept-Encoding": "gzip"})
        assert status == 200 and headers["Cache-Control"] == "no-store" and "ETag" not in headers, (path, headers)
    # the sign-in page sets a cookie and is never public
    status, headers, _ = fetch(server.url + "/logga-in")
    assert "public" not in headers.get("Cache-Control", ""), headers


def test_the_sitemap_lists_every_published_page_and_robots_points_to_it(server, published):
    status, _, body = fetch(server.url + "/sitemap.xml")
    assert status == 200
    import xml.etree.ElementTree as ET
    urls = [e.text for e in ET.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert server.url + EDITION in urls and server.url + "/publicerat/mark-sn-namndplan-2024-2025/helar-2024" in urls
    assert server.url + EDITION + "/1" in urls
    for url in urls:
        assert fetch(url)[0] == 200, url
    robots = fetch(server.url + "/robots.txt")[2].decode()
    assert f"Sitemap: {server.url}/sitemap.xml" in robots
    # the start page links to what each municipality has published
    home = fetch(server.url + "/")[2].decode()
    assert 'href="/publicerat#m-mark"' in home


def test_the_plan_pdf_is_tagged_with_an_outline_and_the_docx_is_structured(server, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    status, _, pdf = fetch(server.url + PLAN + "/dokument?format=pdf")
    assert status == 200
    (tmp_path / "plan.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "plan.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M), info
    outline = pypdf.PdfReader(io.BytesIO(pdf)).outline
    def flatten(items):
        for item in items:
            yield from flatten(item) if isinstance(item, list) else [item.title]
    titles = list(flatten(outline))
    assert len(titles) >= 5, titles
    status, _, word = fetch(server.url + PLAN + "/dokument?format=docx")
    document = docx.Document(io.BytesIO(word))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) >= 10
    assert document.styles["Heading 1"].paragraph_format.keep_with_next
    from docx.oxml.ns import qn
    assert all(table.rows[0]._tr.trPr is not None and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for table in document.tables)
    language = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang")).get(qn("w:val"))
    assert language == "sv-SE"
    pictures = document.inline_shapes
    assert all(shape._inline.docPr.get("descr") for shape in pictures)


def chromium_children(server):
    """The warm PDF browser the server started (its main process: the one with the DevTools pipe)."""
    out = subprocess.run(["pgrep", "-P", str(server.process.pid), "-f", "remote-debugging-pipe"], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def test_pdfs_come_from_one_warm_browser_that_is_replaced_when_it_dies(server, browser, tmp_path):
    import os
    import signal
    import time
    # the first PDF starts the browser; the second uses the same one
    assert fetch(server.url + PLAN + "/dokument?format=pdf")[0] == 200
    first = chromium_children(server)
    assert len(first) == 1, first
    status, headers, pdf = fetch(server.url + PLAN + "/rapport?typ=delar&ar=2024&format=pdf")
    assert status == 200 and pdf.startswith(b"%PDF") and chromium_children(server) == first
    # when it dies, the next PDF is printed by a new one, and nothing fails
    os.kill(first[0], signal.SIGKILL)
    time.sleep(0.5)
    status, _, pdf = fetch(server.url + PLAN + "/dokument?format=pdf")
    assert status == 200 and pdf.startswith(b"%PDF")
    second = chromium_children(server)
    assert len(second) == 1 and second != first
    # the browser goes when the server stops (killed at shutdown; its DevTools pipe closes in any case)
    server.stop()
    for _ in range(40):
        state = subprocess.run(["ps", "-o", "stat=", "-p", str(second[0])], capture_output=True, text=True).stdout.strip()
        if not state or state.startswith("Z"):
            break
        time.sleep(0.25)
    assert not state or state.startswith("Z"), f"the browser {second[0]} outlived the server ({state})"


def test_a_pdf_download_shows_progress_and_arrives(server, tmp_path):
    from conftest import make_browser
    import time
    downloads = tmp_path / "nedladdat"
    downloads.mkdir()
    browser = make_browser(download_dir=downloads)
    try:
        browser.get(server.url + PLAN)
        browser.find_element(By.CSS_SELECTOR, "details.downloads summary").click()
        browser.find_element(By.CSS_SELECTOR, "a[data-pdf]").click()
        status = browser.find_element(By.CSS_SELECTOR, ".download-status")
        assert status.text.startswith("Skapar PDF")
        wait_for_text(browser, (By.CSS_SELECTOR, ".download-status"), "PDF klar", timeout=60)
        for _ in range(40):
            files = [f for f in downloads.iterdir() if f.suffix == ".pdf"]
            if files:
                break
            time.sleep(0.25)
        assert [f.name for f in files] == ["Nämndplan 2024-2025 – Socialnämnden.pdf"]
        assert files[0].read_bytes().startswith(b"%PDF")
    finally:
        browser.quit()


FIGURE = re.compile(r"^[≤≥<>=~±+\-−]?\s?[−-]?\d{1,3}(\s\d{3})+([,.]\d+)?(\s?%)?$|^[≤≥<>=]\s?[−-]?\d+([,.]\d+)?(\s?%)?$")


def squeeze(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def pages_of(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[squeeze(line) for line in page.splitlines() if squeeze(line)] for page in text.split("\f")]


def test_no_figure_is_split_in_a_cell_and_no_heading_ends_a_page(sqlite_tertial, tmp_path):
    tertial = sqlite_tertial
    """A plan and reports full of follow-up data, printed by Chromium (PDF) and by LibreOffice (from the DOCX):
    every cell that is a figure ("≤64 000", "= 100%", "1 560 188") stands whole on one line, and no page ends
    with a heading."""
    import docx
    from conftest import DEMO_FILES
    tertial.run("import", *map(str, DEMO_FILES))
    tertial.run("demo", "generate", "--size", "small", "--seed", "1", "--out", str(tmp_path / "syn"))
    committee = sorted((tmp_path / "syn").glob("storstad-n01-*.json"))[0]
    tertial.run("import", str(committee))
    cases = [("mark-sn-namndplan-2024-2025", []), ("mark-sn-namndplan-2024-2025", ["--report", "delar", "--year", "2024"]),
             ("lkpg-son-internbudget-2021", []), (committee.stem, ["--report", "helar", "--year", "2026"])]
    problems = []
    for number, (plan, extra) in enumerate(cases):
        word, pdf = tmp_path / f"{number}.docx", tmp_path / f"{number}-chromium.pdf"
        tertial.run("export", plan, "--format", "docx", *extra, "-o", str(word))
        tertial.run("export", plan, "--format", "pdf", *extra, "-o", str(pdf))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(word)],
                       capture_output=True, timeout=300, check=True)
        document = docx.Document(str(word))
        figures = {squeeze(p.text) for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
                   if FIGURE.match(squeeze(p.text))}
        headings = {squeeze(p.text) for p in document.paragraphs if p.style.name.startswith("Heading") and squeeze(p.text)}
        assert len(figures) >= 10 and len(headings) >= 5, (plan, extra, len(figures), len(headings))
        for printer, printed in (("Chromium", pdf), ("LibreOffice", tmp_path / "lo" / f"{number}.pdf")):
            pages = pages_of(printed)
            text = "\n".join(line for page in pages for line in page)
            split = sorted(f for f in figures if f not in text)
            if split:
                problems.append(f"{printer}, {plan} {extra}: split in a cell: {split[:8]}")
            for index, page in enumerate(pages[:-1], 1):
                body = [line for line in page if not re.match(r"^(Sida \d+ av \d+|\d+)$", line)]
                if body and body[-1] in headings:
                    problems.append(f"{printer}, {plan} {extra}: page {index} ends with the heading {body[-1]!r}")
    assert not problems, "\n".join(problems)
