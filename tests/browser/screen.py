"""What sticks out of a phone screen, named so that a failure says where to look."""

from typing import Any

WIDTH = 360

# Page coordinates (a click may have scrolled the page sideways).
_WIDER = """(width) => Array.from(document.querySelectorAll('body *'))
  .map((el) => [el, el.getBoundingClientRect().right + window.scrollX])
  .filter(([el, right]) => right > width + 0.5)
  .slice(-5)
  .map(([el, right]) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
       + ' ' + Math.round(right) + 'px: ' + (el.textContent || '').trim().slice(0, 60))"""


def assert_fits(page: Any, width: int = WIDTH) -> None:
    """The page scrolls only vertically on a ``width``-pixel screen, once its style sheets
    have loaded (under load, a layout read too early measures the unstyled page)."""
    page.wait_for_load_state("load")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{scroll} px wide; sticking out: {page.evaluate(_WIDER, width)}"
