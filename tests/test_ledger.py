"""Ledger exports read from the command line, on SQLite and PostgreSQL: an Excel file written by
openpyxl (deflated, shared strings, a title row above the header, as ledger systems write them), the
example CSV of the README, and a file with one bad row that imports nothing and names the row."""
import json

import openpyxl
import pytest

from conftest import DEMO_FILES, ROOT

PLAN = "lkpg-son-internbudget-2021"
EXAMPLE = ROOT / "docs" / "examples" / "huvudbok-linkoping-2021.csv"


def follow_ups(tertial):
    return json.loads(tertial.run("export", PLAN).stdout)["economy"]["followUps"]


def test_an_excel_ledger_from_another_writer_is_read(tertial, tmp_path):
    tertial.run("import", *map(str, DEMO_FILES))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Huvudbok"
    sheet.append(["Huvudboksutdrag Social- och omsorgsnämnden, januari–mars 2021"])
    sheet.append(["Verksamhet", "År", "Konto", "Jan", "Feb", "Mar"])
    sheet.append(["Socialpsykiatri", 2021, "4010", 19_000_000, 19_500_000.5, None])
    sheet.append(["Socialpsykiatri", 2021, "5010", 1_000_000, 1_000_000, 2_000_000])
    sheet.append(["lss", 2021, "4010", 6_000_000, None, None])
    path = tmp_path / "huvudbok.xlsx"
    book.save(path)
    result = tertial.run("ledger", PLAN, str(path), "--unit", "kr")
    assert "Läste 3 rader för 2 verksamheter; 3 månader" in result.stdout.decode()
    entries = {(f["lineId"], f["month"]): f for f in follow_ups(tertial)}
    assert entries[("socialpsykiatri", 2)]["outcomeToDate"] == "40500.0005"
    assert entries[("socialpsykiatri", 3)]["outcomeToDate"] == "42500.0005"
    assert entries[("lss", 3)]["outcomeToDate"] == "6000"


def test_the_readme_example_and_a_file_with_one_bad_row(tertial, tmp_path):
    tertial.run("import", *map(str, DEMO_FILES))
    lines = EXAMPLE.read_text().splitlines()
    assert "14 567 337" in lines[14]
    lines[14] = lines[14].replace("14 567 337", "14 567 3x7")
    bad = tmp_path / "huvudbok-fel.csv"
    bad.write_text("\n".join(lines) + "\n")
    result = tertial.run("ledger", PLAN, str(bad), check=False)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert 'huvudbok-fel.csv: rad 15, kolumn Feb: "14 567 3x7" är inget belopp' in message, message
    assert message.rstrip().endswith("Inget importerades.")
    assert follow_ups(tertial) == []
    # the example as shipped
    assert tertial.run("ledger", PLAN, str(EXAMPLE)).returncode == 0
    months = sorted({f["month"] for f in follow_ups(tertial)})
    assert months == list(range(1, 9))
