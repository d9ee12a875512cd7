"""The ideas behind the ninth blind batch's answers, in sentences of our own.

Case-note jargon, dates that are counts, counts taken away or added, plans dated long
ago, a reassurance disputed or taken back, a child staying elsewhere: each read as
said, or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


@pytest.mark.parametrize(
    ("text", "asked", "concern"),
    [
        ("the nurse says she's fine, I disagree", "child_distress", "yes"),
        ("mum reckons he's taking it, we don't agree at all", "medication_adherence", "poor"),
        ("office say his attendance is ok - that's not what I see", "attendance_declining", "yes"),
    ],
)
def test_a_reassurance_the_writer_disputes_is_the_concern(text, asked, concern):
    found = finding(text, asked)
    assert found is not None and found.value == concern


def test_someone_agreeing_with_a_reassurance_does_not_dispute_it():
    found = finding("I agree with mum, he's fine", "child_distress")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "ok. well, he did go quiet when I mentioned home",
        "all good, but thinking about it he's been off his food",
        "fine... actually she was a bit teary on Monday",
    ],
)
def test_fine_then_a_story_is_never_fine(text):
    found = finding(text, "child_distress")
    assert found is not None and found.value != "no"


@pytest.mark.parametrize(
    "text",
    [
        "she dreads going to her mum's on a Friday",
        "he hates staying over at his dad's",
        "can't stand being at her nan's, she says",
    ],
)
def test_a_child_dreading_one_home_is_distress_to_confirm(text):
    found = finding(text, "child_distress")
    assert found is not None and found.value == "yes" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "IHCP reviewed with the school nurse, March 2025",
        "plan updated 14/10/2024 by the consultant",
        "seizure plan - last checked over by neuro Oct 2025",
    ],
)
def test_a_plan_dated_a_year_or_more_ago_is_out_of_date(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "out_of_date"


@pytest.mark.parametrize(
    "text",
    ["the nurse redid it 12/05/26", "reviewed in Jan 2026", "yes, went through it in October"],
)
def test_a_plan_dated_this_year_is_current(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "current"


@pytest.mark.parametrize(
    "text",
    [
        "we know who takes her to school, not what happens at night",
        "we know his mornings, not who's there after tea",
        "we know the weekday routine, not how weekends go",
    ],
)
def test_a_day_known_in_part_then_not_who_or_what_is_not_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        (
            "early help. no sorry, CP from the conference last week",
            "existing_involvement",
            "child_protection_plan",
        ),
        (
            "child in need - scratch that, she's on a CP plan now",
            "existing_involvement",
            "child_protection_plan",
        ),
        ("asthma, no wait, it's the epilepsy I'm ringing about", "condition", "epilepsy"),
    ],
)
def test_a_choice_put_right_is_the_one_said_after(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    "text", ["cp", "CP, physical abuse category", "CP under neglect since the ICPC in May"]
)
def test_cp_said_alone_or_with_its_category_is_a_protection_plan(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "child_protection_plan"


@pytest.mark.parametrize(
    "text",
    [
        "probably nothing and I'm sure she's ok, but she's gone blue round the lips right now",
        "I don't want to make a fuss, it's likely fine, but he's fitting now and it won't stop",
    ],
)
def test_a_danger_said_now_beside_a_hedge_is_danger(text):
    found = finding(text, "immediate_danger")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "not really, he's at his aunties most of the time while mum gets herself sorted",
        "nah, mostly at her gran's at the minute while things settle down at home",
        "no, with an uncle for now while dad sorts himself out",
        "no, they're round their nan's loads lately",
    ],
)
def test_staying_at_a_relatives_a_lot_is_staying_elsewhere_never_a_sure_no(text):
    found = finding(text, "living_situation_unstable")
    assert found is not None and found.value == "yes" and not found.confident


def test_a_visit_to_a_relative_is_not_staying_elsewhere():
    found = finding("no, same flat, he goes to his nan's on Sundays", "living_situation_unstable")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "no, he's back in the classroom and settled at the moment",
        "No - she's with the nurse and fine right now",
    ],
)
def test_fine_right_now_is_no_danger(text):
    found = finding(text, "immediate_danger")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize("text", ["he's not ok now", "she's not fine right now"])
def test_not_fine_now_is_never_no_danger(text):
    found = finding(text, "immediate_danger")
    assert found is None or found.value != "no"


@pytest.mark.parametrize(
    ("text", "asked", "count"),
    [
        ("blue inhaler scripts 03/02, 11/04, 19/08", "reliever_prescriptions_12m", 3),
        ("A&E 05/01/26, admitted 22/07/26", "unplanned_admissions_12m", 2),
        ("DNA 14/10/25, 09/02/26, 30/06/26", "missed_appointments_12m", 2),
    ],
)
def test_a_list_of_dates_is_a_count_of_those_in_the_last_year(text, asked, count):
    found = finding(text, asked)
    assert found is not None and found.value == count


@pytest.mark.parametrize(
    ("text", "asked", "count"),
    [
        (
            "4 A&E trips but one was for a sprain, so 3 for the asthma",
            "unplanned_admissions_12m",
            3,
        ),
        ("6 booked, she made 2 of them, so 4 missed", "missed_appointments_12m", 4),
        ("three times, both of the last two in PICU", "unplanned_admissions_12m", 3),
        ("twice, both DKA admissions", "unplanned_admissions_12m", 2),
    ],
)
def test_a_count_worked_out_is_the_one_said_last(text, asked, count):
    found = finding(text, asked)
    assert found is not None and found.value == count


@pytest.mark.parametrize(
    ("text", "asked", "count"),
    [
        ("admitted 3 times plus the ambulance call in March", "unplanned_admissions_12m", 4),
        ("5 not brought, plus 2 the clinic moved", "missed_appointments_12m", 5),
    ],
)
def test_plus_one_more_adds_and_the_services_own_cancellations_do_not(text, asked, count):
    found = finding(text, asked)
    assert found is not None and found.value == count


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("a few", "reliever_prescriptions_12m"),
        ("a few, I'd have to look", "missed_appointments_12m"),
    ],
)
def test_a_few_is_no_number_and_never_none(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "unknown" and not found.confident


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("I coach the under 11s rugby team", "reporter_role", "other"),
        ("I help run the Sunday swimming club she goes to", "reporter_role", "other"),
        ("D S L at the juniors", "reporter_role", "school"),
        ("I'm her elf visiter", "reporter_role", "health"),
        ("epi lepsy", "condition", "epilepsy"),
        ("cis tic fibrosis", "condition", "cystic_fibrosis"),
        ("he's been on a c p plan since May", "existing_involvement", "child_protection_plan"),
        ("she is see in need", "existing_involvement", "child_in_need"),
    ],
)
def test_roles_said_indirectly_and_words_said_by_voice_to_text(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("his epilim levels are low again", "medication_adherence", "poor"),
        ("drug levels keep coming back sub therapeutic", "medication_adherence", "poor"),
        ("seizure plan agreed at the core group in September", "management_plan", "current"),
        ("IHCP discussed at her review last term", "management_plan", "current"),
        ("nan keeps a detailed log of his day, meds and all", "day_in_life_known", "yes"),
        ("dad's been taking the baby's calpol for himself", "medication_misuse", "yes"),
    ],
)
def test_case_note_jargon_is_read(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected


def test_low_sugar_levels_are_not_medicine_missed():
    assert finding("sugar levels were low this morning", "medication_adherence") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("off about 1 day in 5", 80), ("missed 6 out of 60 sessions this half term", 90)],
)
def test_days_missed_out_of_so_many_are_the_share_there(text, expected):
    found = finding(text, "school_attendance_pct")
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("was 97 in the autumn, 85 now", "yes"),
        ("was in 4 days a week, now 2", "yes"),
        ("it was 88 in year 7, now up to 95", "no"),
        ("goes up and down but more down lately", "yes"),
    ],
)
def test_attendance_then_and_now_says_whether_it_fell(text, expected):
    found = finding(text, "attendance_declining")
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what counts - is a bit of cannabis at weekends enough?", "carer_substance_misuse"),
        ("what's the difference between early help and child in need?", "existing_involvement"),
    ],
)
def test_a_question_about_the_words_records_nothing(text, asked):
    assert finding(text, asked) is None


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("it's type 2 actually, not type 1", "condition", "other"),
        ("she keeps asking whether she'll stop breathing at night", "child_distress", "yes"),
        ("this is their 3rd move since Easter", "living_situation_unstable", "yes"),
    ],
)
def test_a_type_named_a_child_asking_if_they_will_die_and_moves_counted(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected


def test_calls_to_111_are_not_hospital_visits():
    found = finding("2 admissions, and dad phoned 111 three times", "unplanned_admissions_12m")
    assert found is not None and found.value == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("father unknown - no dad on the birth certificate", "not_applicable"),
        ("her mum? nobody knows where she lives now", "no"),
    ],
)
def test_an_unknown_or_lost_other_parent(text, expected):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "count"), [("6 offered and he missed half", 3), ("half of those, out of 10 booked", 5)]
)
def test_half_of_those_booked_is_half_the_number(text, count):
    found = finding(text, "missed_appointments_12m")
    assert found is not None and found.value == count and not found.confident


def test_fine_now_after_a_bad_patch_is_fine_to_confirm():
    found = finding(
        "good now, she wasn't after the move but she's been great since", "medication_adherence"
    )
    assert found is not None and found.value == "good" and not found.confident


def test_fine_now_then_a_present_worry_is_not_fine():
    text = "ok now, it was not over the summer but dad still forgets at weekends"
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "poor"
