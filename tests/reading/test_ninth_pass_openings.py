"""Openings, ninth pass: the ideas behind its misses, in wordings of our own."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "age"),
    [
        (
            "a plural child noun before the age",
            "one of the lasses (12) has asthma",
            12,
        ),
        ("a plural child noun before the age", "I coach a few lads (14) and one has T1D", 14),
        ("a child 'of' an age", "we have a girl of 7 with sickle cell", 7),
        ("a child 'of' an age", "worried about a lad of 15 who has CF", 15),
        ("years as 'y' in clinical shorthand", "Summary: child 6y, epilepsy, known to EH", 6),
        ("years as 'y' in clinical shorthand", "pt is a boy 10y with asthma", 10),
        ("a number alone after the condition", "HV. Epilepsy. 2. Lives with nan.", 2),
        ("a number alone after the condition", "cystic fibrosis. 16. mum struggling", 16),
    ],
)
def test_ninth_pass_ages_typed_tersely_are_read(idea, text, age):
    finding = read(text).finding("child_age_years")
    assert finding is not None and finding.value == age, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("a number alone, no condition before it", "Admissions. 4. Mum says fine."),
        ("'of' a number that is no age", "one of 3 boys in the family has asthma"),
        ("'y' not after a child", "admitted 2y ago with DKA"),
    ],
)
def test_ninth_pass_numbers_that_are_no_age_stay_unread(idea, text):
    assert read(text).finding("child_age_years") is None, idea


@pytest.mark.parametrize(
    ("idea", "text", "role"),
    [
        ("after a bullet", "- HV, 0-19 team\n- baby 9 months, CF", "health"),
        ("after a bullet", "* DSL\n* Y4 boy, asthma", "school"),
        ("after a channel name", "Teams message: SENCo. Boy, 8, epilepsy.", "school"),
        ("after the name of a note", "Case notes (SW): 11yo, T1D, CP plan", "social_care"),
        ("with its team in brackets", "Police (MASH). Girl aged 13, asthma.", "police"),
        ("with its grade in brackets", "GP (locum) - 4yo with asthma, 6 A&E visits", "health"),
    ],
)
def test_ninth_pass_roles_typed_as_headings_are_read(idea, text, role):
    finding = read(text).finding("reporter_role")
    assert finding is not None and finding.value == role, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("a bullet about someone else", "- police called to the flat twice\n- 9yo, asthma"),
        ("a note about the child", "Notes from the GP: 7yo, asthma, 3 A&E visits"),
    ],
)
def test_ninth_pass_roles_of_others_in_headings_are_not_the_reporters(idea, text):
    assert read(text).finding("reporter_role") is None, idea


@pytest.mark.parametrize(
    "text",
    [
        "brown inhaler picked up once, the blue one every month",
        "9yo, asthma. Preventer issued twice. 4 ED visits.",
    ],
)
def test_ninth_pass_a_preventer_collected_a_few_times_is_poor_adherence_to_confirm(text):
    finding = read(text).finding("medication_adherence")
    assert finding is not None and finding.value == "poor" and not finding.confident, text


def test_ninth_pass_a_preventer_collected_twice_a_month_is_not_poor():
    finding = read("preventer collected twice a month, never late").finding("medication_adherence")
    assert finding is None or finding.value != "poor"


@pytest.mark.parametrize(
    ("idea", "text", "value"),
    [
        ("no service in its short form", "Boy, 7, asthma. No SC input.", "none"),
        ("no service in its short form", "no CSC, no EH - just us", "none"),
        ("early help open in its short form", "9yo, CF. EHA open since the spring.", "early_help"),
        (
            "the practitioner its keyworker",
            "EH lead practitioner here, a girl of 6 with asthma",
            "early_help",
        ),
    ],
)
def test_ninth_pass_services_in_short_forms_are_read(idea, text, value):
    finding = read(text).finding("existing_involvement")
    assert finding is not None and finding.value == value, idea


def test_ninth_pass_eh_as_a_sound_is_no_service():
    assert read("no, eh, not sure who else knows her").finding("existing_involvement") is None


@pytest.mark.parametrize(
    "text",
    [
        "both carers under the influence when we got there",
        "police visit: both adults intoxicated, 4 children present",
    ],
)
def test_ninth_pass_both_adults_intoxicated_is_substance_misuse(text):
    finding = read(text).finding("carer_substance_misuse")
    assert finding is not None and finding.value == "yes", text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dad is good with medicines, never misses any", "good"),
        ("nan's brilliant with inhalers", "good"),
    ],
)
def test_ninth_pass_good_with_medicine_without_a_possessive(text, value):
    finding = read(text).finding("medication_adherence")
    assert finding is not None and finding.value == value, text


@pytest.mark.parametrize(
    ("idea", "text", "value"),
    [
        ("the figure then no change", "Attendance this year 93%, unchanged.", "no"),
        ("the figure then no change", "attendance is 97 percent - steady", "no"),
        (
            "time off now, fine before",
            "absent one day a week since Easter, but it was good last term",
            "yes",
        ),
    ],
)
def test_ninth_pass_attendance_change_said_beside_the_figure(idea, text, value):
    finding = read(text).finding("attendance_declining")
    assert finding is not None and finding.value == value, idea


def test_ninth_pass_another_thing_fine_before_is_no_fall_in_attendance():
    assert (
        read("off sick today, her asthma was fine last year").finding("attendance_declining")
        is None
    )


@pytest.mark.parametrize(
    ("idea", "text", "fact", "value"),
    [
        (
            "a belief said for the team",
            "We think dad is using again, not confirmed",
            "carer_substance_misuse",
            "suspected",
        ),
        (
            "the teacher's own role",
            "I teach her in Year 5 and she has asthma",
            "reporter_role",
            "school",
        ),
        (
            "a doubt the named medicine is given",
            "she calls her inhaler stupid so I don't think she's having it",
            "medication_adherence",
            "poor",
        ),
        (
            "the child's words of dislike",
            "he told me he hates going to his dad's",
            "child_distress",
            "yes",
        ),
        (
            "a plan said current after its review",
            "IHP redone in May, so in date.",
            "management_plan",
            "current",
        ),
        (
            "a plan named with an old year alone",
            "Care plan 2021.",
            "management_plan",
            "out_of_date",
        ),
        (
            "medicine on few days of the week",
            "physio done maybe 3 days in 7",
            "medication_adherence",
            "poor",
        ),
        (
            "neither carer knows",
            "neither of them knows where her pump is",
            "day_in_life_known",
            "no",
        ),
        (
            "the other parent not spoken to",
            "Mum is local but nobody has contacted her",
            "other_parent_involved",
            "no",
        ),
        (
            "early help closed, short form",
            "EH closed 03/25, nothing since",
            "existing_involvement",
            "none",
        ),
        (
            "the unplanned part of admissions",
            "admitted 6 times, 4 of those via A&E",
            "unplanned_admissions_12m",
            4,
        ),
    ],
)
def test_ninth_pass_more_facts_of_case_notes_are_read(idea, text, fact, value):
    finding = read(text).finding(fact)
    assert finding is not None and finding.value == value, idea


@pytest.mark.parametrize(
    ("idea", "text", "fact"),
    [
        ("teaching a skill is no school role", "I teach him to swim on Saturdays", "reporter_role"),
        (
            "'getting it' as understanding",
            "maths is hard, I don't think he's getting it",
            "medication_adherence",
        ),
        ("a belief of a reassurance is not sure", "we believe she's fine", "child_distress"),
    ],
)
def test_ninth_pass_look_alikes_are_not_read_as_the_fact(idea, text, fact):
    finding = read(text).finding(fact)
    assert finding is None or not finding.confident, idea


def test_ninth_pass_other_parent_spoken_to_is_not_no():
    finding = read("dad lives nearby and we have spoken to him").finding("other_parent_involved")
    assert finding is None or finding.value != "no"


def test_ninth_pass_years_typed_as_y_after_a_number_are_no_yes():
    finding = read("child 4y, asthma", asked="immediate_danger").finding("immediate_danger")
    assert finding is None


def test_ninth_pass_dated_entries_not_brought_are_counted():
    text = "Chronology: 03/01/26 WNB clinic. 14/03/26 DNA asthma review. 02/02/24 WNB."
    finding = read(text, today=__import__("datetime").date(2026, 12, 1)).finding(
        "missed_appointments_12m"
    )
    assert finding is not None and finding.value == 2


def test_ninth_pass_one_dated_entry_not_brought_is_no_count():
    text = "Notes: 03/01/26 WNB clinic, rebooked."
    finding = read(text, today=__import__("datetime").date(2026, 12, 1)).finding(
        "missed_appointments_12m"
    )
    assert finding is None or finding.value == 1
