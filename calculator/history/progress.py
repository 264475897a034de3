"""Counts while a history is read, for a page that shows them (the browser's worker listens).

Reading a ten-year export takes a while: the worker sets a listener (`listen`), and the history
check tells it after each file and each member of a zip how far it is. Nobody listens natively.

>>> heard = []
>>> listen(lambda done, total, found, name: heard.append((done, total, found, name)))
>>> begin(2); member("a.zip: 1.gpx", 1); file_read(3); member("b.gpx", 1); file_read(1); listen(None)
>>> heard
[(0, 2, 1, 'a.zip: 1.gpx'), (1, 2, 4, 'b.gpx')]
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Listener", "begin", "file_read", "listen", "member"]

#: Told (files read, files in all, activities found so far, the file or zip member just read).
Listener = Callable[[int, int, int, str], None]

_listener: Listener | None = None
_done = 0
_total = 0
_found = 0


def listen(listener: Listener | None) -> None:
    """Set the one listener (None: nobody listens)."""
    global _listener
    _listener = listener


def begin(total: int) -> None:
    """A new history of *total* files."""
    global _done, _total, _found
    _done, _total, _found = 0, total, 0


def member(name: str, found_in_file: int) -> None:
    """A file or a zip member was read; *found_in_file*: activities found in the current file so far."""
    if _listener is not None:
        _listener(_done, _total, _found + found_in_file, name)


def file_read(found_in_file: int) -> None:
    """A whole file (or zip) was read, with *found_in_file* activities."""
    global _done, _found
    _done += 1
    _found += found_in_file
