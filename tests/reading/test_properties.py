"""Property checks: no negated or hedged concern, and no hedged or doubted reassurance,
ever yields the reassuring value, whichever words and framing are combined."""

from __future__ import annotations

import itertools
import random

import pytest

from bot.reading import read
from bot.reading.reader import read_message
from bot.reading.rules import fact_readings

REASSURANCES = {
    "medication_adherence": ["she gives it every day", "it's given as prescribed",
                             "he takes his preventer every day", "mum gives the inhaler"],
    "carer_substance_misuse": ["mum doesn't drink", "no drug use at home", "dad doesn't use drugs"],
    "other_parent_involved": ["dad has been told", "dad knows", "dad is involved"],
    "day_in_life_known": ["we know his routine", "we can describe her day"],
    "management_plan": ["the plan is up to date", "the care plan was reviewed recently"],
    "living_situation_unstable": ["they live at the same address", "stable housing"],
}  # fmt: skip
CONCERNS = {
    "medication_adherence": ["missed doses", "skipped doses", "hit and miss"],
    "carer_substance_misuse": ["dad drinks", "mum is using drugs", "mum smells of alcohol"],
    "child_distress": ["he's scared", "she cries every day", "she's frightened of going home"],
    "living_situation_unstable": ["they moved three times", "sofa surfing", "homeless"],
    "medication_misuse": ["the inhaler was adapted", "dad is selling her meds"],
    "attendance_declining": ["attendance has dropped", "grades are slipping"],
}  # fmt: skip
NEGATED_CONCERNS = {
    "medication_adherence": ["no missed doses", "she never misses doses", "doses aren't skipped"],
    "carer_substance_misuse": ["dad doesn't drink", "mum isn't using drugs", "no smell of alcohol",
                               "there's no sign that mum is using drugs",
                               "no evidence of drug use"],
    "child_distress": ["he's not scared", "she doesn't cry", "she's not frightened of going home",
                       "there's no sign that he's scared", "no signs of distress"],
    "living_situation_unstable": ["they haven't moved", "not sofa surfing", "not homeless"],
    "medication_misuse": ["the inhaler wasn't adapted", "no sign that dad is selling her meds",
                          "nobody is selling her meds"],
    "attendance_declining": ["attendance hasn't dropped", "grades aren't slipping"],
}  # fmt: skip
HEDGES = ["I think {x}", "{x} I think", "maybe {x}", "apparently {x}", "mum says {x}",
          "{x}, not confirmed", "possibly {x}", "{x} allegedly", "I believe {x}"]  # fmt: skip
DOUBTS = ["I doubt {x}", "I'm not convinced {x}", "not sure {x}", "{x} but I'm not convinced",
          "I don't think {x}", "I'm not sure that {x}"]  # fmt: skip


def _reassuring(fact: str) -> set[str]:
    return set(fact_readings()[fact].reassuring)


def _concerning(fact: str) -> set[str]:
    return set(fact_readings()[fact].concerning)


@pytest.mark.parametrize("asked", [None, "asked"])
@pytest.mark.parametrize(
    ("fact", "phrase", "frame"),
    [(f, p, t) for f, ps in REASSURANCES.items() for p in ps for t in HEDGES + DOUBTS],
)
def test_a_hedged_or_doubted_reassurance_never_reassures(fact, phrase, frame, asked):
    reading = read(frame.format(x=phrase), asked=fact if asked else None)
    finding = reading.finding(fact)
    if finding is not None:
        assert finding.value not in _reassuring(fact), (frame.format(x=phrase), finding)


@pytest.mark.parametrize("asked", [None, "asked"])
@pytest.mark.parametrize(
    ("fact", "text"), [(f, t) for f, ts in NEGATED_CONCERNS.items() for t in ts]
)
def test_a_negated_concern_is_never_the_concern(fact, text, asked):
    finding = read(text, asked=fact if asked else None).finding(fact)
    if finding is not None:
        assert finding.value not in _concerning(fact), (text, finding)


@pytest.mark.parametrize(("fact", "phrase"), [(f, p) for f, ps in CONCERNS.items() for p in ps])
def test_a_plain_concern_is_read_as_the_concern(fact, phrase):
    finding = read(phrase, asked=fact).finding(fact)
    assert finding is not None and finding.value in _concerning(fact), (phrase, finding)


@pytest.mark.parametrize(
    ("phrase", "frame"), list(itertools.product(CONCERNS["carer_substance_misuse"], HEDGES))
)
def test_hedged_carer_substance_misuse_is_suspected(phrase, frame):
    finding = read(frame.format(x=phrase), asked="carer_substance_misuse").finding(
        "carer_substance_misuse"
    )
    assert finding is not None and finding.value == "suspected", frame.format(x=phrase)


def test_random_text_never_raises():
    rng = random.Random(10)
    alphabet = "abcdefghijklmnopqrstuvwxyz '’,.!?%&-0123456789\n\té😀"
    vocabulary = "not no never but if had last week mum dad drinks blue breathing 999 % asthma"
    vocabulary_words = vocabulary.split()
    for _ in range(400):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        else:
            text = " ".join(rng.choice(vocabulary_words) for _ in range(rng.randint(1, 15)))
        asked = rng.choice([None, *fact_readings()])
        read_message(text, asked=asked)  # the reading itself, without the safety net around it


PLAIN_HEDGED_YES = ["yes I think so", "I think so yes", "probably yes", "yes, apparently",
                    "yes mum says so", "yes as far as I know", "I believe so", "maybe",
                    "yes but I'm not sure", "supposedly", "I'm told so", "should be"]  # fmt: skip
PLAIN_HEDGED_NO = ["I don't think so", "probably not", "not that I know of really, not sure",
                   "no I think", "I doubt it", "no but I'm not certain", "hopefully not",
                   "no, apparently", "mum says no", "I wouldn't say so"]  # fmt: skip


def _reassuring_answer_facts(answer: str) -> list[str]:
    facts = fact_readings()
    return [
        name
        for name, fact in facts.items()
        if getattr(fact, answer) is not None and getattr(fact, answer) in fact.reassuring
    ]


@pytest.mark.parametrize("text", PLAIN_HEDGED_YES)
@pytest.mark.parametrize("fact", _reassuring_answer_facts("yes"))
def test_a_hedged_yes_never_records_a_reassuring_yes(fact, text):
    finding = read(text, asked=fact).finding(fact)
    assert finding is None or finding.value not in _reassuring(fact), (text, finding)


@pytest.mark.parametrize("text", PLAIN_HEDGED_NO)
@pytest.mark.parametrize("fact", _reassuring_answer_facts("no"))
def test_a_hedged_no_never_records_a_reassuring_no(fact, text):
    finding = read(text, asked=fact).finding(fact)
    assert finding is None or finding.value not in _reassuring(fact), (text, finding)


QUALIFIED = ["yes, but only at school", "yes on the days she's with mum", "given when she's wheezy",
             "yes in theory", "yes, except at weekends", "yes unless she's at dad's",
             "fine, but I'm not there in the evenings"]  # fmt: skip


@pytest.mark.parametrize("text", QUALIFIED)
@pytest.mark.parametrize("fact", ["medication_adherence", "management_plan", "day_in_life_known"])
def test_a_qualified_reassurance_is_never_recorded_as_reassurance(fact, text):
    finding = read(text, asked=fact).finding(fact)
    assert finding is None or finding.value not in _reassuring(fact), (text, finding)
