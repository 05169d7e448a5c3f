"""The JSON Schema in docs/ describes what Tertial writes, and rejects what Tertial rejects by type."""
import json

import jsonschema
import pytest

from conftest import DEMO_FILES, ROOT

SCHEMA = json.loads((ROOT / "docs" / "interchange" / "plan-v1.schema.json").read_text())


def test_the_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_demo_file_follows_the_schema(path):
    jsonschema.validate(json.loads(path.read_text()), SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("change", [
    lambda d: d.update(version=2),
    lambda d: d["plan"].update(kind="namndplan"),
    lambda d: d["plan"].update(titel="x"),
    lambda d: d["goals"][0]["indicators"][0].update(decimals=1.5),
    lambda d: d["goals"][0]["indicators"][0]["values"][0].update(period="2024-T9"),
    lambda d: d["goals"][0].update(agenda2030=["18"]),
], ids=["version", "enum", "unknown-field", "fraction", "period", "agenda2030"])
def test_the_schema_rejects_bad_documents(change):
    document = json.loads(next(p for p in DEMO_FILES if p.name.startswith("mark")).read_text())
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
