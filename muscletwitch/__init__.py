"""muscletwitch: a validated taxonomy of muscle twitches and their causes, for teaching.

The public API. Importing it loads no numpy, matplotlib or ipywidgets; those live in
`muscletwitch.physiology`, `muscletwitch.plots` and `muscletwitch.widgets`.
"""

from .assess import Assessment, Reasons, assess
from .errors import AmbiguousIdError, TaxonomyError, UnknownIdError
from .hub import hub_link
from .taxonomy import (
    Cause,
    Code,
    Finding,
    Group,
    Phenomenon,
    RedFlag,
    Site,
    Source,
    Taxonomy,
    Therapy,
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
    "Phenomenon",
    "Reasons",
    "RedFlag",
    "Site",
    "Source",
    "Taxonomy",
    "TaxonomyError",
    "Therapy",
    "UnknownIdError",
    "assess",
    "hub_link",
    "load_taxonomy",
]
