import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accroche.settings")
application = get_wsgi_application()

# Every page's code now rather than at a worker's first request (seconds of CPU), then
# everything loaded so far is moved out of the garbage collector's reach (gc.freeze): a
# full collection went through ~250,000 objects that live as long as the process, 110 ms
# in the middle of whichever request triggered it; it now sees only the requests' objects.
get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and the views
gc.collect()
gc.freeze()
