"""The real reference files: the npm package in node_modules and the shipped QPV file."""

from accroche.territory.loaders import (
    QPV_FILE,
    communes_file,
    load_communes,
    load_qpv,
    read_qpv_file,
)
from accroche.territory.models import Commune, Qpv


def test_the_real_files_load_with_plausible_counts():
    assert communes_file().exists(), "run `make install` (npm ci) first"
    communes = load_communes()
    qpv = load_qpv()

    assert communes.created == Commune.objects.count() >= 34_000
    codes = {code for row in read_qpv_file(QPV_FILE).rows for code, _name in row.qpvs}
    assert len(codes) == 1_493
    assert qpv.created == Qpv.objects.count() == len(codes)
    assert qpv.skipped == 0
    rouen = Commune.objects.get(code="76540")
    assert rouen.name == "Rouen"
    assert {"QN07619M", "QN07620M"} <= set(rouen.qpvs.values_list("code", flat=True))
    assert rouen.latitude is not None
    assert Commune.objects.filter(latitude__isnull=False).count() == len(
        read_qpv_file(QPV_FILE).rows
    )
    assert Commune.objects.filter(code="75056").exists()  # Paris, as a whole
    assert Commune.objects.filter(code="75101").exists()  # and its arrondissements
