"""A stream whose first bytes were already read (to tell its format), given back whole.

>>> import io
>>> stream = io.BytesIO(b"FIT file")
>>> head = stream.read(3)
>>> rejoined(head, stream).read()
b'FIT file'
"""

from __future__ import annotations

import io
from typing import IO, cast

__all__ = ["rejoined"]


def rejoined(head: bytes, rest: IO[bytes]) -> IO[bytes]:
    """The bytes *head* already read from a stream, then the *rest* of it, as one buffered stream.

    Nothing is copied whole: a zip member or a large file is still read a chunk at a time.
    """
    return cast(IO[bytes], io.BufferedReader(_Prefixed(head, rest)))


class _Prefixed(io.RawIOBase):
    """The bytes already read come back first, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
