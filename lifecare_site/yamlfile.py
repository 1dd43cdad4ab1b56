"""Read a YAML data file, keeping the line of every key so errors can point at it."""
from pathlib import Path

import yaml

from .errors import DataError, Problem


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based) and of itself."""

    line = None
    key_lines = None


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and refuses duplicate keys."""


# Dates stay as the text the editor wrote; the schema checks their form.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            raise DuplicateKey(problem=f'fältet "{key}" står två gånger', problem_mark=key_node.start_mark)
        result.key_lines[key] = key_node.start_mark.line + 1
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path, label: str):
    """Load one data file; `label` is how the editor knows it (e.g. "data/contacts.yml")."""
    if not path.is_file():
        raise DataError([Problem(label, "filen saknas. Återställ den, till exempel med git checkout.")])
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)
    except DuplicateKey as error:
        raise DataError([Problem(label, error.problem, line=error.problem_mark.line + 1)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = error.problem or error.context or ""
        raise DataError([Problem(
            label,
            f"YAML-syntaxfel ({detail}). Kontrollera indrag, kolon och citattecken på raden eller raden före.",
            line=mark.line + 1 if mark else None,
        )]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(label, f"YAML-syntaxfel ({error}).")]) from None
    if data is None:
        raise DataError([Problem(label, "filen är tom. Den ska innehålla rutinens data; se filens schema i data/schemas/.")])
    return data


def line_of(data, path):
    """The line of the deepest key on `path` that is known, or None."""
    line, node = getattr(data, "line", None), data
    for step in path:
        if isinstance(node, LineDict) and step in node.key_lines:
            line = node.key_lines[step]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", None) or line
    return line
