"""What more than one hook needs, made once per build: every hook imports this module, no hook
imports another hook.

MkDocs loads each hook by its path, so a hook that imported a sibling hook would load a second
copy of it (with its own caches). This module is no hook: MkDocs never loads it by path, so the
first ``import shared`` (hooks/ is on ``sys.path`` while a hook loads) makes the one copy every
hook shares. It holds:

- ``project_root``: the folder of mkdocs.yml, and ``display_path``: a page file as a writer names it;
- the bibliography (``docs/bibliography.yml``): checked ``Reference`` entries, parsed once per
  build (``bibliography``; again only when the file changes), and how a reference is written;
- ``calculator_rules``: the calculator's ``rules`` answer, asked once per process through the
  public protocol (``calculator.protocol.handle``, the same text the browser's worker gets);
- the page vocabulary both the front matter check and the overviews use (``KINDS``, ``VERDICTS``,
  ``PAIN_LOCATIONS``);
- ``write_atomically``: how the build's caches write a file, safe with two builds at once (the
  test suite's workers build in parallel);
- how browser modules are joined into one (``without_relative_imports``), and the calculator
  worker's text so joined (``worker_source``): runtime.py serves it, offline.py starts it from a
  ``data:`` URL, where nothing relative resolves.

``tests/hooks/test_shared.py`` checks in a real build that each is made once.

>>> [profile["key"] for profile in calculator_rules()["ramp"]["profiles"]]
['standard', 'returning', 'conservative']
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError

import calculator.protocol
import calculator.sources

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

BIBLIOGRAPHY_FILE = "bibliography.yml"
REFERENCE_KINDS = ("study", "review", "article", "guidance", "model")
REQUIRED_FIELDS = ("authors", "year", "title", "published_in", "kind", "note")
OPTIONAL_FIELDS = ("doi", "pmid", "url", "publisher")
#: A source a reader can check has one of these: a link, or for a web article whose address could not
#: be checked, its publisher by name (issue 9: "Self-help knee site, no date" named no one).
LINK_FIELDS = ("doi", "pmid", "url")
NO_DATE = "n.d."

#: The kinds of page (front matter ``kind``), in the order the overviews list them.
KINDS = ("guide", "myth", "cause", "condition", "prevention", "treatment", "exercise", "reference")
#: Myth verdicts and how the overviews say them.
VERDICTS = {"false": "False", "mostly-false": "Mostly false", "partly-true": "Partly true"}


def project_root(config: MkDocsConfig) -> Path:
    """The project's folder: where mkdocs.yml is (the working folder when the config has no file).

    >>> from mkdocs.config.defaults import MkDocsConfig
    >>> config = MkDocsConfig(config_file_path="/site/mkdocs.yml")
    >>> project_root(config).as_posix().endswith("/site")
    True
    """
    return Path(config.config_file_path or ".").resolve().parent


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all, even with two builds at once: a private temporary file in
    the same folder, then renamed over it (a reader sees the old file or the new, never a part).
    Raises OSError when the folder cannot be written.

    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a" / "b.txt", b"knee")
    >>> (folder / "a" / "b.txt").read_bytes(), [p.name for p in (folder / "a").iterdir()]
    (b'knee', ['b.txt'])
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


EXAMPLE_ENTRY = {
    "authors": ["Doe J", "Roe R"],
    "year": 2020,
    "title": "A study",
    "kind": "study",
    "published_in": "J Run 1(2):3-4",
    "note": "Why it matters.",
    "doi": "10.1/x",
}


@dataclass(frozen=True)
class Reference:
    """One entry of the bibliography."""

    key: str
    authors: tuple[str, ...]
    year: int | str
    title: str
    published_in: str
    kind: str
    note: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    publisher: str | None = None


def display_path(src_uri: str, docs_dir: str, root: str) -> str:
    """Name a page file as a writer sees it, relative to the project root.

    >>> display_path("myths/a.md", "/site/docs", "/site")
    'docs/myths/a.md'
    """
    return Path(os.path.relpath(os.path.join(docs_dir, src_uri), root)).as_posix()


def _entry(key: str, raw: Any, label: str) -> Reference:
    """Check one bibliography entry and build its Reference; fail naming the file, key and field."""

    def fail(field: str, problem: str) -> PluginError:
        return PluginError(f"{label}: entry '{key}' field '{field}': {problem}")

    if not isinstance(raw, dict):
        raise fail("*", "the entry must be a mapping of fields")
    for field in raw:
        if field not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            raise fail(str(field), "unknown field")
    for field in REQUIRED_FIELDS:
        if field not in raw:
            raise fail(field, "missing")
    authors = raw["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        raise fail("authors", "must be a list of names ([] when no author is named)")
    year = raw["year"]
    if not (isinstance(year, int) and 1800 < year < 2100) and year != NO_DATE:
        raise fail("year", f"must be a year or '{NO_DATE}'")
    for field in ("title", "published_in", "note", *(f for f in OPTIONAL_FIELDS if f in raw)):
        if not isinstance(raw[field], str) or not raw[field].strip():
            raise fail(field, "must be non-empty text")
    if raw["kind"] not in REFERENCE_KINDS:
        raise fail("kind", f"must be one of {', '.join(REFERENCE_KINDS)}")
    if "doi" in raw and not raw["doi"].startswith("10."):
        raise fail("doi", "write the bare DOI, starting '10.'")
    if "url" in raw and not raw["url"].startswith("https://"):
        raise fail("url", "must start with https://")
    if not any(field in raw for field in (*LINK_FIELDS, "publisher")):
        raise fail(
            "publisher", "missing: give a link (doi, pmid or url) or, with no address to check, the publisher"
        )
    return Reference(
        key=key,
        authors=tuple(authors),
        year=year,
        title=raw["title"],
        published_in=raw["published_in"],
        kind=raw["kind"],
        note=raw["note"],
        doi=raw.get("doi"),
        pmid=raw.get("pmid"),
        url=raw.get("url"),
        publisher=raw.get("publisher"),
    )


def repeated_keys(text: str) -> list[tuple[str, int]]:
    r"""Keys given twice in one mapping of a YAML text, with the line (1-based) of the second.

    YAML loaders keep the last of two equal keys without a word, so a field written twice
    (a merge's leftover) would pass unseen. Raises ``yaml.YAMLError`` for text that is not YAML.

    >>> repeated_keys("a: 1\nb:\n  c: 2\n  c: 3\n"), repeated_keys("a: [1, {b: 2}]")
    ([('c', 4)], [])
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    found: list[tuple[str, int]] = []
    nodes = [] if root is None else [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((key.value, key.start_mark.line + 1))
                    seen.add(key.value)
                nodes.append(value)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
    return sorted(found, key=lambda pair: pair[1])


def parse_bibliography(data: Any, label: str) -> dict[str, Reference]:
    """Check parsed bibliography data and return its references by key.

    >>> parse_bibliography({"x": {"year": 2020}}, "docs/bibliography.yml")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: docs/bibliography.yml: entry 'x' field 'authors': missing
    """
    if not isinstance(data, dict) or not data:
        raise PluginError(f"{label}: must be a mapping of keys to references")
    return {str(key): _entry(str(key), raw, label) for key, raw in data.items()}


@functools.lru_cache(maxsize=4)
def _load(path: Path, label: str, _stamp: int) -> dict[str, Reference]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        repeated = repeated_keys(text)
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{label}: cannot be read: {error}") from error
    if repeated:
        raise PluginError(
            "\n".join(
                f"{label}: line {line}: field '{key}' is given twice in one entry" for key, line in repeated
            )
        )
    return parse_bibliography(data, label)


def load_bibliography(path: Path, label: str) -> dict[str, Reference]:
    """Read and check the bibliography file (parsed again only when the file changes)."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    return _load(path, label, stamp)


def author_text(ref: Reference) -> str:
    """List the authors as in a reference list: up to six, then "et al.".

    >>> author_text(Reference("k", ("A B", "C D", "et al."), 2000, "T", "J", "study", "n"))
    'A B, C D, et al.'
    """
    names = [name for name in ref.authors if name != "et al."]
    text = ", ".join(names[:6])
    return text + ", et al." if len(names) > 6 or len(names) < len(ref.authors) else text


def _surname(name: str) -> str:
    """ "van Mechelen W" -> "van Mechelen"; an organisation ("NHS England") stays whole."""
    head, _, initials = name.rpartition(" ")
    return head if head and initials.isupper() and len(initials) <= 4 else name


def _year(ref: Reference) -> str:
    return "no date" if ref.year == NO_DATE else str(ref.year)


def short_label(ref: Reference) -> str:
    """A short name for a reference, for tooltips: "Doe and Roe 2020", or the title when unsigned.

    >>> short_label(parse_bibliography({"a": EXAMPLE_ENTRY}, "b")["a"])
    'Doe and Roe 2020'
    """
    if not ref.authors:
        return f"{ref.title} ({ref.published_in.lower()}, {_year(ref)})"
    names = [_surname(name) for name in ref.authors]
    if len(names) == 2 and names[1] != "et al.":
        return f"{names[0]} and {names[1]} {_year(ref)}"
    return f"{names[0]}{' et al.' if len(names) > 1 else ''} {_year(ref)}"


def reference_html(ref: Reference) -> str:
    """Format a reference: authors (year). Title. Where published. Published by (with no link). Links.

    >>> reference_html(parse_bibliography({"a": EXAMPLE_ENTRY}, "b")["a"])[:45]
    'Doe J, Roe R (2020). A study. J Run 1(2):3-4.'
    """
    title = html.escape(ref.title) + ("" if ref.title.endswith(("?", ".", "!")) else ".")
    where = html.escape(ref.published_in)
    if ref.authors:
        text = f"{html.escape(author_text(ref))} ({_year(ref)}). {title} {where}."
    else:
        text = f"{title} {where}, {_year(ref)}."
    if ref.publisher:
        text += f" Published by {html.escape(ref.publisher)}."
    links = [
        f"https://doi.org/{ref.doi}" if ref.doi else None,
        f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else None,
        ref.url,
    ]
    for link in filter(None, links):
        text += f' <a class="kl-ref-link" href="{html.escape(link)}">{html.escape(link)}</a>'
    return text


def bibliography(config: MkDocsConfig) -> dict[str, Reference]:
    """The build's bibliography, ``docs/bibliography.yml`` checked (parsed once per file state).

    Raises PluginError naming the file, the key and the field of a broken entry.
    """
    path = Path(config.docs_dir) / BIBLIOGRAPHY_FILE
    label = display_path(BIBLIOGRAPHY_FILE, config.docs_dir, str(project_root(config)))
    return load_bibliography(path, label)


@functools.cache  # the rules are fixed for the life of the process: ask once, not per hook or page
def calculator_rules() -> dict[str, Any]:
    """The rule tables from the calculator's ``rules`` check, through the JSON protocol.

    Raises PluginError if the calculator refuses its own request.
    """
    answer = json.loads(calculator.protocol.handle(json.dumps({"check": "rules"})))
    if not answer["ok"]:
        raise PluginError(f"The calculator refused its own rules request: {answer['errors']}")
    result: dict[str, Any] = answer["result"]
    return result


#: The one disclaimer every answer carries (its home: calculator/sources.py), for pages that show it
#: before any answer (the embed pages).
DISCLAIMER: str = calculator.sources.DISCLAIMER

#: Where it hurts, key -> plain words, from the calculator's where check (their one home), in its
#: anatomical order.
PAIN_LOCATIONS: dict[str, str] = {
    location["key"]: location["label"] for location in calculator_rules()["where"]["locations"]
}


#: ``import { a, b } from "./x.js";``, on one line or over several (names only: no ``as``, no default).
RELATIVE_IMPORT = re.compile(r'^import \{[^}]*\} from "\./[a-z-]+\.js";\n', re.MULTILINE)
#: The calculator worker's modules (docs/javascripts/), each after those it imports.
WORKER_MODULES = ("snapshot.js", "worker.js")


def without_relative_imports(name: str, text: str) -> str:
    """Return a module's text without its relative imports, to be joined after the modules it
    imports (their names are then in the one module's scope).

    Raises ``PluginError`` naming the module when a relative import is written in a form this
    does not read (only ``import { names } from "./x.js";``).

    >>> without_relative_imports("b.js", 'import {\\n  A,\\n} from "./a.js";\\nA;\\n')
    'A;\\n'
    >>> without_relative_imports("b.js", 'import * as a from "./a.js";\\n')
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: b.js: write each relative import as import { names } from "./x.js" (hooks/shared.py joins modules)
    """
    text = RELATIVE_IMPORT.sub("", text)
    if re.search(r'^import\b|^\s*\}? ?from "\./', text, re.MULTILINE):
        raise PluginError(
            f'{name}: write each relative import as import {{ names }} from "./x.js" (hooks/shared.py joins modules)'
        )
    return text


def worker_source(scripts: Path) -> str:
    """Return the calculator worker's text: ``WORKER_MODULES`` from the ``scripts`` folder, joined
    into one module (``import.meta.url`` is then the worker's own address, as written).

    >>> text = worker_source(Path(__file__).parent.parent / "docs" / "javascripts")
    >>> "function packSnapshot" in text and "function startPython" in text and './snapshot.js' not in text
    True
    """
    return "".join(
        without_relative_imports(name, (scripts / name).read_text(encoding="utf-8"))
        for name in WORKER_MODULES
    )
