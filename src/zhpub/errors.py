"""Errors a user can act on: where the problem is and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Location:
    """A place in a file, 1-based line and column (column counts characters)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class ZhpubError(Exception):
    """A problem in the user's input, reported as one line: `file:line:col: message (hint)`.

    The CLI prints it without a traceback and exits non-zero.
    """

    def __init__(self, message: str, location: Location | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class ProblemsError(ZhpubError):
    """Every problem found in a run (all documents checked), one ``file:line:col: message`` line each."""

    def __init__(self, lines: list[str], what: str = "nothing was built"):
        super().__init__(f"{len(lines)} problem(s); {what}")
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join(self.lines + [self.message])


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in text."""
    return LineIndex(text[:offset]).place(offset)


class LineIndex:
    """Line and column of many offsets in one text, in O(log n) each."""

    def __init__(self, text: str):
        import bisect

        self._bisect = bisect.bisect_right
        import re

        # a line ends at \n, \r\n or a lone \r (old Mac files), as the decode stage reads them
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]

    def place(self, offset: int) -> tuple[int, int]:
        line = self._bisect(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def place_many(self, offsets: list[int]) -> list[tuple[int, int]]:
        return [self.place(o) for o in offsets]


def write_file(path, text: str, encoding: str = "utf-8") -> None:
    """Write a text file; a failure (disk full, no permission) names the file instead of a bare OSError."""
    import errno

    try:
        path.write_text(text, encoding=encoding)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise ZhpubError("the disk is full: the file could not be written", Location(str(path)),
                             "free some space and run again; the build keeps the previous output until it completes") from None
        raise ZhpubError(f"cannot write the file ({error.strerror or error})", Location(str(path))) from None
