"""A referral summary with no names that fits one screen, then a short appendix.

The first part is what a reader acts on, in plain words: the level and why,
what is not known and who to ask, what happens next, and what is working well.
The appendix below it keeps the record: every answer given, the rules (with
their ids) and the sources. Plain Python, no Rasa.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation.presentation import (
    concern,
    decision_view,
    gap_label,
    in_sentence,
    rank,
    shown,
    who_to_ask,
    working_well,
)
from bot.conversation.render import locality, policy

APPENDIX_HEADING = "Appendix (for the record)"
MAX_REASONS = 2
URGENCY = {"now": 0, "today": 1, "within 2 working days": 2, "routine": 3}


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _you_name(name: str) -> str:
    """ "You (the child's school)" as it reads inside a list: "you (the child's school)"."""
    return name[:1].lower() + name[1:]


def _concerning_answers(
    decision: Mapping[str, Any], evidence: Mapping[str, str] | None
) -> list[str]:
    """Each fact behind a concern once, with the practitioner's own words when given."""
    seen: dict[str, str] = {}
    quotes = {k: v for k, v in (evidence or {}).items() if v}
    for item in decision.get("fired") or []:
        if item.get("level") in ("universal", "immediate"):
            continue
        for fact, value in (item.get("because") or {}).items():
            seen.setdefault(str(fact), concern(str(fact), value))
    return [f'{text} ("{quotes[f]}")' if f in quotes else text for f, text in seen.items()]


def summary_parts(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any | None = None,
    *,
    evidence: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Return the summary's two parts: the one-screen main part and the appendix."""
    place = place or locality()
    view = decision_view(decision, facts, place, evidence)
    level = decision["level"]
    highest = (decision.get("range") or {}).get("highest", level)
    urgent = view["emergency"]
    title = urgent["title"] if urgent else place.level_label(level)
    main = [
        "Referral summary - no names (add them only in your secure form)",
        "",
        f"Level {rank(level)} of 5: {title}. "
        f"{urgent['call'] if urgent else place.timescale(level)}",
    ]
    if rank(highest) > rank(level):
        main.append(f"Could be as high as {place.level_label(highest)} while answers are unknown.")
    elif not urgent:
        main.append("On what is known, no unknown answer could raise it.")
    concerns = [r for r in view["reasons"] if r["level"] not in ("universal", "immediate")]
    more = len(concerns) > MAX_REASONS
    main += [
        "",
        f"Why (main reasons; all {len(concerns)} in the appendix):" if more else "Why:",
    ]
    if urgent:
        main.append(f"- {urgent['meaning'] or place.level_meaning('immediate')}")
    for reason in concerns[:MAX_REASONS]:
        main.append(f"- {reason['title']}")
    answers = _concerning_answers(decision, evidence)
    if answers:
        main.append("Concerning answers: " + "; ".join(answers) + ".")
    if not concerns and not urgent:
        main.append("- No rule raised a concern on the answers given.")
    unknown = [
        {"fact": f, "who": who_to_ask(f, facts.get("reporter_role"))}
        for f, v in facts.items()
        if v == "unknown" and f not in {g["fact"] for g in view["find_out"]}
    ]
    if view["find_out"] or unknown:
        main += ["", "Not known yet:"]
        for item in [*view["find_out"], *unknown]:
            who = f" - {item['who']}" if item["who"] else ""
            main.append(f"- {gap_label(item['fact'])}{who}")
    main += ["", "What happens next:"]
    if urgent:
        main.append(f"- {urgent['then']}")
    people = [{**you, "name": _you_name(you["name"])} for you in view["you"]]
    people += view["contacts"]
    if people:
        by_when: dict[str, list[str]] = {}
        for person in sorted(people, key=lambda c: URGENCY.get(c["when"], 9)):
            by_when.setdefault(person["when_words"], []).append(person["name"])
        for when, names in by_when.items():
            main.append(f"- {_sentence(when)}: {', '.join(in_sentence(n) for n in names)}.")
    else:
        main.append("- No other agency needs to be contacted now.")
    well = working_well(facts)
    if well:
        main += ["", "Working well:"] + [f"- {item}" for item in well]

    appendix = [APPENDIX_HEADING]
    given = [shown(f, v) for f, v in facts.items() if v is not None and v != "unknown"]
    if given:
        appendix.append("Answers given: " + "; ".join(given) + ".")
    fired = decision.get("fired") or []
    if fired:
        appendix.append(
            "Rules: " + "; ".join(f"{r['title']} [{r['rule']}]" for r in view["reasons"]) + "."
        )
    cited: list[str] = []
    for item in fired:
        cited += [s for s in item.get("sources") or [] if s not in cited]
    if cited:
        appendix.append("Sources: " + "; ".join(f"{s}: {_citation(s)}" for s in cited) + ".")
    appendix.append(
        f"Decision support, threshold policy version {decision.get('policy_version', '?')}. "
        "It does not replace your professional judgement or local procedures."
    )
    return "\n".join(main), "\n".join(appendix)


def referral_summary(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any | None = None,
    *,
    evidence: Mapping[str, str] | None = None,
) -> str:
    """Return a referral summary of one assessment; it never contains names.

    Args:
        decision: the contract's decision object.
        facts: the facts it was made from.
        place: the locality; the configured one when omitted.
        evidence: the practitioner's own short phrase for concerning findings,
            by fact; quoted beside the finding.
    """
    main, appendix = summary_parts(decision, facts, place, evidence=evidence)
    return f"{main}\n\n{appendix}"


def _citation(source_id: str) -> str:
    source = policy().sources.get(source_id)
    return str(source.citation) if source is not None else source_id
