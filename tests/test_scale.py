"""The synthetic municipality from the command line (issue 14): generated the same way twice, read
back by an independent reader, and the municipality's report of every committee opened by python-docx."""
import json

import docx


def test_the_generator_is_deterministic_and_its_files_import_as_written(tertial, tmp_path):
    # given the small municipality written twice as files with one seed and once with another
    for name, seed in [("a", "7"), ("b", "7"), ("c", "8")]:
        tertial.run("demo", "generate", "--size", "small", "--seed", seed, "--out", str(tmp_path / name))
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir()) and len(files) == 4
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert any((tmp_path / "a" / f).read_bytes() != (tmp_path / "c" / f).read_bytes() for f in files)
    # the committee plan holds what the benchmark pages need, in Swedish
    plan = json.loads((tmp_path / "a" / "storstad-n01-plan-2026.json").read_text())
    indicators = [i for g in plan["goals"] for i in g["indicators"]]
    assert len(indicators) == 150 and all(len(i["values"]) == 62 for i in indicators)
    assert plan["plan"]["title"] == "Nämndplan 2026–2027 Förskolenämnden"
    assert "," in indicators[0]["values"][0]["value"], "figures are typed the Swedish way"
    assert len(plan["activityPlan"]["activities"]) == 50 and len(plan["internalControl"]["risks"]) == 50
    # when the files are imported, every plan exports exactly as it was written
    tertial.run("import", *[str(tmp_path / "a" / f) for f in files])
    for f in files:
        assert tertial.run("export", f.removesuffix(".json")).stdout == (tmp_path / "a" / f).read_bytes(), f


def test_the_municipalitys_annual_report_has_a_section_per_committee(tertial, tmp_path):
    tertial.run("demo", "generate", "--size", "small", "--seed", "1")
    out = tmp_path / "arsrapport.docx"
    tertial.run("export", "--municipality", "storstad", "--report", "helar", "--year", "2026", "--format", "docx", "-o", str(out))
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Förskolenämnden" in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Årsrapport – kommunens nämnder" in text and "Storstads kommun" in text
    assert "Årsrapport 2026 – Nämndplan 2026–2027 Förskolenämnden. Planversion 1 (fastställd 2025-12-10)." in text
    assert "Underlag: Nämndernas rapporter ur 1 plan" in text
    # the committee's indicators are in its tables, read back by an independent reader
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert any(c.startswith("Andel ") and c.endswith("(%)") for c in cells)
    # a municipality that does not exist, and wrong usage, say so
    missing = tertial.run("export", "--municipality", "ingen", "--report", "helar", "--year", "2026", "--format", "docx", "-o", str(out), check=False)
    assert missing.returncode == 1 and "kommunen \"ingen\" finns inte" in missing.stderr.decode()
    wrong = tertial.run("export", "--municipality", "storstad", "--format", "docx", check=False)
    assert wrong.returncode == 2 and "--municipality kräver --report och --year" in wrong.stderr.decode()
    bad = tertial.run("demo", "generate", "--size", "enorm", check=False)
    assert bad.returncode == 2 and "--size är large, medium eller small" in bad.stderr.decode()
