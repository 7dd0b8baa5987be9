"""Short case notes from templates, so that full-text search and its benchmarks have realistic words to index.

The sentences are generic casework phrasing with no names, places or numbers: a note must never look like it
identifies anyone, even in synthetic data, because notes are the field most likely to be copied around.
"""

from __future__ import annotations

import random

from hbf_desktop.domain.vocabularies import label

_OPENINGS = {
    "welfare_call": (
        "Welfare call.",
        "Checked in by phone.",
        "Routine welfare check.",
        "Call as agreed in the safety plan.",
    ),
    "home_visit": ("Home visit.", "Visited at the accommodation."),
    "office_appointment": ("Office appointment.", "Met at the office."),
    "accompaniment": ("Accompanied to an appointment.", "Accompaniment as planned."),
    "video_call": ("Video call.", "Spoke over video."),
    "message": ("Message exchange.", "Text messages about arrangements."),
}
_OBSERVATIONS = (
    "Client reports sleeping better this week.",
    "Client is worried about the asylum interview.",
    "Client feels settled in the accommodation.",
    "Client raised concerns about money for food.",
    "Client is attending English classes.",
    "Client reports low mood; agreed to follow up.",
    "Client asked about the progress of the NRM decision.",
    "Client reports no contact from anyone connected to the exploitation.",
    "Client wants help registering with a GP.",
    "Client is keen to start volunteering.",
)
_NEXT_STEPS = (
    "Next call in two weeks.",
    "Will liaise with the solicitor.",
    "Agreed to review the support plan.",
    "No further action needed now.",
    "Will chase the accommodation provider.",
    "Safety plan reviewed; no changes.",
)
_INTERVENTION_DETAIL = (
    "Sent supporting information.",
    "Followed up by phone.",
    "Awaiting a reply.",
    "Shared the agreed information with consent.",
    "Arranged a meeting.",
    "Chased an outstanding response.",
)


def contact_note(rng: random.Random, contact_type: str) -> str:
    opening = rng.choice(_OPENINGS.get(contact_type, ("Contact.",)))
    return f"{opening} {rng.choice(_OBSERVATIONS)} {rng.choice(_NEXT_STEPS)}"


def intervention_note(rng: random.Random, intervention_type: str) -> str:
    return f"{label(intervention_type)}. {rng.choice(_INTERVENTION_DETAIL)}"
