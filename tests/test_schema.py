"""The JSON Schemas in docs/ describe what Tertial writes, and reject what Tertial rejects by type.
A file names its version; version 1 files (plans without economy, and frozen versions made before
version 2) follow plan-v1.schema.json, version 2 files plan-v2.schema.json, version 3 files (text
sections as a list in the plan's order) plan-v3.schema.json."""
import json

import jsonschema
import pytest

from conftest import DEMO_FILES, ROOT

SCHEMAS = {v: json.loads((ROOT / "docs" / "interchange" / f"plan-v{v}.schema.json").read_text()) for v in (1, 2, 3)}


def validate(document):
    jsonschema.validate(document, SCHEMAS.get(document["version"], SCHEMAS[2]), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_schema_is_valid(version):
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[version])


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_demo_file_follows_the_schema(path):
    validate(json.loads(path.read_text()))


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_a_demo_plan_without_economy_and_activities_is_a_version_1_document(path):
    document = json.loads(path.read_text())
    document.pop("economy", None)
    document.pop("activityPlan", None)
    document.pop("textSections", None)
    document.pop("internalControl", None)
    document["version"] = 1
    validate(document)
    # and version 1 knows no economy
    document["economy"] = {"operatingBudgets": [], "investmentBudgets": [], "volumeTables": [], "frameTransfers": [], "followUps": []}
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


@pytest.mark.parametrize("change", [
    lambda d: d.update(version=4),
    lambda d: d["plan"].update(kind="namndplan"),
    lambda d: d["plan"].update(titel="x"),
    lambda d: d["goals"][0]["indicators"][0].update(decimals=1.5),
    lambda d: d["goals"][0]["indicators"][0]["values"][0].update(period="2024-T9"),
    lambda d: d["goals"][0].update(agenda2030=["18"]),
    lambda d: d["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0]["amounts"].__setitem__(0, "28,1 mnkr"),
    lambda d: d["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0].update(role="intakt"),
    lambda d: d["economy"]["investmentBudgets"][0].update(sum="1.3"),
    lambda d: d.update(activityPlan={"activities": [{"id": "a", "text": "x", "due": "Kvartal 3"}], "assignments": []}),
], ids=["version", "enum", "unknown-field", "fraction", "period", "agenda2030", "amount", "line-role", "economy-unknown-field", "due-date"])
def test_the_schema_rejects_bad_documents(change):
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark-sn")).read_text())
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


PRINTED_AMOUNTS = {"10 135": "10135", "- 6 279": "-6279", "\u22126 279": "-6279", "0,800": "0.8", "1\u00a0560\u202f188": "1560188"}


@pytest.mark.parametrize("printed", list(PRINTED_AMOUNTS), ids=list(PRINTED_AMOUNTS.values()))
def test_amounts_as_plans_print_them_follow_the_schema(printed):
    # issue 22: the schema and the reader accept the same printed forms
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark-sn")).read_text())
    document["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0]["amounts"][0] = printed
    validate(document)


def test_a_file_with_amounts_as_printed_imports_and_exports_them_in_machine_form(sqlite_tertial, tmp_path):
    path = next(p for p in DEMO_FILES if p.name.startswith("mark-sn"))
    document = json.loads(path.read_text())
    line = document["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0]
    expected = [a for a in line["amounts"]]
    # written as the plan prints them: groups of three, a minus with a space, a decimal comma
    def printed(amount):
        if amount is None:
            return None
        negative, digits = amount.startswith("-"), amount.lstrip("-")
        whole, _, fraction = digits.partition(".")
        grouped = f"{int(whole):,}".replace(",", " ")
        return ("- " if negative else "") + grouped + ("," + fraction if fraction else "")
    line["amounts"] = [printed(a) for a in line["amounts"]]
    assert line["amounts"] != expected
    (tmp_path / "tryckt.json").write_text(json.dumps(document, ensure_ascii=False))
    sqlite_tertial.run("import", str(tmp_path / "tryckt.json"))
    exported = json.loads(sqlite_tertial.run("export", document["plan"]["id"]).stdout)
    assert exported["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0]["amounts"] == expected


def test_version_3_holds_text_sections_as_a_list_and_version_2_does_not():
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark-sn")).read_text())
    listed = [{"heading": h, "text": t} for h, t in document["textSections"].items()]
    listed.append({"heading": "Kommentar", "text": "Under tabellen.", "after": "Driftbudget"})
    document["textSections"] = listed
    with pytest.raises(jsonschema.ValidationError):
        validate(document)
    document["version"] = 3
    validate(document)
    listed[-1]["efter"] = "Driftbudget"
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_what_tertial_writes_in_version_3_follows_its_schema(sqlite_tertial, tmp_path):
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark-sn")).read_text())
    document["textSections"] = {"Året i korthet": "Ett år.", **document["textSections"]}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    sqlite_tertial.run("import", str(path))
    exported = json.loads(sqlite_tertial.run("export", document["plan"]["id"]).stdout)
    assert exported["version"] == 3 and isinstance(exported["textSections"], list)
    validate(exported)
