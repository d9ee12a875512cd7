"""Danger now, ninth pass: the ideas behind its misses and false alarms, in wordings of our own."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "kind"),
    [
        ("reliever given, no better", "6 puffs in and no change, she's still tight", "medical"),
        ("reliever given, no better", "8 puffs given so far, nothing", "medical"),
        ("reliever 'it' not", "she has her blue one but it isn't doing anything", "medical"),
        ("status", "I think she's gone into status", "medical"),
        ("status", "convulsive status epilepticus, on the floor", "medical"),
        ("too many tablets on purpose", "she swallowed too many pills on purpose", "medical"),
        ("meter above its range", "the dexcom just says HI", "medical"),
        ("high sugar with sickness", "his bms are really high and he's throwing up", "medical"),
        ("an adult barricaded in", "mum is barricading herself inside with the twins", "harm"),
        ("an adult barricaded in", "he's holding the baby hostage upstairs", "harm"),
        ("kept from the child now", "dad is refusing to let us in, we're at the door now", "harm"),
        ("a threat to kill made", "her mum's boyfriend just threatened to stab her", "harm"),
        (
            "a threat with the time it comes",
            "dad told her he'll batter her once she gets home, she finishes at 3 tonight",
            "harm",
        ),
        ("not going home", "he's too scared to go home because of what mum said", "harm"),
        ("drinking adult", "the twins are with dad now and he's been drinking since 10", "harm"),
        ("a child's plea", "she's just messaged her teacher saying help me", "harm"),
        ("floppy among other signs", "the toddler is pale, sweaty, floppy, not feeding", "medical"),
        ("floppy among other signs", "baby is burning up and floppy", "medical"),
        (
            "off the ward against advice",
            "mum has taken him out of the hospital against medical advice, he's on IVs",
            "harm",
        ),
        ("a seizure begun and going on", "fit began 8 mins ago and she's still fitting", "medical"),
        ("at the door", "his dad's banging on the door, he's petrified", "harm"),
        ("a weapon at the school", "man in the car park with a hammer asking for her", "harm"),
        ("a weapon at the school", "her brother's waving a metal bar at the gate", "harm"),
        (
            "an adult who hurt the child coming for them",
            "her stepdad is on his way to get her and he has hit her before",
            "harm",
        ),
        (
            "kept away by a court",
            "her mum's on her way to collect her, there's an injunction",
            "harm",
        ),
        ("a child locked out by an adult", "dad's shut her out in the snow with no shoes", "harm"),
    ],
)
def test_ninth_pass_families_of_danger_now_are_caught(idea, text, kind):
    reading = read(text)
    assert reading.danger_now, idea
    assert reading.extra.get("danger_kind") == kind, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("kept from the child", "she's gasping and the carer is blocking the doorway"),
        ("kept from the child", "he's fitting and I cannot get near him, mum's in the way"),
        ("help refused", "she's blue and dad says not to ring an ambulance"),
        ("nobody to take", "he's vomiting with ketones high and no adult at home to take him"),
        ("locked in by an adult", "she's struggling to breathe and mum has locked her in"),
    ],
)
def test_ninth_pass_words_beside_a_medical_danger_tell_harm_too(idea, text):
    assert read(text).extra.get("danger_kind") == "both", idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("someone else, the child fine", "another pupil has collapsed in the hall, ours is fine"),
        ("someone else, the child fine", "the other lad is having a fit but my pupil is okay"),
        ("a staff member, the child fine", "a teacher has fainted in assembly, the child is safe"),
        ("scenario", "Scenario: a child is choking at lunch - what do you do first?"),
        ("scenario", "drill - the pupil is unconscious in the playground, who calls 999?"),
        ("reliever given, past", "last week 10 puffs given and no better, he went to A&E"),
        ("reliever, a habit", "his inhaler helps but it's not working as well lately"),
        ("sugar high, no sickness", "her sugars were high yesterday"),
        ("sugar reading high alone", "his sugar is reading high after lunch most days"),
        ("a threat, the past", "dad threatened to hurt her last year, there's a non-mol now"),
        ("figure of speech", "mum said she'll kill him when she sees the mess, he laughed"),
        ("an adult at the door, no fear", "dad is at the door to pick her up for the dentist"),
        ("a bat in a game", "he plays cricket with a bat his grandad gave him"),
        ("discharged", "mum took her off the ward once the doctors said she could go"),
        ("not let in, no now", "mum never lets us in when we visit"),
        ("collected, no order", "mum is coming to collect her at 3, no concerns"),
        ("a plea in the past", "last term she texted me help and it was about homework"),
        ("floppy, not now", "he used to go floppy after his fits when he was little"),
        ("status, not a seizure", "what's his immigration status?"),
    ],
)
def test_ninth_pass_others_scenarios_and_habits_are_not_danger_now(idea, text):
    assert read(text).danger_now is None, idea


@pytest.mark.parametrize(
    ("idea", "text", "now"),
    [
        (
            "a fear joined by 'and'",
            "she's frightened she'll stop breathing and nobody will hear",
            False,
        ),
        (
            "a fear, then the child's state now",
            "he's scared he'll die and he is not breathing",
            True,
        ),
        (
            "a fear, then a comma and a danger",
            "worried she'll have a fit, she's going blue now",
            True,
        ),
    ],
)
def test_ninth_pass_a_fear_of_what_will_happen_is_not_danger_now(idea, text, now):
    assert (read(text).danger_now is not None) == now, idea
