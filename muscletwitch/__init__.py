"""muscletwitch: a validated taxonomy of muscle twitches and their causes, for teaching.

The public API. Importing it loads no numpy, matplotlib or ipywidgets; those live in
`muscletwitch.physiology`, `muscletwitch.plots` and `muscletwitch.widgets`.
"""

from .assess import URGENCY_LEVELS, Assessment, Reasons, Vignette, assess, load_vignettes
from .errors import AmbiguousIdError, TaxonomyError, UnknownIdError
from .hub import hub_link
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
