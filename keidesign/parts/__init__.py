"""The parts kit: parametric parts a packaging engineer reaches for, as placed components.

Every function takes floats (one design) or (N,) arrays (a sweep) and returns
:class:`~keidesign.layout.Component` records with names, materials and colours; lengths in mm,
masses in kg, vehicle axes (x forward, y left, z up; origin on the ground below the front axle
centre). Left/right pairs are declared once (:func:`~keidesign.layout.pair`).

- :mod:`~keidesign.parts.materials`: built-in materials (data, with sources);
- :mod:`~keidesign.parts.tyres`: tyre sizes (``"145R12"``, ``"175/80R16"``) to radius and width;
- :mod:`~keidesign.parts.wheels`: tyre, rim and hub at each corner;
- :mod:`~keidesign.parts.frame`: ladder frames of C-section rails;
- :mod:`~keidesign.parts.suspension`: struts, trailing arms, leaf springs, beam axles;
- :mod:`~keidesign.parts.body`: cab with glass, bed, bumpers, door mirrors;
- :mod:`~keidesign.parts.powertrain`: the kei engine catalogue and gearboxes;
- :mod:`~keidesign.parts.seats`: bucket and bench seats, occupants;
- :mod:`~keidesign.parts.cage`: roll cages from hardpoints;
- :mod:`~keidesign.parts.systems`: fuel tank and fuel, battery, radiator, exhaust, dashboard;
- :mod:`~keidesign.parts.cargo`: the payload on a floor.
- :mod:`~keidesign.parts.accessories`: four-wheel drive, caged bed seats, pipe doors, bull bar,
  roll bar, snorkel, roof lamps, a tracked cargo carrier and its winch.
- :mod:`~keidesign.parts.roadster`: a roadster's monocoque, windscreen, doors (gullwing too),
  opening roofs and where they stow, propeller shaft and final drive.
"""

from __future__ import annotations

from keidesign.layout import Component, Material, Parts, pair
from keidesign.parts.accessories import (bull_bar, caged_bed_seats, cargo_carrier,
                                         four_wheel_drive, pipe_doors, roll_bar, roof_lamps,
                                         snorkel)
from keidesign.parts.body import bed, bumper, cab, cab_profile, door_mirrors
from keidesign.parts.cage import roll_cage
from keidesign.parts.cargo import payload
from keidesign.parts.frame import RAIL_SPACING_MM, c_section, ladder_frame, tyres_clear_rails
from keidesign.parts.materials import MATERIALS, PAINT, density_kg_m3, material
from keidesign.parts.powertrain import (
    ENGINES,
    Engine,
    catalogue_figure,
    engine,
    installed_mass_kg,
    powertrain,
)
from keidesign.parts.roadster import (BODY_SHARES, DOOR_STYLES, ROOF_KINDS, final_drive,
                                      monocoque, propshaft, roadster_cockpit, roadster_doors,
                                      roadster_roof, roadster_windscreen, windscreen_header_x)
from keidesign.parts.seats import (
    OCCUPANT_COM_OFFSET_MM,
    OCCUPANT_HEAD_MM,
    bench_seat,
    bucket_seat,
    occupant,
)
from keidesign.parts.suspension import (
    beam_axle,
    leaf_springs,
    steering_rack,
    strut_suspension,
    trailing_arms,
)
from keidesign.parts.systems import battery, dashboard, exhaust, fuel_tank, radiator
from keidesign.parts.tyres import TyreSize, parse_tyre, tyre_parameters, tyre_radius_mm
from keidesign.parts.wheels import wheel, wheels

__all__ = ["ENGINES", "MATERIALS", "RAIL_SPACING_MM", "OCCUPANT_COM_OFFSET_MM", "OCCUPANT_HEAD_MM", "PAINT", "Component", "Engine",
           "Material", "Parts", "TyreSize", "battery", "beam_axle", "bed", "bench_seat",
           "bucket_seat", "bumper", "c_section", "cab", "cab_profile", "catalogue_figure",
           "density_kg_m3", "installed_mass_kg", "dashboard",
           "door_mirrors", "engine", "exhaust", "fuel_tank", "ladder_frame", "leaf_springs",
           "material", "occupant", "pair", "parse_tyre", "payload", "powertrain", "radiator", "roll_cage",
           "steering_rack", "strut_suspension", "trailing_arms", "tyre_parameters", "tyre_radius_mm", "tyres_clear_rails", "wheel",
           "wheels"]
__all__ += ["bull_bar", "caged_bed_seats", "cargo_carrier", "four_wheel_drive", "pipe_doors",
            "roll_bar", "roof_lamps", "snorkel"]
__all__ += ["BODY_SHARES", "DOOR_STYLES", "ROOF_KINDS", "final_drive", "monocoque", "propshaft",
            "roadster_cockpit", "roadster_doors", "roadster_roof", "roadster_windscreen",
            "windscreen_header_x"]
