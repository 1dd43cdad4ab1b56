"""Check a data file against its JSON Schema and explain each error in Swedish."""
import difflib
import json
import re
from pathlib import Path

from .errors import Problem
from . import yamlfile
from .yamlfile import line_of

# Swedish words for the lists that hold entries, so an error can say which entry.
ENTRY_WORDS = {
    "groups": "grupp",
    "entries": "post",
    "roles": "roll",
    "phases": "fas",
    "items": "punkt",
    "shared_items": "gemensam punkt",
    "forms": "blankett",
    "fields": "fält",
    "outage_lengths": "avbrottslängd",
    "communication": "kontaktväg",
    "register_columns": "kolumn",
    "register_header": "fält",
    "participant_columns": "kolumn",
    "sections": "avsnitt",
    "passages": "stycke",
    "corrections": "rättelse",
}

TYPE_WORDS = {
    "string": "text",
    "array": "en lista",
    "object": "en samling fält (nyckel: värde)",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "ja eller nej (true/false)",
    "null": "tomt (null)",
}


def _type_of(value):
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "ja/nej"
    if isinstance(value, (int, float)):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    return "en samling fält"


def describe_entry(data, path):
    """Name the innermost entry on `path`, e.g. 'post "timra"' or 'punkt nr 3 i fas "ring"'."""
    words, node, container = [], data, None
    for step in path:
        if isinstance(step, int) and container in ENTRY_WORDS:
            item = node[step] if isinstance(node, list) and step < len(node) else None
            word = ENTRY_WORDS[container]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                words.append(f'{word} "{item["id"]}"')
            elif isinstance(item, dict) and isinstance(item.get("use"), str):
                words.append(f'{word} "{item["use"]}"')
            elif isinstance(item, dict) and isinstance(item.get("label"), str):
                words.append(f'{word} "{item["label"]}"')
            else:
                words.append(f"{word} nr {step + 1}")
        container = step
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return words[-1] if words else None


def _field(path, schema):
    name = path[-1] if path and isinstance(path[-1], str) else None
    title = schema.get("title") if isinstance(schema, dict) else None
    if name and title:
        return f'fältet "{name}" ({title})'
    if name:
        return f'fältet "{name}"'
    return "värdet"


def _titles(node, found=None):
    """Every property title in a schema, for errors raised where the title is not at hand (if/then)."""
    found = {} if found is None else found
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "title" in sub:
                found.setdefault(name, sub["title"])
        for value in node.values():
            _titles(value, found)
    elif isinstance(node, list):
        for value in node:
            _titles(value, found)
    return found


def _message(error, titles):
    """Swedish text for one jsonschema error."""
    path = list(error.absolute_path)
    schema = error.schema
    kind = error.validator
    if kind == "required":
        # One error per missing field; its message names it ("'rows' is a required property").
        named = re.match(r"'(.+?)' is a required property", error.message)
        missing = named.group(1) if named else next(name for name in error.validator_value if name not in error.instance)
        title = schema.get("properties", {}).get(missing, {}).get("title") or titles.get(missing)
        return path, f'fältet "{missing}"' + (f" ({title})" if title else "") + " saknas"
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        texts = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f' – menade du "{close[0]}"?' if close else f" (tillåtna fält: {', '.join(known)})"
            texts.append(f'okänt fält "{key}"{hint}')
        return path + unknown[:1], "; ".join(texts)
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted_text = " eller ".join(TYPE_WORDS.get(t, t) for t in wanted)
        hint = " Skriv värdet inom citattecken." if "string" in wanted and isinstance(error.instance, (int, float)) else ""
        if "boolean" in wanted and isinstance(error.instance, str):
            hint = " Skriv true (ja) eller false (nej), utan citattecken."
        return path, f"{_field(path, schema)} ska vara {wanted_text}, men är {_type_of(error.instance)}.{hint}"
    if kind == "enum":
        allowed = " eller ".join(f'"{v}"' for v in error.validator_value)
        return path, f'{_field(path, schema)} har värdet "{error.instance}", men får bara vara {allowed}'
    if kind == "minLength":
        return path, f"{_field(path, schema)} får inte vara tomt"
    if kind == "maxLength":
        return path, f"{_field(path, schema)} är för långt ({len(error.instance)} tecken; högst {error.validator_value}). Korta texten."
    if kind == "minItems":
        return path, f"{_field(path, schema)} får inte vara en tom lista"
    if kind == "maxItems":
        split = " Dela upp fasen i två." if path and path[-1] == "items" else ""
        return path, f"{_field(path, schema)} har {len(error.instance)} punkter; högst {error.validator_value} är tillåtna.{split}"
    if kind == "minimum":
        return path, f"{_field(path, schema)} ska vara minst {error.validator_value}"
    if kind == "maximum":
        return path, f"{_field(path, schema)} får vara högst {error.validator_value}"
    if kind in ("pattern", "anyOf") and "x-message" in schema:
        shown = f' ("{error.instance}")' if isinstance(error.instance, str) else ""
        subject = _field(path, schema) + shown if kind == "pattern" else "posten"
        return path, f"{subject} {schema['x-message']}"
    return path, f"{_field(path, schema)} har ett ogiltigt värde"


def open_objects(node, path=""):
    """Where a schema lets an entry hold fields it does not name (no "additionalProperties": false): there a misspelt
    field ("phnoe") would pass without a word. Conditions (if) only test; they may be open."""
    found = []
    if isinstance(node, dict):
        if (node.get("type") == "object" or "properties" in node) and node.get("additionalProperties") is not False \
                and node.get("unevaluatedProperties") is not False:
            found.append(path or "/")
        for key, value in node.items():
            if key not in ("if", "properties", "$defs", "patternProperties"):
                found += open_objects(value, f"{path}/{key}")
            elif key != "if" and isinstance(value, dict):
                found += [where for name, inner in value.items() for where in open_objects(inner, f"{path}/{key}/{name}")]
    elif isinstance(node, list):
        found += [where for n, value in enumerate(node) for where in open_objects(value, f"{path}/{n}")]
    return found


def validate(data, schema_path: Path, label: str):
    """All schema problems of one file, in the order they occur in it."""
    # Imported here: it is the slowest import of a build, and unchanged data skips this (see cache.py).
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    schema_label = f"data/schemas/{schema_path.name}"
    missing = yamlfile.not_a_file(schema_path)
    if missing:
        return [Problem(schema_label, f"{missing} Bygget kan inte kontrollera {label} utan sitt schema.")]
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        line = f" (rad {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        return [Problem(schema_label, f"schemat är inte giltig JSON{line}. Återställ filen, till exempel med git checkout.")]
    except SchemaError:  # the file is JSON, but not a schema
        return [Problem(schema_label, "filen är inte ett giltigt JSON-schema. Återställ den, till exempel med git checkout.")]
    loose = open_objects(schema)
    if loose:
        return [Problem(schema_label, f'schemat släpper igenom fält som det inte namnger ("additionalProperties" är inte '
                                      f"false vid {', '.join(loose)}), så ett felstavat fält i {label} skulle gå igenom "
                                      "utan ett ord. Återställ filen, till exempel med git checkout.")]
    validator = Draft202012Validator(schema)
    problems = []
    titles = _titles(schema)
    for error in validator.iter_errors(data):
        path, text = _message(error, titles)
        problems.append(Problem(label, text, entry=describe_entry(data, path), line=line_of(data, path)))
    problems.sort(key=lambda p: p.line or 0)
    return problems
