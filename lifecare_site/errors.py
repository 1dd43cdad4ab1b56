"""Errors shown to editors: Swedish, naming the file, the entry and the line."""
try:
    # Under MkDocs a plugin error is said as its message alone, without a traceback.
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # another engine (Zensical): a plain exception, said by the adapter in macros.py
    _Base = Exception


class DataError(_Base):
    """One or more problems in a data file; the build stops and nothing is published."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problem:
    """A single problem: where it is (file, line, entry) and what is wrong."""

    def __init__(self, file, message, entry=None, line=None):
        self.file, self.message, self.entry, self.line = file, message, entry, line

    def __str__(self):
        where = [self.file]
        if self.line:
            where.append(f"rad {self.line}")
        if self.entry:
            where.append(self.entry)
        return f"{', '.join(where)}: {self.message}"
