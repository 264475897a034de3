"""The GPX reader's scan (calculator/history/gpx.py) on what real GPX files hold besides the plain case:
attributes in either order and quotes, a namespace prefix, empty elements, comments and CDATA, points
that are not numbers, and files read in pieces of any size.

Right values are worked out by hand along the equator: 0.01 degree of longitude is 2 pi x 6371.0088 km
/ 360 / 100 = 1.1119508 km (the mean Earth radius, IUGG); and the scan's distance formula is checked
against the haversine formula written out point by point (`activities.haversine_km`).
"""

from __future__ import annotations

import io
import random

import pytest

from calculator.history import xmltrack
from calculator.history.activities import haversine_km
from calculator.history.gpx import read_gpx, track_km

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
