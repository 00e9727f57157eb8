"""Services out of Accroche in the data·inclusion format (``data_inclusion.schema.v1``),
and data·inclusion files read back into rows (the import is ``datainclusion_import``).

Export: every service becomes a record that the package's pydantic model validates,
written as JSON (a list of objects) or CSV (one column per field, lists comma-joined)."""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from data_inclusion.schema.v1 import Service as DiService
from django.utils.translation import gettext as _

from accroche.organisations.models import Structure
from accroche.tables import Table, csv_text, unneutralise
from accroche.territory.models import LOCAL_SOURCE, Service

FIELDS = tuple(DiService.model_fields)
LIST_FIELDS = frozenset(
    {
        "thematiques",
        "publics",
        "modes_accueil",
        "zone_eligibilite",
        "modes_mobilisation",
        "mobilisable_par",
    }
)
MAX_ROWS = 5_000


def structure_ref(structure: Structure) -> str:
    return f"{LOCAL_SOURCE}--structure-{structure.pk}"


# --- export ----------------------------------------------------------------------------


def to_record(service: Service) -> dict[str, Any]:
    """The service as a data·inclusion record (None for what is not known). ``service``
    comes from ``with_details`` (structure, commune, themes and zone prefetched)."""
    commune = service.commune
    zone = [c.code for c in service.zone_communes.all()]
    zone += [*service.zone_departments, *service.zone_other]
    record: dict[str, Any] = {
        "source": service.source,
        "structure_id": service.source_structure_id or structure_ref(service.structure),
        "id": service.external_id,
        "nom": service.name,
        "description": service.description,
        "lien_source": service.source_url,
        "date_maj": service.updated_on.isoformat(),
        "type": service.type,
        "thematiques": sorted(t.value for t in service.themes.all()),
        "frais": service.fees,
        "frais_precisions": service.fees_details,
        "publics": sorted(service.publics),
        "publics_precisions": service.publics_details,
        "conditions_acces": service.access_conditions,
        "commune": commune.name if commune else None,
        "code_postal": service.postcode,
        "code_insee": commune.code if commune else None,
        "adresse": service.address,
        "complement_adresse": service.address_extra,
        "longitude": service.longitude,
        "latitude": service.latitude,
        "telephone": service.phone,
        "courriel": service.email,
        "modes_accueil": sorted(service.reception_modes),
        "zone_eligibilite": sorted(zone),
        "contact_nom_prenom": service.contact_name,
        "lien_mobilisation": service.mobilisation_url,
        "modes_mobilisation": sorted(service.mobilisation_modes),
        "mobilisable_par": sorted(service.mobilisable_by),
        "mobilisation_precisions": service.mobilisation_details,
        "volume_horaire_hebdomadaire": service.weekly_hours,
        "nombre_semaines": service.weeks,
        "horaires_accueil": service.opening_hours,
    }
    return {key: (value if value not in ("", []) else None) for key, value in record.items()}


def export_records(services: Iterable[Service]) -> list[dict[str, Any]]:
    """Records in a stable order, each checked by the package's model (a record it
    refuses is a bug here, so it raises)."""
    records = [to_record(s) for s in services]
    for record in records:
        DiService.model_validate(record)
    return sorted(records, key=lambda r: (r["source"], r["id"]))


def as_json(records: Sequence[dict[str, Any]]) -> str:
    cleaned = [{k: v for k, v in r.items() if v is not None} for r in records]
    return json.dumps(cleaned, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(value: Any) -> Any:
    """Lists comma-joined and booleans as Python writes them (the format's own spelling,
    read back by ``read_rows``); the table writer neutralises formulas."""
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, bool):
        return str(value)
    return value


def as_csv(records: Sequence[dict[str, Any]]) -> str:
    table = Table("services", "services", FIELDS)
    table.rows = [[_csv_cell(record.get(name)) for name in FIELDS] for record in records]
    return csv_text(table, delimiter=",", lineterminator="\n")


# --- reading files -----------------------------------------------------------------------


class FileUnreadable(ValueError):
    """The file as a whole cannot be read (not rows with errors): a French message."""


def _csv_value(name: str, value: str | None) -> Any:
    # A cell the table writer kept from running as a formula reads back as written.
    value = unneutralise((value or "").strip())
    if not value:
        return None
    if name in LIST_FIELDS:
        if value.startswith("["):
            try:
                return json.loads(value)
            except ValueError:
                pass
        return [part.strip() for part in value.strip("[]").split(",") if part.strip()]
    return value


def read_rows(content: bytes, filename: str) -> list[tuple[int, Any]]:
    """(line number, row) for a JSON or CSV file. CSV: the line in the file (the header
    is line 1); JSON: the position in the list (1 for the first service)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileUnreadable(_("Le fichier doit être encodé en UTF-8.")) from exc
    if filename.lower().endswith(".json") or text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise FileUnreadable(
                _("Ce fichier JSON est illisible : %(error)s") % {"error": exc}
            ) from exc
        if not isinstance(data, list):
            raise FileUnreadable(_("Le fichier JSON doit contenir une liste de services."))
        rows: list[tuple[int, Any]] = list(enumerate(data, start=1))
    else:
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;")
        except csv.Error as exc:
            raise FileUnreadable(_("Ce fichier n'est ni du JSON ni du CSV.")) from exc
        # Only the delimiter is guessed: a header line says nothing of the quoting.
        reader = csv.DictReader(io.StringIO(text), delimiter=dialect.delimiter)
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise FileUnreadable(
                _(
                    "La première ligne du CSV doit nommer les colonnes data·inclusion "
                    "(source, id, nom…)."
                )
            )
        rows = []
        for line in reader:
            row = {k: _csv_value(k, v) for k, v in line.items() if k}
            rows.append((reader.line_num, {k: v for k, v in row.items() if v is not None}))
    if len(rows) > MAX_ROWS:
        raise FileUnreadable(
            _("Le fichier compte %(count)s services : au plus %(max)s par import.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return rows
