from tests.browser.conftest import phone  # noqa: F401  (Chromium at 360 px, shared)
from tests.territory_services.conftest import (  # noqa: F401  (shared fixtures)
    bihorel,
    elbeuf,
    programme,
    rouen,
    themes,
)
