"""A lifted Hijet: 100 mm lift, 175/80R16 tyres, two bucket seats in the bed inside a cage.

    python concepts/lifted_truck.py [--out DIR]          # check it and write its files
    keidesign check concepts/lifted_truck.py
    keidesign sweep concepts/lifted_truck.py --vary lift=0:200:5 --out sweeps/lift
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from keidesign import CabOverTruck
from keidesign.parameters import length
from keidesign.parts import bucket_seat, occupant, payload, roll_cage, tyre_parameters


class LiftedTruck(CabOverTruck):
    """The stock Hijet lifted, on bigger tyres, with two more seats in a caged bed."""

    name = "lifted-truck"
    title = "Hijet lifted 100 mm on 175/80R16, two bucket seats in a caged bed"
    defaults = {"lift": 100, **tyre_parameters("175/80R16"), "rated_payload": 100}
    bed_seat_setback: float = length(1000, 900, 1400, "bed seats' H-point behind the headboard")

    @classmethod
    def place_components(cls, p):
        parts, facts = super().place_components(p)
        bed = parts["bed_floor"].properties()
        front, floor = bed.bbox_max_mm[..., 0] - 30.0, bed.bbox_max_mm[..., 2]
        hx, hz = front - p.bed_seat_setback, floor + 200.0
        for side, y in (("left", 300.0), ("right", -300.0)):
            parts.add(bucket_seat(f"bed_seat_{side}", h_point=(hx, y, hz), mass_kg=10.0))
            parts.add(occupant(f"bed_occupant_{side}", h_point=(hx, y, hz), load="passenger",
                               heel_drop=200.0))
        parts.add(roll_cage(hoop_x=hx - 550.0, half_width=650.0, base_z=floor + 20.0,
                            top_z=floor + 1090.0, front=(front - 40.0, floor + 20.0),
                            front_top_x=front - 40.0, rear=(front - p.bed_length + 100.0,
                                                            floor + 20.0)))
        # The payload keeps to the floor behind the hoop, between the rear stays.
        parts.replace("payload", lambda c: payload(x=(front - p.bed_length + 35.0, hx - 580.0),
                                                   width=1240.0, floor_z=floor, mass_kg=c.mass_kg))
        return parts, dataclasses.replace(facts, seats=4)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "exports")
    out = parser.parse_args().out
    truck = LiftedTruck()
    result = truck.analyse()
    env, kerb = result.envelope_mm, result.load_cases["kerb"]
    print(f"{truck.name}: {env['length']:.0f} × {env['width']:.0f} × {env['height']:.0f} mm, "
          f"kerb {kerb.mass_kg:.0f} kg, {100 * kerb.front_axle_share:.1f} % front")
    for check in result.limit_checks:
        print(f"  {check.limit}: {check.value:g} (allowed {check.allowed:g})"
              f"{'' if check.ok else ' EXCEEDED'}")
    for fmt, path in truck.export(out / truck.name).items():
        print(f"  {fmt}: {path}")
