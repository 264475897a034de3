"""The GPX reader (calculator/history/gpx.py and gpx_scan.py) on what real GPX files hold besides the plain
case: attributes in either order and quotes, prefixes, empty elements, comments, CDATA, DOCTYPEs and
processing instructions, entities, other encodings, points that are not numbers, pieces of any size; and
the fast scan of plain files giving what the exact reader gives (the legal but unusual files come from a
fresh-eyed review, each worked out by hand).

Right values are worked out by hand along the equator: 0.01 degree of longitude is 2 pi x 6371.0088 km
/ 360 / 100 = 1.1119508 km (the mean Earth radius, IUGG); and the scan's distance formula is checked
against the haversine formula written out point by point (`activities.haversine_km`).
"""

from __future__ import annotations

import io
import random

import pytest

from calculator.history import xmltrack
from calculator.history.activities import HistoryFileError, haversine_km
from calculator.history.gpx import _read_exact, _read_scanned, read_gpx
from calculator.history.gpx_scan import is_plain, track_km

HUNDREDTH_KM = 1.1119508
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def runs(text: str) -> list[tuple[float, str | None, float | None]]:
    """(km to 7 places, type, seconds) of each track."""
    found = read_gpx(io.BytesIO(text.encode()), "run.gpx")
    return [(round(run.km, 7), run.kind, run.seconds) for run in found]


def point(lat: float, lon: float, second: int, attributes: str = 'lat="{lat}" lon="{lon}"') -> str:
    when = f"2026-09-26T06:{second // 60:02d}:{second % 60:02d}Z"
    return f"<trkpt {attributes.format(lat=lat, lon=lon)}><ele>3</ele><time>{when}</time></trkpt>\n"


def test_the_chord_formula_is_the_haversine_distance() -> None:
    """track_km (chords between unit vectors) equals haversine_km added point by point (seeded tracks
    anywhere on Earth, steps from metres to hundreds of km)."""
    rng = random.Random(14)
    for _ in range(50):
        lats, lons = [rng.uniform(-89, 89)], [rng.uniform(-179, 179)]
        step = rng.choice([1e-5, 1e-3, 0.1, 3.0])
        for _ in range(rng.randrange(2, 40)):
            lats.append(max(-90.0, min(90.0, lats[-1] + rng.uniform(-step, step))))
            lons.append(max(-180.0, min(180.0, lons[-1] + rng.uniform(-step, step))))
        expected = sum(haversine_km(*pair) for pair in zip(lats, lons, lats[1:], lons[1:], strict=False))
        assert track_km(lats, lons) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    "attributes",
    [
        'lat="{lat}" lon="{lon}"',
        'lon="{lon}" lat="{lat}"',
        "lat='{lat}' lon='{lon}'",
        'lat = " {lat} "  lon="{lon}"',
    ],
    ids=["lat-lon", "lon-lat", "single-quotes", "spaces"],
)
def test_attributes_in_either_order_and_quoting(attributes: str) -> None:
    points = "".join(point(0.0, index / 100, index, attributes) for index in range(4))
    text = f'{HEAD}<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{points}</trkseg></trk></gpx>'
    assert runs(text) == [(round(3 * HUNDREDTH_KM, 7), None, 3.0)]


def test_a_namespace_prefix_and_empty_points() -> None:
    """<g:gpx xmlns:g=...> with <g:trkpt .../>: points without children (no times: the track's day is the
    metadata's time) still count."""
    points = "".join(f'<g:trkpt lat="0" lon="{index / 100}"/>' for index in range(3))
    text = (
        f'{HEAD}<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1"><g:metadata><g:time>2026-09-26T06:00:00Z'
        f"</g:time></g:metadata><g:trk><g:type>running</g:type><g:trkseg>{points}</g:trkseg></g:trk></g:gpx>"
    )
    assert runs(text) == [(round(2 * HUNDREDTH_KM, 7), "running", None)]


def test_comments_and_cdata_are_not_points() -> None:
    """A point commented out, a description holding GPX text in CDATA: neither is a point of the track."""
    points = "".join(point(0.0, index / 100, index) for index in range(3))
    text = (
        f'{HEAD}<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><desc><![CDATA[<trkpt lat="50" lon="50">'
        f"]]></desc><trkseg>{points}<!-- {point(10.0, 10.0, 9)} -->{point(0.0, 0.03, 10)}</trkseg></trk></gpx>"
    )
    assert runs(text) == [(round(3 * HUNDREDTH_KM, 7), None, 10.0)]


def test_points_that_are_not_numbers_are_left_out() -> None:
    """lat="NaN", a latitude of 91, an empty longitude: those points are not counted, the others are."""
    good = [point(0.0, index / 100, index) for index in range(3)]
    bad = [point(float("nan"), 0.5, 3), point(91.0, 0.5, 4), '<trkpt lat="0" lon=""><time>x</time></trkpt>']
    text = f'{HEAD}<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{"".join(good[:2] + bad + good[2:])}'
    text += "</trkseg></trk></gpx>"
    assert runs(text) == [(round(2 * HUNDREDTH_KM, 7), None, 2.0)]


def test_any_piece_size_gives_the_same_tracks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read 1, 7, 100 bytes at a time or whole: pieces cut anywhere (inside a point, a comment, a tag)."""
    points = "".join(point(0.0, index / 100, index) for index in range(30))
    text = (
        f'{HEAD}<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>{points}'
        f"<!-- {point(10.0, 10.0, 99)} --></trkseg><trkseg>{points}</trkseg></trk>"
        f"<trk><trkseg>{points}</trkseg></trk></gpx>"
    )
    whole = runs(text)
    assert [kind for _, kind, _ in whole] == ["running", None] and [s for _, _, s in whole] == [29.0, 29.0]
    assert [km for km, _, _ in whole] == pytest.approx([58 * HUNDREDTH_KM, 29 * HUNDREDTH_KM], abs=1e-6)
    for size in (1, 7, 100):
        monkeypatch.setattr(xmltrack, "CHUNK", size)
        assert runs(text) == whole


#: Six points 0.01 degree apart along the equator, 5 minutes apart: 5 x 1.1119508 km in 1,500 s.
FIVE_KM = round(5 * HUNDREDTH_KM, 5)
POINTS = "".join(
    f'<trkpt{{attributes}} lat="0" lon="0.0{index}"><time>2026-09-26T06:{index * 5:02d}:00Z</time></trkpt>'
    for index in range(6)
)
GPX_OPEN = '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'


def legal(
    before: str = "", track: str = "<type>running</type>", inside: str = "", attributes: str = ""
) -> str:
    """A GPX of one track of POINTS: *before* the root, *track* elements before the segment, *inside* the
    segment before the points, *attributes* on each point."""
    points = POINTS.format(attributes=attributes)
    return f"{HEAD}{before}{GPX_OPEN}<trk>{track}<trkseg>{inside}{points}</trkseg></trk></gpx>"


UNUSUAL = {
    # a DOCTYPE whose (unused) entity holds a whole other track: not part of the file's elements
    "doctype": legal(before="<!DOCTYPE gpx [<!ENTITY fake \"<trk><trkseg><trkpt lat='0' lon='0'/></trkseg></trk>\">]>"),
    "comment-before-root": legal(before="<!-- from <x:gpx > a tool -->"),
    "processing-instruction": legal(inside='<?app <trkpt lat="0" lon="2"/> ?>'),
    "prefixed-attribute": legal(attributes=' xmlns:x="urn:x" x:lon="9"'),
    "quoted-greater-than": legal(attributes=' name="a>b"'),
    "link-type": legal(track='<link href="https://example.org/1"><text>t</text><type>text/html</type></link><type>running</type>'),
    "character-references": legal().replace('lat="0"', 'lat="&#48;"').replace("<time>2026", "<time>&#50;026"),
    "mixed-prefixes": legal().replace("<trk", "<g:trk").replace("</trk", "</g:trk").replace(
        "<time>", "<g:time>").replace("</time>", "</g:time>").replace(
        GPX_OPEN, GPX_OPEN.replace(">", ' xmlns:g="http://www.topografix.com/GPX/1/1">')),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_legal_but_unusual_files_read_right(name: str) -> None:
    """Each: one run of 5 x 1.1119508 km in 1,500 s, of type running."""
    assert [(round(km, 5), kind, seconds) for km, kind, seconds in runs(UNUSUAL[name])] == [
        (FIVE_KM, "running", 1500.0)
    ]


def test_another_encoding_and_a_type_in_extensions() -> None:
    """UTF-16 (the exact reader decodes it); a <type> inside the track's <extensions> is not its type."""
    found = list(read_gpx(io.BytesIO(legal().replace("UTF-8", "UTF-16").encode("utf-16")), "run.gpx"))
    assert [(round(run.km, 5), run.kind) for run in found] == [(FIVE_KM, "running")]
    text = legal(track="").replace("</trkseg>", "</trkseg><extensions><type>cycling</type></extensions>")
    assert [(round(km, 5), kind) for km, kind, _ in runs(text)] == [(FIVE_KM, None)]


def _variant(rng: random.Random) -> str:
    """A plain GPX with a random mix of what real files hold: prefixes, quotes, attribute order, points
    with elevation, extensions or none, self-closing points, links, several tracks and segments, types
    before or after the segments, whitespace, character references, points that are not numbers."""
    prefix = rng.choice(["", "g:"])
    ns = f' xmlns{":g" if prefix else ""}="http://www.topografix.com/GPX/1/1"'
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<{prefix}gpx version="1.1"{ns}>']
    if rng.random() < 0.5:
        parts.append(
            f'<{prefix}metadata><{prefix}link href="x"><{prefix}text>t</{prefix}text></{prefix}link>'
        )
        parts.append(f"<{prefix}time>2026-09-25T05:00:00Z</{prefix}time></{prefix}metadata>")
    second = 0
    for _ in range(rng.randrange(1, 4)):
        parts.append(f"<{prefix}trk>\n<{prefix}name>R &amp; W</{prefix}name>")
        kind = rng.choice(["running", "cycling", None])
        if kind and rng.random() < 0.7:
            parts.append(f"<{prefix}type>{kind}</{prefix}type>")
        for _ in range(rng.randrange(0, 3)):
            parts.append(f"<{prefix}trkseg>")
            for _ in range(rng.randrange(0, 8)):
                lat, lon = f"{rng.uniform(-60, 60):.6f}", f"{rng.uniform(-170, 170):.6f}"
                if rng.random() < 0.05:
                    lat = rng.choice(["nan", "", "91", "&#52;5.5", "x"])
                quote = rng.choice(['"', "'"])
                pairs = [f"lat={quote}{lat}{quote}", f"lon={quote}{lon}{quote}"]
                rng.shuffle(pairs)
                space = rng.choice([" ", "  ", "\n  "])
                start = f"<{prefix}trkpt {space.join(pairs)}"
                second += rng.randrange(1, 30)
                when = f"2026-09-26T{6 + second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
                body = ""
                if rng.random() < 0.5:
                    body += f"<{prefix}ele>{rng.uniform(0, 900):.1f}</{prefix}ele>"
                if rng.random() < 0.9:
                    body += f"<{prefix}time>{when}</{prefix}time>"
                if rng.random() < 0.3:
                    body += f"<{prefix}extensions><x:hr xmlns:x='urn:x'>140</x:hr></{prefix}extensions>"
                parts.append(
                    f"{start}/>" if not body and rng.random() < 0.5 else f"{start}>{body}</{prefix}trkpt>"
                )
            parts.append(f"</{prefix}trkseg>\n")
        if kind and rng.random() < 0.3:
            parts.append(f"<{prefix}type>{kind}</{prefix}type>")
        parts.append(f"</{prefix}trk>")
    parts.append(f"</{prefix}gpx>")
    return "".join(parts)


def test_the_scan_gives_what_the_exact_reader_gives() -> None:
    """500 seeded plain files: the fast scan and the exact reader give the same tracks (km to 9 significant digits),
    or the same message."""
    rng = random.Random(2026)
    for _ in range(500):
        data = _variant(rng).encode()
        assert is_plain(data)
        scanned, exact = both_readers(data)
        assert scanned == exact, data


def both_readers(data: bytes) -> list[list[object]]:
    """What the fast scan and the exact reader give for *data*: tracks, or the message."""
    results: list[list[object]] = []
    for reader in (lambda: _read_scanned(data, "v.gpx"), lambda: _read_exact(io.BytesIO(data), "v.gpx")):
        try:
            results.append([(float(f"{a.km:.9g}"), a.kind, a.start_utc, a.seconds) for a in reader()])
        except HistoryFileError as error:
            results.append([str(error)])
    return results


def test_a_strava_gpx_typed_9_is_a_run() -> None:
    """Strava's GPX files typed a run 9 (a real one, creator "StravaGPX iPhone", quoted in cpfair/tapiriik
    issue 574); another app's 9 means nothing known. Both readers (a comment sends the file to the exact one)."""
    strava = legal(track="<type>9</type>").replace('creator="t"', 'creator="StravaGPX iPhone"')
    for text in (strava, strava.replace("<trk>", "<!-- c --><trk>")):
        assert [(round(km, 5), kind) for km, kind, _ in runs(text)] == [(FIVE_KM, "Run")]
    assert [kind for _, kind, _ in runs(legal(track="<type>9</type>"))] == ["9"]
