"""Read a YAML data file, keeping the line of every key so errors can point at it.

Every way a file can be wrong ends in a Swedish message naming the file and, where it can be known,
the line: not UTF-8, tabs, anchors and aliases (refused before they can expand), keys that are not
text, nesting deeper than any schema allows, more than one document, and YAML syntax errors."""
import re
import unicodedata
from pathlib import Path

import yaml

from .errors import DataError, Problem

# No data file nests deeper than this (routine: sections > section > passages > passage > items > item > items > item).
MAX_DEPTH = 10
MAX_BYTES = 1_000_000
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based) and of itself."""

    line = None
    key_lines = None


class _Loader(_BaseLoader):
    """The C safe loader when installed (fast, and it keeps marks), with dates kept as text and
    duplicate or non-text keys refused."""


# Dates stay as the text the editor wrote; the schema and model check them.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _KeyProblem(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader, node):
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "en lista eller samling"
            raise _KeyProblem(problem=f'nyckeln "{shown}" ska vara ett fältnamn i text, till exempel "name"',
                              problem_mark=key_node.start_mark)
        key = key_node.value
        if key in result.key_lines:
            raise _KeyProblem(problem=f'fältet "{key}" står två gånger', problem_mark=key_node.start_mark)
        result.key_lines[key] = key_node.start_mark.line + 1
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# PyYAML's messages, and what an editor should do about them.
_TRANSLATIONS = [
    ("while scanning a quoted scalar", "ett citattecken är inte stängt"),
    ("exceeded maximum nesting depth", f"fälten är nästlade djupare än {MAX_DEPTH} nivåer, vilket ingen datafil behöver. Kontrollera indraget"),
    ("mapping values are not allowed", "ett kolon står där det inte får stå. Sätt texten inom citattecken om den innehåller kolon"),
    ("could not find expected ':'", "ett kolon saknas efter fältnamnet, eller ett citattecken är inte stängt"),
    ("did not find expected key", "indraget stämmer inte med raderna omkring, eller ett citattecken är inte stängt"),
    ("did not find expected '-' indicator", "indraget stämmer inte med listan omkring"),
    ("expected <block end>", "indraget stämmer inte med raderna omkring"),
    ("found unexpected end of stream", "filen tar slut innan ett citattecken eller en klammer är stängd"),
    ("found unknown escape character", "ett omvänt snedstreck (\\) står före ett tecken som inte får stå där. Använd enkla citattecken runt texten"),
    ("found undefined tag handle", "ett utropstecken (!) står först i ett värde. Sätt värdet inom citattecken"),
    ("could not determine a constructor", "ett utropstecken (!) står först i ett värde. Sätt värdet inom citattecken"),
    ("found character that cannot start any token", "ett tecken som inte får stå först i ett värde, till exempel @ eller `. Sätt värdet inom citattecken"),
    ("found unexpected ':'", "ett kolon står där det inte får stå. Sätt texten inom citattecken"),
    ("expected ',' or ']'", "en lista inom [ ] är inte stängd"),
    ("expected ',' or '}'", "en samling inom { } är inte stängd"),
    ("found a tab character", "tabbtecken: använd mellanslag för indrag"),
]


def _swedish(error: yaml.YAMLError) -> str:
    english = " ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
    for phrase, swedish in _TRANSLATIONS:
        if phrase in english:
            return f"YAML-fel: {swedish}."
    return "YAML-fel: filen går inte att läsa. Kontrollera indrag, kolon och citattecken på raden eller raden före."


def _line(error):
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark else None


def _decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError([Problem(label, "filen är inte sparad som UTF-8 (å, ä och ö blir fel). Spara filen som "
                                        "UTF-8 i din editor, till exempel i Anteckningar: Spara som → Kodning: UTF-8.",
                                 line=line)]) from None


def _check_shape(text: str, label: str):
    """Refuse, before the file is built into data, what our data files never use."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            raise DataError([Problem(label, "tabbtecken: använd mellanslag för indrag och i texter.", line=number)])
    depth, documents = 0, 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError([Problem(label, "ankare och alias (& och *) används inte i datafilerna. Skriv ut värdet "
                                            "där det ska stå, eller använd ett id.", line=line)])
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise DataError([Problem(label, "filen innehåller mer än ett dokument (en rad med ---). "
                                                "Ta bort raden och det som står efter den, eller flytta det in i dokumentet.", line=line)])
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([Problem(label, f"fälten är nästlade djupare än {MAX_DEPTH} nivåer, vilket ingen "
                                                "datafil behöver. Kontrollera indraget.", line=line)])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    # Only once the file parses: the scanner alone reports a syntax error later than the parser does.
    lines = text.splitlines()
    for token in yaml.scan(text, Loader=_BaseLoader):
        # After a value on the same line, " #" starts a comment and the rest of the text is silently lost.
        if isinstance(token, yaml.ScalarToken) and token.style not in ("|", ">") and token.end_mark.line < len(lines):
            rest = lines[token.end_mark.line][token.end_mark.column:]
            if "#" in rest and not rest.strip().startswith(":"):
                raise DataError([Problem(label, '" #" efter ett värde gör resten av raden till en kommentar, som inte '
                                                "visas. Sätt hela texten inom citattecken, eller skriv kommentaren på "
                                                "en egen rad.", line=token.end_mark.line + 1)])


def load(path: Path, label: str):
    """Load one data file; `label` is how the editor knows it (e.g. "data/contacts.yml")."""
    problem = not_a_file(path)
    if problem:
        raise DataError([Problem(label, problem)])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(label, f"filen går inte att läsa ({error.strerror or 'okänt fel'}). "
                                        "Kontrollera att den finns och att du har rätt att läsa den.")]) from None
    return loads(raw, label)


def not_a_file(path: Path):
    """A Swedish sentence when `path` is not a plain file the build can read, else None."""
    if path.is_symlink() and not path.exists():
        return "filen är en länk till en fil som inte finns. Ersätt länken med själva filen, till exempel med git checkout."
    if path.is_dir():
        return "är en mapp, inte en fil. Ta bort mappen och återställ filen, till exempel med git checkout."
    if not path.exists():
        return "filen saknas. Återställ den, till exempel med git checkout."
    if not path.is_file():
        return "är inte en vanlig fil. Återställ filen, till exempel med git checkout."
    if path.is_symlink():
        return ("filen är en länk till en annan fil. Git ser bara länken, inte det som står i filen den pekar på, så "
                "bygget kan inte säga vad som ändrats sedan senaste incheckningen, och telefonlistans datum blir fel. "
                "Ersätt länken med en kopia av filen.")
    return None


# A line a git merge leaves behind when two changes meet: <<<<<<< HEAD, =======, >>>>>>> other.
MERGE_MARKER = re.compile(r"(<{7}|={7}|>{7})(\s|$)")


def loads(raw: bytes, label: str):
    """Load the bytes of one data file, as `load` does."""
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(label, f"filen är större än {MAX_BYTES // 1000} kB, vilket ingen datafil behöver. "
                                        "Kontrollera att det är rätt fil.")])
    # Letters as one character each (å, not a and a ring above, as a text copied from a PDF may have it): a name is
    # then the same name to every check, to search and to the reader.
    text = unicodedata.normalize("NFC", _decode(raw, label))
    for number, line in enumerate(text.splitlines(), start=1):
        if MERGE_MARKER.match(line):
            raise DataError([Problem(label, "filen har kvar en markering från en git-sammanslagning (<<<<<<<, ======= "
                                            "eller >>>>>>>). Välj vilka rader som gäller och ta bort markeringarna.",
                                     line=number)])
    try:
        _check_shape(text, label)
        data = yaml.load(text, Loader=_Loader)
    except _KeyProblem as error:
        raise DataError([Problem(label, error.problem, line=_line(error))]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(label, _swedish(error), line=_line(error))]) from None
    if data is None:
        raise DataError([Problem(label, "filen är tom. Den ska innehålla rutinens data; se filens schema i data/schemas/.")])
    if not isinstance(data, LineDict):
        raise DataError([Problem(label, "filen ska börja med fält (namn: värde), inte med en lista eller en text.", line=1)])
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
