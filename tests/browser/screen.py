"""What sticks out of a phone screen, named so that a failure says where to look."""

from typing import Any

WIDTH = 360

_WIDER = """(width) => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > width + 0.5)
  .slice(-5)
  .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
       + ' ' + Math.round(el.getBoundingClientRect().right) + 'px: '
       + (el.textContent || '').trim().slice(0, 60))"""


def assert_fits(page: Any, width: int = WIDTH) -> None:
    """The page scrolls only vertically on a ``width``-pixel screen."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{scroll} px wide; sticking out: {page.evaluate(_WIDER, width)}"
