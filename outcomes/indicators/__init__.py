"""Indicators: their definitions, their computation in SQL, and what a funder may see of them."""

from .compute import Scope, compute
from .definitions import BY_CODE, FAMILIES, INDICATORS, Indicator
from .presentation import display, indicator_rows, public_figures

__all__ = [
    "BY_CODE",
    "FAMILIES",
    "INDICATORS",
    "Indicator",
    "Scope",
    "compute",
    "display",
    "indicator_rows",
    "public_figures",
]
