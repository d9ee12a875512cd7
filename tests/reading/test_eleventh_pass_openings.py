"""Openings, eleventh pass: the ideas behind its misses, in wordings of our own."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "role"),
    [
        ("a police team's shorthand as the heading", "CID. boy 9, asthma, mum arrested", "police"),
        ("a police team's shorthand as the heading", "Neighbourhood team, lad of 12, CF", "police"),
        ("an officer in a team", "DS from the PPU - 14yo girl, epilepsy", "police"),
        ("the response shift, said first", "Response. called to a flat, girl 5, asthma", "police"),
        ("a school's office", "college reception here - a girl with T1D", "school"),
        ("a school's office", "Academy office. boy in year 4 with asthma", "school"),
        ("an early help worker's shorthand", "family hub fsw. boy 8, sickle cell", "early_help"),
        ("an officer signing off", "girl 6 wheezing, mum not answering. PC Khan, CID", "police"),
    ],
)
def test_eleventh_pass_roles_in_shorthand_are_read(idea, text, role):
    finding = read(text).finding("reporter_role")
    assert finding is not None and finding.value == role, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("the word response in a sentence", "response to the referral was slow, boy 9"),
        ("an officer who did something", "girl 6, asthma. pc khan came round yesterday"),
        ("an office that is not a school's", "housing office said the boy is 9"),
    ],
)
def test_eleventh_pass_words_that_name_no_role_stay_unread(idea, text):
    assert read(text).finding("reporter_role") is None, idea


@pytest.mark.parametrize(
    ("idea", "text", "age", "sure"),
    [
        ("a birthday to come, the age of now said after", "she's 8 in march so 7 now, CF", 7, True),
        ("a birthday to come", "Leo, he's 12 next month, epilepsy", 11, False),
        ("a birthday to come", "she's 6 in may and has asthma", 5, False),
        ("a hedged age then a verb", "police found a child roughly 5 wandering", 5, True),
        ("a hedged age then a verb", "a boy approx 11 seen on the bridge", 11, True),
        (
            "a school year said after 'in my class'",
            "Sam in my class (Y4) has asthma",
            (8, 9),
            False,
        ),
    ],
)
def test_eleventh_pass_ages_said_in_passing_are_read(idea, text, age, sure):
    finding = read(text).finding("child_age_years")
    ages = age if isinstance(age, tuple) else (age,)  # a school year: the age of the season
    assert finding is not None and finding.value in ages, idea
    assert finding.confident is sure, idea


@pytest.mark.parametrize(
    ("idea", "text", "age"),
    [
        ("a birthday gone by", "she was 8 in march, asthma", 8),
        ("an age with no birthday said", "he's 10 and has asthma", 10),
    ],
)
def test_eleventh_pass_ages_without_a_birthday_to_come_stay_as_said(idea, text, age):
    finding = read(text).finding("child_age_years")
    assert finding is not None and finding.value == age, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("a hedged number of times", "the child about 3 times a week has no inhaler"),
        ("a hedged number of minutes", "a girl about 5 minutes from school"),
    ],
)
def test_eleventh_pass_hedged_numbers_that_are_no_age_stay_unread(idea, text):
    assert read(text).finding("child_age_years") is None, idea


def _value(text: str, fact: str):
    finding = read(text).finding(fact)
    return None if finding is None else finding.value


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("the child well now, closing the paragraph", "CF, 3 admissions. he's ok at the moment"),
        ("the child well now", "mum drinks. she's safe for the moment, with nan"),
        ("in school now, and safe", "dad has gone. he's in nursery today and safe"),
        ("in class now, fine", "asthma, poor adherence. she's in lessons now, settled"),
    ],
)
def test_eleventh_pass_the_child_safe_now_is_no_immediate_danger(idea, text):
    assert _value(text, "immediate_danger") == "no", idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("the state of now denied", "she's not fine right now, mum is shouting"),
        ("well now, but only until later", "he's fine for now but dad collects at 3"),
    ],
)
def test_eleventh_pass_the_child_not_safe_now_is_never_a_no(idea, text):
    assert _value(text, "immediate_danger") != "no", idea


@pytest.mark.parametrize(
    ("idea", "text", "value"),
    [
        ("housing given in short", "boy 7, asthma, mum and kids in emergency b&b", "yes"),
        ("housing given in short", "they're in temp accomm across town", "yes"),
        ("a placement counted", "girl 15, CF, she's on her 4th placement", "yes"),
        ("the same home still", "still at the same address, nan's", "no"),
    ],
)
def test_eleventh_pass_living_situation_said_in_short(idea, text, value):
    assert _value(text, "living_situation_unstable") == value, idea


def test_eleventh_pass_a_first_placement_is_no_move_counted():
    assert _value("the 1st placement went well", "living_situation_unstable") != "yes"


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("adherence named and judged", "I'd say compliance is really poor"),
        ("adherence named and judged", "adherence has been patchy at best"),
        ("the medicine given up", "she's given up the brown inhaler, says it's pointless"),
        ("the medicine given up", "mum has stopped giving his meds"),
        ("the medicine left behind", "inhalers left behind every time they move"),
        ("a preventer by its brand not had", "no qvar collected since march"),
    ],
)
def test_eleventh_pass_adherence_said_in_a_sentence(idea, text):
    assert _value(text, "medication_adherence") == "poor", idea


def test_eleventh_pass_the_medicine_not_given_up_is_never_poor():
    assert _value("mum hasn't given up the preventer", "medication_adherence") != "poor"


@pytest.mark.parametrize(
    ("idea", "text", "value"),
    [
        (
            "nobody thought to have told the other parent",
            "dad has him saturdays, but I doubt anyone's told him",
            "no",
        ),
        (
            "the concerns gone through with the other parent",
            "her father came in and we went through it all with him",
            "yes",
        ),
        (
            "the concerns shared with the other parent",
            "dad's local, we've shared our worries with him",
            "yes",
        ),
        ("the other parent asked of and answered", "the father? never mentioned by anyone", "no"),
        ("the other parent asked of and answered", "Dad? he's not in the picture at all", "no"),
    ],
)
def test_eleventh_pass_the_other_parent_mentioned_in_passing(idea, text, value):
    assert _value(text, "other_parent_involved") == value, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("the concerns not shared", "dad lives away, we have not shared the concerns with him"),
        ("a question that is no heading", "is dad there? the boy is 9"),
    ],
)
def test_eleventh_pass_the_other_parent_not_involved_by_these_words(idea, text):
    assert _value(text, "other_parent_involved") != "yes", idea


def test_eleventh_pass_a_question_mark_after_a_person_joins_the_answer_only():
    reading = read("mum? she's the one drinking. boy 8")
    assert _value("is dad there? the boy is 9", "child_age_years") == 9
    assert reading.finding("child_age_years") is not None


@pytest.mark.parametrize(
    ("idea", "text", "pct", "declining"),
    [
        (
            "a fall between two figures without %",
            "her attendance has dropped from 92 to 80",
            80,
            "yes",
        ),
        (
            "a figure of then without %",
            "attendance 70% this term, it was 95-ish last year",
            70,
            "yes",
        ),
        ("a figure of then without %", "attendance is 64%, she used to be mid 90s", 64, "yes"),
        ("a school's figure still falling", "school have her on 80% and dropping", 80, "yes"),
    ],
)
def test_eleventh_pass_attendance_falling_said_in_a_sentence(idea, text, pct, declining):
    assert _value(text, "school_attendance_pct") == pct, idea
    assert _value(text, "attendance_declining") == declining, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("a rise from a lower figure of then", "attendance 85%, it was 80 last year"),
        ("two counts that are no attendance", "admissions went from 2 to 5 this year"),
    ],
)
def test_eleventh_pass_no_fall_of_attendance_read(idea, text):
    assert _value(text, "attendance_declining") != "yes", idea


@pytest.mark.parametrize(
    ("idea", "text", "fact", "value"),
    [
        (
            "a plan dated by an earlier stage",
            "the plan was written when he was a toddler",
            "management_plan",
            "out_of_date",
        ),
        (
            "a plan dated by an earlier stage",
            "IHP last reviewed when she was in reception",
            "management_plan",
            "out_of_date",
        ),
        (
            "never able to see the child's day",
            "we've never had a clear picture of who looks after her",
            "day_in_life_known",
            "no",
        ),
        (
            "drinking more than is safe",
            "he admits he's drinking way more than he should",
            "carer_substance_misuse",
            "yes",
        ),
    ],
)
def test_eleventh_pass_other_facts_said_in_a_sentence(idea, text, fact, value):
    assert _value(text, fact) == value, idea


@pytest.mark.parametrize(
    ("idea", "text", "fact"),
    [
        ("the day known", "we have a clear picture of who looks after her", "day_in_life_known"),
        (
            "no more drinking than before",
            "she's not drinking more than she used to",
            "carer_substance_misuse",
        ),
    ],
)
def test_eleventh_pass_reverse_cases_record_no_concern(idea, text, fact):
    value = _value(text, fact)
    assert value not in ("no" if fact == "day_in_life_known" else "yes", "suspected"), idea


@pytest.mark.parametrize(
    ("idea", "text", "fact", "count", "sure"),
    [
        (
            "a span of time up to now is no past",
            "6 admissions in the past year, CF",
            "unplanned_admissions_12m",
            6,
            True,
        ),
        (
            "a span of time up to now is no past",
            "she's had 3 A&E trips in the past 12 months",
            "unplanned_admissions_12m",
            3,
            True,
        ),
        (
            "how some of the times came about",
            "admitted 4 times this year, twice by ambulance",
            "unplanned_admissions_12m",
            4,
            True,
        ),
        (
            "a further time said after",
            "2 admissions in the winter and once more in May",
            "unplanned_admissions_12m",
            3,
            False,
        ),
        (
            "a further time said after",
            "4 DNAs, and then twice more since",
            "missed_appointments_12m",
            6,
            False,
        ),
    ],
)
def test_eleventh_pass_counts_said_in_a_sentence(idea, text, fact, count, sure):
    finding = read(text).finding(fact)
    assert finding is not None and finding.value == count, idea
    assert finding.confident is sure, idea


def test_eleventh_pass_a_past_said_as_such_is_still_past():
    assert read("in the past she was admitted 5 times").finding("unplanned_admissions_12m") is None
