"""Seats and their occupants, placed by the seat's H-point (SAE J826 hip point)."""

from __future__ import annotations

import functools
import numpy as np

from keidesign.layout.component import Component
from keidesign.layout.material import Material
from keidesign.parts.materials import PAINT, material
from keidesign.shapes import Placement, Prism
from keidesign.shapes.arrays import Scalar, as_points
from keidesign.shapes.polygon import polygon_integral
from keidesign.units import OCCUPANT_MASS_KG

__all__ = ["bucket_seat", "bench_seat", "occupant", "OCCUPANT_COM_OFFSET_MM", "OCCUPANT_HEAD_MM"]

#: Where a seated occupant's centre of mass sits from the H-point, (forward, up) mm. From
#: body-segment masses (Winter, Biomechanics and Motor Control of Human Movement, table 4.1:
#: head and neck 8 %, trunk 50 %, arms 10 %, thighs 20 %, shanks and feet 12 %) in a driving
#: posture with the back reclined 25° and the hands on the wheel: trunk and head lean back
#: (−105 and −275 mm), arms, thighs and shanks reach forward (+150, +200, +550 mm), which sums
#: to about 50 mm forward and 175 mm up. Fixed, so occupants of any seat weigh alike.
OCCUPANT_COM_OFFSET_MM = (50.0, 175.0)

# Side profiles about the H-point, (forward, up) mm.
_BUCKET = [(330.0, -60.0), (340.0, -170.0), (-170.0, -170.0), (-230.0, -100.0),
           (-480.0, 620.0), (-440.0, 720.0), (-330.0, 720.0), (-120.0, 30.0), (-80.0, -45.0)]
_BENCH = [(300.0, -40.0), (310.0, -200.0), (-160.0, -200.0), (-200.0, -100.0),
          (-330.0, 560.0), (-250.0, 600.0), (-110.0, 20.0), (-70.0, -30.0)]
# The seated body above the knee, about the H-point: thighs, belly, chest, head, back.
_TORSO = [(120.0, 110.0), (60.0, 430.0), (-60.0, 560.0), (-100.0, 735.0), (-180.0, 770.0),
          (-255.0, 720.0), (-265.0, 575.0), (-285.0, 520.0), (-190.0, 80.0), (-130.0, -80.0),
          (300.0, -60.0)]
_KNEE = (440.0, 60.0)   # top of the knee
_SHIN_MM = 430.0        # knee to heel


def _seat(name: str, profile: list[tuple[float, float]], h_point: tuple[Scalar, Scalar, Scalar],
          width: Scalar, mass_kg: Scalar, seat_material: Material | str) -> Component:
    hx, hy, hz = h_point
    shape = Prism(profile, plane="xz", extent=(-0.5 * width, 0.5 * width))
    return Component(name, "interior", shape, material(seat_material),
                     Placement.at(hx, hy, hz), mass_kg=mass_kg, colour=PAINT["seat"])


def bucket_seat(name: str, *, h_point: tuple[Scalar, Scalar, Scalar], mass_kg: Scalar,
                width: Scalar = 440.0, seat_material: Material | str = "carbon") -> Component:
    """A bucket seat: low cushion, back reclined about 23° with an integral headrest.

    Args:
        name: the seat's name (``"seat_{side}"`` works with :func:`~keidesign.layout.pair`).
        h_point: (x, y, z) of its H-point, mm (vehicle axes).
        mass_kg: the seat with its rails and harness, kg.
        width: mm.
        seat_material: the shell's material (for reports; the mass is explicit).
    """
    return _seat(name, _BUCKET, h_point, width, mass_kg, seat_material)


def bench_seat(name: str, *, h_point: tuple[Scalar, Scalar, Scalar], mass_kg: Scalar,
               width: Scalar = 460.0, seat_material: Material | str = "foam") -> Component:
    """A kei-truck seat: upright back (about 12°), thick cushion, low headrest; see
    :func:`bucket_seat` for the arguments."""
    return _seat(name, _BENCH, h_point, width, mass_kg, seat_material)


def _body(leg_drop: Scalar) -> tuple[np.ndarray, np.ndarray]:
    """The body's side profile about the H-point with the heel ``leg_drop`` below the knee's
    line (SAE H30 before any move), (..., V) x and z."""
    kx, kz = _KNEE
    drop = np.clip(kz + leg_drop, 50.0, _SHIN_MM - 10.0)
    reach = np.sqrt(_SHIN_MM ** 2 - drop ** 2)
    hx, hz = kx + reach, kz - drop
    legs = [(hx - 60.0, hz), (hx + 140.0, hz + 20.0), (hx + 130.0, hz + 80.0),
            (kx + 40.0, kz + 20.0)]
    back = [(kx - 80.0, kz - 150.0), (hx - 120.0, hz + 40.0)]
    pts = as_points(legs + _TORSO + back, 2, "the occupant's profile")
    return pts[..., 0], pts[..., 1]


def _person_profile(heel_drop: Scalar) -> np.ndarray:
    """See :func:`_fit_person`; one design's profile is computed once per heel drop."""
    if np.ndim(heel_drop) == 0:
        return _person_profile_one(float(heel_drop))
    return _fit_person(heel_drop)


@functools.lru_cache(maxsize=256)
def _person_profile_one(heel_drop: float) -> np.ndarray:
    profile = _fit_person(heel_drop)
    profile.setflags(write=False)
    return profile


def _fit_person(heel_drop: Scalar) -> np.ndarray:
    """The seated person's side profile, (..., V, 2) (x, z) about the H-point, with the heels
    ``heel_drop`` mm below the H-point (SAE H30) and the area centroid (its centre of mass:
    the body is one uniform prism) exactly at :data:`OCCUPANT_COM_OFFSET_MM`.

    Keeping the centre of mass at the offset moves the whole body a little up or down; the
    legs are therefore drawn for a drop that ends, after that move, at ``heel_drop`` (a few
    fixed-point steps: the move changes slowly with the legs' angle).
    """
    target = np.asarray(heel_drop, dtype=float)
    leg_drop = target
    for _ in range(8):
        x, z = _body(leg_drop)
        area = polygon_integral(x, z, 0, 0)
        dz = OCCUPANT_COM_OFFSET_MM[1] - polygon_integral(x, z, 0, 1) / area
        leg_drop = target + dz
    dx = OCCUPANT_COM_OFFSET_MM[0] - polygon_integral(x, z, 1, 0) / area
    return np.stack([x + dx[..., None], z + dz[..., None]], axis=-1)


#: The top of a seated occupant's head above the H-point, mm, in the most upright posture the
#: legs allow (the highest over every heel drop): what a roof must clear.
OCCUPANT_HEAD_MM = float(_fit_person(np.linspace(0.0, _SHIN_MM, 44))[..., 1].max())


def occupant(name: str, *, h_point: tuple[Scalar, Scalar, Scalar], load: str,
             heel_drop: Scalar = 300.0, mass_kg: Scalar = OCCUPANT_MASS_KG,
             width: Scalar = 400.0) -> Component:
    """A seated occupant of 55 kg (the Japanese weight-calculation figure) in the seat whose
    H-point is given: a uniform body ``width`` wide whose centre of mass sits
    :data:`OCCUPANT_COM_OFFSET_MM` from the H-point, whatever the posture: the legs reach
    down towards a floor ``heel_drop`` below the H-point (a shin is 430 mm long: a floor more
    than about 360 mm down is not reached), and the body moves as a whole to keep its centre
    of mass at the offset. Not part of the regulated envelope.

    Args:
        name: ``"driver"``, ``"passenger"`` …
        h_point: the seat's H-point, mm (vehicle axes).
        load: the load group that brings the occupant (``"driver"`` or ``"passenger"``).
        heel_drop: the heel's height below the H-point (SAE H30), mm: ~330 in a kei truck,
            ~200 in a sports car.
        mass_kg: kg.
        width: across the body, mm (400: shoulders and elbows; a hip breadth where the feet
            must clear a tunnel).
    """
    hx, hy, hz = h_point
    body = Prism(_person_profile(heel_drop), plane="xz", extent=(-0.5 * width, 0.5 * width))
    return Component(name, "occupant", body, material("human"), Placement.at(hx, hy, hz),
                     mass_kg=mass_kg, load=load, in_envelope=False)  # type: ignore[arg-type]
