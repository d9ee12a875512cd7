"""The ideas behind the thirteenth blind batch's answers (first share), in sentences of our own.

A sibling's age or medicine beside the child's (the child's part counts), the present beside
the past, a condition the writer grants or leaves open, two sources and the one backed, counts
"out of" a whole, a total then its parts, devices held in places, and signs of someone taking
the child's medicine: each read as said, or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


def value(text: str, asked: str, fact: str | None = None):
    found = finding(text, asked, fact)
    return None if found is None else found.value


# --- ages: a sibling's beside the child's; an age is never a count ---


def test_a_siblings_age_beside_the_one_meant_is_not_the_childs():
    text = "her little sister's 2 but I'm ringing about the big girl with asthma, she's nine"
    assert value(text, "child_age_years") == 9


def test_a_babys_age_alone_is_the_childs():
    assert value("the baby's 8 months, CF", "child_age_years") == 0


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("he's 9 and was admitted twice", 2),
        ("she's 12 and has been in hospital 3 times this year", 3),
        ("she's 11 and a half, admitted once in May", 1),
    ],
)
def test_an_age_said_before_a_count_is_not_added_to_it(text, count):
    assert value(text, "unplanned_admissions_12m") == count


# --- plans ---


def test_a_plan_from_primary_with_nothing_at_secondary_is_out_of_date():
    text = "he had an epilepsy plan at primary but nothing's been done at high school"
    assert value(text, "management_plan") in ("out_of_date", "none")


def test_a_plan_older_than_the_child_or_with_the_wrong_dose_is_out_of_date():
    text = "the plan is ancient, it's older than he is and lists the wrong dose"
    assert value(text, "management_plan") == "out_of_date"


def test_a_plan_current_only_on_a_condition_is_not_known():
    text = (
        "if school updated it in September like they promised then it's up to date, "
        "but nobody's shown me"
    )
    found = finding(text, "management_plan")
    assert found is not None and found.value == "unknown" and not found.confident


def test_a_plan_never_seen_stays_none():
    assert value("never seen one", "management_plan") == "none"


# --- relievers ---


def test_none_on_the_record_with_a_worry_beside_it_is_none_to_confirm():
    found = finding(
        "none issued, but she always seems to have one on her", "reliever_prescriptions_12m"
    )
    assert found is not None and found.value == 0 and not found.confident


def test_the_childs_share_of_a_familys_record():
    text = "five for her, the rest on that record are her brother's"
    assert value(text, "reliever_prescriptions_12m") == 5


def test_inhalers_held_in_places_are_devices_not_prescriptions():
    text = "one in his school bag, one in the classroom, another at nan's"
    found = finding(text, "reliever_prescriptions_12m")
    assert found is None or found.value == "unknown"


def test_prescriptions_counted_with_a_place_said_stay_counted():
    assert (
        value("8 prescriptions this year, she keeps one in her bag", "reliever_prescriptions_12m")
        == 8
    )


# --- adherence ---


def test_bad_then_good_now_the_present_wins():
    text = "it was shocking before Christmas but these days she's brilliant with it"
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "good" and not found.confident


def test_good_now_but_a_concern_after_it_stays_poor():
    text = "was bad, now it's fine, but she's skipping the evening dose again"
    assert value(text, "medication_adherence") == "poor"


def test_a_condition_granted_keeps_the_reassurance():
    text = (
        "if nan's telling the truth then he has it every morning and night, "
        "and I've no reason to doubt her"
    )
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "good" and not found.confident


def test_a_condition_the_records_contradict_is_poor():
    text = "if mum's right she gets it every night, but the pharmacy says nothing's been collected"
    assert value(text, "medication_adherence") == "poor"


def test_the_writer_not_there_when_it_is_given_is_not_known():
    assert value("no idea, I'm never there when it's given", "medication_adherence") == "unknown"


def test_a_siblings_medicine_forgotten_beside_the_childs_given():
    text = "his sister's inhalers get forgotten but his are fine, dad's on it"
    assert value(text, "medication_adherence") == "good"


def test_a_sibling_fine_and_the_child_not_given_is_poor():
    assert (
        value("his sister's fine but he never gets his inhaler", "medication_adherence") == "poor"
    )


def test_yes_and_no_with_a_dont_know_is_not_known():
    text = "yes, no, sort of - at nursery she has it, at home I don't know"
    assert value(text, "medication_adherence") == "unknown"


# --- admissions ---


def test_a_total_then_its_parts_is_the_total():
    text = "three times this year, once with a chest infection, twice with asthma"
    assert value(text, "unplanned_admissions_12m") == 3


@pytest.mark.parametrize(
    ("text", "count"),
    [("twice with asthma, once with a broken arm", 3), ("twice in May and once in August", 3)],
)
def test_parts_without_a_total_are_added(text, count):
    assert value(text, "unplanned_admissions_12m") == count


def test_call_outs_and_the_times_taken_in_are_not_added():
    found = finding(
        "ambulance called 4 times but he was only admitted once", "unplanned_admissions_12m"
    )
    assert found is not None and found.value in (1, 4) and not found.confident


def test_none_since_and_the_one_before_over_a_year_ago_is_none():
    text = "not been in since the summer, and the time before that was more than a year ago"
    assert value(text, "unplanned_admissions_12m") == 0


def test_the_source_the_writer_backs():
    assert value("the GP says 1, dad says 3, I'd trust the GP", "unplanned_admissions_12m") == 1


def test_two_sources_without_one_backed_give_the_higher():
    assert value("the GP says 1, dad says 3", "unplanned_admissions_12m") == 3


# --- missed appointments ---


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("she's made it to 2 out of 5 clinic appointments", 3),
        ("missed 3 out of 4 reviews", 3),
        ("wasn't brought to 3 of her 5 clinics", 3),
    ],
)
def test_out_of_a_whole_counts_what_was_missed(text, count):
    assert value(text, "missed_appointments_12m") == count


def test_missed_part_of_a_whole_in_an_opening():
    reading = read("School nurse. Girl, 10, asthma. Missed 3 of her 5 reviews.", today=TODAY)
    found = reading.finding("missed_appointments_12m")
    assert found is not None and found.value == 3


def test_more_than_a_hand_can_count_is_six_or_more_to_confirm():
    found = finding("more than we can count on both hands", "missed_appointments_12m")
    assert found is not None and found.value >= 6 and not found.confident


def test_a_few_counted_on_one_hand_is_not_a_number():
    found = finding("I could count them on one hand", "missed_appointments_12m")
    assert found is None or found.value == "unknown"


# --- medication misuse ---


@pytest.mark.parametrize(
    "text",
    [
        "her rescue meds come back nearly empty after contact and she's not had any fits",
        "someone keeps picking up his inhalers from the chemist and they never turn up at school",
        "a man we don't know collects her insulin and it never gets to school",
    ],
)
def test_signs_of_the_childs_medicine_taken_are_a_sign(text):
    assert value(text, "medication_misuse") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "he takes too much of his own blue inhaler, but that's him, not mum",
        "dad's own tramadol was flagged by the GP, nothing to do with her meds",
        "his brother's tablets have been sold but nothing with his inhalers that I know of",
    ],
)
def test_the_childs_own_overuse_or_anothers_medicine_is_no_misuse_to_confirm(text):
    found = finding(text, "medication_misuse")
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "her brother's tablets are being sold and so is her oramorph",
        "mum's own meds are locked up but her oramorph keeps going missing",
    ],
)
def test_a_sign_said_of_the_childs_medicine_stays_a_sign(text):
    assert value(text, "medication_misuse") == "yes"


# --- more ways of saying the same ideas, and their reverses ---


@pytest.mark.parametrize(
    "text",
    [
        "it was awful last term, spot on now",
        "rubbish before, good now",
        "was poor, not any more",
        "she used to skip doses but she's been fine since the summer",
    ],
)
def test_how_it_was_then_how_it_is_now(text):
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "good" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "it was fine before, poor now",
        "used to be bad, now it's fine, but the levels say otherwise",
        "poor before Christmas, fine now apparently",
        "she used to be good but now she's skipping doses",
    ],
)
def test_a_present_fine_that_is_doubted_or_reversed_is_not_good(text):
    assert value(text, "medication_adherence") != "good"


def test_a_condition_doubted_is_not_granted():
    text = "if mum's right then she gets it every day, but I'm not sure I believe her"
    assert value(text, "medication_adherence") != "good"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("dad says 4 and the ward says 2, the ward's right", 2),
        ("admitted five times: twice for DKA, three times for hypos", 5),
        ("nothing since Easter, the last one before that was 2 years ago", 0),
    ],
)
def test_admissions_backed_in_parts_or_before_the_year(text, count):
    assert value(text, "unplanned_admissions_12m") == count


def test_call_outs_said_beside_the_times_taken_in_are_not_added():
    found = finding("999 called 5 times, taken in twice", "unplanned_admissions_12m")
    assert found is not None and found.value in (2, 5) and not found.confident


def test_the_other_prescriptions_are_a_siblings():
    text = "4 for her, the other 10 are her sister's"
    assert value(text, "reliever_prescriptions_12m") == 4


def test_an_adults_own_medicine_by_its_name_is_not_the_childs():
    text = "nan's own diazepam is what the pharmacist flagged, not his"
    found = finding(text, "medication_misuse")
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("6 inhalers, she uses it at school and at home", 6),
        ("one in her bag, one at school, one at home, about 20 this year", 20),
    ],
)
def test_a_years_count_beside_places_is_the_count(text, count):
    assert value(text, "reliever_prescriptions_12m") == count


def test_times_said_by_month_then_more_times_are_added_not_a_total():
    text = "twice in April, once with asthma and once with a chest infection"
    assert value(text, "unplanned_admissions_12m") == 4
