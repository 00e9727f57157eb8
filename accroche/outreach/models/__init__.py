from accroche.outreach.models.contacts import Contact
from accroche.outreach.models.places import Place
from accroche.outreach.models.referrals import Referral
from accroche.outreach.models.sessions import OutreachSession, SessionCount

__all__ = ["Contact", "OutreachSession", "Place", "Referral", "SessionCount"]
