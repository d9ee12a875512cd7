"""Danger now is never raised by a condition, a habit, a memory or a story, and still is by a
real emergency said in the same words (the seventh pass of the danger screen).

Sentences of our own, not in the development set: each family is tried on wordings its cue
patterns were not written from.
"""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    "text",
    [
        # a condition holding "still" or "now" (a care plan, a question)
        "the care plan says if she is still fitting after 5 minutes give buccal and call 999",
        "his plan: if he's still wheezing after 10 puffs ring 999",
        "in his care plan it says call 999 if he is now unresponsive",
        "we give a second dose of glucose if her sugar is still low after 15 minutes",
        "what if his lips are still blue after the nebuliser?",
        "call an ambulance in case the seizure is still going at five minutes",
        "plan: 1. buccal at 5 mins 2. if still fitting at 10 mins call 999",
        # what comes after seizures or attacks in general
        "she's floppy after fits",
        "he's sleepy and drowsy for the afternoon after his seizures",
        "she's really confused after hypos, mum lets her sleep it off",
        # a memory or a worry in the practitioner's head
        "the seizure is still going on in my head",
        "I keep thinking about her going blue",
        "we can't stop replaying the day he collapsed in the dinner hall",
        "him not breathing has been going round in my mind all week",
        # one past time, or a past event told in the present
        "the night he stopped breathing mum rang 999 and he was kept in",
        "on Friday he's in maths, he collapses, the office rang an ambulance and he was fine",
        # a kind of seizure described, a season, a baseline, fewer of them
        "he gets episodes where he goes blue and stares, they pass in seconds",
        "her breathing is always worse in winter",
        "he's grey and clammy with every hypo, always is",
        "no more blackouts since the pacemaker",
        # a fear named another way, a plea's "if" kept apart from a condition's
        "mum's biggest fear is him having an attack on the bus",
        # figures of speech and things that are not the child
        "dad will have a fit when he sees the bill, he's having a fit about it already",
        "the whole staffroom collapsed into giggles",
        "sorry, the laptop is on 2 percent and it's dying",
        "he can't breathe through his nose with this cold",
        # training on a manikin, a range, blue lights, moving house, a recovery said after
        "on the refresher we did rescue breaths on a manikin that wasn't breathing",
        "his oxygen is low 90s when he's well",
        "he's blue lighted to the children's ward, mum is going with him",
        "the family are not moving house now",
        "he told staff he couldn't breathe and it turned out to be a panic attack, he's fine now",
        "the twins keep collapsing into hysterics in circle time",
        # a habit in the present simple, none of them, a memory that haunts
        "if her sugar drops she turns pale and sweaty, then she's fine with a snack",
        "he goes grey and clammy when he's overdone it",
        "far fewer attacks this year, and none where he's collapsed",
        "I'm still haunted by seeing her not breathing that day",
        # asleep is not collapsed; mornings are a habit
        "he fell asleep on the sofa and is not getting up till noon at weekends",
        "she won't open her eyes in the mornings without a fight",
        "she's still not responding to the new antibiotics",
        "mum is still not responding to our emails",
        "he won't open his eyes for the drops",
    ],
)
def test_a_condition_habit_memory_or_story_is_not_danger_now(text):
    assert read(text).danger_now is None, text


@pytest.mark.parametrize(
    "text",
    [
        # "still" outside a condition, or a "not sure if" that asks nothing
        "she's still fitting after the buccal",
        "not sure if he is still breathing",
        "i dont think shes breathing",
        "we cant tell if the baby is breathing",
        "not sure if still breathing",
        # "normally" after the words is how she breathes now, not a habit
        "she's not breathing normally",
        # a past time first, but a word of now after it
        "last night we called an ambulance and he's been fitting since",
        "if still fitting call 999 she said, and she's fitting now",
        # "what do I do if he's still ..." asks about a danger going on
        "what do I do if he's still not breathing",
        # one attack, not attacks in general; several in a row
        "she's gone floppy after that fit and isn't answering",
        "he's not breathing after 3 fits in a row",
        # a comma or "and" before "in my head" leaves the danger said before it
        "he's fitting, in my head it's been ages",
        # a plea's "if" is not a condition
        "if anyone's there please come he's not breathing",
        "if you can hear me she's collapsed",
        "if any1 there pls help shes fitting",
        "if somebody reads this please help, he's not breathing",
        # a past time first, but a word of now after it
        "yesterday she was discharged and she's struggling to breathe",
        "last night we rang 999 and she's still struggling to breathe",
        "yesterday we called an ambulance, today she's not breathing properly again",
        # a seizure somewhere, a reason to be angry that is a place
        "she's having a fit over by the gate",
        # trying, not thinking
        "I keep trying to wake him and he won't wake up",
        # "ok now what" is a panicked question, not a recovery
        "she's stopped breathing, ok now what",
        # lips blue, not blue lights; not moving at all
        "his lips are blue and the blue lights are on the way",
        "she's not moving at all",
        # a habit word does not reach past a comma or "now"
        "she turns grey and now she's not responding",
        "he goes blue, he's not breathing",
        # down and not getting up, not come round yet, eyes shut, blood from the head, "blu"
        "she dropped in the corridor, she's not getting up",
        "two fits in a row and he is still not coming round",
        "she won't open her eyes and she's floppy",
        "blood pouring from her head",
        "his lips r blu",
        "he's still not responding to me",
        # a plea with "if only"; the time of earlier fits does not reach the one going on
        "if only somebody would answer, she's not breathing",
        "he's been fitting for a quarter of an hour now after 3 fits earlier",
        "he has been seizing 12 minutes following two seizures last night",
        # a seizure no one can stop
        "we can't stop her shaking",
    ],
)
def test_danger_now_said_beside_those_words_is_still_caught(text):
    assert read(text).danger_now is not None, text
