"""The small fixed set of fictional organisations every synthetic caseload works with.

They come first in the stream so that every `org_id`, `first_responder_org_id` and `counterpart_org_id` resolves to
an earlier record. Names are invented; the kinds follow HTCDS `org_Type` plus the MSVCC provider, and first
responders are the kinds the NRM allows (police, local authorities, some NGOs [S15, S17]).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hbf_desktop.domain.model import RecordValues
from hbf_desktop.synthetic import people
from hbf_desktop.synthetic.sampling import record_id


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    org_type: str
    role: str  # what the generator uses it for: solicitor, msvcc, police, gp, therapy, council, college, ngo
    is_first_responder: bool


# (name, org_type, role, first responder, MSVCC subcontractor, local area)
_FIXED = (
    ("Riverside Law Centre", "legal_service", "solicitor", False, False, "Southwark"),
    ("Meadowgate Immigration Solicitors", "legal_service", "solicitor", False, False, "Camden"),
    ("Harbour Light Victim Care", "msvcc_provider", "msvcc", False, False, "Westminster"),
    ("Safe Passage Housing Trust", "msvcc_provider", "msvcc", False, True, "Croydon"),
    ("Northfield Constabulary Modern Slavery Unit", "law_enforcement", "police", True, False, "Newham"),
    ("Willowbrook Medical Practice", "health_service", "gp", False, False, "Hackney"),
    ("Kestrel Talking Therapies", "health_service", "therapy", False, False, "Islington"),
    ("Fernleigh Borough Council", "local_government", "council", True, False, "Lambeth"),
    ("Larkspur College", "school_or_college", "college", False, False, "Tower Hamlets"),
    ("Open Door Anti-Trafficking Network", "ngo", "ngo", True, False, "Brent"),
)


def organisations(rng: random.Random, start: date) -> tuple[list[Organisation], list[RecordValues]]:
    """The organisations (for references) and their interchange records, ids drawn from `rng`."""
    found: list[Organisation] = []
    records: list[RecordValues] = []
    for name, org_type, role, first_responder, subcontractor, area in _FIXED:
        organisation = Organisation(record_id(rng, start), name, org_type, role, first_responder)
        found.append(organisation)
        records.append({
            "type": "organisation", "id": organisation.id, "name": name, "org_type": org_type,
            "is_first_responder": first_responder, "is_msvcc_subcontractor": subcontractor, "local_area": area,
            "country": "GBR", "phones": [people.landline(rng)], "synthetic": True,
        })  # fmt: skip
    return found, records
