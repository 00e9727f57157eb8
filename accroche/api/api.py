from accroche.api import errors, idempotency, throttling
from accroche.api.auth import TokenAuth
from accroche.api.inputs import ApiParser
from accroche.api.me import router as me_router
from accroche.api.openapi import AccrocheAPI
from accroche.api.programmes import router as programmes_router
from accroche.api.programmes import structures_router
from accroche.api.throttling import UserThrottle
from accroche.api.youth import router as youth_router

api = AccrocheAPI(
    title="Accroche API",
    version="1",
    description=(
        "API d'Accroche. Authentification par jeton personnel (page « Mon compte »), "
        "envoyé dans l'en-tête `Authorization: Bearer <jeton>`. Chaque jeton agit pour une "
        "structure et un rôle : il voit exactement ce que voit son titulaire dans l'application, "
        "et chaque lecture de données personnelles est journalisée."
    ),
    auth=TokenAuth(),
    throttle=[UserThrottle()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=ApiParser(),
)
errors.install(api)
throttling.install(api)
idempotency.install(api)
api.add_router("/me", me_router)
api.add_router("/youth", youth_router)
api.add_router("/programmes", programmes_router)
api.add_router("/structures", structures_router)
api.add_router("/linkage", "accroche.api.linkage.router")
api.add_router("/outreach", "accroche.api.outreach.router")
api.add_router("/territory", "accroche.api.territory.router")
api.add_router("/projects", "accroche.api.projects.router")
api.add_router("/followup", "accroche.api.followup.router")
api.add_router("/reports", "accroche.api.reports.router")
api.add_router("/funder-reports", "accroche.api.reports_exports.router")
