"""Preview image: a shaded PNG of a design's assembly seen from the front left, above.

Every part is drawn in its colour from a fixed three-quarter view (from ahead of the car, 35°
round towards its left side, 20° above the horizon, orthographic), flat-shaded with an ambient
term and one Lambert light fixed to the vehicle, and outlined where one part meets another or
the background. Occupants and payload are drawn too: they show the seating.

The image is rasterised here, in numpy, with a depth buffer: no display, no OpenGL. Painter's
sorting (matplotlib's ``mplot3d``) draws these parts visibly wrong — occupants through the
windscreen, the fuel through its tank — because a long body panel and a small part behind it
sort by their centres. Each triangle is scanned into row spans, every covered pixel centre
gets the triangle's depth from its plane, and the nearest triangle wins per pixel
(``np.minimum.at``), at twice the resolution asked, then averaged down (anti-aliasing). The
PNG is encoded by Pillow (a dependency of matplotlib).

Glass is drawn a millimetre nearer than it is: the cabs' windows lie flush in the shell's
surface, and without the offset the two would fight pixel by pixel.

The mesh is each distinct solid tessellated once (:func:`~keidesign.export.mesh.tessellate`),
coarser than the exports' (a 0.5 mm chord): a solid already meshed finer keeps its finer mesh,
and a later export re-meshes at its own tolerance.
"""

from __future__ import annotations

import io
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from keidesign.errors import ExportError, ParameterError
from keidesign.export.atomic import write_bytes_atomic
from keidesign.export.mesh import tessellate
from keidesign.geometry.assembly import model_of
from keidesign.parameters.spec import quote

if TYPE_CHECKING:
    from keidesign.geometry.assembly import CadModel
    from keidesign.layout.layout import Layout

__all__ = ["ANGULAR_TOLERANCE_DEG", "AZIMUTH_DEG", "BACKGROUND", "ELEVATION_DEG",
           "TOLERANCE_MM", "PreviewCamera", "frame_camera", "render_preview", "write_preview"]

#: The camera's bearing from straight ahead of the car towards its left side (+y), degrees.
AZIMUTH_DEG = 35.0
#: The camera's height above the horizon, degrees.
ELEVATION_DEG = 20.0
#: Background colour, (r, g, b) sRGB 0–1: light and blue-grey, apart from the white bodies.
BACKGROUND = (0.90, 0.92, 0.95)
#: Chord tolerance of the preview's tessellation, mm (the exports' is 0.1 mm).
TOLERANCE_MM = 0.5
#: Angular tolerance of the preview's tessellation, degrees (24 segments round a circle).
ANGULAR_TOLERANCE_DEG = 15.0

_MARGIN = 0.05  # of the image's width and height, each side
_SUPERSAMPLE = 2  # rendered at this many times the size asked, each way, then averaged
_AMBIENT = 0.4
_DIFFUSE = 0.65
# Towards the light, vehicle axes: ahead, left and above, so the top, front and left side
# the camera sees each get their own brightness (about 0.9, 0.77, 0.6 of the colour).
_LIGHT = np.array([0.6, 0.35, 0.8]) / np.linalg.norm([0.6, 0.35, 0.8])
_GLASS_OFFSET_MM = 1.0
_OUTLINE = 0.5  # an outline pixel keeps this share of its colour
_SIZE_RANGE_PX = (16, 4096)
_CHUNK_PX = 1 << 20  # covered pixels resolved per depth-buffer pass (bounds memory)
_BAND_ROWS = 128  # image rows shaded and averaged down at a time (bounds memory)

logger = logging.getLogger("keidesign")


@dataclass(frozen=True, slots=True)
class PreviewCamera:
    """An orthographic camera and the image it fills.

    Attributes:
        rotation: (3, 3) float, rows are the image's right, the image's up and the direction
            towards the camera, each a unit vector in vehicle axes (x forward, y left, z up).
        centre_mm: (2,) float, the point of the view plane (right, up), mm, at the centre of
            the image.
        px_per_mm: the image's scale, pixels per mm.
        width_px: the image's width, pixels.
        height_px: the image's height, pixels.
    """

    rotation: np.ndarray
    centre_mm: np.ndarray
    px_per_mm: float
    width_px: int
    height_px: int

    def project(self, points_mm: np.ndarray) -> np.ndarray:
        """Where points fall in the image.

        Args:
            points_mm: (..., 3) float, points in vehicle axes, mm.

        Returns:
            (..., 2) float, (column, row) in pixels from the image's top-left corner; pixel
            (i, j) covers columns i to i + 1 and rows j to j + 1.
        """
        view = np.asarray(points_mm, dtype=float) @ self.rotation[:2].T - self.centre_mm
        column = self.width_px / 2 + view[..., 0] * self.px_per_mm
        row = self.height_px / 2 - view[..., 1] * self.px_per_mm
        return np.stack([column, row], axis=-1)

    def depth_mm(self, points_mm: np.ndarray) -> np.ndarray:
        """(...,) float, how far each of (..., 3) points (vehicle axes, mm) lies behind the
        view plane through the origin, mm: nearer points have smaller depths."""
        return -(np.asarray(points_mm, dtype=float) @ self.rotation[2])


def frame_camera(points_mm: np.ndarray, width_px: int, height_px: int, *,
                 azimuth_deg: float = AZIMUTH_DEG, elevation_deg: float = ELEVATION_DEG,
                 margin: float = _MARGIN) -> PreviewCamera:
    """The camera looking from ``azimuth_deg``, ``elevation_deg`` that frames every point.

    Args:
        points_mm: (N, 3) float, N ≥ 1, the points to frame (a mesh's vertices), vehicle
            axes, mm.
        width_px: the image's width, pixels.
        height_px: the image's height, pixels.
        azimuth_deg: the camera's bearing from straight ahead (+x) towards the left (+y),
            degrees.
        elevation_deg: the camera's height above the horizon, degrees, within −90–90
            (exclusive).
        margin: the empty share of the image's width and of its height left on each side
            (at least; the other direction gets more to keep the scale the same both ways).

    Returns:
        The camera, centred on the points' projected extent.

    Raises:
        ParameterError: no points, an image without pixels, a margin that leaves no room,
            or an elevation that looks straight up or down.
    """
    points = np.asarray(points_mm, dtype=float).reshape(-1, 3)
    if len(points) == 0:
        raise ParameterError("'points_mm' must hold at least one point to frame",
                             name="points_mm")
    if not (width_px >= 1 and height_px >= 1):
        raise ParameterError(f"'width_px' and 'height_px' must be at least 1 px (got "
                             f"{quote(width_px)}, {quote(height_px)})", name="width_px")
    if not 0.0 <= margin < 0.5:
        raise ParameterError(f"'margin' must be within 0–0.5 exclusive (got {quote(margin)})",
                             name="margin", value=margin)
    if not -90.0 < elevation_deg < 90.0:
        raise ParameterError(f"'elevation_deg' must be within −90–90° exclusive "
                             f"(got {quote(elevation_deg)})", name="elevation_deg",
                             value=elevation_deg)
    azimuth, elevation = np.radians(azimuth_deg), np.radians(elevation_deg)
    towards = np.array([np.cos(elevation) * np.cos(azimuth),
                        np.cos(elevation) * np.sin(azimuth), np.sin(elevation)])
    right = np.cross(-towards, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, -towards)
    rotation = np.stack([right, up, towards])
    view = points @ rotation[:2].T
    low, high = view.min(axis=0), view.max(axis=0)
    extent = np.maximum(high - low, 1e-9)
    scale = min(width_px * (1 - 2 * margin) / extent[0],
                height_px * (1 - 2 * margin) / extent[1])
    return PreviewCamera(rotation=rotation, centre_mm=(low + high) / 2, px_per_mm=float(scale),
                         width_px=int(width_px), height_px=int(height_px))


def render_preview(layout: Layout, model: CadModel | None = None, width_px: int = 1200,
                   height_px: int = 800) -> bytes:
    """A PNG of the design's assembly from the front left, above, shaded, in part colours.

    Args:
        layout: the design's layout (one design); gives each part's colour.
        model: the design's solids (:func:`~keidesign.geometry.assembly.cad_model`); built
            here if ``None``.
        width_px: the image's width, pixels, 16–4096.
        height_px: the image's height, pixels, 16–4096.

    Returns:
        The PNG file's bytes: (height_px, width_px) RGB, 8 bits a channel.

    Raises:
        ParameterError: a size out of range, a layout of several designs, or a ``model``
            that is not the layout's.
        GeometryError: a part's solid or mesh could not be built.
        ExportError: there are no parts to draw, or the PNG could not be encoded.
    """
    for label, value in (("width_px", width_px), ("height_px", height_px)):
        low, high = _SIZE_RANGE_PX
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                or not low <= value <= high:
            raise ParameterError(f"{label!r} must be a whole number within {low}–{high} px "
                                 f"(got {quote(value)})", name=label, value=value)
    start = time.perf_counter()
    model = model_of(layout, model)
    if not model.keys:
        raise ExportError(f"no parts to draw in the preview of {layout.concept}")
    built = time.perf_counter()
    triangles, colours, parts, glass = _scene(layout, model)
    meshed = time.perf_counter()
    image = _render(triangles, colours, parts, glass, int(width_px), int(height_px))
    drawn = time.perf_counter()
    buffer = io.BytesIO()
    try:
        Image.fromarray(image).save(buffer, format="PNG")
    except (OSError, ValueError) as err:
        raise ExportError(f"the preview of {layout.concept} could not be encoded as PNG: "
                          f"{err}") from err
    logger.debug("%s: preview of %d triangles, %d × %d px: solids %.2f s, tessellation "
                 "%.2f s, drawing %.2f s, PNG %.2f s", layout.concept, len(triangles),
                 width_px, height_px, built - start, meshed - built, drawn - meshed,
                 time.perf_counter() - drawn)
    return buffer.getvalue()


def write_preview(layout: Layout, path: str | os.PathLike[str], model: CadModel | None = None,
                  *, width_px: int = 1200, height_px: int = 800) -> Path:
    """Write :func:`render_preview`'s PNG to ``path``, atomically.

    Args:
        layout: the design's layout (one design).
        path: the ``.png`` file to write; its folder must exist.
        model: the design's solids; built here if ``None``.
        width_px: the image's width, pixels, 16–4096.
        height_px: the image's height, pixels, 16–4096.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        ParameterError, GeometryError, ExportError: as :func:`render_preview`; on any of
            them ``path`` is left as it was.
    """
    data = render_preview(layout, model, width_px=width_px, height_px=height_px)
    return write_bytes_atomic(path, data)


def _scene(layout: Layout, model: CadModel) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                     np.ndarray]:
    """Every part's triangles placed in vehicle axes, with their part's colour and index.

    Returns:
        triangles: (F, 3, 3) float, mm, vehicle axes, outward-wound.
        colours: (F, 3) float, sRGB 0–1, the part's colour.
        parts: (F,) int, the part's position in the model.
        glass: (F,) bool, whether the part is glass.
    """
    components = {c.name: c for c in layout.components}
    tessellation = tessellate(model, tolerance_mm=TOLERANCE_MM,
                              angular_tolerance_deg=ANGULAR_TOLERANCE_DEG)
    triangles, colours, parts, glass = [], [], [], []
    for index, (name, key) in enumerate(tessellation.keys.items()):
        mesh, matrix = tessellation.meshes[key], tessellation.matrices[name]
        vertices = np.asarray(mesh.vertices) @ matrix[:3, :3].T + matrix[:3, 3]
        faces = np.asarray(mesh.faces)
        triangles.append(vertices[faces])
        colours.append(np.broadcast_to(np.asarray(components[name].colour, dtype=float),
                                       (len(faces), 3)))
        parts.append(np.full(len(faces), index))
        glass.append(np.full(len(faces), components[name].category == "glass"))
    return (np.concatenate(triangles), np.concatenate(colours), np.concatenate(parts),
            np.concatenate(glass))


def _render(triangles: np.ndarray, colours: np.ndarray, parts: np.ndarray, glass: np.ndarray,
            width_px: int, height_px: int) -> np.ndarray:
    """The shaded image of the triangles (see :func:`_scene` for the arguments' shapes).

    Returns:
        (height_px, width_px, 3) uint8 sRGB.
    """
    camera = frame_camera(triangles.reshape(-1, 3), width_px, height_px)
    scale = _SUPERSAMPLE
    width, height = width_px * scale, height_px * scale
    normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-300)
    shade = np.minimum(_AMBIENT + _DIFFUSE * np.clip(normals @ _LIGHT, 0.0, None), 1.0)
    facing = normals @ camera.rotation[2] > 0  # closed meshes: the back faces are hidden
    pixels = camera.project(triangles[facing]) * scale
    depth = camera.depth_mm(triangles[facing]) - _GLASS_OFFSET_MM * glass[facing, None]
    nearest = _rasterise(pixels, depth, width, height)

    palette = np.vstack([colours[facing] * shade[facing, None], BACKGROUND]).astype(np.float32)
    owners = np.append(parts[facing], -1)
    nearest[nearest < 0] = len(palette) - 1
    image = np.empty((height_px, width_px, 3), dtype=np.uint8)
    for top in range(0, height_px, _BAND_ROWS):
        bottom = min(top + _BAND_ROWS, height_px)
        # The band's supersampled rows and the row above it, for the outlines.
        above = max(top * scale - 1, 0)
        band = nearest[above:bottom * scale]
        owner = owners[band]
        # Outlines where one part meets another or the background: flat-shaded neighbours
        # of one colour (a white bed floor against its white sides) would run together.
        edge = np.zeros(band.shape, dtype=bool)
        edge[:, 1:] |= owner[:, 1:] != owner[:, :-1]
        edge[1:, :] |= owner[1:, :] != owner[:-1, :]
        edge &= owner >= 0
        shaded = palette[band]
        shaded[edge] *= _OUTLINE
        shaded = shaded[top * scale - above:]
        shaded = shaded.reshape(bottom - top, scale, width_px, scale, 3).mean(axis=(1, 3))
        image[top:bottom] = np.round(np.clip(shaded, 0.0, 1.0) * 255)
    return image


def _rasterise(pixels: np.ndarray, depth: np.ndarray, width: int, height: int) -> np.ndarray:
    """The nearest triangle at every pixel centre: a depth buffer.

    Each triangle is cut into one span per pixel row whose centre line crosses it; every
    pixel centre in a span takes its depth from the triangle's plane, and the smallest depth
    wins (ties: either).

    Args:
        pixels: (T, 3, 2) float, the triangles' corners as (column, row), pixels.
        depth: (T, 3) float, the corners' depths, mm (smaller is nearer).
        width: the image's width, pixels.
        height: the image's height, pixels.

    Returns:
        (height, width) int, the index of the triangle seen at each pixel, −1 where none is.
    """
    x, y = pixels[..., 0], pixels[..., 1]
    z = depth - depth.min() if len(depth) else depth  # small positive: float32 keeps µm
    # Depth plane z = a·x + b·y + c; a triangle edge-on has no plane and covers no centre.
    dx1, dy1, dz1 = x[:, 1] - x[:, 0], y[:, 1] - y[:, 0], z[:, 1] - z[:, 0]
    dx2, dy2, dz2 = x[:, 2] - x[:, 0], y[:, 2] - y[:, 0], z[:, 2] - z[:, 0]
    det = dx1 * dy2 - dx2 * dy1
    flat = np.abs(det) > 1e-9
    det = np.where(flat, det, 1.0)
    a = (dz1 * dy2 - dz2 * dy1) / det
    b = (dx1 * dz2 - dx2 * dz1) / det
    c = z[:, 0] - a * x[:, 0] - b * y[:, 0]

    # One (triangle, row) pair per pixel row whose centre line the triangle reaches.
    top = np.clip(np.ceil(y.min(axis=1) - 0.5), 0, height).astype(np.int64)
    bottom = np.clip(np.floor(y.max(axis=1) - 0.5), -1, height - 1).astype(np.int64)
    rows = np.where(flat, np.maximum(bottom - top + 1, 0), 0)
    tri = np.repeat(np.arange(len(x)), rows)
    row = top[tri] + _ranks(rows)
    centre = row + 0.5
    left = np.full(len(tri), np.inf)
    right = np.full(len(tri), -np.inf)
    for i, j in ((0, 1), (1, 2), (2, 0)):
        xi, yi, xj, yj = x[tri, i], y[tri, i], x[tri, j], y[tri, j]
        crosses = (np.minimum(yi, yj) <= centre) & (centre <= np.maximum(yi, yj)) & (yi != yj)
        at = xi + (centre - yi) * (xj - xi) / np.where(yi != yj, yj - yi, 1.0)
        left = np.where(crosses, np.minimum(left, at), left)
        right = np.where(crosses, np.maximum(right, at), right)
    first = np.clip(np.ceil(left - 0.5), 0, width).astype(np.int64)
    last = np.clip(np.floor(right - 0.5), -1, width - 1).astype(np.int64)
    count = np.maximum(last - first + 1, 0)
    spans = count > 0
    tri, row, first, count = tri[spans], row[spans], first[spans], count[spans]
    start_pixel = row * width + first
    start_depth = (a[tri] * (first + 0.5) + b[tri] * (row + 0.5) + c[tri]).astype(np.float32)
    slope = a[tri].astype(np.float32)

    nearest_depth = np.full(width * height, np.inf, dtype=np.float32)
    nearest = np.full(width * height, -1, dtype=np.int32)
    # A few spans at a time: each pass lowers the buffer, and a pixel's winner so far is
    # replaced only by a nearer one from a later pass.
    ends = np.cumsum(count)
    begin = 0
    while begin < len(count):
        done = ends[begin - 1] if begin else 0
        end = max(int(np.searchsorted(ends, done + _CHUNK_PX, side="right")), begin + 1)
        n = count[begin:end]
        span = np.repeat(np.arange(begin, end), n)
        step = _ranks(n)
        pixel = start_pixel[span] + step
        z_pixel = start_depth[span] + slope[span] * step.astype(np.float32)
        np.minimum.at(nearest_depth, pixel, z_pixel)
        wins = z_pixel == nearest_depth[pixel]
        nearest[pixel[wins]] = tri[span[wins]]
        begin = end
    return nearest.reshape(height, width)


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, counts[0] − 1, 0, 1, …, counts[1] − 1, …: (sum(counts),) int."""
    total = int(counts.sum())
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
