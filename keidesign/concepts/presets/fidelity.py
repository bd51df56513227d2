"""The fidelity table: a preset's published figures beside the model's, formatted for reading.

``bench/bench_fidelity.py`` prints it for every preset; the HTML report
(:mod:`keidesign.export.html`) shows it for the preset it reports on.
"""

from __future__ import annotations

from dataclasses import dataclass

from keidesign.concepts.base import Concept
from keidesign.concepts.presets.base import FIGURES, Preset, model_figures
from keidesign.concepts.presets.catalogue import PRESETS

__all__ = ["FidelityRow", "fidelity_rows", "format_difference", "format_figure", "preset_of"]


def format_figure(figure: str, value: float) -> str:
    """One figure of :data:`~keidesign.concepts.presets.base.FIGURES` as text: a share in per
    cent (``"44.8 %"``), metres with two decimals (``"4.56 m"``), anything else (mm, kg, cc)
    to the unit with thousands separated (``"3,295"``)."""
    if figure.startswith("front_axle_share"):
        return f"{100 * value:.1f} %"
    if figure.endswith("_m"):
        return f"{value:.2f} m"
    return f"{value:,.0f}"


def format_difference(figure: str, model: float, published: float) -> str:
    """Model minus published, as text: percentage points for a share, kg and per cent for the
    kerb mass, metres for a turning radius, else the figure's own unit (mm, cc)."""
    if figure.startswith("front_axle_share"):
        return f"{100 * (model - published):+.1f} pt"
    if figure == "kerb_mass_kg":
        return f"{model - published:+.0f} ({100 * (model / published - 1):+.1f} %)"
    if figure.endswith("_m"):
        return f"{model - published:+.2f} m"
    return f"{model - published:+.0f}"


@dataclass(frozen=True, slots=True)
class FidelityRow:
    """One published figure of a preset beside the model's.

    Attributes:
        figure: the figure's name in :data:`~keidesign.concepts.presets.base.FIGURES`
            (``"kerb_mass_kg"``, ``"front_axle_share.driver"`` …).
        description: what it is, with its unit (``"kerb mass (…), kg"``).
        published: the published value, in the unit the name says (a share 0–1).
        model: the model's value, same unit.
        source: where the published value comes from.
    """

    figure: str
    description: str
    published: float
    model: float
    source: str

    @property
    def published_text(self) -> str:
        """The published value formatted (see :func:`format_figure`)."""
        return format_figure(self.figure, self.published)

    @property
    def model_text(self) -> str:
        """The model's value formatted."""
        return format_figure(self.figure, self.model)

    @property
    def difference_text(self) -> str:
        """Model minus published, formatted (see :func:`format_difference`)."""
        return format_difference(self.figure, self.model, self.published)


def fidelity_rows(preset: Preset, concept: Concept | None = None) -> tuple[FidelityRow, ...]:
    """Every figure ``preset`` publishes, beside the model's.

    Args:
        preset: the real vehicle.
        concept: the design to take the model's figures from; the preset's own parameters
            (``preset.concept()()``) by default. A design with parameters changed from the
            preset's gives its own figures, against the same published ones.

    Returns:
        One row per published figure, in the preset's order.
    """
    model = model_figures(preset.concept()() if concept is None else concept)
    return tuple(FidelityRow(figure=figure, description=FIGURES.get(figure, figure),
                             published=float(published.value), model=float(model[figure]),
                             source=published.source)
                 for figure, published in preset.published.items())


def preset_of(concept: Concept | type[Concept]) -> Preset | None:
    """The preset a concept is, or ``None``.

    A preset's concept is the class :meth:`Preset.concept` made for it (named after the
    preset); a class derived from it, or another class that took a preset's name, is not the
    preset and gets ``None``.

    Args:
        concept: a concept instance or class.
    """
    cls = concept if isinstance(concept, type) else type(concept)
    preset = PRESETS.get(cls.name)
    return preset if preset is not None and preset.concept() is cls else None
