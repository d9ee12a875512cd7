"""Danger now, eleventh pass: the ideas behind its misses, in wordings of our own, and the
past, hypothetical and resolved versions of the same ideas that must raise no alarm."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    ("idea", "text", "kind"),
    [
        (
            "disclosure, adult coming soon",
            "she says her uncle hurts her and he's collecting her at half 3",
            "harm",
        ),
        (
            "disclosure, adult coming soon",
            "he told his teacher dad beat him last night, dad is picking him up in 20 minutes",
            "harm",
        ),
        (
            "afraid of an adult who is here",
            "she is terrified of her stepdad and he is outside",
            "harm",
        ),
        (
            "afraid of an adult who is here",
            "mum's boyfriend is waiting in the car park and she's petrified",
            "harm",
        ),
        (
            "afraid of an adult who is here",
            "he's too scared to go out, his dad is at the gate",
            "harm",
        ),
        (
            "hurt when home soon",
            "she says if she goes home tonight mum will batter her, home time is in half an hour",
            "harm",
        ),
        ("no one to look after", "dad's been arrested and there's nobody to mind the baby", "harm"),
        (
            "carer not back, child minding baby",
            "the 9 year old has been minding her baby sister since friday, mum hasn't come home",
            "harm",
        ),
        (
            "young child out at night",
            "toddler found in the car park at 1am in his pyjamas, no one home",
            "harm",
        ),
        (
            "young child out at night",
            "little girl sat on the doorstep at midnight, barefoot, nobody at the flat",
            "harm",
        ),
        (
            "distress heard, no answer",
            "we can hear the baby screaming and coughing inside and nobody is opening the door",
            "harm",
        ),
        (
            "hypo not responding",
            "bms not rising after two lots of glucogel, she's really drowsy",
            "medical",
        ),
        ("hypo not responding", "hypo and we can't get any sugar into him", "medical"),
        ("silent chest", "her wheeze has suddenly gone silent and she looks exhausted", "medical"),
        ("seizing in a place", "he's fitting in the back of the car", "medical"),
        ("seizing in a place", "seizing on the stairs, mum's with her", "medical"),
        (
            "toddler and adult drugs",
            "the baby got into dad's tablets, might have had some",
            "medical",
        ),
        ("toddler and adult drugs", "2 yr old found chewing on nan's pills", "medical"),
        ("recession", "skin pulling in between his ribs with every breath", "medical"),
        ("recession", "baby grunting with each breath and head bobbing", "medical"),
        (
            "intent to overdose tonight",
            "he says he's going to swallow the whole box of paracetamol tonight",
            "medical",
        ),
        ("at a height now", "she's stood on the roof edge at the moment", None),
        ("at a height now", "he's on the wrong side of the railings on the footbridge", None),
        ("drunk carer driving", "dad's hammered and trying to put her in the car", "harm"),
        ("drunk carer driving", "mum has driven off with the kids and she's off her face", "harm"),
        (
            "removing a child on treatment",
            "mum's trying to take him off the ward, he's on a drip and she's been drinking",
            "harm",
        ),
        (
            "snatched and driven off",
            "his dad's just snatched him from the gate and sped off, there's a non-mol",
            "harm",
        ),
        (
            "threat to take away, carried out",
            "dad says he's taking her abroad and he's loading the car now",
            "harm",
        ),
        (
            "hiding from a raging adult",
            "mum's boyfriend going mental, the kids are hiding under the bed",
            "harm",
        ),
        (
            "adults fighting, children there",
            "mum and her partner are at each other, the kids are in the next room",
            "harm",
        ),
        (
            "threatening now, child inside",
            "he's just squared up to me, the baby is still inside with him",
            "harm",
        ),
        ("too breathless to walk", "she's so wheezy she can't walk to the office", "medical"),
        ("too breathless to walk", "too breathless to talk and getting worse", "medical"),
        ("reliever taken, struggling now", "nan hid his inhaler and he's struggling now", "harm"),
        ("blood now", "vomiting blood in the playground", "medical"),
        (
            "with adult men, scared",
            "she's 13, in a car with older men, snapchatted that she's frightened",
            "harm",
        ),
        (
            "chest then worse",
            "breathing's awful and she's crying, getting worse by the minute",
            "medical",
        ),
        ("pain now", "sickle cell, writhing in pain on the floor of the classroom", "medical"),
        (
            "present with a past clause",
            "he's not breathing, he came home from hospital yesterday",
            "medical",
        ),
        (
            "present with a past clause",
            "she's fitting, she only got out of hospital last week",
            "medical",
        ),
        (
            "help kept from a medical emergency",
            "she's having a bad attack and mum won't let us phone for an ambulance",
            "both",
        ),
        (
            "help kept from a medical emergency",
            "baby is floppy and dad won't let me through to the bedroom",
            "both",
        ),
        (
            "carer cannot be woken",
            "the toddler is unresponsive and dad is flat out on the floor, can't be roused",
            "both",
        ),
    ],
)
def test_eleventh_pass_families_of_danger_now_are_caught(idea, text, kind):
    reading = read(text)
    assert reading.danger_now, idea
    assert reading.extra.get("danger_kind") == kind, idea


@pytest.mark.parametrize(
    "text",
    [
        "he was found wandering last year",
        "if mum is arrested who would have him?",
        "she said last month she wanted to take all her insulin, she's had CAMHS since",
        "she told us in september that he hit her, he's been out of the house since",
        "she used to be scared of her stepdad when he lived there",
        "what do we do if a drunk parent tries to drive off with a child?",
        "last year dad took her inhaler off her as a punishment, it's been fine since",
        "he had recession when he was admitted in the winter",
        "the care plan says if she isn't responding to the glucose, call 999",
        "a silent chest is a sign of a severe attack isn't it?",
        "she had a seizure in the bath a few years ago",
        "two years ago the toddler got hold of mum's methadone, there's a CP plan now",
        "if she ever says she's going to take all her insulin tonight what do I do?",
        "he was on the bridge parapet last month, CAMHS are involved",
        "mum was arrested last year and nan had the kids",
        "the parents were fighting a lot last year when the kids were small",
        "what should I do if I can hear a child crying and no one answers the door?",
        "last night he was found at 2am in his pyjamas, he's at nan's now and fine",
        "she told me dad hit her when she was little, he picks her up at 3 most days",
        "she said her stepdad used to hit her, he's collecting her at 3",
        "he says if he goes home he'd get told off for his report, school finishes at 3",
        "last year he said if he went home he would get hit, it's been fine since",
        "mum's worried there's no one to look after the baby if she goes into hospital next month",
        "there was no one to look after him when mum was arrested in 2022",
        "she used to look after the baby when mum didn't come home",
        "found wandering at 2am last summer, nobody at the house, CP plan since",
        "if we can hear a child crying and nobody answers what do we do",
        "the care plan says if her sugar isn't coming up after the glucose, give glucagon",
        "her wheeze went quiet last time and she ended up in picu",
        "is it bad if the wheeze goes quiet?",
        "she had a fit in the bath when she was 3",
        "he used to start fitting in the car on long trips",
        "the toddler got into mum's tablets in 2021, nothing since",
        "the HV noted mild recession at the last visit, she's fine now",
        "what does rib recession look like in a baby?",
        "she told CAMHS last year she was going to take all her tablets, she's doing well now",
        "he climbed on the roof last week, nothing since",
        "dad was drunk and tried to drive off with her at christmas, police were called",
        "what if a drunk dad tries to get the kids in the car?",
        "mum took him off the ward against advice last year",
        "dad grabbed her out of reception and drove off last term, there's a non-mol now",
        "mum threatened to take him abroad last year",
        "the parents are fighting over contact in court",
        "parents fighting a lot, kids are in school today",
        "he threatened me last week when I visited",
        "she gets so wheezy she can't walk far in PE",
        (
            "the stepdad took her inhaler off her as a punishment in the summer, she was wheezing, "
            "police involved since"
        ),
        "she coughs up blood sometimes at school, the CF team know",
        "she was at a flat with adult men last weekend and texted she was scared",
        "her asthma has been getting worse over the winter",
        "his breathing gets worse every winter",
        "she cried with the pain of her sickle cell last week",
        "he's scared of his dad, dad lives in Spain",
        "she's scared of her stepdad who's in prison",
        "she is terrified of her stepdad, he is outside the country",
        "dad is outside and she's excited to see him",
        "the kids were hiding under the bed when police arrived last night, they're at nan's now",
        "when he goes mental the kids hide in their room",
        "she was fitting, came home from hospital yesterday and is fine now",
        "mum wouldn't let us ring an ambulance last time she had a crisis",
        "dad wouldn't let me into the room at the last home visit",
    ],
)
def test_eleventh_pass_past_hypothetical_and_resolved_raise_no_alarm(text):
    assert read(text).danger_now is None


def test_a_little_one_is_a_child_not_a_hedged_yes():
    # answering "is the child in danger right now?"
    reading = read("bit worried about a little one", asked="immediate_danger")
    assert reading.danger_now is None
    assert reading.finding("immediate_danger") is None
    assert read("a little", asked="immediate_danger").finding("immediate_danger") is not None
