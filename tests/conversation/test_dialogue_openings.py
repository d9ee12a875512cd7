"""Every development opening paragraph walked through the conversation (no Rasa, seconds).

The practitioner says hello, types the paragraph, confirms what the assistant
offers back ("yes") and answers "don't know" to the rest. A fact the paragraph
states should not be asked again, and should end recorded with a value the set
accepts. A hedged reassurance ("not known to social care as far as I know") is
asked, by design: the practitioner picks the answer. The figures ratchet: worse
than these fails, and every miss is printed.
"""

from __future__ import annotations

from typing import Any

from tests.conversation.test_dialogue import Talk
from tests.reading import devset
from tests.reading.heldout.sets import matches

# of 794 stated facts (the sixth and eighth blind batches added 263), measured 2026-12-01 at
# stop 10; was 7 and 3 of 531. Most asked again are unsure reassurances, asked by design; most
# recorded wrong are this walk tapping "Yes" on a question put back to the practitioner.
# The ninth batch (2026-12-02) adds two asked again, both by design, unsure reassurances asked back:
# "EHA closed 08/26" (none, to confirm) and "seizure plan was done in March" (current, to confirm);
# It also added one recorded wrong ("... per dad's own diary" offered back as "in immediate danger
# now?"), gone again once a hedged number stopped answering the danger question: 15 and 9 of 924.
# The eleventh batch (2026-12-02, stop 12) adds 145 stated facts: 19 and 13 of 1069. Of the new
# ones asked again, two are unsure "none"s asked back by design; of the new recorded wrong, all are
# on the side of concern ("the older brother is the one with the drug problem" recorded as carer
# misuse after the walk taps "Yes") or not recorded at all, none a reassurance.
# The thirteenth batch (stop 13) adds 140 stated facts: 25 and 15 of 1209. The 19 asked again
# of the earlier batches are still 19; the six new ones are unsure answers asked back by design
# ("involved but closed" is none, to confirm) and facts a long paragraph gives only half of.
# The fourteenth batch (stop 14) adds 157 stated facts: 37 and 20 of 1366. The 25 and 15 of the
# earlier batches are still 25 and 15; of the new, 12 asked again (19 before this stop's openings
# work) and 5 recorded wrong (6 before), one of them a reassurance ("who does the nebs" not known,
# recorded as known: day_in_life_known on the ward sister's paragraph), to be looked at.
MOST_ASKED_AGAIN = 37
MOST_RECORDED_WRONG = 20
PLAIN = {"immediate_danger": "no", "reporter_role": "school", "condition": "asthma",
         "child_age_years": "9"}  # fmt: skip


def _walk(text: str) -> tuple[list[str], dict[str, Any]]:
    talk = Talk()
    talk.say("hello")
    talk.say(text)
    asked: list[str] = []
    for _ in range(40):
        if talk.payload is not None:
            break
        if (
            talk.buttons()[:1] == ["Yes"]
            and talk.asked not in PLAIN
            or "I read that as" in talk.text
        ):
            talk.say("yes")
            continue
        if talk.asked is None:
            break
        asked.append(talk.asked)
        talk.say(PLAIN.get(talk.asked, "don't know"))
    return asked, talk.slots


def test_dev_openings_are_used_and_not_asked_again(capsys):
    again, wrong, stated = [], [], 0
    for case in devset.load_all("openings", "openings"):
        if "yes" in [str(v) for v in case["facts"].get("immediate_danger", [])]:
            continue  # a danger-now opening goes to the 999 reply first
        asked, slots = _walk(case["text"])
        for fact, accepted in case["facts"].items():
            stated += 1
            if fact in asked:
                again.append(f"asked again {fact}: {case['text'][:70]!r}")
            elif not matches(slots.get(fact), [v for v in accepted if v != "ask"]):
                wrong.append(f"recorded {fact}={slots.get(fact)!r}: {case['text'][:70]!r}")
    with capsys.disabled():
        print(f"\n[dev openings, dialogue] {stated} stated facts: {len(again)} asked again, "
              f"{len(wrong)} recorded wrong")  # fmt: skip
    assert len(again) <= MOST_ASKED_AGAIN, "\n".join(again)
    assert len(wrong) <= MOST_RECORDED_WRONG, "\n".join(wrong)
