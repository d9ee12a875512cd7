"""The ideas behind the fourteenth blind batch's answers (first share), in sentences of our own.

Roles said in the plural, by grade or setting, by initials or as a carer of the child; a plan's
age said in months or by a review that never happened; counts as shares of a whole, per term,
event by event, beside something else, or not seen by the writer; medicine collected in part or
left unused; two sources of an age and the one backed; misuse denied for a lesser fault. Each is
read as said or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 2)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


def value(text: str, asked: str, fact: str | None = None):
    found = finding(text, asked, fact)
    return None if found is None else found.value


# --- roles ---


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I'm one of the nurses on the day unit", "health"),
        ("im one of the dentists at the community clinic", "health"),
        ("I'm one of the teachers in year 2", "school"),
        ("ED reg here, covering nights", "health"),
        ("SHO on the paeds ward", "health"),
        ("orthodontist, she's in for her brace check", "health"),
        ("I'm a para medic with the ambulance service", "health"),
        ("EWO for the council", "school"),
        ("I'm his kinship carer", "other"),
        ("I'm her gran, she lives with me", "other"),
        ("I'm the special guardian", "other"),
    ],
)
def test_a_role_in_the_plural_by_grade_by_initials_or_as_a_carer(text, role):
    assert value(text, "reporter_role") == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I'm the supervising social worker for her foster carers", "social_care"),
        ("school nurse, I saw mum this morning", "health"),
        ("I'm the DSL, her nan picks her up", "school"),
    ],
)
def test_a_carer_named_after_the_role_is_not_the_role(text, role):
    assert value(text, "reporter_role") == role


def test_someone_elses_stay_in_hospital_is_not_the_writers_work():
    assert value("I'm her aunt, I've had her since mum went into hospital", "reporter_role") == (
        "other"
    )


def test_the_school_office_without_its_colon_heads_the_message():
    text = "school office - there's a man in reception saying he's her dad"
    assert value(text, "reporter_role") == "school"


def test_refusing_to_leave_is_not_refusing_medicine():
    text = "school office: a man is in reception refusing to leave"
    assert finding(text, "reporter_role", "medication_adherence") is None
    assert value("she keeps refusing her insulin", "medication_adherence") == "poor"
    assert value("refused a dose on tuesday", "medication_adherence") == "poor"


# --- plans ---


@pytest.mark.parametrize(
    "text",
    [
        "her plan was last updated 18 months ago",
        "the IHP was reviewed about 13 months ago",
        "annual review was due in the spring but it never happened",
        "the update was booked for march and didn't go ahead",
    ],
)
def test_a_plan_a_year_or_more_of_months_old_or_a_review_that_never_happened(text):
    assert value(text, "management_plan") == "out_of_date"


@pytest.mark.parametrize(
    "text", ["the plan was reviewed 4 months ago", "care plan last reviewed 11 months ago"]
)
def test_a_plan_reviewed_within_the_year_stays_current(text):
    assert value(text, "management_plan") == "current"


def test_a_review_still_to_come_is_not_a_plan_missed():
    assert value("the review is due in january", "management_plan") != "out_of_date"


def test_a_plan_from_the_start_of_an_earlier_stage_is_out_of_date_to_confirm():
    found = finding("his care plan's from when he first started reception", "management_plan")
    assert found is not None and found.value == "out_of_date" and not found.confident


# --- relievers ---


def test_a_dose_strength_is_not_a_count():
    assert value("ventolin 100 micrograms, 8 issued this year", "reliever_prescriptions_12m") == 8
    assert value("salbutamol 2.5mg nebules x 6 this year", "reliever_prescriptions_12m") == 6


def test_one_in_use_every_day_is_a_thing_not_a_prescription():
    text = "none on the system, though he uses one every day in class"
    assert value(text, "reliever_prescriptions_12m") == 0


def test_one_a_month_named_is_still_counted():
    text = "got one in March and one in September"
    assert value(text, "reliever_prescriptions_12m") == 2


# --- adherence ---


@pytest.mark.parametrize(
    "text",
    [
        "picked up 4 of the last 12 months",
        "the pharmacy shows the preventer dispensed 2/12 months",
        "collected every month but the counter reads 118 of 120 left",
        "insulin collected monthly, pens all still sealed in the fridge",
    ],
)
def test_medicine_collected_in_part_or_left_unused_is_poor(text):
    assert value(text, "medication_adherence") == "poor"


def test_medicine_collected_in_full_is_good_only_to_confirm():
    found = finding("collected 12 out of 12 months", "medication_adherence")
    assert found is not None and found.value == "good" and not found.confident


def test_a_device_log_of_every_dose_is_good_to_confirm():
    found = finding("the libre app logs every dose", "medication_adherence")
    assert found is not None and found.value == "good" and not found.confident


def test_a_counter_mostly_used_is_not_a_sign_of_doses_missed():
    text = "collected 12/12 months and the counter reads 20 of 200 left"
    assert value(text, "medication_adherence") != "poor"


# --- admissions and appointments ---


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("missed 2 of the last 6 clinics", 2),
        ("DNA'd 4 out of the past 7 appointments", 4),
        ("went to 3/8", 5),
        ("they sent 6 and she missed half of them", 3),
        ("a third of them, there were 9", 3),
    ],
)
def test_missed_said_as_a_share_of_a_whole(text, count):
    found = finding(text, "missed_appointments_12m")
    assert found is not None and found.value == count


def test_attended_all_of_a_whole_is_none_missed():
    assert value("attended 5/5", "missed_appointments_12m") == 0


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("once a term", 3),
        ("twice each term", 6),
        ("1 per half term", 6),
    ],
)
def test_a_count_per_term_is_a_years_count_to_confirm(text, count):
    found = finding(text, "unplanned_admissions_12m")
    assert found is not None and found.value == count and not found.confident


def test_events_told_one_by_one_are_counted():
    text = "one in the october half term, one just before christmas and one last week"
    assert value(text, "unplanned_admissions_12m") == 3


def test_a_none_of_its_own_beside_other_visits_is_none_to_confirm():
    found = finding("no admissions, but loads of walk-in centre trips", "unplanned_admissions_12m")
    assert found is not None and found.value == 0 and not found.confident


def test_a_none_with_a_doubt_about_the_same_thing_is_not_a_sure_none():
    found = finding("none that I can see but they use another hospital", "unplanned_admissions_12m")
    assert found is None or found.value != 0 or not found.confident


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "it just says 'several' on the system, I can't see the actual number",
            "unplanned_admissions_12m",
        ),
        ("I can't access hospital appointments from here", "missed_appointments_12m"),
    ],
)
def test_a_number_the_writer_cannot_see_is_not_known(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "unknown"


# --- ages and misuse ---


def test_two_ages_and_the_source_backed():
    text = "dad says 9 but the GP record has him as 10 and the record's right"
    found = finding(text, "child_age_years")
    assert found is not None and found.value == 10 and not found.confident


def test_two_ages_with_none_backed_stay_as_read():
    assert value("she's 9, her brother is 12", "child_age_years") == 9


def test_misuse_denied_for_a_lesser_fault_is_no_to_confirm():
    found = finding("not really misuse, he just forgets them", "medication_misuse")
    assert found is not None and found.value == "no" and not found.confident


def test_misuse_denied_then_a_sign_of_it_is_never_no():
    text = "not misuse as such, her stepdad sells the inhalers"
    assert value(text, "medication_misuse") != "no"


def test_an_inhaler_with_its_mouthpiece_cut_away_is_misuse():
    text = "her stepdad had one of her blue ones with the mouth piece sawn off"
    assert value(text, "medication_misuse") == "yes"


def test_a_mouthpiece_said_fine_is_not_misuse():
    assert value("checked the mouthpiece, it's fine", "medication_misuse") != "yes"
