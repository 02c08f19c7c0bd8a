"""The colour of a category, site, phenomenon or cause: palette names come from the course data
(``course.toml`` ``[colours]``), the colours themselves from ``muscletwitch.style``."""

from __future__ import annotations

from typing import Any

from muscletwitch import style
from muscletwitch.course import load_course
from muscletwitch.taxonomy import load_taxonomy


def site_colour(site_id: str) -> str:
    """The colour of a site id (KeyError for a site without one)."""
    return style.PALETTE[load_course().site_colour(site_id)]


def colour_of(x: Any) -> str:
    """Colour of a category ("benign"/"pathological"), a site id, or a taxonomy object or id.

    Causes and groups (objects with ``.category``) take their category colour; phenomena (objects
    with ``.site``) the colour of their primary site; a site object its own. Other strings are
    looked up as site, phenomenon or cause ids in the taxonomy (UnknownIdError if none).
    """
    if isinstance(x, str):
        if x in style.CATEGORY_COLOURS:
            return style.CATEGORY_COLOURS[x]
        tax = load_taxonomy()
        if x in tax.known["site"]:
            return site_colour(x)
        known = tax.known["phenomenon"] | tax.known["cause"]
        return colour_of(known[x] if x in known else tax.phenomenon(x))
    if hasattr(x, "category"):
        return style.CATEGORY_COLOURS[x.category]
    if hasattr(x, "site"):
        return site_colour(x.site[0])
    return site_colour(x.id)
