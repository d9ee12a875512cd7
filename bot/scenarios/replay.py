"""`python -m bot replay`: list, replay and quiz the training scenarios.

    python -m bot replay --list                      scenarios and their learning points
    python -m bot replay review_weekend              replay against the running assistant
    python -m bot replay review_weekend --check      exit 1 if the level is not the expected one
    python -m bot replay review_weekend --html f.html   the transcript as a page to show
    python -m bot replay --quiz review_weekend       the trainee chooses, then compares

Replay sends the story's user turns through the REST channel of the assistant
at ``--url`` (default: the configured Rasa port, ``RASA_PORT`` in the
environment or ``.env``, on this machine). When nothing answers there and
no ``--url`` was given, it trains if needed and starts its own pair of servers
on free ports for the replay, then stops them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from bot.scenarios.library import (
    SCENARIO_DIR,
    Scenario,
    ScenarioError,
    find_scenario,
    load_scenarios,
)
from bot.scenarios.quiz import plain_facts
from bot.scenarios.transcript import Transcript, render_html, render_text


def default_url() -> str:
    """The configured assistant's base URL (ASSISTANT_HOST and RASA_PORT, via bot.settings)."""
    from bot.settings import get_settings

    settings = get_settings()
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"http://{host}:{settings.rasa_port}"


class ReplayError(RuntimeError):
    """The replay could not reach or start the assistant; the message says what to do."""


def listing(scenarios: Sequence[Scenario]) -> str:
    """Each scenario's name, expected level, title and learning point."""
    lines = []
    for scenario in scenarios:
        lines.append(f"{scenario.name}  [{scenario.expected_level}]  {scenario.title}")
        lines.append(f"    Learning point: {scenario.learning_point}")
    return "\n".join(lines)


def answers(url: str) -> bool:
    """Whether a Rasa server answers at this base URL."""
    try:
        return requests.get(url.rstrip("/") + "/", timeout=3).status_code == 200
    except requests.RequestException:
        return False


def rest_headers() -> dict[str, str]:
    """The REST channel's bearer token header, from ``REST_TOKEN`` (none when unset)."""
    from bot.settings import get_settings

    token = get_settings().rest_token
    return {"Authorization": f"Bearer {token}"} if token else {}


def send(url: str, sender: str, message: str) -> list[dict]:
    """Send one message through the REST channel and return the assistant's messages.

    Raises:
        ReplayError: the assistant did not answer or answered with an error.
    """
    try:
        response = requests.post(
            f"{url.rstrip('/')}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=rest_headers(),
            timeout=60,
        )
        response.raise_for_status()
    except requests.RequestException as error:
        raise ReplayError(f"the assistant at {url} did not answer ({error})") from error
    return list(response.json())


def replay(scenario: Scenario, url: str, sender: str | None = None) -> Transcript:
    """Send every user turn of the scenario's story, in a fresh conversation.

    Args:
        scenario: the scenario to replay.
        url: the Rasa server's base URL.
        sender: the conversation id; a new unique one when None.

    Returns:
        The transcript, with the payload of the last decision message.
    """
    conversation = sender or f"replay-{scenario.name}-{uuid.uuid4().hex[:8]}"
    transcript = Transcript(scenario)
    for message in scenario.user_turns:
        transcript.say(message)
        transcript.add_bot_messages(send(url, conversation, message))
    return transcript


@contextmanager
def assistant(url: str | None) -> Iterator[str]:
    """Yield the URL of an assistant that answers.

    With an explicit URL, it must answer. Without one, the default URL is used
    when it answers; otherwise a pair of servers is started on free ports
    (training first if the training data changed) and stopped afterwards.

    Raises:
        ReplayError: the explicit URL does not answer, or the servers could not start.
    """
    if url is not None:
        if not answers(url):
            raise ReplayError(
                f"no assistant answers at {url}; start it with 'make run' or leave out --url"
            )
        yield url
        return
    configured = default_url()
    if answers(configured):
        yield configured
        return
    from bot.serve import ServeError, ServerSet, ensure_model, private_settings

    print(f"No assistant answers at {configured}; starting one for this replay...", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="replay-") as folder:
        settings = private_settings(Path(folder) / "conversations.db")
        servers = ServerSet(settings, log_dir=Path(folder) / "logs")
        try:
            ensure_model()
            servers.start()
            yield servers.rasa_url
        except ServeError as error:
            raise ReplayError(str(error)) from error
        finally:
            servers.stop()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m bot replay`."""
    parser.add_argument("scenario", nargs="?", help="the scenario's name (see --list)")
    parser.add_argument(
        "--list", action="store_true", help="list the scenarios and their learning points"
    )
    parser.add_argument(
        "--quiz", action="store_true", help="ask the trainee for a level and agencies, then compare"
    )
    parser.add_argument(
        "--url",
        help="the assistant's base URL (default: RASA_PORT on this machine, started if silent)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the decision is not the scenario's expected level",
    )
    parser.add_argument(
        "--html", type=Path, metavar="FILE", help="also write the transcript as a web page"
    )
    parser.add_argument(
        "--dir", type=Path, default=SCENARIO_DIR, help="the folder of scenario story files"
    )


def run(args: argparse.Namespace) -> int:
    """List, quiz or replay; 2 on a usage or connection error, 1 when --check fails."""
    try:
        scenarios = load_scenarios(args.dir)
        if args.list:
            print(listing(scenarios))
            return 0
        if not args.scenario:
            print("error: name a scenario, or use --list to see them", file=sys.stderr)
            return 2
        scenario = find_scenario(args.scenario, scenarios)
        if args.quiz:
            return _quiz(scenario)
        with assistant(args.url) as url:
            transcript = replay(scenario, url)
    except (ScenarioError, ReplayError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(render_text(transcript))
    if args.html:
        args.html.write_text(render_html(transcript), encoding="utf-8")
        print(f"\nWrote {args.html}")
    if args.check and transcript.level != scenario.expected_level:
        print(
            f"error: {scenario.name}: the assistant decided {transcript.level or 'nothing'}, "
            f"the scenario expects {scenario.expected_level}",
            file=sys.stderr,
        )
        return 1
    return 0


def _quiz(scenario: Scenario) -> int:
    from bot import load_locality, load_policy
    from bot.conversation.payload import presentation
    from bot.scenarios.coverage import decide_scenario
    from bot.scenarios.quiz import QuizInputError, run_quiz

    locality = load_locality()
    policy = load_policy()
    decision = decide_scenario(scenario, quiz=True)
    card = presentation(decision, scenario.quiz_facts, locality)
    try:
        run_quiz(
            scenario,
            decision,
            sys.stdin,
            sys.stdout,
            agency_ids=policy.agency_ids,
            described_facts=describe_facts(scenario.quiz_facts),
            level_meanings={level: locality.level_meaning(level) for level in policy.levels},
            display={
                "level_label": locality.level_label(decision["level"]),
                "level_labels": {level: locality.level_label(level) for level in policy.levels},
                "timescale": locality.timescale(decision["level"]),
                "agency_names": {a: locality.agency_name(a) for a in policy.agency_ids},
                "card": card,
            },
        )
    except QuizInputError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 2
    return 0


def describe_facts(facts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each fact as the practitioner would say it, using the assessment's question labels."""
    from bot.conversation.questions import load_questions

    questions = load_questions()
    described = []
    for name, value in facts.items():
        if name in questions:
            described.append((questions[name].label, questions[name].shown(value)))
        else:
            described.extend(plain_facts({name: value}))
    return described


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m bot.scenarios.replay`."""
    parser = argparse.ArgumentParser(
        prog="python -m bot replay",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
