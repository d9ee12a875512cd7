"""The ideas behind the eighth pass's openings, each in words of our own (none of the dev
items' phrasings): what an opening states is reached, a doubt is asked, nothing is invented."""

from __future__ import annotations

import pytest

from bot.reading import read


def finding(text: str, fact: str):
    return read(text).finding(fact)


@pytest.mark.parametrize(
    ("text", "fact", "expected", "sure"),
    [
        # a role in an early-years setting, said at the start
        ("Pre-school leader here, a 4 year old with epilepsy", "reporter_role", "school", True),
        ("Day nursery deputy manager. Toddler with asthma", "reporter_role", "school", True),
        # text-speak mended before reading
        ("Yth wrkr, 15 year old lad with asthma", "reporter_role", "other", True),
        # a child noun typed with its 's before the age
        ("the boy's 9, type 1, lives with nan", "child_age_years", 9, True),
        # an age put right in the same breath: the first is taken back, the second said plainly
        ("he's 11 - sorry, 12 - and has CF", "child_age_years", 12, True),
        # an age of then is not the age of now
        ("12 year old, epileptic since he was 5", "child_age_years", 12, True),
        # months after a child noun and a comma
        ("Little girl, 8 months, cystic fibrosis", "child_age_years", 0, True),
        # a year is never a count of appointments
        (
            "Missed 3 appointments. Last diabetes review March 2023.",
            "missed_appointments_12m",
            3,
            True,
        ),
        # a plan reviewed with someone, then when: current, to confirm
        (
            "her care plan was updated by the epilepsy nurse in June",
            "management_plan",
            "current",
            False,
        ),
        # the plan said out of date with its 's
        ("the care plan's expired", "management_plan", "out_of_date", True),
        # a plan not seen is not known to exist, never current
        ("I've never been sent a seizure plan for him", "management_plan", "unknown", False),
        # treatment said not to be done
        ("insulin is often not being given at weekends", "medication_adherence", "poor", True),
        # medicine asked for once or twice in a year, to confirm
        (
            "the brown inhaler was ordered once in the last year",
            "medication_adherence",
            "poor",
            False,
        ),
        # the medicine given daily, said as seen
        ("Gran gives him his Keppra every morning", "medication_adherence", "good", True),
        # the medicine counted and going down as it should, to confirm
        (
            "I counted the tablets and they're going down as they should",
            "medication_adherence",
            "good",
            True,
        ),
        # attendance said, then that it has dropped
        (
            "attendance 81% this term, she was at 98% in year 4, so it has clearly fallen",
            "attendance_declining",
            "yes",
            True,
        ),
        ("his attendance is 77% & dropping", "attendance_declining", "yes", True),
        # the figure said no different from last year
        ("attendance 96%, unchanged from last year", "attendance_declining", "no", True),
        # clinging to staff, going quiet when a carer comes
        ("he went quiet when his stepdad arrived at home time", "child_distress", "yes", True),
        ("she clings to staff all morning", "child_distress", "yes", False),
        # carers partying through the night: a sign, to confirm
        (
            "dad and his mates are out all nite partying",
            "carer_substance_misuse",
            "suspected",
            False,
        ),
        # neither drink nor drugs
        ("There's no alcohol or drugs.", "carer_substance_misuse", "no", True),
        # staying at a relative's since something happened: unstable, to confirm
        (
            "they've been kipping at his uncle's for the last few weeks",
            "living_situation_unstable",
            "yes",
            False,
        ),
        # nobody can say who does part of the child's care
        ("no one could tell us who gives her insulin at night", "day_in_life_known", "no", True),
        # not known whether the other parent knows: asked, never yes
        (
            "father lives abroad, not sure whether he knows",
            "other_parent_involved",
            "unknown",
            False,
        ),
        # the other parent away, yet said to know everything
        (
            "dad works offshore and knows everything about her care",
            "other_parent_involved",
            "yes",
            True,
        ),
        # no social care said alone, or not known of (to confirm)
        ("No children's services.", "existing_involvement", "none", True),
        ("not aware of any social worker", "existing_involvement", "none", False),
    ],
)
def test_an_opening_reaches_what_it_states(text, fact, expected, sure):
    found = finding(text, fact)
    assert found is not None, f"{fact} not read from {text!r}"
    assert found.value == expected
    assert found.confident is sure


@pytest.mark.parametrize(
    ("text", "fact", "never"),
    [
        # a concession before a reassurance still asks, never a sure reassurance
        ("mum is exhausted but no drink or drugs", "carer_substance_misuse", "no"),
        ("dad works away but knows everything", "other_parent_involved", "yes"),
        # a carer's word that a plan was done is asked, never a sure current
        ("mum says the plan was reviewed with the nurse in May", "management_plan", "current"),
    ],
)
def test_a_qualified_or_reported_reassurance_is_never_sure(text, fact, never):
    found = finding(text, fact)
    assert found is not None
    assert not (found.value == never and found.confident)


def test_a_year_is_not_read_as_a_count_and_the_count_is_kept():
    found = finding(
        "Not brought to 4 clinics. Review last done in Nov 2022.", "missed_appointments_12m"
    )
    assert found is not None and found.value == 4


def test_an_age_of_then_is_not_taken_when_no_age_of_now_is_said():
    assert finding("diabetic since she was 3", "child_age_years") is None


def test_an_age_corrected_far_off_is_not_taken_as_the_correction():
    found = finding("she's 7, no sorry, 15 of them in the class", "child_age_years")
    assert found is None or found.value != 15


def test_a_doubt_before_it_has_dropped_is_never_a_sure_drop():
    found = finding("attendance 90%, I don't think it's dropped", "attendance_declining")
    assert found is None or not (found.value == "yes" and found.confident)


def test_the_unsure_whether_the_father_knows_is_not_read_as_knowing():
    found = finding(
        "dad's in prison, no idea if he knows about the admissions", "other_parent_involved"
    )
    assert found is not None and found.value != "yes"


def test_a_condition_said_surely_after_a_sign_of_it_is_sure():
    found = finding("Came in with DKA overnight. She has had type 1 since she was 3.", "condition")
    assert found is not None and found.value == "type1_diabetes" and found.confident


def test_medicine_counted_and_not_going_down_is_poor():
    found = finding("I counted his tablets, they're not going down", "medication_adherence")
    assert found is not None and found.value == "poor"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # someone else knowing is not the other parent knowing
        ("dad walked out years ago, nan knows everything", "other_parent_involved"),
        # a young person partying is not a carer's drinking
        ("the teenager is out all night partying", "carer_substance_misuse"),
        # a falling blood sugar is not falling attendance
        ("his sugar is 4 and dropping", "attendance_declining"),
    ],
)
def test_words_about_someone_or_something_else_record_nothing(text, fact):
    assert finding(text, fact) is None


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("The landlord threw the family out in March.", "living_situation_unstable", "yes"),
        ("her enzymes at home really aren't being taken", "medication_adherence", "poor"),
        (
            "she's been at her gran's since the fire, for a month now",
            "living_situation_unstable",
            "yes",
        ),
        ("newborn boy, 5 days old, sickle cell on the heel prick", "child_age_years", 0),
        ("she was 2 months old when the CF was found", "child_age_years", None),
        ("After school club leader here, 9 year old", "reporter_role", "other"),
        ("College wellbeing officer. 17 year old with CF", "reporter_role", "school"),
        ("CIN closed in October.", "existing_involvement", "none"),
        ("His IHP was last reviewed in June 2021.", "management_plan", "out_of_date"),
        ("attendance is sliding, 86% this half term", "attendance_declining", "yes"),
        ("Diabetes specialist nurse. Boy, 12", "reporter_role", "health"),
        ("Hello, I'm an FSW working with the family", "reporter_role", "early_help"),
        ("Called the nurse about it.", "reporter_role", None),
        ("insulin is given before every meal by nan", "medication_adherence", "good"),
        ("her parents are out partying most weekends", "carer_substance_misuse", "suspected"),
        ("they've been crashing at his nan's for a fortnight", "living_situation_unstable", "yes"),
        ("Family are unknown to children's services.", "existing_involvement", "none"),
        (
            "Repeat for his Creon only collected twice over the last year",
            "medication_adherence",
            "poor",
        ),
        ("prescriptions collected 11 times in the past year", "medication_adherence", None),
        ("attendance 91%, same as last year", "attendance_declining", "no"),
        (
            "I've looked at the inhaler counter and it's going down as it should",
            "medication_adherence",
            "good",
        ),
        ("mum left, not sure if dad even knows", "other_parent_involved", "unknown"),
    ],
)
def test_more_of_the_same_ideas_in_other_words(text, fact, expected):
    found = finding(text, fact)
    assert (None if found is None else found.value) == expected


@pytest.mark.parametrize(
    ("text", "fact", "never"),
    [
        ("No social worker, as far as I know.", "existing_involvement", "none"),
        ("attendance 95%, I think unchanged from last year", "attendance_declining", "no"),
        ("I've checked the pens and I think they're going down", "medication_adherence", "good"),
        ("dad lives away and probably knows everything", "other_parent_involved", "yes"),
    ],
)
def test_a_hedge_beside_the_new_phrases_still_asks(text, fact, never):
    found = finding(text, fact)
    assert found is None or not (found.value == never and found.confident)


def test_not_social_care_said_of_oneself_is_no_involvement_fact():
    assert finding("Not social care, I'm in health.", "existing_involvement") is None
