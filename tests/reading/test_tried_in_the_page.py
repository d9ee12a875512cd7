"""Readings found wrong when a GP's conversation was typed into the page (2026-12-01).

Each test names the idea, in words other than the ones typed that day.
"""

from __future__ import annotations

import pytest

from bot.reading import read
from tests.conversation.test_dialogue import START, Talk


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("same house as far as I know", "living_situation_unstable"),
        ("the usual arrangement I think", "living_situation_unstable"),
    ],
)
def test_a_hedge_beside_words_the_reading_did_not_follow_is_asked_back(said, asked):
    finding = read(said, asked=asked).finding(asked)
    assert finding is None or not finding.confident


def test_a_hedge_that_is_the_whole_answer_is_still_heard():
    finding = read("not confirmed", asked="carer_substance_misuse").finding(
        "carer_substance_misuse"
    )
    assert finding is not None and finding.value == "suspected"


@pytest.mark.parametrize(
    "said",
    ["her stepdad might be taking them himself", "someone at home may be using the pens"],
)
def test_an_adult_using_the_medicine_is_not_the_medicine_given(said):
    reading = read(said, asked="medication_misuse")
    assert reading.finding("medication_adherence") is None


@pytest.mark.parametrize(
    "said",
    [
        "repeat requests for her preventer stopped after Easter",
        "dad stopped ordering the brown inhaler",
        "the scripts for his insulin lapsed in the summer",
    ],
)
def test_medicine_that_stopped_being_collected_is_not_given(said):
    finding = read(said, asked="medication_adherence").finding("medication_adherence")
    assert finding is not None and finding.value == "poor"


@pytest.mark.parametrize(
    "said", ["she's 11 not 12", "sorry she is actually 11", "her age is 11, not 12"]
)
def test_an_age_put_right_in_passing_is_read(said):
    finding = read(said, asked="management_plan").finding("child_age_years")
    assert finding is not None and finding.value == 11


def test_an_age_put_right_in_the_middle_of_the_questions_changes_the_age():
    talk = Talk()
    talk.say(*START, "she's 6 not 7")
    assert talk.slots["child_age_years"] == 6
    assert "7 → 6" in talk.text
    assert talk.asked == "management_plan"


@pytest.mark.parametrize(
    "said",
    ["she isn't in any danger right now, she's in the library", "not at risk at the moment"],
)
def test_no_danger_for_the_moment_is_no_danger(said):
    reading = read(said, asked="immediate_danger")
    assert reading.danger_now is None
    assert reading.finding("immediate_danger").value == "no"


@pytest.mark.parametrize(
    "said", ["mum says she takes her inhaler every day", "she took her meds this morning"]
)
def test_a_child_taking_their_own_medicine_is_not_misuse(said):
    assert read(said).finding("medication_misuse") is None


def test_an_adult_taking_the_childs_medicine_is_still_misuse():
    finding = read("her stepdad takes her inhalers").finding("medication_misuse")
    assert finding is not None and finding.value == "yes"


@pytest.mark.parametrize(
    "said", ["there were 3 bottles by the bed", "I doubt it, 4 bikes in the hall"]
)
def test_a_number_of_things_is_not_a_percentage(said):
    assert read(said, asked="school_attendance_pct").finding("school_attendance_pct") is None


def test_words_about_something_else_at_a_confirmation_keep_it_open():
    talk = Talk()
    talk.say(*START)
    while talk.asked != "school_attendance_pct":
        talk.say("don't know")
    talk.say("about 70% I think")
    talk.say("I doubt it, there were 4 bikes in the hall")
    assert talk.slots.get("school_attendance_pct") is None
    assert "I read that as: **school attendance this year: 70%**" in talk.text


@pytest.mark.parametrize("said", ["we can't rule out danger at the moment", "danger not ruled out"])
def test_danger_that_cannot_be_ruled_out_is_never_no_danger(said):
    finding = read(said, asked="immediate_danger").finding("immediate_danger")
    assert finding is None or finding.value != "no"


def test_an_emergency_visit_counted_by_its_ordinal_is_read_while_the_first_question_is_open():
    reading = read(
        "ED sister. Toddler brought in with wheeze, fourth attendance this year.",
        asked="immediate_danger",
    )
    assert reading.finding("unplanned_admissions_12m").value == 4


@pytest.mark.parametrize(
    "said", ["the hospital has one, done last spring", "GP has got one on the system"]
)
def test_one_standing_for_a_plan_is_no_count_of_admissions(said):
    reading = read(said, asked="management_plan")
    assert reading.finding("unplanned_admissions_12m") is None


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("duty social worker, child protection team", "reporter_role"),
        ("I work as the looked after children nurse for the county", None),
    ],
)
def test_the_reporters_own_team_is_not_the_childs_plan(said, asked):
    assert read(said, asked=asked).finding("existing_involvement") is None


def test_a_team_working_with_the_family_is_still_their_involvement():
    finding = read("the child in need team are working with mum").finding("existing_involvement")
    assert finding is not None and finding.value == "child_in_need"


@pytest.mark.parametrize(
    "said", ["I can still see her fitting through the door", "I keep thinking she isn't breathing"]
)
def test_what_may_be_happening_now_is_danger_now_not_a_memory(said):
    assert read(said).danger_now


def test_a_memory_replayed_is_not_danger_now():
    assert read("I keep picturing the day she went blue in assembly").danger_now is None


def test_a_counter_that_has_not_moved_is_no_house_move():
    reading = read("mum says she does it but the dose counter hasnt moved since half term")
    assert reading.finding("living_situation_unstable") is None
    assert reading.finding("medication_adherence").value == "poor"


# Found when a health visitor's conversation was typed into the page (2026-12-02, stop 11).


@pytest.mark.parametrize(
    ("said", "asked", "age"),
    [
        ("nursery age really, he's 4", "unplanned_admissions_12m", 4),
        ("she is 2, no school", "missed_appointments_12m", 2),
    ],
)
def test_an_age_said_again_while_a_count_is_asked_is_no_count(said, asked, age):
    reading = read(said, asked=asked)
    assert reading.finding(asked) is None
    assert reading.finding("child_age_years").value == age


@pytest.mark.parametrize(
    "said", ["missed the diabetes nurse last month", "they missed the asthma clinic again"]
)
def test_a_missed_appointment_is_not_missed_medicine(said):
    reading = read(said, asked="medication_adherence")
    assert reading.finding("medication_adherence") is None


@pytest.mark.parametrize(
    "said", ["mum's health visitor phoned me", "missed the school nurse twice"]
)
def test_another_professionals_role_is_not_the_reporters(said):
    assert read(said, asked="reporter_role").finding("reporter_role") is None


@pytest.mark.parametrize("said", ["his teacher", "I'm the family's social worker"])
def test_a_role_said_of_oneself_with_the_child_named_still_counts(said):
    assert read(said, asked="reporter_role").finding("reporter_role") is not None


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("no, nobody knows where he sleeps most nights", "missed_appointments_12m"),
        ("yes, and dad's never been told any of it", "medication_misuse"),
    ],
)
def test_a_bare_answer_opening_words_about_another_fact_is_offered_back(said, asked):
    finding = read(said, asked=asked).finding(asked)
    assert finding is not None and not finding.confident


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("not known to children's services that I can tell", "medication_misuse"),
        ("not known to social care as far as I'm aware", "carer_substance_misuse"),
    ],
)
def test_not_known_to_a_service_answers_the_involvement_question_only(said, asked):
    reading = read(said, asked=asked)
    assert reading.finding(asked) is None
    assert reading.finding("existing_involvement") is not None


@pytest.mark.parametrize(
    "said",
    [
        "more blue inhalers than any child could get through",
        "too many scripts collected, more than she would ever use",
    ],
)
def test_more_medicine_than_one_child_could_use_is_offered_as_misuse(said):
    finding = read(said, asked="medication_misuse").finding("medication_misuse")
    assert finding is not None and finding.value == "yes" and not finding.confident


@pytest.mark.parametrize(
    "said",
    ["there's a plan but no one could tell me when it was last updated", "nobody can say when"],
)
def test_not_knowing_when_something_was_done_is_no_gap_in_the_childs_day(said):
    assert read(said, asked="management_plan").finding("day_in_life_known") is None


def test_not_knowing_who_puts_the_child_to_bed_is_still_a_gap_in_the_childs_day():
    finding = read("nobody could tell me who puts him to bed", asked="management_plan").finding(
        "day_in_life_known"
    )
    assert finding is not None and finding.value == "no"


# Found when a social worker's conversation was typed into the page (2026-12-02, stop 11):
# a danger confirmation left open took the next answers, and "yes" to another question
# gave the 999 reply.


@pytest.mark.parametrize("said", ["3 I reckon, maybe 4", "5 I think"])
def test_a_hedged_number_is_no_answer_to_the_danger_question(said):
    assert read(said, asked="immediate_danger").finding("immediate_danger") is None


def test_yes_told_with_a_story_of_something_else_is_offered_back_at_the_danger_question():
    finding = read("yes, she has been slipping at school all term", asked="immediate_danger")
    assert finding.finding("immediate_danger") is not None
    assert not finding.finding("immediate_danger").confident


def test_answers_meant_for_other_questions_never_confirm_a_danger_left_open():
    talk = Talk()
    talk.say("hello")
    talk.say("not as far as we know")
    assert "I read that as" in talk.text
    talk.say("2 I reckon, maybe 3")
    talk.say("yes she has been slipping at school all term")
    assert "Call 999 now" not in talk.text
    assert talk.slots.get("immediate_danger") != "yes"
