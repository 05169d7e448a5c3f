"""Kolada sync against a Kolada-compatible stand-in on 127.0.0.1 (tests/kolada_standin.py): several
pages, 30 municipality ids split into two requests, an injected 429 and 500 survived, a deleted value
recorded as deleted, a second run with --since fetching only changes; and the offline file import,
all or nothing."""
import json

import docx
import sqlite3
import urllib.error
import urllib.request

import pytest

import kolada_standin
from conftest import ARTIFACTS, Server, Tertial, clean_env, create_admin, sign_in, wait_for_text

MUNICIPALITIES = [f"{n:04d}" for n in range(560, 590)]


@pytest.fixture
def standin():
    server = kolada_standin.start()
    yield server
    server.shutdown()


@pytest.fixture
def kolada(tmp_path, standin):
    env = clean_env()
    env["KOLADA_BASE_URL"] = standin.base_url
    env["KOLADA_BACKOFF_MS"] = "10"
    return Tertial(env, ["--db", str(tmp_path / "tertial.sqlite")]), tmp_path / "tertial.sqlite"


def values(db, where="1=1"):
    with sqlite3.connect(db) as c:
        return c.execute(f"SELECT kpi, municipality, period, gender, value, is_deleted FROM kolada_values WHERE {where} ORDER BY 1, 2, 3, 4").fetchall()


def test_sync_pages_splits_ids_retries_and_a_second_run_fetches_only_changes(kolada, standin):
    tertial, db = kolada
    result = tertial.run("kolada", "sync", "--kpi", "U21468", "--municipality", ",".join(MUNICIPALITIES), "--year", "2021,2022,2023")
    assert "Källa: Kolada" in result.stdout.decode()
    log = [line for line in standin.log if "/data/" in line]
    # 30 ids are two requests of 25 and 5
    first = f"/v3/data/kpi/U21468/municipality/{','.join(MUNICIPALITIES[:25])}/year/2021,2022,2023"
    second = f"/v3/data/kpi/U21468/municipality/{','.join(MUNICIPALITIES[25:])}/year/2021,2022,2023"
    assert any(line.startswith(second + "?") for line in log)
    # 25 × 3 = 75 rows are two pages of 40 (next_url followed); the first page got a 429 and the
    # second a 500 (the stand-in's injected failures), each retried
    assert sum(line.startswith(first + "?per_page=") for line in log) == 2
    assert sum(line.startswith(first + "?page=2&") for line in log) == 2
    assert len(log) == 5
    assert all(len(segment.split(",")) <= 25 for line in log for segment in line.split("?")[0].split("/"))
    held = values(db)
    # every municipality and year, women and men; men 2021 is null in Kolada and held as no value
    assert len(held) == 30 * 3 * 3
    assert ("U21468", "0582", 2023, "T", str(kolada_standin.value("U21468", "0582", 2023)), 0) in held
    assert ("U21468", "0560", 2021, "M", None, 0) in held
    # a second run with --since fetches only the changes: a revised value and a deleted one
    standin.log.clear()
    tertial.run("kolada", "sync", "--kpi", "U21468", "--municipality", ",".join(MUNICIPALITIES), "--year", "2021,2022,2023", "--since", "2026-11-01")
    assert all("from_date=2026-11-01" in line for line in standin.log if "/data/" in line)
    assert values(db, "municipality = '0582' AND period = 2023 AND gender = 'T'")[0][4] == "99.9"
    assert {row[5] for row in values(db, "municipality = '0583' AND period = 2022")} == {1}
    with sqlite3.connect(db) as c:
        history = c.execute("SELECT value, snapshot_id, replaced_by_snapshot FROM kolada_value_versions "
                            "WHERE municipality = '0582' AND period = 2023 AND gender = 'T'").fetchall()
        snapshots = c.execute("SELECT id, rows, changed, finished_at IS NOT NULL FROM kolada_snapshots ORDER BY id").fetchall()
    assert history == [(str(kolada_standin.value("U21468", "0582", 2023)), 1, 2)]
    assert snapshots[0][1:] == (90, 270, 1) and snapshots[1][0] == 2 and snapshots[1][3] == 1


def test_the_standin_refuses_more_than_25_ids_and_a_group_names_its_members(kolada, standin):
    ids = ",".join(f"{n:04d}" for n in range(560, 586))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{standin.base_url}/data/kpi/U21468/municipality/{ids}")
    assert refused.value.code == 400
    tertial, db = kolada
    tertial.run("kolada", "sync", "--kpi", "U21468", "--group", "G1", "--year", "2023")
    assert sorted({row[1] for row in values(db)}) == ["0560", "0561", "0562", "0563", "0564"]


def test_an_unknown_kpi_answer_and_a_bad_flag_say_what_is_wrong(kolada):
    tertial, _ = kolada
    bad = tertial.run("kolada", "sync", "--kpi", "U21468", "--municipality", "580", check=False)
    assert bad.returncode == 2 and "fyra siffror med inledande nolla" in bad.stderr.decode()
    stray = tertial.run("kolada", "sync", "U21468", check=False)
    assert stray.returncode == 2 and "okänt argument \"U21468\"" in stray.stderr.decode()
    none = tertial.run("kolada", "sync", "--municipality", "0580", check=False)
    assert none.returncode == 2 and "inga indikatorer är kopplade till Kolada" in none.stderr.decode()


def test_offline_file_imports_all_or_nothing(kolada, tmp_path):
    tertial, db = kolada
    good = [{"kpi": "U21468", "municipality": "0580", "period": 2023, "values": [{"gender": "T", "count": 1, "status": "", "value": 81.5}]},
            {"kpi": "U21468", "municipality": "0000", "period": "2023", "values": [{"gender": "T", "count": 290, "status": "", "value": 83.0}]}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(good[0]) + "\n" + json.dumps({"kpi": "U21468", "period": 2023, "values": []}) + "\n")
    failed = tertial.run("kolada", "import", str(bad), check=False)
    assert failed.returncode == 1 and "bad.jsonl: rad 2: fältet \"municipality\" saknas" in failed.stderr.decode()
    assert "Inget importerades." in failed.stderr.decode() and values(db) == []
    file = tmp_path / "kolada.jsonl"
    file.write_text("\n".join(json.dumps(r) for r in good) + "\n")
    assert "2 rader" in tertial.run("kolada", "import", str(file)).stdout.decode()
    assert values(db) == [("U21468", "0000", 2023, "T", "83", 0), ("U21468", "0580", 2023, "T", "81.5", 0)]


def test_a_linked_indicator_is_compared_with_its_peers_the_group_and_the_country(tmp_path, standin, browser):
    from selenium.webdriver.common.by import By
    env = {"KOLADA_BASE_URL": standin.base_url, "KOLADA_BACKOFF_MS": "10"}
    server = Server(tmp_path, env=env)
    try:
        create_admin(tmp_path / "serve.sqlite")
        sign_in(browser, server, "ada")
        # the administrator gives Söderköping its code, two comparison municipalities and a Kolada group
        browser.get(server.url + "/admin/kommuner/soderkoping")
        for field, text in [("f-k.code", "0582"), ("f-k.comparisons", "0560, 0561"), ("f-k.group", "G1")]:
            browser.find_element(By.ID, field).send_keys(text)
        browser.find_element(By.XPATH, "//button[normalize-space()='Spara inställningar']").click()
        wait_for_text(browser, (By.CLASS_NAME, "notice"), "sparade")
        # a sync without municipalities fetches the own code, the comparisons, the group and the country
        sync = Tertial({**clean_env(), **env}, ["--db", str(tmp_path / "serve.sqlite")]).run("kolada", "sync", "--kpi", "U21468", "--year", "2021,2022,2023")
        assert "Källa: Kolada" in sync.stdout.decode()
        asked = next(line for line in standin.log if line.startswith("/v3/data/"))
        assert all(code in asked for code in ["0582", "0560", "0561", "0562", "0563", "0564", "0000"])
        # the demo indicator is linked to its KPI already (Söderköping's "Brukarbedömning, helhetssyn
        # äldreomsorg, Kolada"); a planner finds a KPI by its title and links another indicator to it
        path = "/planer/sdkp-sn-uppdragsplan-2020-2023/indikatorer/sdkp-sn-helhetssyn-aldreomsorg"
        browser.get(server.url + path)
        assert browser.find_element(By.ID, "f-sourceReference").get_attribute("value") == "U21468"
        other = "/planer/sdkp-sn-uppdragsplan-2020-2023/indikatorer/sdkp-sn-trygg-personalen"
        browser.get(server.url + other)
        assert browser.find_element(By.ID, "f-sourceReference").get_attribute("value") == ""
        browser.find_element(By.ID, "f-kolada").send_keys("hemtjänst")
        browser.find_element(By.XPATH, "//section[@id='kolada']//button[normalize-space()='Sök']").click()
        browser.find_element(By.PARTIAL_LINK_TEXT, "U21468").click()
        wait_for_text(browser, (By.TAG_NAME, "h1"), "Ändra indikator")
        assert browser.find_element(By.ID, "f-sourceReference").get_attribute("value") == "U21468"
        browser.find_element(By.XPATH, "//button[normalize-space()='Spara indikator']").click()
        wait_for_text(browser, (By.TAG_NAME, "h1"), "Uppdragsplan")
        assert len(browser.find_elements(By.CSS_SELECTOR, f"a[href='{other}/jamforelse']")) == 1
        # then the plan page links its comparison, which shows the own value, the peers, the group's average and Riket, credited
        browser.find_element(By.PARTIAL_LINK_TEXT, "Brukarbedömning, helhetssyn äldreomsorg").click()
        wait_for_text(browser, (By.TAG_NAME, "h1"), "Jämförelse")
        assert browser.current_url.endswith(path + "/jamforelse")
        table = browser.find_element(By.XPATH, "//table[starts-with(normalize-space(caption), 'Brukarbedömning')]")
        rows = [[c.text for c in r.find_elements(By.XPATH, "./td|./th")] for r in table.find_elements(By.XPATH, ".//tr")]
        assert rows[0] == ["Kommun", "2021", "2022", "2023"]
        # the comparison municipalities by Kolada's names, kept at the sync
        assert [r[0] for r in rows[1:]] == ["Söderköpings kommun (0582)", "Boxholm", "Åtvidaberg", "Medel Liknande kommuner, äldreomsorg", "Riket"]
        own_2023 = str(kolada_standin.value("U21468", "0582", 2023)).replace(".", ",")
        assert rows[1][3] == own_2023
        assert "Källa: Kolada" in browser.find_element(By.TAG_NAME, "main").text
        assert browser.find_element(By.CSS_SELECTOR, "figure svg[role=img]")
        browser.save_screenshot(str(ARTIFACTS / "kolada-comparison.png"))
        # the annual report compares too, and names the snapshot it used on its cover
        cli = Tertial({**clean_env(), **env}, ["--db", str(tmp_path / "serve.sqlite")])
        first = tmp_path / "helar-1.docx"
        cli.run("export", "sdkp-sn-uppdragsplan-2020-2023", "--format", "docx", "--report", "helar", "--year", "2023", "-o", str(first))
        word = docx.Document(str(first))
        assert any("Kolada: ögonblicksbild 1" in p.text for p in word.paragraphs)
        table = next(t for t in word.tables if t.rows[0].cells[0].text == "Kommun")
        assert table.rows[1].cells[3].text == own_2023
        # with its chart, a native Word chart whose series are the table's rows
        import zipfile
        with zipfile.ZipFile(first) as archive:
            charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/charts/chart")]
        assert any("Riket" in c and "Söderköpings kommun (0582)" in c for c in charts)
        # Kolada revises the value; the next report shows the new one, and the report rebuilt from
        # snapshot 1 is the first report, byte for byte
        cli.run("kolada", "sync", "--kpi", "U21468", "--year", "2021,2022,2023", "--since", "2026-11-01")
        latest = tmp_path / "helar-2.docx"
        cli.run("export", "sdkp-sn-uppdragsplan-2020-2023", "--format", "docx", "--report", "helar", "--year", "2023", "-o", str(latest))
        assert next(t for t in docx.Document(str(latest)).tables if t.rows[0].cells[0].text == "Kommun").rows[1].cells[3].text == "99,9"
        again = tmp_path / "helar-1-again.docx"
        cli.run("export", "sdkp-sn-uppdragsplan-2020-2023", "--format", "docx", "--report", "helar", "--year", "2023", "--kolada-snapshot", "1", "-o", str(again))
        assert again.read_bytes() == first.read_bytes()
    finally:
        server.stop()


ROW = {"kpi": "U21468", "municipality": "0580", "period": 2023, "values": [{"gender": "T", "count": 1, "status": "", "value": 81.5}]}


@pytest.mark.parametrize("change, message", [
    ({"period": -5}, "perioden -5 är inget år"),
    ({"period": 0}, "perioden 0 är inget år"),
    ({"values": [{"gender": "X", "value": 1}]}, "könet \"X\" finns inte i Kolada"),
    ({"kpi": "U21\u0000468"}, "är inget Kolada-id"),
    ({"kpi": "U21\u001b468"}, "är inget Kolada-id"),
    ({"kpi": "N" + "0" * 100_000}, "är inget Kolada-id"),
    ({"municipality": "<script>alert(1)</script>"}, "är ingen Kolada-kod"),
])
def test_a_row_outside_the_apis_definition_is_refused_with_its_line(kolada, tmp_path, change, message):
    """Issue 20, finding 9: nonsense in a Kolada file is refused with the line and nothing is stored."""
    tertial, db = kolada
    file = tmp_path / "kolada.jsonl"
    file.write_text(json.dumps(ROW) + "\n" + json.dumps({**ROW, **change}) + "\n")
    failed = tertial.run("kolada", "import", str(file), check=False)
    err = failed.stderr.decode()
    assert failed.returncode == 1 and f"kolada.jsonl: rad 2: " in err and message in err, err
    assert "Inget importerades." in err and values(db) == []


def test_a_kolada_file_with_a_byte_order_mark_is_read_and_one_that_is_not_utf8_refused(kolada, tmp_path):
    tertial, db = kolada
    file = tmp_path / "bom.jsonl"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(ROW).encode() + b"\r\n")
    assert "1 rader" in tertial.run("kolada", "import", str(file)).stdout.decode()
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(json.dumps({**ROW, "municipality": "0581"}).encode().replace(b"0581", b"05\xe481"))
    failed = tertial.run("kolada", "import", str(bad), check=False)
    assert failed.returncode == 1 and "filen är inte UTF-8" in failed.stderr.decode()
    assert [v[1] for v in values(db)] == ["0580"]
