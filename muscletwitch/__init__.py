"""muscletwitch: a validated taxonomy of muscle twitches and their causes, for teaching.

The public API. Importing it loads no numpy, matplotlib or ipywidgets; those live in
`muscletwitch.physiology`, `muscletwitch.plots` and `muscletwitch.widgets`. ``hub_link`` is
imported when first used (PEP 562): loading the data needs none of its URL code.
"""

from typing import Any

from .assess import URGENCY_LEVELS, Assessment, Reasons, Vignette, assess, load_vignettes
from .errors import AmbiguousIdError, TaxonomyError, UnknownIdError
from .taxonomy import (
    Cause,
    Code,
    Finding,
    Group,
    Note,
    Phenomenon,
    RedFlag,
    Site,
    Source,
    Taxonomy,
    Therapy,
    Urgency,
    load_taxonomy,
)

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "hub_link":
        from .hub import hub_link

        return hub_link
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AmbiguousIdError",
    "Assessment",
    "Cause",
    "Code",
    "Finding",
    "Group",
    "Note",
    "Phenomenon",
    "Reasons",
    "RedFlag",
    "Site",
    "Source",
    "Taxonomy",
    "TaxonomyError",
    "Therapy",
    "URGENCY_LEVELS",
    "UnknownIdError",
    "Urgency",
    "Vignette",
    "assess",
    "hub_link",
    "load_taxonomy",
    "load_vignettes",
]
