"""The ideas behind the eleventh blind batch's answers (second part), in sentences of our own.

A reassurance put in scare quotes is doubted; whoever does the care is a carer; a sign
seen on a carer is suspected, a breath test over the limit is drinking found; a medicine
given up is not given. Each read as said, or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


# --- sarcasm quotes around a reassurance ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "asked", "concern"),
    [
        ("he tells everyone he's 'ok', which he plainly isn't", "child_distress", "yes"),
        ('apparently she is "happy" at home', "child_distress", None),
        ("dad 'always' gives the preventer, so he says", "medication_adherence", "poor"),
        ("mum says it's only 'a glass of wine' in the evening", "carer_substance_misuse", None),
    ],
)
def test_a_reassurance_in_scare_quotes_is_never_the_reassurance(text, asked, concern):
    found = finding(text, asked)
    assert found is not None
    assert found.value not in ("no", "good")
    if concern is not None:
        assert found.value == concern and not found.confident


@pytest.mark.parametrize(
    ("text", "asked", "value"),
    [
        ("she's fine", "child_distress", "no"),
        ("she told me 'I'm fine'", "child_distress", "no"),
        ("gives the preventer every morning and night", "medication_adherence", "good"),
    ],
)
def test_a_reassurance_without_scare_quotes_stays(text, asked, value):
    found = finding(text, asked)
    assert found is not None and found.value == value


# --- who the sentence is about: whoever does the care is a carer ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "her aunt does the looking after and she's an alcoholic",
        "nan provides most of the childcare, and she's a heavy drinker. dad's ok",
        "granny does all the care but she is drinking again",
    ],
)
def test_whoever_does_the_care_is_a_carer(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value in ("yes", "suspected")


def test_a_relative_who_does_no_care_is_still_someone_else():
    found = finding("his uncle drinks but he doesn't live there", "carer_substance_misuse")
    assert found is None or found.value != "yes"


# --- a sign seen is suspected; a breath test over the limit is drinking found -------------


@pytest.mark.parametrize(
    "text",
    [
        "stank of booze at drop off on Monday",
        "dad reeked of weed when he came in",
    ],
)
def test_a_smell_on_a_carer_is_suspected(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "suspected"


@pytest.mark.parametrize(
    "text",
    [
        "she says she barely drinks. she was twice the legal limit on the school run",
        "mum calls it a couple of glasses, police breathalysed her over the limit",
    ],
)
def test_a_claim_contradicted_by_a_breath_test_is_drinking(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "yes"


# --- a medicine given up is not given -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "mum's given up the preventer",
        "she's given up on the brown inhaler, says he's better",
        "dad's packed in giving the insulin at weekends",
    ],
)
def test_a_medicine_given_up_is_poor(text):
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "poor"


@pytest.mark.parametrize("text", ["he's given it every day", "given"])
def test_given_alone_is_still_good(text):
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "good"


def test_a_child_who_has_given_up_is_distressed():
    found = finding("she's just given up", "child_distress")
    assert found is not None and found.value == "yes"


def test_a_carer_giving_up_a_medicine_is_not_the_child_giving_up():
    found = finding("mum's given up the preventer", "medication_adherence", "child_distress")
    assert found is None


# --- a suspicion agreed to is still a suspicion ----------------------------------------------


@pytest.mark.parametrize("text", ["suspicion, yeah", "suspected - yes"])
def test_a_suspicion_agreed_to_is_suspected(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "suspected"


def test_a_plain_yes_is_still_yes():
    found = finding("yes", "carer_substance_misuse")
    assert found is not None and found.value == "yes"


# --- the past clause versus now: years clean is not misuse now ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "dad's been sober for over a year now, goes to AA",
        "she's been clean for 3 years now, engages with her sponsor",
    ],
)
def test_years_clean_is_no_misuse_now_to_confirm(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "mum's in recovery, clean 6 months",
        "clean 2 years but relapsed at christmas",
        "dad drinks, mum clean 3 years",
        "dad is a heavy drinker, mum's been dry 2 years",
    ],
)
def test_recovery_beside_months_a_relapse_or_another_carer_is_never_no(text):
    found = finding(text, "carer_substance_misuse")
    assert found is None or found.value != "no"


# --- services checked, old records, signs at the house ----------------------------------------


def test_a_service_checked_with_nothing_found_is_no():
    found = finding(
        "no. checked with the alcohol service and the police, nothing on file",
        "carer_substance_misuse",
    )
    assert found is not None and found.value == "no"


def test_open_to_the_drug_team_is_still_yes():
    found = finding("she's open to the drug and alcohol team", "carer_substance_misuse")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "mum had a drunk and disorderly back in 2018",
        "visitors in and out of the flat through the night",
        "no idea, cars turning up at all hours",
    ],
)
def test_an_old_record_or_callers_at_all_hours_are_suspected(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "suspected"


# --- existing involvement: an enquiry is not a plan; not knowing is never none ------------------


def test_an_enquiry_under_way_is_not_yet_a_plan():
    found = finding(
        "section 47 enquiry started yesterday, conference next month", "existing_involvement"
    )
    assert found is None or found.value != "child_protection_plan"


@pytest.mark.parametrize(
    ("text", "value"),
    [("on a child protection plan", "child_protection_plan"), ("no", "none")],
)
def test_a_plan_and_a_plain_no_stay(text, value):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "text",
    ["no clue, no one tells school anything", "no idea to be honest, nobody updates us"],
)
def test_nobody_telling_us_is_not_knowing(text):
    found = finding(text, "existing_involvement")
    assert found is None or found.value != "none"


@pytest.mark.parametrize(
    "text",
    ["two referrals to the front door, NFA each time", "NFA both times"],
)
def test_referrals_with_no_further_action_are_none(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "none"


@pytest.mark.parametrize(
    "text",
    [
        "her brother is on a CIN plan, this child is not",
        "her big sister has a CP plan. this child isn't on anything",
    ],
)
def test_a_siblings_plan_is_not_this_childs(text):
    found = finding(text, "existing_involvement")
    assert found is None or found.value == "none"


def test_a_siblings_plan_with_a_conference_coming_is_not_none():
    found = finding(
        "his sister's on a plan, this one isn't yet but there's an ICPC", "existing_involvement"
    )
    assert found is not None and found.value != "none"


@pytest.mark.parametrize(
    "text",
    [
        "we had EH in 2023, dad wouldn't engage and it was closed",
        "we asked, but the parents declined consent",
    ],
)
def test_a_service_closed_or_refused_is_none_now(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "none"


def test_early_help_open_is_still_early_help():
    found = finding("early help is open", "existing_involvement")
    assert found is not None and found.value == "early_help"


# --- the other parent: told nothing, willing, or a second parent of the same sex ---------------


def test_the_other_parent_seeing_the_child_but_told_nothing_is_not_involved():
    found = finding(
        "father has him every other saturday but knows nothing about the concerns",
        "other_parent_involved",
    )
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "met the father, he's keen to be involved",
        "her other dad has parental responsibility and comes to every meeting",
    ],
)
def test_the_other_parent_willing_or_at_the_meetings_is_involved(text):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == "yes"


def test_time_with_dad_alone_is_still_to_confirm():
    found = finding("dad has him on saturdays", "other_parent_involved")
    assert found is not None and found.value == "yes" and not found.confident
