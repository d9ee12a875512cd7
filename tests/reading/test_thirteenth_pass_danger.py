"""Danger now, thirteenth pass: the ideas behind its misses, in wordings of our own, and the
past, hypothetical and harmless versions of the same ideas that must raise no alarm."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "kind"),
    [
        # a poison or an overdose goes on doing harm: minutes or hours ago, this morning is now
        ("poison minutes ago", "he necked a load of his nan's tablets ten minutes ago", "medical"),
        (
            "poison minutes ago",
            "she's told me she swallowed some of her mum's pills about 15 minutes ago",
            "medical",
        ),
        (
            "poison this morning",
            "she says she took all her dad's painkillers this morning before school",
            "medical",
        ),
        (
            "poison an hour ago",
            "he's admitted he took a handful of paracetamol an hour ago",
            "medical",
        ),
        (
            "a whole dose at once, told by message",
            "got a message off him saying he's injected all his insulin in one go",
            "medical",
        ),
        ("a whole dose at once", "she's just done all her insulin pens at once", "medical"),
        # a child wandering about confused
        (
            "wandering confused",
            "a year 9 with type 1 is staggering round the field completely disorientated",
            "medical",
        ),
        ("wandering confused", "found a little lad wandering the high street confused", "medical"),
        # an adult beating the child now, in everyday words
        ("beating now", "mum's boyfriend is laying into him in the kitchen", "harm"),
        ("beating now", "the dad is setting about her in the car park", "harm"),
        ("beating now", "he's punching her with his fists right now", "harm"),
        # a parent barred by a court order here to take the child
        (
            "barred parent here",
            "mum's got a non molestation order against dad and he's at the gate trying to collect"
            " her",
            "harm",
        ),
        (
            "barred parent here",
            "dad is insisting on taking him home, there's an injunction",
            "harm",
        ),
        # an adult here now with a weapon, whatever comes between
        (
            "weapon here",
            "there's a man in reception waiting for her and he's holding a knife",
            "harm",
        ),
        ("weapon here", "her uncle is hanging around the school gate with a hammer", "harm"),
        # an adult here now and a threat of a beating
        (
            "threat, adult here",
            "stepdad's in reception now, the girl says she'll get a beating when he gets her home",
            "harm",
        ),
        ("threat, adult here", "she says he's going to batter her, he's at the front door", "harm"),
        # a fire set at the home, children trapped
        (
            "fire set",
            "someone's poured petrol through their letterbox and the kids are upstairs",
            "harm",
        ),
        (
            "fire set",
            "the neighbour set fire to their front door and the children are trapped inside",
            "harm",
        ),
        # the harm beside the medical danger makes both
        (
            "help kept from the child",
            "she's wheezing badly and her dad won't let her ring an ambulance",
            "both",
        ),
        ("harm just done", "he had him by the throat and now he can't get his breath", "both"),
        ("harm just done", "his stepdad kicked him and now he's unconscious", "both"),
        ("put out in the cold", "mum's locked her out in the snow with no coat", "harm"),
        ("a whole bottle taken", "he drank a bottle of calpol 20 mins ago", "medical"),
        ("a whole supply taken", "she's swallowed her whole week's tablets", "medical"),
        ("someone else's medicine", "he's had loads of his sister's ADHD meds", "medical"),
        ("beating now", "the boyfriend is knocking seven bells out of her", "harm"),
        (
            "barred parent here",
            "dad's not allowed contact but he's in reception demanding to take him",
            "harm",
        ),
        ("weapons here", "his brother's mates are outside with knives waiting for him", "harm"),
        ("fire set", "someone's thrown a petrol bomb at the house, kids inside", "harm"),
        (
            "wandering confused",
            "lad with type 1 walking about in a daze, not making sense",
            "medical",
        ),
        ("threat, adult here", "he's outside school now saying he'll batter the lad", "harm"),
        (
            "reliever kept from a child unwell now",
            "mum's boyfriend won't let him use his inhaler and he's wheezing",
            "both",
        ),
    ],
)
def test_thirteenth_pass_families_of_danger_now_are_caught(idea, text, kind):
    reading = read(text)
    assert reading.danger_now, idea
    assert reading.extra.get("danger_kind") == kind, idea


@pytest.mark.parametrize(
    ("idea", "text"),
    [
        ("an injury now", "he's been knocked down by a van on the main road"),
        ("an injury now", "the toddler has fallen from an upstairs window"),
        ("an injury now", "she came off her bike and now she can't move her legs"),
        ("an injury now", "his head is pouring with blood"),
        ("an injury now", "she's being sick up blood"),
        ("a child in deep water", "the little one has slipped into the canal"),
        ("suffocated or drowned", "mum's boyfriend is holding a pillow over her face"),
        ("assaulted just now", "she's just been sexually assaulted and he's still in the flat"),
        ("a baby shaken", "dad says the newborn has been shaken"),
        ("something thrown at the child", "he's just thrown a kettle at her"),
        ("a deadly rash", "he's got a rash that won't fade when I press a glass on it"),
        ("a pump failed", "her insulin pump has come out and she's throwing up"),
        ("self-harm now", "she's slit her wrists in the changing rooms"),
        ("a young child at a height", "the toddler's climbed up on the window sill"),
        ("many tablets by number", "he's swallowed about 30 of his mum's painkillers"),
        ("drinking and driving the child", "dad's had a few and he's driving off with the kids"),
        ("followed now", "someone is following him home right now"),
        ("nearly taken", "a man in a van tried to grab her outside the gates"),
        ("missing", "the 7 year old has been missing for two hours"),
        ("left alone", "dad's left the twins on their own in the flat"),
        (
            "a threat with a weapon, never a figure of speech",
            "he told us his brother is going to stab him when he gets home tonight",
        ),
    ],
)
def test_thirteenth_pass_other_dangers_of_the_moment_are_caught(idea, text):
    assert read(text).danger_now, idea


@pytest.mark.parametrize(
    "text",
    [
        "he was hit by a car when he was 5",
        "she fell out of a window as a toddler and has a scar",
        "he's bleeding from a graze on his knee, plaster on",
        "she's bleeding a bit from her nose",
        "he went in the river with his dad for a paddle",
        "he's been beaten up before at his old school",
        "she was raped in 2021 and is seeing CAMHS",
        "she's shaken up after falling over but fine",
        "if the rash doesn't fade under a glass ring 999",
        "he threw a chair at the teacher last week",
        "she cut her finger on the scissors",
        "he can't feel his legs after that run, he's laughing",
        "he's trapped in a lift but fine, the fire brigade are coming",
        "he's got a knife crime awareness session today",
        "her lips are blue from the ice lolly",
    ],
)
def test_thirteenth_pass_injuries_of_no_moment_raise_no_alarm(text):
    assert read(text).danger_now is None


@pytest.mark.parametrize(
    "text",
    [
        "my heart stopped when I saw the email",
        "mum's going to kill him when she sees his report",
        "I'm choking on my coffee reading this",
        "mum is on fire with the new routine",
        "his inhaler is blue",
        "he's been missing school a lot lately",
        "a 4 year old on the roof of the climbing frame in the story we read",
    ],
)
def test_thirteenth_pass_figures_of_speech_raise_no_alarm(text):
    assert read(text).danger_now is None


@pytest.mark.parametrize(
    "text",
    [
        # a term asked about
        "what does status epilepticus actually mean?",
        "could you explain respiratory distress to me for our staff briefing",
        "the definition of anaphylaxis, please",
        # gasping for a drink
        "gasping for a cuppa after that meeting",
        "she's gasping - for some water - after PE, absolutely fine",
        # a poison on an earlier day, a dose taken as prescribed
        "she took an overdose last year, she's doing well with CAMHS now",
        "he took all his tablets this morning like he should",
        # confused about something, told off, an order kept, a fire or a weapon long ago
        "she was wandering about confused about which room her lesson was in",
        "the teacher laid into him about his homework",
        "dad has a non-mol and hasn't been near her since the summer",
        "last year someone set fire to the bins at the flats",
        "a man with a knife was outside the gates back in March, police dealt with it",
        "he got kicked out of class for swearing",
        "dad battered her when she was little, she's in foster care now",
        # a supply carried, a medicine withheld with the child well, an order kept, a daze in class
        "she took her week's tablets with her on the residential",
        "mum won't let him take his inhaler to school",
        "dad refuses to let her have her insulin pump, she's fine at the moment though",
        "he has a non-mol but he's never tried to take her",
        "dad has a non-mol and wants to take her to court over contact",
        "the lads were outside with bats last year",
        "he walks about in a daze in maths, probably tired",
        "had a call from mum saying he had a seizure last night, fine now",
        # the story told first as an earlier day's
        "that was last week - he went blue and the paramedics came, he's fine now",
    ],
)
def test_thirteenth_pass_past_and_harmless_raise_no_alarm(text):
    assert read(text).danger_now is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("that was last week - he went blue and the paramedics came, he's fine now", "no"),
        ("that was on Monday, she collapsed in PE but she's fine today", "no"),
        ("he had a hypo on Tuesday but he's fine today", "no"),
        # ...but not when the danger is back now
        ("that was yesterday - now she's not breathing", "yes"),
        (
            "the GP doesn't think it's serious but I do - she's just told me she swallowed a load"
            " of her nan's pills at lunch",
            "yes",
        ),
        # a threat for later, the child safe now
        (
            "not right this minute, he's with me, but he says his dad will batter him when he gets"
            " home",
            "no",
        ),
    ],
)
def test_thirteenth_pass_immediate_danger_answers(text, value):
    finding = read(text, asked="immediate_danger").finding("immediate_danger")
    assert finding is not None and finding.value == value


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the kind said last in a self-correction wins
        ("harm - no, sorry, medical, she's fitting", "medical"),
        ("medical, no wait, both - dad's drunk too", "both"),
        ("harm, no actually medical", "medical"),
        # one kind said as the only one
        ("just harm, she's not ill", "harm"),
        ("not just medical, dad's drunk", "both"),
    ],
)
def test_thirteenth_pass_danger_kind_answers(text, kind):
    finding = read(text, asked="danger_kind").finding("danger_kind")
    assert finding is not None and finding.value == kind


def test_a_child_with_the_professionals_now_is_no_danger_in_an_opening():
    said = "police officer - 8yo found alone at home overnight, she's with us at the station now"
    finding = read(said).finding("immediate_danger")
    assert finding is not None and finding.value == "no"
    danger = read("PCSO here, the 10yo is with us now but she can't breathe")
    assert danger.danger_now
    assert danger.finding("immediate_danger").value == "yes"
