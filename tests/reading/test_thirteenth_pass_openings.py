"""The ideas behind the thirteenth pass's openings, each in words of our own (none of the dev
items' phrasings): what a long opening paragraph states is reached, in the clause it belongs
to, and a fact said of a sibling, another adult or another time is not taken as the child's."""

from __future__ import annotations

import pytest

from bot.reading import read


def finding(text: str, fact: str):
    return read(text).finding(fact)


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        # the figure, then a pronoun for it going down, in the same sentence
        (
            "His attendance sits at 82 and it has been falling all term",
            "attendance_declining",
            "yes",
        ),
        (
            "Attendance roughly 68% and her head of year says it's a lot worse this year",
            "attendance_declining",
            "yes",
        ),
        # the figure now, then what it used to be
        ("attendance now 79%, it used to be 97", "attendance_declining", "yes"),
        ("attendance is 70 %, was 90% in year 6", "attendance_declining", "yes"),
        # not at school: neither a figure nor a trend
        (
            "3 year old, not at school yet, at nursery mornings",
            "attendance_declining",
            "not_applicable",
        ),
        # a child noun with its 's, a hedge, then the age
        ("the kid's roughly 11 and has asthma", "child_age_years", 11),
        ("girl's about 15, CF", "child_age_years", 15),
        # the medicine named, then a pronoun for it missed
        (
            "dad says the nebs take too long so they're being skipped most nights",
            "medication_adherence",
            "poor",
        ),
        # the medicine counted and not adding up, or its level low after it is named
        ("the pill counts don't add up at all", "medication_adherence", "poor"),
        ("she's on lamotrigine but her levels came back low", "medication_adherence", "poor"),
        # someone at home saying the treatment is not done any more
        (
            "mum insists the insulin is given but he told me 'we don't do it anymore'",
            "medication_adherence",
            "poor",
        ),
        # a carer good with a medicine named by its brand
        ("gran is great with his enzymes", "medication_adherence", "good"),
        # a plan by its short name dated by an old year, or holding wrong details
        ("His IHCP is dated 2021", "management_plan", "out_of_date"),
        ("the care plan still has the wrong dose on it", "management_plan", "out_of_date"),
        # the other parent named, then someone has spoken with them
        (
            "Father lives nearby, and our family worker has talked to him",
            "other_parent_involved",
            "yes",
        ),
        # nobody able to say what the child's evenings or weekends are like
        ("no one could tell us what his weekends look like", "day_in_life_known", "no"),
        # the same home for years, whatever kind it is
        ("Same housing association flat since he was born", "living_situation_unstable", "no"),
        # stopping between two places
        ("they're kipping at a mate's and then at her nan's", "living_situation_unstable", "yes"),
        # drink smelt on a carer named by who they are to the family
        (
            "teachers have smelt alcohol on her stepdad at drop off",
            "carer_substance_misuse",
            "suspected",
        ),
        # a carer with a past of drugs, then thought to be using again
        (
            "Dad has a heroin history and staff think he's back on it",
            "carer_substance_misuse",
            "suspected",
        ),
        # a service involved, then closed
        ("Social care were involved and then closed last spring", "existing_involvement", "none"),
        # the practitioner leads the team around the family
        ("Family support worker - I'm the TAC lead for them", "existing_involvement", "early_help"),
        # nobody else taking the child's medicine
        ("there's no evidence of anybody using his inhalers", "medication_misuse", "no"),
        # the child's words about hating the condition, or being laughed at
        ("she told me 'I hate getting hypos in class'", "child_distress", "yes"),
        ("he said 'the other kids laugh at me when I'm wheezy'", "child_distress", "yes"),
        # missed a part of the appointments booked
        ("she missed 3 out of her 6 diabetes clinics", "missed_appointments_12m", 3),
    ],
)
def test_an_opening_reaches_what_it_states(text: str, fact: str, expected: object) -> None:
    got = finding(text, fact)
    assert got is not None, text
    assert got.value == expected, (text, got)


@pytest.mark.parametrize(
    ("text", "fact", "not_value"),
    [
        # a brother's attendance said the other way is not the child's trend
        ("attendance 88%, her brother's was 96", "attendance_declining", "yes"),
        # an age then, beside the figure, is not an old attendance figure
        ("attendance 91% and he was 10 when diagnosed", "attendance_declining", "no"),
        # a sibling's age with a hedge is not the child's
        ("his brother's about 16", "child_age_years", 16),
        # a number of minutes is not an age
        ("lad's about 20 minutes away", "child_age_years", 20),
        # someone else "taking her meds" is not the medicine given or missed
        ("No sign of anyone taking her meds", "medication_adherence", "poor"),
        # taking things out on someone is not medicine taken
        ("he's taking everything out on his mum", "medication_adherence", "good"),
        # living with both parents is not stopping between places
        ("she's staying with mum and dad", "living_situation_unstable", "yes"),
        # a class clown laughed with is not distress
        ("he's the joker, everyone laughs at his jokes", "child_distress", "yes"),
        # a treatment not done at school, done at home, is not missed
        ("we don't do the physio at school, mum does it at home", "medication_adherence", "poor"),
        # someone able to say what the evenings look like
        ("we can tell you what her evenings look like, nan has her", "day_in_life_known", "no"),
    ],
)
def test_a_fact_is_not_taken_from_another_clause(text: str, fact: str, not_value: object) -> None:
    got = finding(text, fact)
    assert got is None or got.value != not_value, (text, got)


def test_the_sibling_named_in_the_paragraph_keeps_the_childs_facts() -> None:
    text = (
        "Family worker here. Three children - it's the eldest, Mia, 12, with asthma. "
        "Her sister is 9. Mia's attendance is 80% and it's been slipping since Christmas. "
        "Mum's partner has a drink history and we suspect he's drinking again. "
        "Same council flat for years."
    )
    reading = read(text)
    assert reading.finding("child_age_years").value == 12
    assert reading.finding("attendance_declining").value == "yes"
    assert reading.finding("carer_substance_misuse").value == "suspected"
    assert reading.finding("living_situation_unstable").value == "no"


def test_a_figure_then_higher_is_declining_and_lower_is_asked() -> None:
    up = read("attendance 96%, it was 85 last year").finding("attendance_declining")
    assert up is not None and up.value == "no" and not up.confident
    down = read("attendance 85%, it was 96 last year").finding("attendance_declining")
    assert down is not None and down.value == "yes"


@pytest.mark.parametrize(
    ("text", "fact", "expected", "sure"),
    [
        # a fact named as a note, then its answer straight after
        (
            "Seizure plan - well out of date. Dad - not involved.",
            "management_plan",
            "out_of_date",
            True,
        ),
        (
            "Seizure plan - well out of date. Dad - not involved.",
            "other_parent_involved",
            "no",
            True,
        ),
        ("Attendance: falling. Housing: temporary.", "attendance_declining", "yes", True),
        ("Attendance: falling. Housing: temporary.", "living_situation_unstable", "yes", False),
        ("Boy, 9, asthma. Mood - very low.", "child_distress", "yes", True),
        # a reassurance read this way is asked back
        ("Meds - all good", "medication_adherence", "good", False),
    ],
)
def test_a_fact_named_then_answered_straight_after(
    text: str, fact: str, expected: object, sure: bool
) -> None:
    got = finding(text, fact)
    assert got is not None, text
    assert (got.value, got.confident) == (expected, sure), (text, got)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # another person's mood, health or involvement is not the child's
        ("Her brother's mood: low", "child_distress"),
        ("His mum's mood - low", "child_distress"),
        ("mum's mental health is poor", "child_distress"),
        ("dad's girlfriend - not involved", "other_parent_involved"),
        # the answer must follow the topic straight away
        ("the plan is to ring mum tomorrow, nothing's out of date", "management_plan"),
        # a person named like the topic is not the medicine
        ("the physio, she's lovely with him", "medication_adherence"),
    ],
)
def test_a_topic_takes_no_answer_from_someone_else_or_further_on(text: str, fact: str) -> None:
    assert finding(text, fact) is None, (text, finding(text, fact))


@pytest.mark.parametrize(
    ("text", "fact", "expected", "sure"),
    [
        # the figure said down from an old one, or gone from one to another
        ("Attendance 91% - down from 99% in year 5", "attendance_declining", "yes", True),
        (
            "her attendance has dropped from 95 to 78 since September",
            "attendance_declining",
            "yes",
            True,
        ),
        ("his attendance went from 80 to 94 this term", "attendance_declining", "no", False),
        # a topic asked of oneself, then answered in the next sentence
        ("The PAAP? Never had one.", "management_plan", "none", True),
        # a plain answer straight after the topic, as a note
        ("Social care - no. Housing - no issues.", "existing_involvement", "none", True),
        ("Dad? no idea", "other_parent_involved", "unknown", True),
        # nobody having looked at an ordinary day
        ("no one has ever looked at what his evenings are like", "day_in_life_known", "no", True),
    ],
)
def test_more_ways_a_paragraph_states_a_fact(
    text: str, fact: str, expected: object, sure: bool
) -> None:
    got = finding(text, fact)
    assert got is not None, text
    assert (got.value, got.confident) == (expected, sure), (text, got)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # the other adult answered after the question mark is not the other parent
        ("Dad? Mum says her partner is not involved", "other_parent_involved"),
        # the child taking their own medicine is not misuse, with its "'s"
        ("he's taking his inhaler every day", "medication_misuse"),
        ("she's taking her tablets, if you believe mum", "medication_misuse"),
        # a sibling's attendance going from one figure to another is not the child's
        ("attendance 97%, her brother's has gone from 90 to 70", "attendance_declining"),
    ],
)
def test_no_fact_from_the_wrong_person(text: str, fact: str) -> None:
    assert finding(text, fact) is None, (text, finding(text, fact))


def test_a_twins_condition_and_a_siblings_attendance_are_not_the_childs() -> None:
    reading = read("His twin sister has CF, he has sickle cell and he's 7")
    assert reading.finding("condition").value == "sickle_cell"
    assert read("her sister's attendance is 58%").finding("school_attendance_pct") is None
    both = read("His brother's attendance is 70% and dropping, his is 93%")
    assert both.finding("school_attendance_pct").value == 93
    # the child's own figure beside a sibling named after it is kept
    assert read("Attendance is 77%, like his sister").finding("school_attendance_pct").value == 77


def test_not_able_to_say_what_the_day_is_like_said_without_its_subject() -> None:
    got = read("Only met them at clinic, so can't say what his evenings look like")
    assert got.finding("day_in_life_known").value == "no"
    assert read("I can describe what his evenings look like").finding("day_in_life_known") is None


def test_a_full_stop_after_an_abbreviation_does_not_split_the_sentence() -> None:
    got = read("Attendance c. 70% and dropping since Easter")
    assert got.finding("school_attendance_pct").value == 70
    assert got.finding("attendance_declining").value == "yes"
    # a title's full stop keeps its sentence; a real full stop still splits
    assert (
        read("Seen by Mrs. Ali. Plan out of date.").finding("management_plan").value
        == "out_of_date"
    )


def test_the_age_then_the_next_birthday_in_brackets_is_the_age() -> None:
    got = read("He's 9 (10 in August), epilepsy").finding("child_age_years")
    assert got is not None and got.value == 9


def test_an_old_attendance_figure_in_a_later_sentence() -> None:
    got = read("Attendance 81%. Dad blames the buses. It was 95% last year.")
    assert got.finding("school_attendance_pct").value == 81
    assert got.finding("attendance_declining").value == "yes"
    up = read("Attendance 94%. It was 88% last year.").finding("attendance_declining")
    assert up is not None and up.value == "no" and not up.confident
    # "it" with no percent after another figure is not attendance
    other = read("Attendance 85%. HbA1c is 70. It was 97 last year.")
    assert other.finding("attendance_declining") is None


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        # a count put right with a bare "no," keeps the words said with it
        ("5 A&E trips - no, 6 - since last winter", "unplanned_admissions_12m", 6),
        ("missed 4 clinics - no, 5", "missed_appointments_12m", 5),
        # a plan said, then said to have gone up to child protection
        (
            "was CIN, no sorry, it's been escalated to CP",
            "existing_involvement",
            "child_protection_plan",
        ),
        # the other parent in touch every week, or neither of two fathers involved
        ("dad is in the navy and facetimes him every week", "other_parent_involved", "yes"),
        ("two fathers, neither of them is involved", "other_parent_involved", "no"),
        # more than one notice to leave
        ("they've had several eviction notices", "living_situation_unstable", "yes"),
    ],
)
def test_put_right_and_said_in_passing(text: str, fact: str, expected: object) -> None:
    got = finding(text, fact)
    assert got is not None, text
    assert got.value == expected, (text, got)


def test_a_bare_no_before_a_word_is_not_a_figure_put_right() -> None:
    got = read("2 admissions, no A&E visits").finding("unplanned_admissions_12m")
    assert got is not None and got.value == 2


@pytest.mark.parametrize(
    ("text", "expected", "sure"),
    [
        # the ages of all the children listed give way to the one asked about
        ("4 children aged 3, 6, 10 and 15 - the 10 year old has epilepsy", 10, True),
        ("two girls aged 5 and 9 - the eldest one has asthma", 9, True),
        ("brothers aged 12 and 14, the younger one has type 1", 12, True),
        ("three kids aged 1, 4 and 8, the middle one is the one with CF", 4, True),
        # which child it is not said: the age is asked back
        ("kids aged 6 and 11, one of them has sickle cell", 6, False),
    ],
)
def test_a_family_of_ages_gives_the_childs(text: str, expected: int, sure: bool) -> None:
    got = finding(text, "child_age_years")
    assert got is not None, text
    assert (got.value, got.confident) == (expected, sure), (text, got)
