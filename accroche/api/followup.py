"""The follow-up API (/followup): one router gathering the concept modules."""

from ninja import Router

from accroche.api.followup_aid import router as aid_router
from accroche.api.followup_handoffs import router as handoffs_router
from accroche.api.followup_plan import router as plan_router
from accroche.api.followup_workshops import router as workshops_router

router = Router()
router.add_router("", plan_router)
router.add_router("", workshops_router)
router.add_router("", aid_router)
router.add_router("", handoffs_router)
