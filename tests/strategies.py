"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from keidesign.parameters.spec import ParameterSpec
from keidesign.shapes import (
    AXES,
    PLANES,
    Box,
    Cylinder,
    Placement,
    Prism,
    Revolution,
    Shape,
    TubePath,
    quarter_turns,
)
from keidesign.shapes.polygon import offset_inward


def spec_values(spec: ParameterSpec) -> st.SearchStrategy[Any]:
    """Any value a parameter accepts."""
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        return st.integers(int(spec.minimum), int(spec.maximum))
    return st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)


def parameter_sets(concept_cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """Parameter overrides within every declared range (cross-parameter rules may still fail)."""
    specs = concept_cls.specs()
    return st.fixed_dictionaries({}, optional={n: spec_values(s) for n, s in specs.items()})


def sweep_ranges(concept_cls: type, n_params: int = 2) -> st.SearchStrategy[list[str]]:
    """``--vary`` texts for ``n_params`` numeric parameters of a concept: small grids
    (2–4 values) over sub-ranges of each parameter's allowed range."""
    numeric = sorted(n for n, s in concept_cls.specs().items() if s.kind != "choice")

    @st.composite
    def build(draw: st.DrawFn) -> list[str]:
        names = draw(st.lists(st.sampled_from(numeric), min_size=n_params, max_size=n_params,
                              unique=True))
        texts = []
        for name in names:
            spec = concept_cls.specs()[name]
            lo = draw(spec_values(spec))
            hi = draw(spec_values(spec))
            texts.append(f"{name}={lo!r}:{hi!r}:{draw(st.integers(2, 4))}")
        return texts

    return build()


# ---------------------------------------------------------------------------------------------
# Shapes and placements.
#
# Every strategy below gives valid shapes of one design (floats and (V, 2)/(P, 3) arrays), in
# millimetres. Discrete choices (plane, axis, vertex count, …) can be fixed by argument, so that
# several designs drawn with the same choices stack into one shape of N designs (see
# :func:`stack` and :func:`shape_batches`).

#: The 24 proper quarter-turn rotations, in a fixed order.
ROTATIONS: tuple[tuple[tuple[int, int, int], ...], ...] = tuple(sorted(
    {quarter_turns(a, b, c) for a in range(4) for b in range(4) for c in range(4)}))

#: Shape kinds in the order the tests parametrise over them.
KINDS = ("box", "cylinder", "prism", "revolution", "tube_path")

#: Polygon families a prism or revolution profile is drawn from.
PROFILE_FAMILIES = ("convex", "star", "c_section", "l_shape")


def lengths(lo: float = 1.0, hi: float = 2000.0) -> st.SearchStrategy[float]:
    """A positive length, mm."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def coordinates(limit: float = 1000.0) -> st.SearchStrategy[float]:
    """A coordinate within ±``limit`` mm."""
    return st.floats(-limit, limit, allow_nan=False, allow_infinity=False)


def points3(limit: float = 1000.0) -> st.SearchStrategy[tuple[float, float, float]]:
    """An (x, y, z) point within ±``limit`` mm."""
    return st.tuples(coordinates(limit), coordinates(limit), coordinates(limit))


@st.composite
def directions(draw: st.DrawFn) -> np.ndarray:
    """A unit vector: along a principal axis either way, or any direction."""
    if draw(st.booleans()):
        d = np.zeros(3)
        d[draw(st.integers(0, 2))] = draw(st.sampled_from([-1.0, 1.0]))
        return d
    v = np.array(draw(st.tuples(*[st.floats(-1.0, 1.0)] * 3)))
    norm = float(np.linalg.norm(v))
    assume(norm > 0.1)
    return v / norm


@st.composite
def boxes(draw: st.DrawFn, *, hollow: bool | None = None,
          hollow_axis: str | None = None) -> Box:
    """A box, solid or a rectangular tube whose wall leaves an opening (any axis)."""
    size = draw(st.tuples(lengths(), lengths(), lengths()))
    centre = draw(points3())
    axis = draw(st.sampled_from("xyz")) if hollow_axis is None else hollow_axis
    if hollow is None:
        hollow = draw(st.booleans())
    wall = 0.0
    if hollow:
        k = AXES[axis]
        across = min(s for i, s in enumerate(size) if i != k)
        # Walls under 0.05 mm (1 % of a 1 mm box) are at the CAD kernel's precision: its
        # inertia of such a tube far from the origin is off by 2e-6.
        wall = max(draw(st.floats(0.01, 0.45)) * across, min(0.05, 0.45 * across))
    return Box(size=size, centre=centre, wall=wall, hollow_axis=axis)


@st.composite
def cylinders(draw: st.DrawFn, *, bored: bool | None = None) -> Cylinder:
    """A cylinder in any direction, solid or with a bore."""
    start = np.array(draw(points3()))
    end = start + draw(lengths()) * draw(directions())
    radius = draw(lengths(1.0, 500.0))
    if bored is None:
        bored = draw(st.booleans())
    inner = draw(st.floats(0.05, 0.95)) * radius if bored else 0.0
    return Cylinder(start=tuple(start), end=tuple(end), radius=radius, inner_radius=inner)


@st.composite
def _star(draw: st.DrawFn, n: int, convex: bool) -> np.ndarray:
    """A polygon star-shaped about the origin: sorted angles (each gap under π), radii in
    0.25–1 (all 1 for a convex polygon on a circle), in a unit square."""
    step = 2.0 * np.pi / n
    jitter = draw(st.lists(st.floats(-0.35, 0.35), min_size=n, max_size=n))
    phase = draw(st.floats(0.0, 2.0 * np.pi))
    angles = phase + step * (np.arange(n) + np.array(jitter))
    radii = np.ones(n) if convex else np.array(
        draw(st.lists(st.floats(0.25, 1.0), min_size=n, max_size=n)))
    return np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=-1)


@st.composite
def profiles(draw: st.DrawFn, *, family: str | None = None, n: int | None = None
             ) -> np.ndarray:
    """A simple polygon, (V, 2), mm: convex, star-shaped (non-convex), a C-section or an
    L-shape, scaled, turned by quarter-turns or mirrored, either vertex order, and moved.

    Args:
        family: one of :data:`PROFILE_FAMILIES`, or any.
        n: vertex count of a convex or star polygon (3–9), or any.
    """
    if family is None:
        family = draw(st.sampled_from(PROFILE_FAMILIES))
    if family in ("convex", "star"):
        if n is None:
            n = draw(st.integers(3, 9))
        unit = draw(_star(n, convex=family == "convex"))
        pts = unit * np.array([draw(lengths(5.0, 500.0)), draw(lengths(5.0, 500.0))])
    elif family == "c_section":
        h, w = draw(lengths(10.0, 500.0)), draw(lengths(5.0, 300.0))
        t = draw(st.floats(0.05, 0.9)) * min(w, 0.5 * h)
        pts = np.array([(0, 0), (w, 0), (w, t), (t, t), (t, h - t), (w, h - t), (w, h), (0, h)])
    elif family == "l_shape":
        h, w = draw(lengths(5.0, 500.0)), draw(lengths(5.0, 500.0))
        t1, t2 = draw(st.floats(0.05, 0.95)) * h, draw(st.floats(0.05, 0.95)) * w
        pts = np.array([(0, 0), (w, 0), (w, t1), (t2, t1), (t2, h), (0, h)])
    else:
        raise ValueError(f"unknown profile family {family!r}")
    pts = pts.astype(float)
    if draw(st.booleans()):
        pts = pts[:, ::-1]           # swap the coordinates (a mirror image)
    pts = pts * np.array(draw(st.sampled_from([(1, 1), (-1, 1), (1, -1), (-1, -1)])))
    if draw(st.booleans()):
        pts = pts[::-1]              # the other vertex order
    pts = np.roll(pts, draw(st.integers(0, len(pts) - 1)), axis=0)
    return pts + np.array([draw(coordinates(500.0)), draw(coordinates(500.0))])


def _fitting_wall(profile: np.ndarray, depth: float, fraction: float) -> float | None:
    """A wall of ``fraction`` × the profile's smaller bounding-box side, halved until its
    inward offset fits the profile and it leaves room inside ``depth``; None if none does."""
    span = float((profile.max(0) - profile.min(0)).min())
    wall = fraction * span
    centre = profile.mean(0)
    for _ in range(20):
        _, _, ok = offset_inward(profile[:, 0] - centre[0], profile[:, 1] - centre[1],
                                 np.asarray(wall))
        if bool(ok) and depth > 2.0 * wall:
            return wall
        wall *= 0.5
    return None


@st.composite
def prisms(draw: st.DrawFn, *, plane: str | None = None, family: str | None = None,
           n: int | None = None, hollow: bool | None = None) -> Prism:
    """A prism in any principal plane, solid or a closed shell whose wall fits."""
    profile = draw(profiles(family=family, n=n))
    if plane is None:
        plane = draw(st.sampled_from(sorted(PLANES)))
    lo = draw(coordinates(500.0))
    depth = draw(lengths(1.0, 1000.0))
    if hollow is None:
        hollow = draw(st.booleans())
    wall = 0.0
    if hollow:
        fitted = _fitting_wall(profile, depth, draw(st.floats(0.01, 0.3)))
        assume(fitted is not None)
        wall = fitted
    return Prism(profile=profile, plane=plane, extent=(lo, lo + depth), wall=wall)


@st.composite
def revolution_profiles(draw: st.DrawFn, *, family: str | None = None, n: int | None = None,
                        for_cad: bool = False) -> np.ndarray:
    """A simple (r, a) polygon with every r ≥ 0: a rectangle or trapezoid with one side on
    the axis or clear of it, or any :func:`profiles` polygon moved out to touch the axis (at a
    vertex or along an edge) or to clear it.

    Args:
        for_cad: leave out two kinds of profile the CAD kernel does not build or measure to
            1e-6: one that touches the axis at a lone vertex (a solid pinched to a point on its
            axis; OCCT gets its volume right and its inertia wrong by up to a few per cent), and
            one with an edge within 1 % of parallel to the axis but not parallel (OCCT makes a
            cylinder of that cone when the edge's ends differ in radius by less than a few
            micrometres, and the volume is off by up to 1e-4). ``test_shapes`` checks the first
            against hand formulas and a mesh.
    """
    if family is None:
        family = draw(st.sampled_from(("quad",) + PROFILE_FAMILIES))
    if family == "quad":
        r0 = draw(st.one_of(st.just(0.0), lengths(0.0, 500.0)))
        a0, a1 = draw(coordinates(500.0)), draw(lengths(1.0, 500.0))
        r1, r2 = r0 + draw(lengths(1.0, 500.0)), r0 + draw(lengths(1.0, 500.0))
        pts = np.array([(r0, a0), (r1, a0), (r2, a0 + a1), (r0, a0 + a1)])
        if draw(st.booleans()):
            pts = pts[::-1]
    else:
        pts = draw(profiles(family=family, n=n))
        gap = draw(st.one_of(st.just(0.0), lengths(0.0, 500.0)))
        pts[:, 0] += gap - pts[:, 0].min()
        pts[:, 0] = np.maximum(pts[:, 0], 0.0)  # the touching vertex exactly on the axis
        if for_cad and np.count_nonzero(pts[:, 0] == 0.0) == 1:
            pts[:, 0] += draw(lengths(1.0, 500.0))
    if for_cad:
        dr = np.abs(np.roll(pts[:, 0], -1) - pts[:, 0])
        da = np.abs(np.roll(pts[:, 1], -1) - pts[:, 1])
        assume(not np.any((dr > 0) & (dr < 0.01 * da)))
    return pts


@st.composite
def revolutions(draw: st.DrawFn, *, axis: str | None = None, family: str | None = None,
                n: int | None = None, for_cad: bool = False) -> Revolution:
    """A solid of revolution about any principal axis (see :func:`revolution_profiles`)."""
    profile = draw(revolution_profiles(family=family, n=n, for_cad=for_cad))
    if axis is None:
        axis = draw(st.sampled_from("xyz"))
    return Revolution(profile=profile, axis=axis)


@st.composite
def tube_paths(draw: st.DrawFn, *, n_points: int | None = None, hollow: bool | None = None,
               default_bend: bool | None = None) -> TubePath:
    """A tube along 2–5 points whose bends fit: each run is at least as long as the bends at
    its ends take (turns up to 150°, sometimes straight on), solid or hollow, with the default
    or a given bend radius."""
    if n_points is None:
        n_points = draw(st.integers(2, 5))
    r = 0.5 * draw(lengths(2.0, 100.0))
    if default_bend is None:
        default_bend = draw(st.booleans())
    bend = None if default_bend else draw(st.floats(1.1, 6.0)) * r
    radius = 4.0 * r if bend is None else bend
    if hollow is None:
        hollow = draw(st.booleans())
    wall = draw(st.floats(0.05, 0.9)) * r if hollow else 0.0
    dirs = [draw(directions())]
    for _ in range(n_points - 2):
        if draw(st.integers(0, 5)) == 0:
            dirs.append(dirs[-1])    # straight on: no bend at this point
        else:
            d = draw(directions())
            assume(float(d @ dirs[-1]) > np.cos(np.radians(150.0)))
            dirs.append(d)
    turns = [float(np.arctan2(np.linalg.norm(np.cross(a, b)), a @ b))
             for a, b in zip(dirs, dirs[1:])]
    # A corner of about 1e-8 rad builds an invalid CAD solid (the kernel's limit, reported by
    # solid_for as a GeometryError); real corners turn far more, or not at all.
    assume(all(t == 0.0 or t > 1e-6 for t in turns))
    tangent = [0.0] + [radius * np.tan(0.5 * t) for t in turns] + [0.0]
    points = [np.array(draw(points3()))]
    for s, d in enumerate(dirs):
        run = draw(st.one_of(st.just(0.0), lengths(0.0, 1000.0)))
        length = tangent[s] + tangent[s + 1] + run
        assume(length > 1.0)
        points.append(points[-1] + length * d)
    return TubePath(points=np.array(points), outer_diameter=2.0 * r, wall=wall,
                    bend_radius=bend)


def shapes(kind: str | None = None, *, for_cad: bool = False) -> st.SearchStrategy[Shape]:
    """Any valid primitive (of ``kind``, one of :data:`KINDS`, when given); ``for_cad`` leaves
    out what OCCT cannot measure (see :func:`revolution_profiles`)."""
    table = {"box": boxes(), "cylinder": cylinders(), "prism": prisms(),
             "revolution": revolutions(for_cad=for_cad),
             "tube_path": tube_paths()}
    if kind is None:
        return st.one_of(list(table.values()))
    return table[kind]


def placements(limit: float = 3000.0) -> st.SearchStrategy[Placement]:
    """Any of the 24 quarter-turn rotations, then a translation within ±``limit`` mm."""
    return st.builds(Placement, translation=points3(limit), rotation=st.sampled_from(ROTATIONS))


def stack(designs: list[Shape], shared: tuple[str, ...] = ()) -> Shape:
    """One shape of N designs from N one-design shapes of the same kind and discrete choices
    (plane, axis, vertex count, default bend radius …): each field becomes (N,) arrays or an
    (N, V, k) array, except the fields named in ``shared``, given once as the first design's
    (a sweep that varies some parameters and not others)."""
    first = designs[0]
    values: dict[str, Any] = {}
    for field in dataclasses.fields(first):
        value = getattr(first, field.name)
        column = [getattr(d, field.name) for d in designs]
        if field.name in shared or value is None or isinstance(value, str):
            values[field.name] = value
        elif isinstance(value, np.ndarray):
            values[field.name] = np.stack(column)
        elif isinstance(value, tuple):
            values[field.name] = tuple(np.array([float(c[i]) for c in column])
                                       for i in range(len(value)))
        else:
            values[field.name] = np.array([float(c) for c in column])
    return type(first)(**values)


#: Fields a batch may give once for every design (see :func:`shape_batches`).
SHARABLE: dict[str, tuple[str, ...]] = {
    "box": ("size", "centre", "wall"),
    "cylinder": ("start", "end", "radius", "inner_radius"),
    "prism": ("profile", "extent", "wall"),
    "revolution": (),
    "tube_path": ("points", "outer_diameter", "wall", "bend_radius"),
}


@st.composite
def shape_batches(draw: st.DrawFn, kind: str | None = None, min_size: int = 2,
                  max_size: int = 4) -> tuple[Shape, list[Shape]]:
    """(a shape of N designs, its N designs one by one): designs of one kind sharing their
    discrete choices, drawn independently otherwise (a batch may mix solid and hollow), some
    fields perhaps given once for all (see :func:`stack`); designs that no longer fit with a
    shared value are degenerate."""
    if kind is None:
        kind = draw(st.sampled_from(KINDS))
    n = draw(st.integers(min_size, max_size))
    if kind == "box":
        one = boxes(hollow_axis=draw(st.sampled_from("xyz")))
    elif kind == "cylinder":
        one = cylinders()
    elif kind == "prism":
        family = draw(st.sampled_from(PROFILE_FAMILIES))
        one = prisms(plane=draw(st.sampled_from(sorted(PLANES))), family=family,
                     n=draw(st.integers(3, 9)))
    elif kind == "revolution":
        family = draw(st.sampled_from(PROFILE_FAMILIES))
        one = revolutions(axis=draw(st.sampled_from("xyz")), family=family,
                          n=draw(st.integers(3, 9)))
    else:
        one = tube_paths(n_points=draw(st.integers(2, 5)), default_bend=draw(st.booleans()))
    designs = draw(st.lists(one, min_size=n, max_size=n))
    sharable = [f for f in SHARABLE[kind] if getattr(designs[0], f) is not None]
    shared = tuple(draw(st.lists(st.sampled_from(sharable), unique=True,
                                 max_size=len(sharable) - 1))) if sharable else ()
    if shared:
        # The designs one by one take the shared values too; some may no longer fit (a wall
        # drawn for the first box, too thick for another): degenerate designs, NaN volume.
        common = {f: getattr(designs[0], f) for f in shared}
        designs = [dataclasses.replace(d, **common) for d in designs]
    return stack(designs, shared), designs
