"""The ideas behind the thirteenth blind batch's answers (second part), in sentences of our own.

A figure the practitioner says is inflated is not recorded as it stands; a child's words of
wishing to be dead are distress whatever the "no" before them; an even split is half and
never off is all there; time words put the past behind the present ("used to ... but since");
another child's state is not this child's; a carer's partner's drinking is the carers'; a
day in the life done and still true is known, a home not known is not; a guess handed on to
someone who would know better is not known; a referral waiting is nothing open yet.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 2)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


# --- a figure said to be inflated is not the attendance -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SIMS has 96 but half of it is marked as off-site learning when he's really at home",
        "it says 91 on the system, but that's inflated by all the hospital school sessions",
        "the register shows 89 which is misleading, she's in for registration then goes home",
    ],
)
def test_a_figure_said_to_be_inflated_is_not_recorded(text):
    found = finding(text, "school_attendance_pct")
    assert found is None or (found.value == "unknown" and not found.confident)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the register says 86 and that includes the days on the ward school", 86),
        ("93, and that's a proper figure, not coded", 93),
    ],
)
def test_a_figure_said_plainly_stays(text, value):
    found = finding(text, "school_attendance_pct")
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("50/50 most weeks", 45, 55),
        ("fifty-fifty", 45, 55),
        ("she's never off, not even with the sickle cell", 97, 100),
        ("he's never had a day off all year", 97, 100),
    ],
)
def test_an_even_split_is_half_and_never_off_is_all_there(text, low, high):
    found = finding(text, "school_attendance_pct")
    assert found is not None and low <= found.value <= high


def test_never_off_for_a_while_is_not_all_there():
    found = finding("never off for long, but off a lot", "school_attendance_pct")
    assert found is None or found.value != 100


# --- a child's words of wishing to be dead are distress ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no, not upset really... though he did tell me he wishes he was dead, said it with a grin",
        "she seems fine but she said she'd be better off dead than having another crisis",
        "he keeps saying he wishes he'd never been born",
    ],
)
def test_wishing_to_be_dead_is_distress(text):
    found = finding(text, "child_distress")
    assert found is not None and found.value == "yes"


def test_wishing_for_something_else_is_not_distress():
    found = finding("no, she's happy, she wishes she was in the netball team", "child_distress")
    assert found is not None and found.value == "no"


# --- time words: the past set against the present -----------------------------------------


@pytest.mark.parametrize(
    ("text", "asked", "value"),
    [
        (
            "used to be dreadful, it's miles better since the new inhaler",
            "attendance_declining",
            "no",
        ),
        ("he used to sob at the gate but he's been fine since Easter", "child_distress", "no"),
        (
            "they used to move every few months, but they've been in the same flat since May",
            "living_situation_unstable",
            "no",
        ),
        ("settled now, before that they were in a B&B", "living_situation_unstable", "no"),
    ],
)
def test_a_past_put_behind_the_present_is_the_present(text, asked, value):
    found = finding(text, asked)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("she used to be fine but she's crying every morning since half term", "child_distress"),
        (
            "they were settled but they've been in a hostel since the fire",
            "living_situation_unstable",
        ),
    ],
)
def test_a_past_reassurance_before_a_present_worry_stays_a_worry(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "was brilliant up to Christmas, now she's missing two days a week",
        "she was fine till the diagnosis, it's been downhill since",
        "he told me 'I can't keep up any more, I've missed so much'",
        "he's falling asleep in most lessons after the night-time seizures",
    ],
)
def test_fine_until_lately_or_not_keeping_up_is_a_decline(text):
    found = finding(text, "attendance_declining")
    assert found is not None and found.value == "yes"


def test_loads_better_is_not_a_decline():
    found = finding("loads better this term", "attendance_declining")
    assert found is not None and found.value == "no"


# --- another child's state is not this child's ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "asked", "value"),
    [
        ("his twin's attendance has dropped off but his hasn't", "attendance_declining", "no"),
        (
            "he's ok, it's his big brother with the epilepsy who's always upset",
            "child_distress",
            "no",
        ),
    ],
)
def test_another_childs_state_is_not_this_childs(text, asked, value):
    found = finding(text, asked)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the three kids are all on CIN plans, him included", "child_in_need"),
        ("both of the children are on CP plans, including her", "child_protection_plan"),
    ],
)
def test_the_siblings_with_the_child_included_are_the_childs(text, value):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == value


def test_the_siblings_alone_are_not_the_childs():
    found = finding("all her sisters are on CP plans", "existing_involvement")
    assert found is None or found.value != "child_protection_plan"


@pytest.mark.parametrize(
    "text",
    [
        "it's his brother who's open to social care, he's not named on any of it",
        "her sister has the CIN plan, she's not on anything herself",
    ],
)
def test_a_siblings_plan_with_the_child_not_on_it_is_none(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "none"


# --- a carer other than the parent; a carer called "she" -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "not dad, but mum's boyfriend's a heavy drinker and he has her most evenings",
        "her partner's a known user",
        "he was absolutely hammered at the nativity",
        "she turned up off her head to pick him up",
    ],
)
def test_a_carers_partner_or_a_carer_seen_intoxicated_is_misuse(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value in ("yes", "suspected")


def test_years_clean_with_clear_tests_is_never_a_sure_yes():
    found = finding(
        "dad had a problem, but he's been clean three years, drug tests all clear",
        "carer_substance_misuse",
    )
    assert found is not None and found.value in ("no", "suspected") and not found.confident


def test_off_her_face_unasked_is_not_the_carers():
    reading = read("she was off her face at the party", asked="child_distress", today=TODAY)
    assert reading.finding("carer_substance_misuse") is None


# --- care shared between good homes --------------------------------------------------------


def test_planned_shared_care_between_good_homes_is_not_unstable():
    found = finding(
        "alternate weeks at mum's and dad's, both lovely homes, all agreed through court",
        "living_situation_unstable",
    )
    assert found is not None and found.value == "no"


def test_week_on_week_off_alone_is_not_settled():
    found = finding("week on week off", "living_situation_unstable")
    assert found is None or found.value != "no" or not found.confident


# --- day in the life ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the family worker did one in the autumn and it's still up to date", "yes"),
        ("we know her at school, we don't know about home", "no"),
        ("who gives his tablets at weekends is a complete blank", "no"),
        ("she said 'I stay wherever, mostly at my mate's'", "no"),
        ("no one's ever asked that", "no"),
    ],
)
def test_a_day_in_the_life(text, value):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "text",
    ["I believe so? the health visitor would know more", "probably, the key worker might know"],
)
def test_a_guess_handed_on_is_not_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "unknown" and not found.confident


def test_a_guess_alone_is_still_not_a_yes():
    found = finding("I think so", "day_in_life_known")
    assert found is not None and found.value != "yes"


# --- the other parent; a referral waiting ----------------------------------------------------


def test_nobody_has_tried_the_other_parent():
    found = finding(
        "her dad's about somewhere but no one's even tried him", "other_parent_involved"
    )
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "the referral has gone off to the front door, still waiting",
        "referral sent to MASH yesterday",
    ],
)
def test_a_referral_waiting_is_nothing_open_yet(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value in ("none", "unknown") and not found.confident


# --- a worry of then beside a present that is fine -------------------------------------------


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("it was slipping in year 7, it's been much better this term", "attendance_declining"),
        ("in a hostel over the summer, settled since", "living_situation_unstable"),
        ("stable now, they were sofa surfing last year", "living_situation_unstable"),
        (
            "no longer, they signed for a housing association flat in June",
            "living_situation_unstable",
        ),
        ("she used to be very withdrawn, not any more", "child_distress"),
    ],
)
def test_a_worry_of_then_beside_a_fine_present_is_the_present_to_confirm(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "no" and not found.confident


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "settled now, but they were evicted on Friday and they're in a hostel",
            "living_situation_unstable",
        ),
        ("she was happy last year but now she's in tears every morning", "child_distress"),
        ("his mum keeps moving them on every few months", "living_situation_unstable"),
    ],
)
def test_a_worry_of_now_stays_the_worry(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("it's her older sister who's crying all the time, she's just quiet", "child_distress"),
        (
            "its his cousin thats dossing about, he's at home with his dad",
            "living_situation_unstable",
        ),
        ("her twin's attendance has fallen but hers is fine", "attendance_declining"),
    ],
)
def test_another_child_as_the_one_leaves_this_one_fine_to_confirm(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "no" and not found.confident


def test_a_sibling_named_beside_the_childs_own_worry_is_the_worry():
    found = finding("it's her and her brother, they're both crying every night", "child_distress")
    assert found is not None and found.value == "yes"


# --- more of the same ideas: learning falling while in, fear of being alone, a lesser fault ---


@pytest.mark.parametrize(
    "text",
    [
        "he's in every day but he's stopped doing his homework",
        "attendance fine, reading age has dropped right back",
        "she's not handing any work in these days",
    ],
)
def test_learning_falling_while_in_school_is_a_decline(text):
    found = finding(text, "attendance_declining")
    assert found is not None and found.value == "yes"


def test_handing_work_in_is_no_decline():
    found = finding("steady, and she's handing all her work in", "attendance_declining")
    assert found is not None and found.value == "no"


def test_afraid_to_be_alone_is_distress_to_confirm():
    found = finding("he won't sleep on his own any more in case he fits", "child_distress")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize("text", ["cramped but settled", "a bit small though stable"])
def test_a_lesser_fault_but_stable_is_stable_to_confirm(text):
    found = finding(text, "living_situation_unstable")
    assert found is not None and found.value == "no" and not found.confident


def test_stable_but_a_worry_stays_unsure():
    found = finding("stable but they've had an eviction notice", "living_situation_unstable")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nobody has any idea who is with her at night", "no"),
        ("no one has ever actually asked him", "no"),
        ("mum says she does it all but nobody has seen it", "no"),
        ("the health visitor knows it, I don't", "unknown"),
    ],
)
def test_a_day_in_the_life_nobody_knows_or_someone_else_knows(text, value):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == value


def test_the_other_parent_in_touch_himself():
    found = finding("yes, she emailed the school herself last week", "other_parent_involved")
    assert found is not None and found.value == "yes"


# --- who is a carer; a doubt said after; the practitioner's own word; nobody as far as known ---


def test_a_relative_who_neither_lives_there_nor_cares_is_not_the_carers():
    found = finding(
        "her auntie uses, but she doesn't live with them or look after her",
        "carer_substance_misuse",
    )
    assert found is not None and found.value == "no" and not found.confident


def test_a_relative_who_lives_there_is_asked_back():
    found = finding("her uncle drinks heavily and he lives there", "carer_substance_misuse")
    assert found is not None and found.value != "no"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("dad likes a drink, but not heavily, I don't think", "carer_substance_misuse"),
        ("she's not struggling, I don't think", "child_distress"),
    ],
)
def test_a_doubt_said_after_a_reassurance_is_never_the_reassurance(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value not in ("no",) and not found.confident


def test_suspected_said_first_is_suspected_whatever_the_sign():
    found = finding("only suspected - he stank of cannabis at the door", "carer_substance_misuse")
    assert found is not None and found.value == "suspected"


def test_a_sign_without_suspected_first_stays_as_read():
    found = finding("he stank of cannabis at the door", "carer_substance_misuse")
    assert found is not None and found.value in ("yes", "suspected")


def test_nothing_that_worries_me_is_no_concern():
    found = finding(
        "couple of cans on a Saturday, nothing that concerns me", "carer_substance_misuse"
    )
    assert found is not None and found.value == "no"


@pytest.mark.parametrize("text", ["nobody as far as we know", "none that I'm aware of"])
def test_nobody_as_far_as_known_is_none_to_confirm(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "none" and not found.confident


# --- a service said, then said to be over -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he was in foster care, but the SGO went through in March so he's no longer LAC",
        "she's CIN - sorry, not CIN any more, it closed",
    ],
)
def test_a_service_said_to_be_over_is_none_to_confirm(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "none" and not found.confident


def test_a_service_over_beside_one_open_is_the_open_one():
    found = finding("not LAC any more, she's on a CP plan now", "existing_involvement")
    assert found is not None and found.value == "child_protection_plan"
