"""The conversation turn by turn, without Rasa: ``bot.conversation.dialogue.respond``.

``Talk`` keeps the slots between turns as the Rasa form would (the fact asked
becomes ``requested_slot``; the form is active while a question is open).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import bot
from bot.conversation.dialogue import respond
from bot.conversation.first_steps import first_steps
from bot.conversation.questions import fact_order, question

START = ["hello", "no", "school", "she's seven", "asthma"]


class Talk:
    """A conversation held with ``respond``, slot by slot."""

    def __init__(self) -> None:
        self.slots: dict[str, Any] = {}
        self.in_form = False
        self.messages: list[dict[str, Any]] = []

    def say(self, *texts: str) -> str:
        for text in texts:
            turn = respond(text, self.slots, self.in_form)
            self.slots.update(turn.slots)
            self.slots["requested_slot"] = turn.ask
            self.in_form = turn.ask is not None
            self.messages = turn.messages
        return self.text

    @property
    def text(self) -> str:
        return "\n".join(m["text"] for m in self.messages)

    @property
    def asked(self) -> str | None:
        return self.slots.get("requested_slot")

    @property
    def payload(self) -> dict[str, Any] | None:
        found = [m["json_message"] for m in self.messages if "json_message" in m]
        return found[-1] if found else None

    def buttons(self) -> list[str]:
        return [b["title"] for m in self.messages for b in m.get("buttons", [])]


def test_the_greeting_says_the_disclaimer_once_and_asks_immediate_danger_first():
    talk = Talk()
    talk.say("hello")
    assert "999" in talk.text and "names" in talk.text
    assert talk.asked == "immediate_danger"
    talk.say("no")
    assert "do not replace" not in talk.text


def test_each_answer_is_said_back_in_plain_words():
    talk = Talk()
    talk.say(*START, "out of date", "about 15")
    assert talk.text.startswith("Noted: reliever inhalers in the last 12 months: 15.")
    talk.say("often missed")
    assert "Noted: regular medicine often missed." in talk.text


@pytest.mark.parametrize(
    "said", ["he's not breathing", "she's been fitting for ten minutes", "he's gone blue"]
)
def test_danger_mid_form_gives_999_first_steps_and_asks_the_kind_in_one_reply(said):
    talk = Talk()
    talk.say(*START, said)
    assert talk.text.startswith("Call 999 now")
    assert "the same day" in talk.text
    assert first_steps("asthma")[0] in talk.text
    assert talk.asked == "danger_kind"
    assert talk.buttons() == ["Urgent medical help", "Harm from a person", "Both", "Not sure"]
    assert talk.slots["immediate_danger"] == "yes"
    talk.say("medical")
    assert talk.payload is not None and talk.payload["assessment"]["level"] == "immediate"
    assert "carry on" in talk.text and "Carry on" in talk.buttons()
    talk.say("carry on")
    assert talk.asked == "management_plan"


@pytest.mark.parametrize(
    "said",
    ["paramedics are with her now, she's safe, carry on", "ok he is stable now", "yes, keep going"],
)
def test_carrying_on_after_an_emergency_can_be_said_in_a_sentence(said):
    talk = Talk()
    talk.say(*START, "he's gone blue", "medical", said)
    assert talk.asked == "management_plan"
    assert talk.slots["immediate_danger"] == "yes"


@pytest.mark.parametrize("said", ["carry on, he still can't breathe", "he's not ok", "is he safe?"])
def test_danger_or_doubt_after_an_emergency_is_not_taken_as_carry_on(said):
    talk = Talk()
    talk.say(*START, "he's gone blue", "medical", said)
    assert talk.asked != "management_plan"


@pytest.mark.parametrize(
    "said", ["he had a bad attack last week", "we called 999 last month", "what if he collapsed"]
)
def test_a_past_or_hypothetical_event_never_gives_the_999_reply(said):
    talk = Talk()
    talk.say(*START, said)
    assert "Call 999 now" not in talk.text
    assert talk.slots["immediate_danger"] == "no"


def test_danger_before_the_questions_and_after_the_decision():
    talk = Talk()
    talk.say("she can't breathe")
    assert talk.text.startswith("Call 999 now") and talk.asked == "danger_kind"
    finished = Talk()
    finished.say("hello", "yes", "harm")
    assert finished.payload is not None
    finished.say("now he's collapsed")
    assert finished.text.startswith("Call 999 now") and finished.asked == "danger_kind"


def test_yes_to_the_first_question_gives_the_same_danger_reply():
    talk = Talk()
    talk.say("hello", "yes")
    assert talk.text.startswith("Call 999 now")
    assert first_steps(None)[0] in talk.text
    assert talk.asked == "danger_kind"


def test_not_sure_about_danger_says_act_as_if_and_goes_on():
    talk = Talk()
    talk.say("hello", "not sure")
    assert "act as if the child is in danger" in talk.text
    assert talk.asked == "reporter_role"


def test_a_hedge_is_confirmed_before_it_is_recorded():
    talk = Talk()
    talk.say(*START, "I think it's up to date")
    assert "I read that as: **care plan out of date** — is that right?" in talk.text
    assert talk.buttons() == ["Yes", "No, change it", "Don't know"]
    assert talk.slots.get("management_plan") is None and talk.asked == "management_plan"
    talk.say("yes")
    assert talk.slots["management_plan"] == "out_of_date"
    assert talk.asked == "reliever_prescriptions_12m"
    talk.say("undo")
    assert talk.slots["management_plan"] is None and talk.slots["condition"] == "asthma"


def test_no_to_a_confirmation_asks_again_with_every_answer():
    talk = Talk()
    talk.say(*START, "I think it's up to date", "no, change it")
    assert talk.slots.get("management_plan") is None
    assert talk.asked == "management_plan"
    assert "Skip (don't know)" in talk.buttons()


def test_a_hedged_carer_drinking_is_recorded_as_suspected_never_yes_or_no():
    talk = Talk()
    talk.say(*START, "out of date", "4", "given", "none", "none", "no", "90%", "no", "no")
    assert talk.asked == "carer_substance_misuse"
    talk.say("dad drinks I think, not confirmed")
    assert "Noted: carer drug or alcohol misuse suspected." in talk.text
    assert talk.slots["carer_substance_misuse"] == "suspected"


def test_a_doubt_is_never_offered_as_reassurance():
    talk = Talk()
    talk.say(*START, "out of date", "4", "I doubt it's given at home")
    assert talk.slots.get("medication_adherence") != "good"
    assert "given as prescribed" not in talk.text.split("\n")[0]


def test_an_opening_paragraph_fills_what_it_states_and_asks_only_what_is_missing():
    talk = Talk()
    talk.say("Hi, I'm a class teacher. I'm worried about a 7 year old with asthma, attendance 60%.")
    assert "I understood:" in talk.text
    for line in ("your role: school", "age: 7", "condition: asthma", "attendance this year: 60%"):
        assert line in talk.text
    assert talk.slots["reporter_role"] == "school" and talk.slots["school_attendance_pct"] == 60
    talk.say("yes")
    assert talk.asked == "immediate_danger"
    asked = []
    for _ in range(25):
        if talk.asked is None:
            break
        asked.append(talk.asked)
        talk.say("don't know" if talk.asked != "immediate_danger" else "no")
    assert not {"reporter_role", "child_age_years", "condition", "school_attendance_pct"} & set(
        asked
    )


def test_a_role_in_the_greeting_counts():
    talk = Talk()
    talk.say("hello, I'm the school nurse")
    assert talk.slots["reporter_role"] == "health"
    assert "Noted: your role: health" in talk.text
    talk.say("no")
    assert talk.asked == "child_age_years"


def test_a_date_of_birth_gives_the_age_and_is_not_kept():
    from datetime import date

    from bot.reading import read

    found = read("born 03/03/2019", today=date(2026, 12, 1)).findings
    assert [(f.fact, f.value) for f in found] == [("child_age_years", 7)]
    assert "2019" not in found[0].evidence


def test_go_back_undoes_only_the_last_answer():
    talk = Talk()
    talk.say(*START, "out of date", "go back")
    assert talk.slots["management_plan"] is None
    assert talk.slots["condition"] == "asthma"
    assert talk.text.startswith("Undone: care plan")
    assert talk.asked == "management_plan"


@pytest.mark.parametrize("said", ["stop", "start again"])
def test_stop_and_start_again_ask_before_clearing(said):
    talk = Talk()
    talk.say(*START, said)
    assert talk.slots["condition"] == "asthma"
    assert talk.buttons() == ["Yes, clear my answers", "No, keep them"]
    talk.say("no")
    assert talk.slots["condition"] == "asthma" and talk.asked == "management_plan"
    talk.say(said, "yes")
    assert talk.slots["condition"] is None
    assert talk.asked == ("immediate_danger" if said == "start again" else None)


def _decided(*extra: str) -> Talk:
    talk = Talk()
    answers = ["out of date", "4", "given", "twice", "none", "no", "85%", "no", "yes", "no"]
    answers += ["no", "yes", "yes", "none", *extra]
    talk.say(*START, *answers)
    return talk


def test_a_correction_after_the_decision_says_what_changed_and_decides_again():
    talk = _decided()
    assert talk.payload is not None
    talk.say("actually attendance is 45%")
    assert talk.text.startswith("Changed: school attendance this year 85% → 45%.")
    payload = talk.payload
    assert payload is not None and payload["facts"]["school_attendance_pct"] == 45
    assert payload["assessment"] == bot.decide(payload["facts"])
    assert talk.slots["changes"] == [
        {"fact": "school_attendance_pct", "label": question("school_attendance_pct").label,
         "from": "85%", "to": "45%"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("said", "fact", "value"),
    [
        ("sorry, she's 8", "child_age_years", 8),
        ("it's only suspected", "carer_substance_misuse", "suspected"),
        ("he does stay at friends of the family sometimes", "living_situation_unstable", "yes"),
    ],
)
def test_corrections_in_natural_words_change_the_right_fact(said, fact, value):
    talk = _decided()
    talk.say(said)
    if "I read that as:" in talk.text:  # a reading not clear enough is confirmed first
        talk.say("yes")
    assert talk.slots[fact] == value
    assert talk.payload is not None and talk.payload["facts"][fact] == value
    assert talk.slots["medication_adherence"] == "good"  # nothing else changed in passing


def test_not_in_danger_after_all_takes_the_questions_up_again():
    talk = Talk()
    talk.say("hello", "yes", "medical")
    assert talk.payload is not None
    talk.say("actually she's not in immediate danger")
    assert "Changed: in immediate danger yes → no." in talk.text
    assert talk.slots["immediate_danger"] == "no" and talk.asked == "reporter_role"


def test_a_correction_to_the_same_value_says_nothing_changed():
    talk = _decided()
    talk.say("actually the condition is asthma")
    assert talk.text.startswith("No change: condition is already asthma.")


def test_the_cards_change_button_asks_that_question_again_and_shows_the_change():
    talk = _decided()
    talk.say("change attendance")
    assert talk.asked == "school_attendance_pct"
    talk.say("60%")
    assert "Changed: school attendance this year 85% → 60%." in talk.text
    assert talk.payload is not None and talk.payload["facts"]["school_attendance_pct"] == 60
    talk.say("undo")
    assert talk.slots["school_attendance_pct"] == 85
    assert talk.payload is not None and talk.payload["facts"]["school_attendance_pct"] == 85


def test_the_practitioners_words_are_kept_as_evidence_for_concerning_answers():
    talk = Talk()
    talk.say(*START, "out of date", "4", "given", "twice", "none", "no", "85%", "no")
    talk.say("yes, she's scared she'll die in her sleep")
    assert talk.slots["evidence"]["child_distress"] == "she's scared she'll die in her sleep"
    assert "medication_misuse" not in talk.slots["evidence"]


@pytest.mark.parametrize(
    ("fact_answers", "said", "accepted"),
    [
        ([], "40", "0 to 17"),
        (["4", "given", "none", "none", "no"], "140%", "percentage"),
        ([], "", "I didn't get an answer"),
        ([], "x" * 5000, "longer than I can"),
        ([], "je ne sais pas", "only read answers in English"),
    ],
)
def test_bad_input_is_asked_again_saying_what_is_accepted(fact_answers, said, accepted):
    talk = Talk()
    talk.say("hello", "no", "school")
    if fact_answers:
        talk.say("7", "asthma", "out of date", *fact_answers)
    asked = talk.asked
    talk.say(said)
    assert accepted in talk.text and "_" not in talk.text.split("This question")[0]
    assert talk.asked == asked and talk.slots.get(asked) is None


def test_under_five_skips_school_and_other_conditions_skip_inhalers():
    talk = Talk()
    talk.say("hello", "no", "health", "4", "epilepsy", "current")
    assert talk.slots["school_attendance_pct"] == "not_applicable"
    assert talk.asked == "medication_adherence"


def test_asides_answer_and_go_back_to_the_question():
    talk = Talk()
    talk.say(*START, "why do you ask?")
    assert question("management_plan").why in talk.text
    assert "Back to the question:" in talk.text and talk.asked == "management_plan"
    talk.say("summary")
    assert "once the questions are answered" in talk.text
    talk.say("call 999?")
    assert "call 999 now" in talk.text and talk.asked == "management_plan"


@pytest.mark.parametrize("fact", [f for f in fact_order() if f != "danger_kind"])
def test_the_change_button_text_names_every_answer(fact):
    from bot.conversation.reading_adapter import hear

    assert hear(f"change {question(fact).label}").extra.get("change") == fact


@pytest.mark.parametrize("fact", fact_order())
def test_the_change_text_of_the_card_names_every_answer(fact):
    """The card's Change button sends "change <the question's first name>" (payload.py)."""
    from bot.conversation.reading_adapter import hear

    assert hear(f"change {question(fact).names[0]}").extra.get("change") == fact


def test_danger_words_answer_the_kind_of_danger_instead_of_starting_over():
    """QA (scenario recording): "she can't breathe" to "what kind?" gave the 999 card again."""
    talk = Talk()
    talk.say("hello", "yes")
    assert talk.asked == "danger_kind"
    talk.say("she needs an ambulance, she can't breathe")
    assert talk.slots["danger_kind"] == "medical"
    assert talk.asked != "danger_kind"


def test_a_value_already_recorded_is_not_asked_to_be_confirmed():
    talk = Talk()
    talk.say(*START)
    assert talk.slots["condition"] == "asthma"
    talk.say("no, the preventer isn't collected")
    assert "condition: asthma" not in talk.text


HEDGED_OPENING = "Teacher here, boy aged 8 with asthma, I think he's been moving between addresses"


def test_the_answer_to_a_confirmation_after_an_opening_goes_to_the_fact_it_confirms():
    talk = Talk()
    talk.say(HEDGED_OPENING)
    assert "I read that as: **age: 8**" in talk.text and talk.asked == "child_age_years"
    talk.say("don't know")
    assert talk.slots["child_age_years"] == "unknown"
    assert talk.slots.get("immediate_danger") is None
    # The next doubtful finding of the same message is confirmed in turn, not asked afresh.
    assert "I read that as: **condition: asthma**" in talk.text and talk.asked == "condition"
    talk.say("yes")
    assert talk.slots["condition"] == "asthma" and talk.asked == "immediate_danger"


def test_what_does_a_term_mean_is_explained_and_the_question_stays_open():
    talk = Talk()
    talk.say("hello", "no", "school")
    talk.say("what does was not brought mean?")
    assert "carer" in talk.text and talk.asked == "child_age_years"


@pytest.mark.parametrize("said", ["sorry, phone's ringing, back in 2", "hang on a sec"])
def test_a_pause_keeps_every_answer_and_the_question_and_records_nothing(said):
    talk = Talk()
    talk.say(*START)
    before = {k: v for k, v in talk.slots.items() if k in fact_order()}
    asked = talk.asked
    talk.say(said)
    assert "answers so far are kept" in talk.text and "999" in talk.text
    assert talk.asked == asked
    assert {k: v for k, v in talk.slots.items() if k in fact_order()} == before


def test_a_question_put_back_is_never_recorded_as_reassurance():
    talk = Talk()
    talk.say(*START)
    while talk.asked != "child_distress":
        talk.say("don't know")
    talk.say("would you be happy if nobody noticed you?")
    assert talk.asked == "child_distress"
    assert talk.slots.get("child_distress") is None


@pytest.mark.parametrize(
    "interruption", ["sorry, phone's going, back in 2", "is that the blue one?"]
)
def test_a_pause_or_a_question_during_a_confirmation_asks_it_again_and_loses_nothing(
    interruption,
):
    talk = Talk()
    talk.say("Hi, school nurse. Year 4 girl with asthma, only 2 preventers collected all year")
    first = talk.text.splitlines()[-1]
    assert "I read that as" in first
    talk.say(interruption)
    assert talk.text.splitlines()[-1] == first
    talk.say("yes")
    while "I read that as" in talk.text:
        talk.say("yes")
    month = datetime.date.today().month
    year_4_age = 8 if month >= 9 or month <= 2 else 9  # a Year 4 class is 8 and 9
    assert talk.slots["child_age_years"] == year_4_age
    assert talk.slots["medication_adherence"] == "poor"


def test_a_never_about_something_else_is_not_an_answer_to_danger():
    talk = Talk()
    talk.say("hello")
    talk.say("loads, mum never takes her")
    assert talk.slots.get("immediate_danger") != "no"


def test_an_answer_already_recorded_typed_at_another_question_says_so_and_asks_again():
    talk = Talk()
    talk.say(*START)
    asked = talk.asked
    talk.say("asthma")
    assert "already asthma" in talk.text and talk.asked == asked


def test_danger_confirmed_at_a_confirmation_gives_the_999_advice_at_once():
    talk = Talk()
    talk.say("hello", "Class teacher. Boy, 6, epilepsy. I can't rule it out")
    assert "I read that as: **in immediate danger now**" in talk.text
    talk.say("yes")
    assert "Call 999 now" in talk.text
    assert first_steps("epilepsy")[0] in talk.text
    assert talk.asked == "danger_kind"
