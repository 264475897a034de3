"""What the GPX and TCX readers share: streaming XML a piece at a time, times and distances.

A ten-year export holds files of many megabytes: both readers take a file a piece at a time, so
memory stays small whatever the file's size. The TCX reader sees each element as the parser
finishes it (`stream_elements`) and drops it once read; the GPX reader feeds expat (`expat_parser`,
`feed`), with handlers on every element (its exact reader) or none (the check before its scan).

>>> read_time("2026-09-26T10:56:05Z").isoformat(), read_time("2026-09-26T12:56:05.5+02:00").isoformat()
('2026-09-26T10:56:05+00:00', '2026-09-26T10:56:05.500000+00:00')
>>> read_time("yesterday") is None
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO
from xml.parsers import expat

from calculator.history.activities import HistoryFileError, utc

__all__ = ["expat_parser", "feed", "local_name", "read_time", "stream_elements"]

#: How much of a file the parsers read at a time.
CHUNK = 64 * 1024


def local_name(tag: str) -> str:
    """An element's name without its namespace.

    >>> local_name("{http://www.topografix.com/GPX/1/1}trkpt")
    'trkpt'
    """
    return tag.rsplit("}", 1)[-1]


def read_time(text: str | None) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset; none is UTC) as UTC, or None."""
    if not text:
        return None
    try:
        return utc(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def stream_elements(
    stream: IO[bytes], name: str, root: str, kind: str, keep: frozenset[str]
) -> Iterator[tuple[str, str, ElementTree.Element, ElementTree.Element | None]]:
    """Yield ("start" or "end", local name, element, parent) as the parser meets each element.

    An element whose name is not in *keep* is removed from its parent once it ends (and yielded):
    memory holds only the open elements. Raises `HistoryFileError` when the file is empty, is
    not XML, is cut short, or its root is not *root* (*kind* names the format for the reader).
    """
    stack: list[ElementTree.Element] = []
    try:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = local_name(element.tag)
            if event == "start":
                if not stack and tag != root:
                    raise HistoryFileError(f"{name} is not a {kind} file (it starts with <{tag}>).")
                stack.append(element)
                yield "start", tag, element, stack[-2] if len(stack) > 1 else None
                continue
            stack.pop()
            parent = stack[-1] if stack else None
            yield "end", tag, element, parent
            if parent is not None and tag not in keep:
                parent.remove(element)
    except ElementTree.ParseError as error:
        if error.position == (1, 0) and not stack:
            raise HistoryFileError(f"{name} is empty, or not a {kind} file.") from None
        if "no element found" in str(error) or "unclosed token" in str(error):
            raise HistoryFileError(
                f"{name} is cut short: the {kind} file ends in the middle (it may not have finished copying)."
            ) from None
        raise HistoryFileError(f"{name} is not a readable {kind} file ({error}).") from None


def expat_parser() -> expat.XMLParserType:
    """An expat parser that names elements ``namespace}local`` and hands text over in large pieces."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    return parser


def feed(
    parser: expat.XMLParserType, stream: IO[bytes], name: str, kind: str, started: Callable[[], bool]
) -> Iterator[None]:
    """Feed *stream* to *parser* a CHUNK at a time, pausing (yielding) after each piece.

    *started* says whether the root element was seen. Raises `HistoryFileError` when the file is
    empty, is not XML, or is cut short (*kind* names the format for the reader).
    """
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
        yield
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code) if error.code else str(error)
        if not started():
            raise HistoryFileError(f"{name} is empty, or not a {kind} file.") from None
        if message in ("no element found", "unclosed token", "partial character"):
            raise HistoryFileError(
                f"{name} is cut short: the {kind} file ends in the middle (it may not have finished copying)."
            ) from None
        raise HistoryFileError(f"{name} is not a readable {kind} file ({message}).") from None
