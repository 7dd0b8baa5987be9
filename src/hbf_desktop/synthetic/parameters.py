"""Every rate and mix of the generator, with where it comes from.

Numbers cited as DATA-MODEL.md come from its "Synthetic data generator" section (itself citing the Home Office NRM
statistics [S13, S14], NRM waiting times [S8-S11] and the MSVCC guidance [S19]); change them there first. Numbers
marked ASSUMPTION (generator) are this module's own choices where DATA-MODEL.md gives none: they only shape the test
data and can be tuned freely.
"""

from __future__ import annotations

# --- Clients (DATA-MODEL.md "Demographics") ---------------------------------------------------------------------
AGE_MEDIAN_YEARS = 31.0  # lognormal, DATA-MODEL.md
AGE_SIGMA = 0.3
# "All clients are adults": at least two months over 18, because the age band is derived from the year and month of
# birth only and, when unsure, shows the younger age; a client born 18 years ago this month would show as 17.
AGE_MIN_YEARS = 18 + 2 / 12
AGE_MAX_YEARS = 70.0
# Of the remaining genders (ASSUMPTION, generator): a few clients are transgender or non-conforming, so that the
# HTCDS values appear in the data. `female_share` counts feminine and transgender feminine together.
TRANSGENDER_SHARE_OF_WOMEN = 0.02
MEN_GENDERS = {"masculine": 0.97, "transgender_masculine": 0.015, "non_conforming": 0.015}

# Nationality: top five from NRM referrals 2023-24 [S14] (percent); the other 38 % is Zipf over 60 codes. The Zipf
# exponent is ASSUMPTION (generator): at 1 the sixth nationality (8 %) would outnumber Sudan, the fifth named in [S14];
# at 0.7 it is 4.4 %, close to India's share in the same statistics.
TOP_NATIONALITIES = {"GBR": 23.0, "ALB": 13.0, "VNM": 11.0, "ERI": 9.0, "SDN": 6.0}
OTHER_NATIONALITIES = (
    "IND", "ROU", "AFG", "IRN", "ETH", "NGA", "IRQ", "PAK", "CHN", "EGY", "POL", "BGD", "SYR", "SOM", "SSD", "LKA",
    "PHL", "GHA", "CMR", "TUR", "KWT", "YEM", "UGA", "CIV", "GIN", "SLE", "GMB", "COD", "KEN", "ZWE", "MAR", "DZA",
    "TUN", "LBY", "LTU", "LVA", "SVK", "CZE", "HUN", "BGR", "UKR", "MDA", "GEO", "ARM", "AZE", "RUS", "BLR", "KAZ",
    "UZB", "NPL", "MMR", "KHM", "THA", "IDN", "MYS", "BRA", "COL", "VEN", "JAM", "XKX",
)  # fmt: skip
NATIONALITY_ZIPF_EXPONENT = 0.7
INTERPRETER_NEEDED_NON_UK = 0.7  # ASSUMPTION (generator)
# ASSUMPTION (generator): immigration status of non-UK clients; UK nationals are `uk_national`.
IMMIGRATION_STATUS_MIX = {
    "asylum_seeker": 0.42, "irregular_migrant": 0.14, "leave_granted": 0.10, "refugee": 0.07, "labour_migrant": 0.08,
    "are_refused": 0.05, "recipient_of_complementary_protection": 0.02, "student_migrant": 0.02, "unknown": 0.10,
}  # fmt: skip
HAS_DEPENDANTS = 0.3  # ASSUMPTION (generator)
HAS_DISABILITY = 0.12  # ASSUMPTION (generator)
HEALTH_NEEDS = 0.65  # ASSUMPTION (generator): most survivors of torture and trafficking have some
CASEWORKERS = 12  # ASSUMPTION (generator): staff codes CW-01 ... CW-12

# --- Cases (DATA-MODEL.md "Case duration") -----------------------------------------------------------------------
CASE_MEDIAN_MONTHS = 24.0
CASE_SIGMA = 0.7
CASE_MAX_MONTHS = 96.0
REOPEN_SHARE = 0.10  # "about 10 % of cases reopen"; of closed cases, censored at the period end
REOPEN_GAP_MEDIAN_DAYS = 120.0  # ASSUMPTION (generator), sigma 0.8
REOPENED_CASE_MEDIAN_MONTHS = 12.0  # ASSUMPTION (generator): a second episode is shorter
# ASSUMPTION (generator); `transferred` closes the case as `closed_referred`.
CLOSURE_REASON_MIX = {
    "support_complete": 0.50, "lost_contact": 0.15, "moved_away": 0.12, "transferred": 0.10,
    "client_request": 0.08, "other": 0.05,
}  # fmt: skip

# --- Exploitation (DATA-MODEL.md "Exploitation") ------------------------------------------------------------------
EXPLOITATION_MIX = {
    "labour": 0.38, "sexual": 0.22, "criminal": 0.15, "domestic_servitude": 0.12, "multiple": 0.12,
    "organ_harvesting": 0.01,
}  # fmt: skip
SEXUAL_FACTOR_WOMEN = 2.5
# "an independent Bernoulli for each value, p 0.15-0.6": the spread over values is ASSUMPTION (generator).
MEANS_OF_CONTROL_P = {
    "physical_threats": 0.5, "threats_law_enforcement": 0.3, "threatens_children_family": 0.35,
    "debt_bondage": 0.45, "false_promises": 0.6, "physical_abuse": 0.4, "sexual_abuse": 0.25, "takes_earnings": 0.5,
    "restricts_financial_access": 0.35, "restricts_medical_care": 0.2, "withholds_necessities": 0.3,
    "psychological_abuse": 0.55, "psychoactive_substance": 0.15, "excessive_working_hours": 0.4,
    "withholds_documents": 0.45, "other": 0.15,
}  # fmt: skip

# --- NRM (DATA-MODEL.md "NRM") -----------------------------------------------------------------------------------
NRM_SHARE = 0.80  # clients with an NRM record
CONSENT_WITHHELD_SHARE = 0.02  # of all clients: record with route `none`, no referral
RG_FAST_SHARE = 0.50  # within 5 working days [S8]
RG_FAST_WORKING_DAYS = 5
RG_SLOW_MEDIAN_DAYS = 20.0
RG_SLOW_SIGMA = 0.8  # ASSUMPTION (generator): DATA-MODEL.md gives no sigma
RG_MAX_DAYS = 365
RG_POSITIVE = 0.53  # [S13]
RG_WITHDRAWN = 0.02  # ASSUMPTION (generator), taken from the non-positive share
CG_MIN_DAYS = 30  # [S10]
CG_MEDIAN_DAYS_MEN = 496.0  # + 30 gives the 526 median of [S11]
CG_MEDIAN_DAYS_WOMEN = 874.0  # + 30 gives about 904 [S11]
CG_SIGMA = 0.6
CG_POSITIVE = 0.55  # [S13]
CG_DISQUALIFIED = 0.01  # ASSUMPTION (generator): public order, from the non-positive share
RECONSIDERATION_SHARE = 0.10  # of negative CGs
RECONSIDERATION_OVERTURNED = 0.30
RECONSIDERATION_MEDIAN_DAYS = 90.0  # ASSUMPTION (generator): request to outcome, sigma 0.5
MOVE_ON_DAYS = 45  # [S19]
RNA_EXTENSION_SHARE = 0.40
RNA_EXTENSION_DAYS = (30, 180)
IECA_SHARE = 0.10  # ASSUMPTION (generator): the rest are decided by the SCA
PRE_RG_DESTITUTION_SHARE = 0.3  # ASSUMPTION (generator): emergency destitution support while RG is pending [S20]

# --- Activity (DATA-MODEL.md "Contacts and interventions") ---------------------------------------------------------
FRAILTY_SHAPE = 2.0  # per-client gamma frailty, mean 1: counts are negative binomial
WELFARE_CALLS_PER_MONTH = 0.4
INTERVENTIONS_PER_MONTH = 2.4
OTHER_CONTACTS_PER_MONTH = 0.3  # ASSUMPTION (generator): visits, appointments, messages
EARLY_MONTHS = 3
EARLY_FACTOR = 2.0
EVENT_FACTOR = 1.5  # month of an NRM decision or a relocation
CALL_NO_ANSWER = 0.15
CALL_UNSAFE = 0.02
INTERVENTION_MIX = {
    "liaison_solicitor": 0.18, "liaison_msvcc_provider": 0.14, "housing_advocacy": 0.12, "health_gp_referral": 0.10,
    "benefits_finance": 0.08, "mental_health_referral": 0.06, "education_college": 0.06, "liaison_police": 0.05,
    "liaison_home_office": 0.05, "social_isolation_activity": 0.05, "sexual_health_access": 0.04,
    "employment_support": 0.04, "child_support_services": 0.03,
}  # fmt: skip
# ASSUMPTION (generator).
OTHER_CONTACT_MIX = {
    "office_appointment": 0.35, "accompaniment": 0.2, "message": 0.2, "home_visit": 0.15, "video_call": 0.1,
}  # fmt: skip
OTHER_CONTACT_OUTCOMES = {"completed": 0.85, "client_cancelled": 0.08, "rescheduled": 0.05, "no_answer": 0.02}
INTERVENTION_OUTCOMES = {"done": 0.82, "pending": 0.13, "declined": 0.05}  # ASSUMPTION (generator)
NOTE_SHARE = 0.3  # ASSUMPTION (generator): share of contacts and interventions with a templated note

# --- Relocations and risk (DATA-MODEL.md "Relocations", "Risk") ------------------------------------------------------
MOVES_PER_YEAR = 0.35
UNPLANNED_WHEN_HIGH = 0.60
UNPLANNED_OTHERWISE = 0.20  # ASSUMPTION (generator)
RISK_INTERVAL_DAYS = 90
RISK_JITTER_DAYS = 14
RISK_STAY = 0.7
RISK_DOWN = 0.5  # of changes, before a positive CG
RISK_DOWN_AFTER_CG = 0.8  # "drifting down after a positive CG"; the 0.8 is ASSUMPTION (generator)
RISK_AT_INTAKE = {"high": 0.35, "medium": 0.45, "low": 0.20}  # ASSUMPTION (generator)
RISK_OTHER_DOMAIN = {"low": 0.6, "medium": 0.3, "high": 0.1}  # ASSUMPTION (generator), capped at the overall level

# --- Consent, referrals, needs, legal (ASSUMPTION unless DATA-MODEL.md "Consent") ------------------------------------
SHARE_CONSENT = 0.9  # per organisation, DATA-MODEL.md
CONSENT_WITHDRAWN_CLIENTS = 0.03  # DATA-MODEL.md
CONTACT_PHONE_CONSENT = 0.92
CONTACT_TEXT_CONSENT = 0.75
RESEARCH_CONSENT = 0.5
CONSENT_REVIEW_DAYS = 365
INCOMING_REFERRAL = 0.85
OUTGOING_REFERRALS_PER_MONTH = 0.12
REFERRAL_STATUS_MIX = {"accepted": 0.65, "no_response": 0.15, "declined": 0.12, "withdrawn": 0.08}
REFERRAL_RESPONSE_MEDIAN_DAYS = 10.0
NEEDS_INTERVAL_DAYS = 182
# `children` is a need exactly when the client has dependants.
NEED_AREA_P = {
    "housing": 0.6, "health_physical": 0.4, "mental_health": 0.7, "sexual_health": 0.12, "legal": 0.6,
    "finance": 0.5, "education": 0.25, "employment": 0.25, "social_connection": 0.4, "immigration": 0.55,
}  # fmt: skip
LEGAL_CRIMINAL_INVESTIGATION = 0.25
LEGAL_PROSECUTION_WITNESS = 0.2  # of criminal investigations
LEGAL_CICA = 0.12
LEGAL_APPEAL_WHEN_REFUSED = 0.5
LEGAL_NRM_CHALLENGE = 0.15  # of negative CGs not reconsidered
LEGAL_WITHDRAWN = 0.05
MLR_REQUESTED = 0.2  # of asylum claims
