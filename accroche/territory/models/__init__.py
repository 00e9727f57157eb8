from accroche.territory.models.reference import Commune, DiplomaLevel, Qpv, Theme, ThemeCategory
from accroche.territory.models.services import LOCAL_SOURCE, Service

from accroche.territory.models.diagnostics import (  # isort: skip
    DiagnosticArea,
    MeshScore,
    ResourcePerson,
    TerritorialDiagnostic,
)

__all__ = [
    "LOCAL_SOURCE",
    "Commune",
    "DiagnosticArea",
    "DiplomaLevel",
    "MeshScore",
    "Qpv",
    "ResourcePerson",
    "Service",
    "TerritorialDiagnostic",
    "Theme",
    "ThemeCategory",
]
