"""First steps for a medical emergency come from data, per condition."""

from bot.conversation.first_steps import first_steps


def test_asthma_steps_say_sit_up_and_reliever_puffs() -> None:
    steps = " ".join(first_steps("asthma"))
    assert "sit up" in steps
    assert "up to 10 puffs" in steps


def test_epilepsy_steps_say_time_it_and_nothing_in_the_mouth() -> None:
    steps = " ".join(first_steps("epilepsy"))
    assert "Time the seizure" in steps
    assert "anything in their mouth" in steps


def test_unknown_condition_gets_general_steps_ending_with_the_care_plan() -> None:
    for condition in (None, "unknown", "other"):
        steps = first_steps(condition)
        assert "Stay with the child" in steps[0]
        assert "care plan" in steps[-1]
        assert len(steps) == len(set(steps))


def test_no_list_says_to_follow_the_care_plan_twice() -> None:
    """QA: the medical card read "Follow the child's own care plan" twice in a row."""
    for condition in (None, "asthma", "type1_diabetes", "epilepsy", "sickle_cell", "other"):
        steps = [s for s in first_steps(condition) if "the child's own care plan" in s]
        assert len(steps) == 1, steps
