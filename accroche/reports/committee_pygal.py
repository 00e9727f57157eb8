"""pygal, imported once for the committee charts.

On import, pygal appends to ``sys.meta_path`` a legacy finder for its map plugins (it has
no ``find_spec``), so every later import raises an ImportWarning (an error in the tests)
and Python 3.12+ ignores it anyway. We draw no map: take it out right away."""

import sys

import pygal
from pygal.graph.graph import Graph
from pygal.style import Style

sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__module__ != "pygal"]

Bar, HorizontalBar, Pie = pygal.Bar, pygal.HorizontalBar, pygal.Pie

__all__ = ["Bar", "Graph", "HorizontalBar", "Pie", "Style"]
