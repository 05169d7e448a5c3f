"""The JSON Schemas in docs/ describe what Tertial writes, and reject what Tertial rejects by type.
A file names its version; version 1 files (plans without economy, and frozen versions made before
version 2) follow plan-v1.schema.json, version 2 files plan-v2.schema.json."""
import json

import jsonschema
import pytest

from conftest import DEMO_FILES, ROOT

SCHEMAS = {v: json.loads((ROOT / "docs" / "interchange" / f"plan-v{v}.schema.json").read_text()) for v in (1, 2)}


def validate(document):
    jsonschema.validate(document, SCHEMAS.get(document["version"], SCHEMAS[2]), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("version", [1, 2])
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
    lambda d: d.update(version=3),
    lambda d: d["plan"].update(kind="namndplan"),
    lambda d: d["plan"].update(titel="x"),
    lambda d: d["goals"][0]["indicators"][0].update(decimals=1.5),
    lambda d: d["goals"][0]["indicators"][0]["values"][0].update(period="2024-T9"),
    lambda d: d["goals"][0].update(agenda2030=["18"]),
    lambda d: d["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0]["amounts"].__setitem__(0, "28,1"),
    lambda d: d["economy"]["operatingBudgets"][0]["sections"][0]["lines"][0].update(role="intakt"),
    lambda d: d["economy"]["investmentBudgets"][0].update(sum="1.3"),
    lambda d: d.update(activityPlan={"activities": [{"id": "a", "text": "x", "due": "Kvartal 3"}], "assignments": []}),
], ids=["version", "enum", "unknown-field", "fraction", "period", "agenda2030", "amount", "line-role", "economy-unknown-field", "due-date"])
def test_the_schema_rejects_bad_documents(change):
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark-sn")).read_text())
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        validate(document)
