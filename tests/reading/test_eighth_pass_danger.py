"""Danger now, eighth pass: the ideas behind its misses and false alarms, in wordings of our own."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the libre is showing LO and he's sweaty", "medical"),  # a meter below its range
        ("she fell to the ground and started to shake", "medical"),  # falling, then shaking
        ("he fall over then twitching", "medical"),  # the same in a second language's grammar
        ("jerking and frothing, no response", "medical"),  # foam at the mouth with a seizure
        ("she can't speak at all now", "medical"),  # speech lost now
        ("she's going downhill while I'm on the phone", "medical"),  # worse as it is written
        ("he's having a massive seizure", "medical"),  # an attack with a word of its severity
        ("the boy is in serious attack", "medical"),  # a child said to be in one
        ("the lads are scrapping and she's caught in the middle of it", "harm"),  # a fight now
        ("not stopped jerking since ten past", "medical"),  # a seizure not stopped since a time
        ("her chest feels really tight, she's crying", "medical"),  # a severe attack in its words
        ("there's a silent chest", "medical"),
        ("dad has barricaded himself in with both kids", "harm"),  # shut in with the child
        ("stepdad has the boy in the shed and refuses to let us in", "harm"),
        ("toddler barefoot in the snow, nobody around", "harm"),  # outside without clothes for it
        ("she was left alone all weekend, we have just got to her", "harm"),  # found now
    ],
)
def test_eighth_pass_families_of_danger_now_are_caught(text, kind):
    reading = read(text)
    assert reading.danger_now, text
    assert reading.extra.get("danger_kind") == kind


@pytest.mark.parametrize(
    "text",
    [
        "she's fitting and nobody else in the house with her",  # no adult with the child
        "he's fitting and the kitchen is littered with syringes",  # drug paraphernalia
        "she's wheezing badly, mum confiscated the reliever from her",  # medicine taken off
        "collapsed in the hall and his nan is spark out upstairs",  # a carer out cold
    ],
)
def test_eighth_pass_words_beside_a_medical_danger_tell_harm_too(text):
    assert read(text).extra.get("danger_kind") == "both", text


@pytest.mark.parametrize(
    "text",
    [
        "he's not breathing as freely as he did",  # a comparison of how well
        "her friend fainted in PE, not her",  # someone else, the child denied
        "it's his sister who's fitting, not him",
        "a similar case where the baby stopped breathing",  # another case told of
        "I had one like this years ago where the boy collapsed",  # a time ago reaches forward
        "she stopped breathing when she was born",  # the time of birth
        "she's safe here now but terrified of going back home tonight",  # a worry for later
        "mum has the baby in the bedroom and won't answer the door when we visit",  # visits
        "worried about her having a bad attack at camp",  # an attack feared
        "severe wheeze is a red flag",  # a sign taught
        "what's a silent chest?",
        "her chest is very tight most days",  # a habit
        "he fell and fits are more common when he's tired",  # "fits" a noun, a habit
        "she's in the asthma attack leaflet photo",
        "the meter says low battery",
        "the meter reads LO if the strip is faulty",  # a condition
        "she said last week she'd take her pills to end it",  # the past
        "she's going to end it with her boyfriend",  # a relationship ended
        "he comes to school barefoot in the frost every day",  # neglect, not danger now
        "he was left alone last week, we only just found out",
    ],
)
def test_eighth_pass_comparisons_others_births_and_later_worries_are_not_danger_now(text):
    assert read(text).danger_now is None, text


def test_a_wish_to_die_beside_the_means_in_the_hand_is_danger_now():
    assert read("she says she's going to kill herself, the tablets are in her hand").danger_now
    assert read("he told us he'll end it all, he's got the rope in his hands").danger_now
    assert read("he talked about wanting to end it all in his last session").danger_now is None


def test_safe_now_does_not_hide_a_danger_said_after_it():
    assert read("she's safe here now but dad is outside with a knife").danger_now


def test_a_pattern_of_visits_does_not_hide_no_response_to_a_call():
    assert read("she won't respond when I call her name").danger_now
