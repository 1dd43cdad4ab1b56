"""Each data file points at a valid JSON Schema, and says in Swedish what it holds."""
import json

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT

DATA_FILES = sorted((ROOT / "data").glob("*.yml"))


def test_every_data_file_has_a_schema():
    assert [p.stem for p in DATA_FILES] == sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "data" / "schemas").glob("*.json"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_the_file_starts_by_pointing_at_its_schema_and_a_swedish_comment(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=schemas/{path.stem}.schema.json"
    assert lines[1].startswith("# ") and len(lines[1]) > 20


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_the_schema_is_a_valid_json_schema_with_swedish_titles(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["title"]
