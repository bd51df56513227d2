"""Preview image: a PNG of the asked size, in the parts' colours, each part where the camera
puts it, hidden parts hidden; the camera's framing; atomic writes and refusals."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from keidesign.concepts.registry import get_concept
from keidesign.errors import ExportError, ParameterError
from keidesign.export.mesh import tessellate
from keidesign.export.preview import (
    ANGULAR_TOLERANCE_DEG,
    BACKGROUND,
    TOLERANCE_MM,
    frame_camera,
    render_preview,
    write_preview,
)
from keidesign.geometry.assembly import CadModel, cad_model

WIDTH_PX, HEIGHT_PX = 720, 480


@pytest.fixture(scope="module")
def truck() -> SimpleNamespace:
    """The cab-over truck at its defaults: its preview (decoded, 0–1), its parts' placed
    meshes and the camera that framed them."""
    layout = get_concept("cab-over-truck")().layout()
    model = cad_model(layout)
    png = render_preview(layout, model, width_px=WIDTH_PX, height_px=HEIGHT_PX)
    placed = tessellate(model, tolerance_mm=TOLERANCE_MM,
                        angular_tolerance_deg=ANGULAR_TOLERANCE_DEG).placed()
    camera = frame_camera(np.concatenate([m.vertices for m in placed.values()]),
                          WIDTH_PX, HEIGHT_PX)
    image = Image.open(io.BytesIO(png))
    return SimpleNamespace(layout=layout, model=model, png=png, image=image,
                           pixels=np.asarray(image.convert("RGB"), dtype=float) / 255,
                           placed=placed, camera=camera,
                           colours={c.name: np.asarray(c.colour) for c in layout.components})


def _shaded_as(pixels: np.ndarray, colour: np.ndarray, tol: float = 0.03) -> np.ndarray:
    """(...,) bool: which (..., 3) pixels are ``colour`` times one brightness (shading and
    outlines scale a part's colour; they do not change its hue)."""
    brightness = pixels.sum(axis=-1) / np.sum(colour)
    residual = np.abs(pixels - brightness[..., None] * colour).max(axis=-1)
    return (residual <= tol) & (brightness >= 0.3) & (brightness <= 1.02)


def _window(truck: SimpleNamespace, part: str, half_px: int = 3) -> np.ndarray:
    """(2·half_px + 1, 2·half_px + 1, 3) pixels round where the part's centroid projects."""
    column, row = truck.camera.project(truck.placed[part].vertices.mean(axis=0))
    c, r = int(column), int(row)
    assert half_px <= c < WIDTH_PX - half_px and half_px <= r < HEIGHT_PX - half_px
    return truck.pixels[r - half_px:r + half_px + 1, c - half_px:c + half_px + 1]


@pytest.mark.slow
def test_preview_is_a_png_of_the_asked_size(truck):
    assert truck.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert truck.image.format == "PNG"
    assert truck.image.size == (WIDTH_PX, HEIGHT_PX)
    assert truck.image.mode == "RGB"


@pytest.mark.slow
def test_preview_is_not_blank_and_framed_with_a_margin(truck):
    background = np.all(np.abs(truck.pixels - BACKGROUND) < 1.5 / 255, axis=-1)
    assert 0.25 < 1 - background.mean() < 0.9
    assert len(np.unique(truck.pixels.reshape(-1, 3), axis=0)) > 100
    # The vehicle fills the image but leaves every edge to the background.
    for edge in (background[0], background[-1], background[:, 0], background[:, -1]):
        assert edge.all()
    rows, columns = np.nonzero(~background)
    assert columns.max() - columns.min() > 0.85 * WIDTH_PX or \
        rows.max() - rows.min() > 0.85 * HEIGHT_PX


@pytest.mark.slow
def test_preview_shows_the_body_colour(truck):
    body = _shaded_as(truck.pixels, truck.colours["cab_shell"])
    assert body.mean() > 0.05
    assert not _shaded_as(np.array(BACKGROUND), truck.colours["cab_shell"])


@pytest.mark.slow
@pytest.mark.parametrize("part", ["front_bumper", "door_mirror_left", "cab_windscreen",
                                  "cab_window_left", "rim_front_left", "rim_rear_left",
                                  "bed_side_left"])
def test_visible_parts_are_drawn_where_they_project(truck, part):
    # Parts in sight from the front left whose centres are in sight too (the windows lie
    # flush in the cab's surface: they must win over it).
    window = _window(truck, part)
    assert _shaded_as(window, truck.colours[part]).mean() > 0.9, part


@pytest.mark.slow
def test_hidden_parts_are_hidden(truck):
    # The occupants sit in the closed cab: their centres project onto the cab, which must
    # cover them (painter's sorting by centres draws them through the windscreen).
    skin = truck.colours["driver"]
    assert _shaded_as(truck.pixels, skin).mean() < 1e-3
    for occupant in ("driver", "passenger"):
        assert not _shaded_as(_window(truck, occupant, half_px=6), skin).any()


@pytest.mark.slow
def test_front_left_three_quarter_view(truck):
    # Without the camera: the red front bumper is on the left of the image, the bed on the
    # right, so the car faces the viewer's left and its left side is seen.
    # The payload (tan, on the bed floor) is drawn too.
    red = _shaded_as(truck.pixels, truck.colours["front_bumper"])
    bed = _shaded_as(truck.pixels, truck.colours["payload"])
    assert red.mean() > 0.02 and bed.mean() > 0.02
    # Most red is the front bumper; the rear bumper is a thin bar on the far right.
    assert np.median(np.nonzero(red)[1]) < WIDTH_PX / 2 < np.nonzero(bed)[1].mean()


@pytest.mark.slow
def test_write_preview_is_atomic(truck, tmp_path: Path):
    path = write_preview(truck.layout, tmp_path / "truck.png", truck.model, width_px=300,
                         height_px=200)
    assert path == tmp_path / "truck.png"
    assert Image.open(path).size == (300, 200)
    assert [p.name for p in tmp_path.iterdir()] == ["truck.png"]
    with pytest.raises(ExportError, match="temporary file"):
        write_preview(truck.layout, tmp_path / "missing" / "truck.png", truck.model,
                      width_px=300, height_px=200)
    assert [p.name for p in tmp_path.iterdir()] == ["truck.png"]


@pytest.mark.parametrize("size", [{"width_px": 8}, {"height_px": 10_000},
                                  {"width_px": 640.5}, {"height_px": True}])
def test_render_preview_refuses_a_bad_size(size):
    layout = get_concept("cab-over-truck")().layout()
    name = next(iter(size))
    with pytest.raises(ParameterError, match=f"'{name}' must be a whole number within"):
        render_preview(layout, **size)


def test_render_preview_refuses_another_design_s_model():
    layout = get_concept("cab-over-truck")().layout()
    other = CadModel(solids={}, keys={"wing": "key"}, locations={})
    with pytest.raises(ParameterError, match="'model' must hold one solid per component"):
        render_preview(layout, other)


def test_frame_camera_frames_the_points_from_the_front_left_above():
    box = np.array([[x, y, z] for x in (-2000, 1000) for y in (-700, 700) for z in (0, 1800)],
                   dtype=float)
    camera = frame_camera(box, 1200, 800, margin=0.05)
    px = camera.project(box)
    assert px.shape == (8, 2)
    assert (px[:, 0] >= 60 - 1e-6).all() and (px[:, 0] <= 1140 + 1e-6).all()
    assert (px[:, 1] >= 40 - 1e-6).all() and (px[:, 1] <= 760 + 1e-6).all()
    # One direction is filled to its margins.
    assert np.isclose(np.ptp(px[:, 0]), 1080) or np.isclose(np.ptp(px[:, 1]), 720)
    origin, ahead, left, up = camera.project(np.array(
        [[0, 0, 0], [1000, 0, 0], [0, 1000, 0], [0, 0, 1000]], dtype=float))
    assert ahead[0] < origin[0] < left[0]  # the nose points left, the left side right
    assert up[1] < origin[1]  # rows grow downwards
    assert np.isclose(up[0], origin[0])  # verticals stay vertical
    # The camera is ahead, to the left and above: those points are nearer.
    depth = camera.depth_mm(np.array([[0, 0, 0], [1000, 0, 0], [0, 1000, 0], [0, 0, 1000]],
                                     dtype=float))
    assert (depth[1:] < depth[0]).all()
    # Rotation rows are orthonormal and right-handed.
    assert np.allclose(camera.rotation @ camera.rotation.T, np.eye(3))
    assert np.isclose(np.linalg.det(camera.rotation), 1.0)


def test_frame_camera_refuses_no_points_and_a_vertical_view():
    with pytest.raises(ParameterError, match="at least one point"):
        frame_camera(np.empty((0, 3)), 100, 100)
    with pytest.raises(ParameterError, match="'elevation_deg' must be within"):
        frame_camera(np.zeros((1, 3)), 100, 100, elevation_deg=90)
    with pytest.raises(ParameterError, match="'margin' must be within"):
        frame_camera(np.zeros((1, 3)), 100, 100, margin=0.5)
