"""The danger check (bot/reading/danger_check.py, danger_check.yml): a wider net behind the
danger screen that ASKS, never alarms.

Words of an emergency now that the danger screen does not know give an ``immediate_danger``
"yes" that is not confident, with the words as evidence and in ``extra["danger_check"]``;
``danger_now`` stays unset (no 999 reply on these words alone). The same words said of the
past, as a condition, in training, as a fear, negated, after help has come, or ordinary
answers give no check. The phrasings are this file's own, not the dev set's.
"""

from __future__ import annotations

import pytest

from bot.reading import read
from bot.reading.danger_check import _data, _patterns

EMERGENCIES = [
    # colour, breathing
    "his lips have gone a funny grey colour",
    "she's gone a weird greyish colour round her mouth",
    "she's gone a funny dusky colour and she's very quiet",
    # a hypo with confusion
    "she's really muddled and sweaty, her sugars must be low",
    # an overdose or a poisoning, also minutes ago
    "she's drunk some of the bleach from under the sink",
    "she's necked a packet of her mum's sleeping tablets",
    "he's swallowed one of those washing pods",
    # bleeding, choking
    "blood is pouring from his arm and we can't stop it",
    "he's got a grape stuck in his throat",
    "he's got a sweet lodged in his windpipe",
    # an adult hurting the child, a child alone and young, a fire, gas
    "nobody is home and the baby's been crying for hours",
    "there's smoke pouring out of the kitchen and the kids are upstairs",
    "i can smell gas in the flat and the kids are asleep",
    "the dad with the injunction is at reception right now",
    # a hedge said of now, a word typed fast
    "i think she might be choking on something",
    "hes chocking on sumthin",
    "she is unconsous on the floor",
    # safe said, and the emergency still going after it: a message that says both is unsure
    "the paramedics are with her, but she's still a funny dusky colour",
    "she's safe with me now but she's still really muddled and sweaty",
    # more threats and harms said now
    "he's holding the baby by the legs over the balcony",
    "there are two men in a car outside waiting for her and she's scared",
    "she says she's been given something to drink and feels really weird",
    "she's just messaged saying goodbye and that she's sorry",
    "he's been bitten by the dog and it's really deep",
    "he's had his head kicked in outside the chippy",
    "my lad's just come in stabbed in the leg",
    "mum's on the floor and the toddler is trying to wake her",
    "the kids have been left with no electricity or heat and it's minus 3",
]

NOT_NOW = [
    # past
    "his lips went a funny grey colour at the weekend",
    "she went a weird greyish colour round her mouth last winter",
    "she was really muddled and sweaty at lunch yesterday, her sugars were low",
    "he had a load of his nan's pills back in March",
    "blood was pouring from his arm when he came in last week",
    # hypothetical, a plan, a question
    "if his lips go a funny grey colour the plan says ring 999",
    "what would we do if she drank bleach",
    # training, a film
    "in first aid training we practised what to do if a child has a grape stuck in his throat",
    "the video showed a boy whose lips had gone a funny grey colour",
    # fears, the future
    "mum is terrified he'll swallow one of those washing pods",
    "I worry that one day dad will turn up with a bat",
    # settled: help has come, safe now
    "his lips have gone a funny grey colour but the paramedics are with him now and he's ok",
    "he's fine now, breathing normally and chatting",
    # negated
    "no, he's not bleeding and his colour is fine",
    # a habit
    "she gets sweaty and shaky when her sugars drop, about once a month",
    "he gets pale and shaky when he hasn't eaten",
    # a hedge of the future, not of now
    "she might choke on those grapes",
    # ordinary life said in the same words
    "the baby sleeps on her own in the cot",
    "he walks home alone from school, he's 14",
    "he was bitten by a dog when he was 3 and is scared of them",
    "she tried to wake mum but mum was fine, just tired",
    "dad said goodbye and moved out last year",
    "we had a knife crime workshop, a boy was stabbed in the film",
    "mum collapsed drunk on christmas day and he had to ring 999, he was 8",
]

ORDINARY = [
    ("attendance_declining", "her attendance has dropped off a cliff since Easter"),
    ("medication_adherence", "she's had her tablets today"),
    ("medication_adherence", "he has had his meds"),
    ("medication_adherence", "the inhaler is out of date"),
    ("missed_appointments_12m", "mum is really muddled about the appointments"),
    ("living_situation_unstable", "mum's been kicked out and they're staying at her sister's"),
    ("child_distress", "he's terrified of having another seizure at school"),
    ("child_distress", "she's fine in school, can't speak for how she is at home"),
    ("medication_adherence", "mum struggles to wake him for school so he misses his morning dose"),
    ("living_situation_unstable", "the flat has no heating and mum can't afford the electric"),
    ("unplanned_admissions_12m", "he has had his seizures since he was two, one admission"),
]


# Written for the check, then learnt by the strict screen itself (stop 13's danger fixes):
# they must stay danger now, never fall back to a check or an ordinary reply.
LEARNT_BY_THE_SCREEN = [
    "he's had a load of his nan's heart pills, we think about half an hour ago",
    "mum's boyfriend is laying into him in the kitchen",
    "her boyfriend has turned up at the hospital and is trying to drag her out",
]


@pytest.mark.parametrize("text", LEARNT_BY_THE_SCREEN)
def test_emergencies_the_screen_has_learnt_stay_danger_now(text):
    assert read(text).danger_now
    assert read(f"often missed. {text}", asked="medication_adherence").danger_now


@pytest.mark.parametrize("text", EMERGENCIES)
def test_words_of_an_emergency_the_screen_does_not_know_are_asked_about(text):
    reading = read(text)
    assert reading.danger_now is None  # never the 999 reply on these words alone
    found = reading.finding("immediate_danger")
    assert found is not None and found.value == "yes" and not found.confident
    words = reading.extra["danger_check"]
    assert words and found.evidence == words
    assert all(part in text for part in words.split("; "))  # the words as typed


@pytest.mark.parametrize("text", EMERGENCIES[:6])
def test_the_check_is_offered_at_any_question_after_the_answer_to_it(text):
    reading = read(f"often missed. {text}", asked="medication_adherence")
    assert reading.danger_now is None
    facts = [f.fact for f in reading.findings]
    assert "immediate_danger" in facts
    if "medication_adherence" in facts:
        assert facts.index("medication_adherence") < facts.index("immediate_danger")
    assert reading.finding("immediate_danger").confident is False


def test_a_no_to_immediate_danger_beside_words_of_an_emergency_is_asked_about():
    reading = read("no, but his lips have gone a funny grey colour", asked="immediate_danger")
    found = reading.finding("immediate_danger")
    assert found is not None and found.value == "yes" and not found.confident


def test_no_check_when_the_kind_of_danger_is_asked_the_danger_is_known():
    reading = read("his lips have gone a funny grey colour", asked="danger_kind")
    assert "danger_check" not in reading.extra


@pytest.mark.parametrize("text", NOT_NOW)
def test_the_same_words_not_said_of_now_are_not_asked_about(text):
    reading = read(text)
    assert "danger_check" not in reading.extra
    found = reading.finding("immediate_danger")
    assert found is None or found.value != "yes"
    assert reading.danger_now is None


@pytest.mark.parametrize("asked,text", ORDINARY)
def test_ordinary_answers_are_not_asked_about(asked, text):
    reading = read(text, asked=asked)
    assert "danger_check" not in reading.extra
    assert reading.danger_now is None


def test_a_fault_in_the_check_never_stops_the_reading(monkeypatch):
    import bot.reading.danger_check as danger_check

    def broken(*_: object) -> None:
        raise ValueError("a pattern that does not compile")

    monkeypatch.setattr(danger_check, "_check", broken)
    assert read("he's not breathing").danger_now  # the danger screen goes on
    reading = read("his lips have gone a funny grey colour", asked="medication_adherence")
    assert "danger_check" not in reading.extra and reading.problem is not None


def test_the_word_lists_a_safeguarding_lead_extends_are_read_and_compile():
    data = _data()
    for key in ("alone", "with_now", "now_words", "not_now", "frame_not_now", "past_before"):
        assert data.get(key), key
        assert len(_patterns(key)) == len(data[key])
    assert any(entry.get("lasting") for entry in data["alone"])


def test_on_the_dev_set_the_check_asks_rarely_where_there_is_no_danger(capsys):
    """Targets: at most 1 % of the ordinary answers and 5 % of the not-now statements asked;
    the danger now the screen missed, asked (recall printed)."""
    from tests.reading import devset

    checks = devset.score_checks()
    with capsys.disabled():
        print("\n[reading dev set]", checks.line())
    assert checks.answers_asked <= 0.01 * checks.answers, "\n".join(checks.notes)
    assert checks.not_now_asked <= 0.05 * checks.not_now, "\n".join(checks.notes)
