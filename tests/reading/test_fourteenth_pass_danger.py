"""Danger now, fourteenth pass: the ideas behind its misses, in wordings of our own, and the
past, prevented, asked-about and harmless versions of the same ideas that must raise no alarm."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "kind"),
    [
        ("found with no adult", "Log 02:10. Toddler discovered on his own at the flat", "harm"),
        ("found with no adult", "on arrival, 3 year old found unattended", "harm"),
        (
            "a carer pulling out the child's treatment",
            "dad has just ripped the drip out of her arm and is shouting at the nurses",
            "harm",
        ),
        (
            "a carer pulling out the child's treatment",
            "mum's yanking his oxygen off and saying they're going home",
            "harm",
        ),
        (
            "leaving with the child against advice",
            "stepdad is trying to walk out with him against medical advice",
            "harm",
        ),
        ("a named acute state", "I think he's going into anaphylactic shock", "medical"),
        ("a named acute state", "the paeds reg says she's in DKA", "medical"),
        (
            "an attack not easing with the reliever",
            "her wheeze isn't easing with the nebs and she's tiring",
            "medical",
        ),
        (
            "an attack not easing with the reliever",
            "he's not responding to his inhaler at all",
            "medical",
        ),
        (
            "the one who hurt the child is here",
            "the man who hit her is waiting outside for her now",
            "harm",
        ),
        (
            "the one who hurt the child is here",
            "he's in reception, and he's the one that scalded her",
            "harm",
        ),
        (
            "a child heard screaming beside violence",
            "caller reports things being thrown, baby heard crying non stop",
            "harm",
        ),
        (
            "hypo signs on insulin",
            "she's all clammy and pale and can't make sense, missed her insulin this morning",
            "medical",
        ),
        ("signs of a stroke", "one side of his face has gone droopy", "medical"),
        (
            "signs of a stroke",
            "her talking's gone all slurred and she can't move her right arm",
            "medical",
        ),
        ("a breathing sign with a colour", "the baby's wheezing and greyish", "medical"),
        ("not rousable", "patient 4yo, febrile, not rousable", "medical"),
        (
            "a carer overdosed",
            "mum has overdosed on the sofa and the baby is in the cot",
            "harm",
        ),
        ("vomiting and drowsy", "he's being sick and confused after banging his head", "medical"),
        (
            "an ex at the refuge",
            "her ex tracked down the refuge and he's banging on the windows",
            "harm",
        ),
    ],
)
def test_fourteenth_pass_families_of_danger_now_are_caught(idea, text, kind):
    reading = read(text)
    assert reading.danger_now, idea
    assert reading.extra.get("danger_kind") == kind, idea


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a knife named without "a", a threat "to harm"
        ("bloke waving knife at the door threatening to injure the kids", "harm"),
        # a carer keeping the crew out of a medical emergency: both
        ("he's fitting and dad won't let the ambulance crew in", "both"),
    ],
)
def test_fourteenth_pass_kinds(text, kind):
    reading = read(text)
    assert reading.danger_now
    assert reading.extra.get("danger_kind") == kind


@pytest.mark.parametrize(
    "text",
    [
        # found alone long ago, or a habit
        "she was found alone at the house back in 2019",
        "he's found on his own a lot after school",
        # the child pulling out their own line, or a nurse taking it out
        "she keeps pulling her cannula out, she hates it",
        "the nurse took his cannula out before discharge",
        # a past crisis named
        "she was in DKA last year before she was diagnosed",
        # a stroke sign asked about
        "what are the signs of a stroke in a child with sickle cell?",
        "what are the symptoms she's getting ill I should look for",
        # a scene on screen
        "we watched a documentary at school where a girl had a seizure",
        "the episode on tv had a baby who stopped breathing",
        # a danger prevented: the treatment worked
        "she was wheezing badly at break but the reliever worked and she's back in class",
        "he couldn't get his words out for a bit but the nebuliser did the trick, sats 98",
        # an incident closed in a log
        "Attended 19:00. Child found alone. Child now with aunt, safe and well.",
        # the time of a dose, no signs
        "his insulin was due an hour ago, I've reminded him",
    ],
)
def test_fourteenth_pass_not_now_raises_no_alarm(text):
    assert read(text).danger_now is None


def test_a_treatment_that_worked_only_for_a_bit_is_still_danger():
    assert read(
        "the reliever worked for a bit but now she can't breathe and her lips are blue"
    ).danger_now


def test_a_signs_question_with_a_danger_now_is_still_danger():
    assert read("what are the signs - she's not breathing properly now").danger_now


@pytest.mark.parametrize(
    "text",
    [
        "mum's texted that she's heading to the nursery to collect him, she has a non-mol",
        "he's driving over to get the kids and there's a restraining order",
    ],
)
def test_a_parent_under_an_order_on_the_way_to_take_the_child_is_danger(text):
    assert read(text).danger_now


def test_a_parent_coming_with_an_order_that_allows_it_is_no_alarm():
    assert (
        read("mum is coming to collect him and she has a court order saying she can").danger_now
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "dad has an injunction and he's in reception refusing to leave",
        "a man at the front desk refusing to leave says he's her dad, court order says no contact",
    ],
)
def test_a_parent_kept_away_by_an_order_here_and_refusing_to_leave_is_danger_now(text):
    assert read(text).danger_now


def test_a_parent_refusing_to_leave_with_no_order_said_is_not_danger_now():
    assert (
        read("mum won't leave the ward, she's lovely, no court order or anything").danger_now
        is None
    )
