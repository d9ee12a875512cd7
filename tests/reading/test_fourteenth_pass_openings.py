"""The ideas behind the fourteenth pass's openings, each in words of our own (none of the dev
items' phrasings): a role typed as a record's heading, a relative saying who they are, an age in
record shorthand or with an initial for the name, and what must not be taken from them."""

from __future__ import annotations

import pytest

from bot.reading import read


def finding(text: str, fact: str):
    return read(text).finding(fact)


@pytest.mark.parametrize(
    ("text", "fact", "expected", "sure"),
    [
        # a mouth, eye or therapy clinician typed as the heading
        (
            "Dentist here - 11 yr old girl with epilepsy, teeth in a bad way",
            "reporter_role",
            "health",
            True,
        ),
        ("Orthodontist. 13yo lad, CF, keeps missing his fittings", "reporter_role", "health", True),
        ("I'm the community dental nurse, 6 year old with asthma", "reporter_role", "health", True),
        # an attendance officer typed as the heading or said of oneself
        ("EWO - girl aged 12 with sickle cell, attendance 71%", "reporter_role", "school", True),
        ("Education welfare officer, boy of 9 with asthma", "reporter_role", "school", True),
        ("I'm the school attendance officer, she's 13", "reporter_role", "school", True),
        # the school's front office, the colon dropped
        (
            "School reception: there's a lady here asking to collect him, he's 6",
            "reporter_role",
            "school",
            True,
        ),
        # a relative or carer says who they are
        (
            "I'm his gran, he's been with me since March, he is 8 with asthma",
            "reporter_role",
            "other",
            True,
        ),
        ("I'm her aunt and kinship carer, she's 11, diabetic", "reporter_role", "other", True),
        ("as his foster carer I'm worried, he's 4 and has CF", "reporter_role", "other", True),
        # an age with the sex as a record heading: to confirm
        ("Practice nurse. 9F. T1DM since 2021.", "child_age_years", 9, False),
        ("11 M, epilepsy, on keppra", "child_age_years", 11, False),
        # an initial for the child's name: to confirm
        ("Fostering SW. K is 8, asthma, settled in placement", "child_age_years", 8, False),
        # he's and the age, then the condition, typed without a comma
        ("hv here shes 3 asthmatic and mum smokes", "child_age_years", 3, True),
        ("hes 14 type 1 and his sugars are all over", "child_age_years", 14, True),
    ],
)
def test_an_opening_reaches_what_it_states(
    text: str, fact: str, expected: object, sure: bool
) -> None:
    got = finding(text, fact)
    assert got is not None, text
    assert (got.value, got.confident) == (expected, sure), (text, got)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a relative named, not the one writing
        ("I'm worried about his gran, she can't cope, he's 8", "reporter_role"),
        ("she lives with her nan and her aunt, she is 6", "reporter_role"),
        ("I'm her nan's neighbour, she's 5", "reporter_role"),
        # the school office said of something, not as the heading
        ("the school office is closed, she is 7", "reporter_role"),
        # months, not a male child; an age of then; a single "I"
        ("Baby 18m, CF, weight faltering", "child_age_years"),
        ("she's had 12 asthma attacks this winter", "child_age_years"),
        ("I is 10", "child_age_years"),
    ],
)
def test_no_role_or_age_from_what_is_not_one(text: str, fact: str) -> None:
    assert finding(text, fact) is None, (text, finding(text, fact))


def test_the_supervising_social_worker_of_a_foster_carer_stays_social_care() -> None:
    got = finding(
        "I'm the supervising social worker for her foster carer, she is 9", "reporter_role"
    )
    assert got is not None and got.value == "social_care"


def test_an_age_said_in_words_keeps_the_record_shorthand_out() -> None:
    got = finding("GP. 8M. Seen with mum. He is 9 next week, so 8 now.", "child_age_years")
    assert got is not None and got.value == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ED nurse. It's his 3rd attendance in the last year with wheeze", 3),
        ("this is her fifth presentation since the summer, 9yo with sickle cell", 5),
        ("her 2nd A&E visit this month", 2),
    ],
)
def test_a_hospital_visit_counted_by_its_order(text: str, expected: int) -> None:
    got = finding(text, "unplanned_admissions_12m")
    assert got is not None and got.value == expected, (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "the 3rd attendance meeting this term, attendance is 84%",
        "mum got the 2nd attendance letter from school",
        "third home visit this month and no answer at the door",
        "it's her 3rd visit this week to the medical room",
    ],
)
def test_a_school_attendance_meeting_or_a_home_visit_is_no_admission(text: str) -> None:
    assert finding(text, "unplanned_admissions_12m") is None, (text, read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Father works offshore, has been informed and rings every night", "yes"),
        ("Birth dad, who lives in Kent, comes to contact every fortnight", "yes"),
        ("Birth father is in Poland, not contacted", "no"),
        ("Her dad lives in Cardiff, never been approached", "no"),
    ],
)
def test_the_other_parent_after_an_aside(text: str, expected: str) -> None:
    got = finding(text, "other_parent_involved")
    assert got is not None and got.value == expected, (text, got)


@pytest.mark.parametrize(
    "text",
    [
        # what is said of mum or of nan after dad's aside is not dad's
        "Dad lives in Leeds, mum has been told",
        "Dad lives in Leeds, mum not contacted",
        "dad left, she has contact with nan",
    ],
)
def test_the_other_parent_takes_nothing_said_of_someone_else(text: str) -> None:
    assert finding(text, "other_parent_involved") is None, (text, read(text))


@pytest.mark.parametrize(
    "text",
    [
        "Mum told us on Monday she is drinking again, 7yo with epilepsy",
        "dad has admitted to me this week he's back on the gear",
    ],
)
def test_a_carer_telling_of_their_own_use(text: str) -> None:
    got = finding(text, "carer_substance_misuse")
    assert got is not None and got.value == "yes", (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "mum told me last week she's not using",
        "mum told me she stopped drinking in the summer",
    ],
)
def test_a_carer_saying_they_stopped_or_do_not_use_is_no_use(text: str) -> None:
    got = finding(text, "carer_substance_misuse")
    assert got is None or got.value != "yes", (text, got)
