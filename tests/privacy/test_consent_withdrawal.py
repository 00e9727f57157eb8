import datetime

from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Consent


def test_withdrawing_sharing_closes_the_file_on_the_very_next_request(full_file, member, login):
    youth = full_file.youth
    other = login(member(Role.CASE_WORKER, full_file.shared_with))
    assert other.get(reverse("youth:detail", args=[youth.pk])).status_code == 200
    consent = Consent.objects.get(youth=youth, purpose=Consent.Purpose.SHARING)
    holder = login(member(Role.CASE_WORKER, youth.holder_structure))
    url = reverse("youth:consent_withdraw", args=[youth.pk, consent.pk])
    assert holder.post(url, {"withdrawn_on": datetime.date.today().isoformat()}).status_code == 302
    assert other.get(reverse("youth:detail", args=[youth.pk])).status_code == 404
    assert other.get(reverse("privacy:youth", args=[youth.pk])).status_code == 404
