"""bot.privacy.redact: what is replaced, what is left alone, and what the practitioner is told."""

from __future__ import annotations

from datetime import date

import pytest

from bot.privacy.redact import notice, redact

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "kept", "kind"),
    [
        ("NHS number 943 476 5919", "NHS number [NHS number]", "nhs_number"),
        ("nhs no 9434765919", "nhs no [NHS number]", "nhs_number"),
        ("his number is 943-476-5919.", "his number is [NHS number].", "nhs_number"),
        ("call mum on 07700 900123", "call mum on [phone number]", "phone"),
        ("school: 0121 496 0000", "school: [phone number]", "phone"),
        ("ring +44 20 7946 0958 today", "ring [phone number] today", "phone"),
        ("email sarah.jones@example.com please", "email [email] please", "email"),
        ("they moved to B12 9QR", "they moved to [postcode]", "postcode"),
        ("postcode sw1a1aa", "postcode [postcode]", "postcode"),
        ("lives at 14 Oak Road now", "lives at [address] now", "address"),
        ("flat 3, 22 mill lane", "[address]", "address"),
        ("admitted on 3rd March 2025", "admitted on [date]", "date"),
        ("seen 2025-11-03 in A&E", "seen [date] in A&E", "date"),
        ("he is called Jayden Smith", "he is called [name]", "name"),
        ("a girl named amy", "a girl named [name]", "name"),
        ("her name's Amy", "her name's [name]", "name"),
        ("mum Sarah drinks", "mum [name] drinks", "name"),
        ("his mum, Lisa, drinks", "his mum, [name], drinks", "name"),
        ("Dad is Kevin", "Dad is [name]", "name"),
        ("Mrs Patel the neighbour", "Mrs [name] the neighbour", "name"),
        ("the Smith family moved", "the [name] family moved", "name"),
        ("Kai's dad drinks", "[name]'s dad drinks", "name"),
        ("known as JJ at school", "known as [name] at school", "name"),
    ],
)
def test_each_kind_of_identifier_is_replaced(typed: str, kept: str, kind: str) -> None:
    found = redact(typed, today=TODAY)
    assert found.text == kept
    assert kind in found.removed


@pytest.mark.parametrize(
    ("typed", "age"),
    [
        ("born 3/4/2019", 7),
        ("dob: 12 March 2018", 8),
        ("date of birth is 2 December 2016", 9),
        ("his birthday is 1st December 2016", 10),
        ("D.O.B. 30.11.2020", 6),
    ],
)
def test_a_date_of_birth_keeps_only_the_age_it_gives(typed: str, age: int) -> None:
    found = redact(typed, today=TODAY)
    assert f"[date of birth: age {age}]" in found.text
    assert found.removed == ("date_of_birth",)
    assert not any(ch.isdigit() for ch in found.text.replace(f"age {age}", ""))


def test_the_age_is_worked_out_on_the_day_given() -> None:
    assert "age 6" in redact("born 2/12/2019", today=TODAY).text
    assert "age 7" in redact("born 2/12/2019", today=date(2026, 12, 2)).text


@pytest.mark.parametrize(
    "typed",
    [
        "85%",
        "14 inhalers",
        "age 7",
        "year 3",
        "twice last month",
        "dad",
        "she's seven",
        "about 85% attendance this year",
        "3 admissions in 12 months",
        "I called 999",
        "mum called the GP",
        "she called school",
        "3 times down the road",
        "Mum is drinking",
        "Mum has B12 deficiency",
        "the child protection plan ended in March",
        "no idea",
        "/start_assessment",
        "Rasa 3.6.21",
        "between 3-4 times",
    ],
)
def test_answers_are_left_alone(typed: str) -> None:
    found = redact(typed, today=TODAY)
    assert found.text == typed
    assert found.removed == ()


def test_a_ten_digit_number_with_a_wrong_check_digit_is_not_an_nhs_number() -> None:
    assert "nhs_number" not in redact("ref 9434765918", today=TODAY).removed


def test_a_name_found_once_is_removed_everywhere_in_the_message() -> None:
    found = redact("a boy called Leo. Leo is scared; leo's mum drinks", today=TODAY)
    assert "Leo" not in found.text and "leo" not in found.text


def test_a_message_full_of_identifiers_keeps_none() -> None:
    typed = (
        "Jayden Smith's mum Sarah Okafor (07700 900123, sarah@example.com) lives at "
        "14 Larkspur Road, B12 9QR; his NHS number is 943 476 5919 and dob 12/03/2019"
    )
    found = redact(typed, today=TODAY)
    for identifier in ("Jayden", "Smith", "Sarah", "Okafor", "07700", "example.com", "Larkspur"):
        assert identifier not in found.text
    for identifier in ("B12", "943", "5919", "2019"):
        assert identifier not in found.text
    assert "[date of birth: age 7]" in found.text


def test_the_notice_says_what_was_removed_and_why() -> None:
    found = redact("mum Sarah, NHS 943 476 5919, born 3/4/2019", today=TODAY)
    said = notice(found.removed)
    assert "an NHS number" in said and "a name" in said and "a date of birth" in said
    assert "identifies" in said
    assert "only the age" in said
