"""Danger now is not raised by a story told in the present tense and closed as an earlier
day's, a care plan, a question or training, a fear or an emergency that is over; it still is
by the same words said of now, and by a young child left without care by a carer drunk or
high (the fourteenth pass of the danger screen).

Sentences of our own, not in the development set: each family is tried on wordings its
patterns were not written from.
"""

from __future__ import annotations

import pytest

from bot.reading import read

NOT_NOW = {
    "a story closed as an earlier day's": [
        "she's on the stairs, she's gone grey, shouting for the office - that was before easter",
        "he's choking on a grape and the TA is doing back blows. this all happened a fortnight ago",
        "so dad's hitting mum in the hallway, that's what he told me about the holidays",
        "she's not breathing, he's doing CPR, it was 3 years ago and she's doing great",
        "he collapses on the field, goes blue. that was in year 4, he's in year 6 now",
        "mum's off her face and screaming at him - that was the other weekend",
        "she's on the bathroom floor, not breathing, I'm yelling for mum... that was sunday",
    ],
    "a story ending on an earlier day": [
        "he's lying on the mat not breathing and I'm frozen - that was at the end of term",
        "so she's choking on her lunch and nobody's looking. last wednesday",
        "he's gone floppy in my arms, I'm screaming for the office. 3 weeks ago",
        "she's convulsing on the lino, I'm kneeling by her - that's how it played out in June",
        "he's grey and not answering me, I'm shaking, back in 2021",
        "dad's got her up against the wall, that's what she disclosed about new year",
    ],
    "an emergency over: the child got back, or on the ward and stable": [
        "she stopped breathing for a moment but the crew got her back and she's in HDU, stable",
        "he went blue at nursery, he's in hospital now and doing well",
        "he collapsed in the hall but the PE teacher got him breathing again and he's ok",
        "she was grey and not breathing when the crew came, she was resuscitated, stable in PICU",
    ],
    "a past danger that happened before as well": [
        "he was blue last week too",
        "she had a seizure yesterday as well",
    ],
    "a plan without 'says', or a fear of the child doing something": [
        "his plan: fitting over 5 mins = buccal then 999",
        "care plan not breathing = CPR + 999",
        "dad is petrified of her choking again",
        "mum is so anxious about him stopping breathing in the night",
    ],
    "a past danger beside a discharge since": [
        "he had a bad attack last week, he was only discharged yesterday",
        "she was fitting last week and was only let out on friday",
    ],
    "an emergency over: the child taken in by the crew, or discharged since": [
        "he collapsed on the stairs, the paramedics took him in and he has since been discharged",
        "he went grey in assembly, the crew took him, mum says hes been discharged and is home",
    ],
    "a condition and what the plan says to do then": [
        "if her face goes grey and the nebuliser isnt helping, staff dial 999",
        "should she go floppy and stop responding, put her in the recovery position",
        "in the event of him not breathing and no pulse, the first aider starts cpr",
        "if he's choking and can't cough it up, give 5 back blows",
    ],
    "a case shown or set in training, or asked about any child": [
        "the film showed a boy who stops breathing in his sleep",
        "exam question a toddler is choking what do you do",
        "at what point do we ring for a pupil who is fitting",
        "how do i know if a child who cant breathe needs 999",
        "our e learning module has a girl who collapses and isn't breathing",
        "what is the procedure for a pupil who's choking?",
        "what should staff do if a toddler is choking and goes blue?",
        "what are the warning signs a baby is not breathing well?",
    ],
}

NOW = {
    "a story closed as past, then the danger back or going on": [
        "he went blue like this in march, that was in march, and now he's blue again",
        "that was last week, now he's not breathing",
        "she's fitting, it was like this yesterday too, please help",
        "he's not breathing, that was a few minutes ago, still not breathing",
        "she's not breathing, this was 5 minutes ago",
        "hes choking, that happened last week too",
        "she's gone blue, this was what happened in may as well",
    ],
    "an emergency still going beside the crew or a discharge": [
        "shes not breathing, the ambulance took her brother",
        "the ambulance took him last time, he's fitting again",
        "paramedics took her in, now her sister has collapsed",
    ],
    "a past day or a plan beside a danger now": [
        "hes choking. last thursday he did this too",
        "as per her plan gave buccal, shes still fitting",
        "the plan didnt work and shes not breathing",
        "shes in hospital and stable but her brother is not breathing",
        "im scared, hes not breathing",
    ],
    "a discharge only just done, said after the danger": [
        "hes not breathing, he was only discharged yesterday",
        "shes fitting again and she only got home from hospital on monday",
        "she's gone blue and she's only just been sent home on friday",
    ],
    "a danger said again after a past event": [
        "the crew went an hour ago and hes blue again",
        "last tuesday she went blue and she is blue again",
        "her last seizure was in june and she's seizing again",
    ],
    "a plea or the state before the practitioner's eyes beside a condition": [
        "if you can, ring an ambulance, hes not breathing",
        "she is fitting, if it goes past 5 mins i will give buccal",
        "if he is blue like this do i call 999",
        "if she's gone grey like that should i phone 999?",
        "if anyone's reading this call 999, he's choking",
    ],
    "training or a question beside a danger now": [
        "we did the training but now a child is actually not breathing",
        "the video call shows he is not breathing",
        "when should i call 999, a child is not breathing here",
    ],
}


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(idea, text) for idea, texts in table.items() for text in texts]


@pytest.mark.parametrize(("idea", "text"), _cases(NOT_NOW))
def test_not_danger_now(idea, text):
    assert read(text).danger_now is None, idea


@pytest.mark.parametrize(("idea", "text"), _cases(NOW))
def test_danger_now(idea, text):
    assert read(text).danger_now, idea


LEFT_WITHOUT_CARE = [
    "mums been drinking and the baby has been screaming for an hour",
    "dad's had a skinful and the toddler is crying in the bath, he's asleep",
    "mum is plastered and the 2 year old is wandering about the flat on the balcony side",
    "dads stoned again and the little one is screaming in his cot",
    "the baby has been screaming for an hour and mums off her face",
    "mum is pissed and wont pick the toddler up, hes crying",
    "her foster carer is completely hammered and the newborn's crying, she's not even going to him",
    "mum's out of it on the floor and the 2 year old is sobbing next to her",
]

NOT_LEFT_WITHOUT_CARE = [
    "dad had a few last night and the baby was crying",
    "mum was drunk when the baby was crying last night",
    "when dads drunk the baby screams",
    "mum is not drunk, the baby is crying with colic",
    "mum gets drunk most nights and the baby cries",
    "mum used to be drunk and the toddler was always crying",
    "dad was high at contact and the baby was crying",
]


@pytest.mark.parametrize("text", LEFT_WITHOUT_CARE)
def test_a_young_child_left_without_care_by_a_carer_drunk_or_high_is_harm_now(text):
    assert read(text).extra.get("danger_kind") == "harm"


@pytest.mark.parametrize("text", NOT_LEFT_WITHOUT_CARE)
def test_a_carer_drunk_in_the_past_or_as_a_habit_beside_a_crying_baby_is_not_now(text):
    assert read(text).danger_now is None
