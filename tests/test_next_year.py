"""Issue 23, point 7: next year's plan from Mark's 2024–2025 plan, made through the command line (the web
page's button runs the same store function) and read back with python-docx: the 2025–2026 draft prints the
shifted targets and the carried activities; the old plan's export is byte for byte what it was.
"""
import json

import docx

from conftest import DEMO

MARK = "mark-sn-namndplan-2024-2025"
NEXT = "mark-sn-namndplan-2025-2026"


def test_next_years_plan_prints_shifted_targets_and_carried_activities(tertial, tmp_path):
    document = json.loads((DEMO / f"{MARK}.json").read_text())
    document["activityPlan"] = {"assignments": [], "activities": [
        {"id": "mark-sn-akt-klar", "text": "Införa digital ansökan om ekonomiskt bistånd", "due": "2024-Q2",
         "goalIds": ["mark-sn-basta-barnkommun"], "followUps": [{"period": "2024", "status": "done"}]},
        {"id": "mark-sn-akt-pagar", "text": "Utveckla familjehemsvården med fler egna familjehem", "due": "2025-Q2",
         "goalIds": ["mark-sn-basta-barnkommun"], "followUps": [{"period": "2024-D", "status": "ongoing"}]},
    ]}
    path = tmp_path / "mark.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    tertial.run("import", str(path))
    before = tertial.run("export", MARK).stdout

    made = tertial.run("next-year", MARK)
    assert made.stdout.decode().strip() == NEXT
    assert tertial.run("export", MARK).stdout == before

    out = tmp_path / "next.docx"
    tertial.run("export", NEXT, "--format", "docx", "-o", str(out))
    word = docx.Document(str(out))
    texts = [p.text for p in word.paragraphs]
    assert "Nämndplan 2025-2026" in " ".join(texts[:5]), texts[:5]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]

    # the goal table of 'Handläggningstider': the 2025 target as in the old plan (≤100), none for 2024; 2026 is
    # left to fill (a year without any target prints no column)
    row = next((t, r) for t in tables for r in t if r and r[0].startswith("Handläggningstider vid familjeenheten"))
    table, cells = row
    header = table[0]
    assert "Mål 2025" in header and "Mål 2024" not in header, header
    assert cells[header.index("Mål 2025")].replace(" ", "") == "≤100", cells
    assert all(not c.startswith("Mål 2026") or cells[i] == "" for i, c in enumerate(header)), (header, cells)

    # the unfinished activity is carried, marked; the done one is not
    activity_cells = [c for t in tables for r in t for c in r]
    assert any("Utveckla familjehemsvården med fler egna familjehem (överförd från 2024)" in c for c in activity_cells)
    assert not any("Införa digital ansökan" in c for c in activity_cells)
    assert not any("Införa digital ansökan" in p for p in texts)

    # the draft in the format: version 3, which goal continues which
    exported = json.loads(tertial.run("export", NEXT).stdout)
    assert exported["version"] == 3 and exported["plan"]["status"] == "draft"
    continued = {g["continues"]: g["id"] for g in exported["goals"] if "continues" in g}
    assert continued["mark-sn-basta-barnkommun"] == "mark-sn-basta-barnkommun-2025"

    # made twice: refused, nothing written
    again = tertial.run("next-year", MARK, check=False)
    assert again.returncode == 1 and "Inget skapades" in again.stderr.decode()
    assert tertial.run("export", MARK).stdout == before
