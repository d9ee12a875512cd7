"""The ideas behind the eighth blind batch's answers, in sentences of our own.

Indirect answers, the wrong person, "X not Y" put right, dates and school years, a
doubt beside a sign: each read as said, or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


def test_a_time_counted_after_an_event_not_counted_is_one_more_to_confirm():
    found = finding(
        "she was admitted over the summer, and twice since I believe", "unplanned_admissions_12m"
    )
    assert found is not None and found.value == 3 and not found.confident


def test_a_welsh_school_year_is_a_school_year():
    found = finding("blwyddyn 4", "child_age_years")
    assert found is not None and found.value in (8, 9) and not found.confident


def test_a_condition_typed_in_error_is_put_right():
    found = finding("epilepsy - I typed diabetes in error", "condition")
    assert found is not None and found.value == "epilepsy"


@pytest.mark.parametrize(
    "text",
    ["the plan was written 2 years ago, nothing new", "it dates from when she was in reception"],
)
def test_a_plan_dated_long_ago_is_out_of_date(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "out_of_date"


def test_a_plan_dated_by_a_hospital_stay_invents_no_admission():
    reading = read("the one from her ward stay 2 years ago", asked="management_plan", today=TODAY)
    assert reading.finding("unplanned_admissions_12m") is None


def test_one_after_a_negation_is_the_thing_not_a_count():
    found = finding("zero, never been given one", "reliever_prescriptions_12m")
    assert found is not None and found.value == 0


def test_preventers_are_not_counted_as_relievers():
    found = finding("4 brown, 6 blue", "reliever_prescriptions_12m")
    assert found is not None and found.value == 6


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("his cousin's attendance has slipped, not his", "attendance_declining", "no"),
        ("her twin missed loads, she hasn't missed any", "missed_appointments_12m", 0),
        ("his stepbrother is on a CIN plan, he is not on one", "existing_involvement", "none"),
    ],
)
def test_the_other_child_named_and_this_one_denied_is_asked_back(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected and not found.confident


@pytest.mark.parametrize(
    "text", ["his brother is fine, not him", "her sister's ok", "his cousin's all good"]
)
def test_another_child_fine_is_never_this_child_fine(text):
    assert finding(text, "child_distress") is None


def test_someone_else_upset_while_the_child_says_nothing_is_never_no():
    found = finding("her brother is scared of dad, she hasn't said a word", "child_distress")
    assert found is None or found.value != "no"


@pytest.mark.parametrize(
    "text", ["he sobbed when his dad came to collect him", "begs to stay behind at school"]
)
def test_distress_in_the_past_tense_or_at_home_time_is_distress(text):
    found = finding(text, "child_distress")
    assert found is not None and found.value == "yes"


def test_the_childs_own_words_about_a_carer_are_distress_to_confirm():
    found = finding("he told me 'dad gets angry when I wheeze'", "child_distress")
    assert found is not None and found.value == "yes" and not found.confident


def test_a_sign_after_a_dont_know_is_a_suspicion_to_confirm():
    found = finding("no idea, but he reeks of cannabis at pick up", "carer_substance_misuse")
    assert found is not None and found.value == "suspected" and not found.confident


def test_asking_what_a_word_means_records_nothing():
    reading = read("what counts as misusing?", asked="medication_misuse", today=TODAY)
    assert reading.finding("medication_misuse") is None


@pytest.mark.parametrize(
    ("text", "expected"), [("the last one was March 2025", 0), ("only in May 2026", 1)]
)
def test_a_month_and_year_is_a_date_counted_by_the_last_12_months(text, expected):
    found = finding(text, "unplanned_admissions_12m")
    assert found is not None and found.value == expected and not found.confident


def test_two_counts_of_different_misses_are_added_to_confirm():
    found = finding("she cancelled 2 herself and forgot another 3", "missed_appointments_12m")
    assert found is not None and found.value == 5 and not found.confident


def test_none_this_year_beside_an_earlier_year_is_none_to_confirm():
    found = finding("none in the past year though 3 the previous year", "unplanned_admissions_12m")
    assert found is not None and found.value == 0 and not found.confident


@pytest.mark.parametrize(
    ("text", "expected"),
    [("we did a day in the life last week", "yes"), ("none of us have been inside the flat", "no")],
)
def test_a_day_in_the_life_said_by_what_was_done(text, expected):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    "text", ["her father phoned the surgery himself", "both parents keep regular contact"]
)
def test_the_other_parent_in_touch_is_involved(text):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == "yes"


def test_a_supply_more_than_a_child_could_use_is_misuse_to_confirm():
    found = finding("far more than one child would ever need", "medication_misuse")
    assert found is not None and found.value == "yes" and not found.confident


def test_attendance_falling_as_a_trend_is_declining():
    found = finding("she's coming in less and less", "attendance_declining")
    assert found is not None and found.value == "yes"


def test_a_settled_home_now_after_an_unsettled_one_is_settled():
    found = finding(
        "they've got a secure tenancy now, sofa surfing before that", "living_situation_unstable"
    )
    assert found is not None and found.value == "no"


def test_a_treatment_only_cystic_fibrosis_has_names_it_to_confirm():
    found = finding("takes creon before meals", "condition")
    assert found is not None and found.value == "cystic_fibrosis" and not found.confident


@pytest.mark.parametrize("text", ["Y3", "she's yr3"])
def test_a_school_year_typed_as_one_word_is_a_school_year(text):
    found = finding(text, "child_age_years")
    assert found is not None and found.value in (7, 8) and not found.confident


@pytest.mark.parametrize(
    ("text", "expected"),
    [("it's her lungs", "medical"), ("seizing", "medical"), ("her stepdad kicked him", "harm")],
)
def test_a_danger_kind_named_by_the_body_or_the_blow(text, expected):
    found = finding(text, "danger_kind")
    assert found is not None and found.value == expected


def test_the_same_words_denied_of_the_child_after_another_child_is_no_to_confirm():
    found = finding("his sister gets really anxious, he's not", "child_distress")
    assert found is not None and found.value == "no" and not found.confident


def test_a_status_denied_of_the_child_is_not_no_involvement_at_all():
    assert finding("his brother's on a CIN plan, he isn't", "existing_involvement") is None


def test_the_pharmacy_not_dispensing_the_preventer_is_poor_adherence():
    found = finding(
        "the chemist hasn't issued any preventers since the spring", "medication_adherence"
    )
    assert found is not None and found.value == "poor"


def test_nights_on_someone_elses_sofa_are_an_unsettled_home_to_confirm():
    found = finding("he's kipping on his uncle's settee", "living_situation_unstable")
    assert found is not None and found.value == "yes" and not found.confident


def test_time_with_the_other_parent_is_involvement_to_confirm():
    found = finding("her father has her most weekends", "other_parent_involved")
    assert found is not None and found.value == "yes" and not found.confident


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("the father is not knowing about this", "other_parent_involved", "no"),
        ("he is very scare of his father", "child_distress", "yes"),
    ],
)
def test_second_language_phrasing_is_read(text, asked, expected):
    found = finding(text, asked)
    assert found is not None and found.value == expected


def test_a_condition_denied_then_named_is_the_one_named_to_confirm():
    found = finding("it's not sickle cell it's epilepsy", "condition")
    assert found is not None and found.value == "epilepsy" and not found.confident


def test_times_named_by_the_season_or_holiday_are_counted_to_confirm():
    found = finding("went in over christmas and again at half term", "unplanned_admissions_12m")
    assert found is not None and found.value == 2 and not found.confident


def test_other_carers_drinking_is_carer_substance_misuse():
    found = finding("her gran and grandad both drink a lot", "carer_substance_misuse")
    assert found is not None and found.value == "yes"


def test_the_father_not_named_by_the_carer_is_not_involved_to_confirm():
    found = finding("mum refuses to say who the father is", "other_parent_involved")
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "they're still waiting to be given a secure tenancy",
        "hoping for a permanent home soon",
        "they lost their permanent tenancy",
    ],
)
def test_a_settled_home_hoped_for_or_lost_is_never_settled(text):
    found = finding(text, "living_situation_unstable")
    assert found is None or found.value != "no"


def test_something_else_months_ago_is_not_the_plans_date():
    found = finding("he had a bad attack 5 months ago", "management_plan")
    assert found is None or found.value != "current"


def test_a_date_over_a_year_ago_then_again_counts_the_again():
    found = finding("admitted in June 2025 and again a few weeks ago", "unplanned_admissions_12m")
    assert found is not None and found.value == 1 and not found.confident


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("still waiting on an updated care plan", "management_plan"),
        ("we've requested a current plan from the nurse", "management_plan"),
        ("trying to get her father involved", "other_parent_involved"),
    ],
)
def test_a_thing_hoped_for_or_asked_for_is_never_the_reassurance(text, asked):
    found = finding(text, asked)
    assert found is None or found.value not in ("current", "yes")


def test_an_expectation_is_not_a_sure_reassurance():
    found = finding("she should be ok now", "child_distress")
    assert found is None or (found.value != "no" or not found.confident)


def test_a_siblings_count_alone_is_no_count_of_the_child():
    assert finding("her sister has been admitted 3 times", "unplanned_admissions_12m") is None


def test_mums_partner_knowing_is_not_the_other_parent_involved():
    found = finding("mum's boyfriend has been told", "other_parent_involved")
    assert found is not None and found.value == "unknown" and not found.confident


def test_forgetting_in_the_base_form_is_poor_adherence_never_given():
    found = finding("father forget to give her tablets", "medication_adherence")
    assert found is not None and found.value == "poor"


def test_days_in_the_week_at_school_is_attendance_not_adherence():
    reading = read(
        "he come to school 3 day in the week", asked="school_attendance_pct", today=TODAY
    )
    found = reading.finding("school_attendance_pct")
    assert found is not None and found.value == 60
    assert reading.finding("medication_adherence") is None
