"""Words of a message, as the reading sees them, tied to where they were typed.

``words("She hasn't been collected")`` gives tokens whose ``norm`` reads
"she has not been collected" and whose ``start``/``end`` point into the text
as typed, so evidence is always quoted as the practitioner wrote it.
Numbers written in words become digits ("twenty one" -> "21"), misspellings
of the reading's own words are mended (spelling.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_TOKEN = re.compile(
    r"n/a|a&e|a\+e|b&b|[^\W\d_]+\d+[^\W\d_]*|\d+(?:[.,:/]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|&|%|\+|[,.;!?\n-]"
)
_CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "i'm": "i am", "let's": "let us",
}  # fmt: skip
_SUFFIXES = (("n't", " not"), ("'ve", " have"), ("'re", " are"), ("'ll", " will"), ("'d", " would"))
_UNITS = {
    "zero": 0, "nil": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NOT_NUMBER_BEFORE_ONE = {
    "no", "any", "some", "every", "the", "that", "this", "which", "each",
    "someone", "anyone", "little", "last", "only", "other", "single", "younger", "older",
    "youngest", "oldest", "eldest", "middle", "big", "new", "right", "wrong", "same",
}  # fmt: skip
_ONE_OF_A_KIND = {"blue", "brown", "purple", "red", "green", "orange", "white", "grey", "spare",
                  "old", "different", "proper", "second"}  # fmt: skip
_SPLIT_S = frozenset({"she", "he", "it", "that", "there", "mum", "dad", "what", "who", "where",
                      "here", "child", "son", "daughter", "boy", "girl", "baby", "brother",
                      "sister", "anyone", "someone", "nobody", "everyone", "one",
                      "stepbrother", "stepsister"})  # fmt: skip
BREAKS = frozenset({".", ";", "!", "?", "\n"})


@dataclass(frozen=True)
class Token:
    """One word (or mark) of a message: its reading form and where it was typed."""

    norm: str
    start: int
    end: int
    number: float | None = None


@lru_cache(maxsize=1)
def _spelling() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    data = yaml.safe_load((Path(__file__).with_name("spelling.yml")).read_text(encoding="utf-8"))
    known = {str(k): str(v) for k, v in data["known"].items()}
    return frozenset(data["words"]), known, frozenset(data.get("keep", []))


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one letter changed, added, removed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@lru_cache(maxsize=4096)
def mend(word: str) -> str:
    """Return the reading form of one typed word (contractions opened, misspellings mended)."""
    word = word.replace("’", "'")
    vocabulary, known, keep = _spelling()
    if word in known:
        return known[word]
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("'s") and word[:-2] in _SPLIT_S:
        return word[:-2] + " 's"
    for suffix, opened in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return ("will" if stem == "wo" else stem) + opened
    if len(word) >= 6 and word not in vocabulary and word not in keep and word.isalpha():
        for candidate in vocabulary:
            if _one_edit(word, candidate) and not (
                candidate.startswith(word) or word.startswith(candidate)
            ):
                return candidate
    return word


def _raw_tokens(text: str) -> list[Token]:
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    tokens = []
    for match in _TOKEN.finditer(lower):
        raw = match.group()
        if re.fullmatch(r"x\d+", raw):
            tokens.append(Token(raw[1:], match.start() + 1, match.end(), float(raw[1:])))
        elif re.fullmatch(r"(?:y|yr|year)\d{1,2}", raw):  # "Y6", "yr10": a school year typed as one
            digits = raw.lstrip("yearY")
            at = match.end() - len(digits)
            tokens.append(Token("year", match.start(), at))
            tokens.append(Token(digits, at, match.end(), float(digits)))
        elif raw[0].isdigit():
            value = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw
            number = float(value) if re.fullmatch(r"\d{1,7}(?:\.\d+)?", value) else None
            tokens.append(Token(value, match.start(), match.end(), number))
        elif raw == "y" and tokens and tokens[-1].number is not None:
            at_number = tokens[-1].end == match.start()  # "3y": years, never "yes"
            tokens.append(Token("yrs" if at_number else mend(raw), match.start(), match.end()))
        else:
            tokens.append(Token(mend(raw), match.start(), match.end()))
    return tokens


def _per(tokens: list[Token], i: int) -> bool:
    """Whether a rate follows ("a blue one every fortnight": one is a count there)."""
    after = " ".join(t.norm for t in tokens[i + 1 : i + 4])
    return bool(re.match(r"(?:\w+ )?(?:every|each|per|a week|a month|a fortnight)\b", after))


def _half_more(tokens: list[Token], j: int, half: float) -> float:
    """What "and a half" after a number adds ("a dozen and a half" is 18), else 0."""
    said = [t.norm for t in tokens[j : j + 3]]
    return half if said == ["and", "a", "half"] else 0.0


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _join_numbers(tokens: list[Token]) -> list[Token]:
    """Turn number words into digits: "eighty five" -> 85, "a dozen" -> 12."""
    tokens = [
        tok
        for i, tok in enumerate(tokens)
        if not (
            tok.norm == "-"
            and 0 < i < len(tokens) - 1
            and tokens[i - 1].end == tok.start
            and tokens[i + 1].start == tok.end
            and tokens[i - 1].norm[-1:].isalpha()
            and tokens[i + 1].norm[:1].isalpha()
        )
    ]  # a hyphen joining words ("twenty-one", "sofa-surfing") is a space
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.norm
        if word in _TENS or (
            word in _UNITS
            and not (word == "one" and out and out[-1].norm in _NOT_NUMBER_BEFORE_ONE)
            and not (
                word == "one" and out and out[-1].norm in _ONE_OF_A_KIND and not _per(tokens, i)
            )
        ):
            value = _TENS.get(word, _UNITS.get(word, 0))
            end = tok.end
            j = i + 1
            if (
                word in _TENS
                and j < len(tokens)
                and tokens[j].norm in _UNITS
                and _UNITS[tokens[j].norm] < 10
            ):
                value += _UNITS[tokens[j].norm]
                end = tokens[j].end
                j += 1
            if j < len(tokens) and tokens[j].norm == "hundred":
                value *= 100
                end = tokens[j].end
                j += 1
            if word == "dozen" and out and (out[-1].norm in ("a", "an") or out[-1].number):
                prev = out.pop()
                half = bool(out) and out[-1].norm == "half"
                if half:
                    prev = out.pop()  # "half a dozen"
                dozens = 0.5 if half else (prev.number or 1.0)  # "two dozen" is 24
                more = 0.0 if half else _half_more(tokens, j, 6)
                if more:
                    end, j = tokens[j + 2].end, j + 3
                out.append(Token(_digits(12 * dozens + more), prev.start, end, 12 * dozens + more))
            elif word == "dozen" and _half_more(tokens, j, 6):
                out.append(Token("18", tok.start, tokens[j + 2].end, 18.0))  # "dozen and a half"
                j += 3
            else:
                out.append(Token(str(value), tok.start, end, float(value)))
            i = j
            continue
        if (
            word == "point"
            and out
            and out[-1].number is not None
            and i + 1 < len(tokens)
            and tokens[i + 1].norm in _UNITS
        ):
            prev = out.pop()
            decimal = float(f"{int(prev.number or 0)}.{_UNITS[tokens[i + 1].norm]}")
            out.append(Token(str(decimal), prev.start, tokens[i + 1].end, decimal))
            i += 2
            continue
        if word in ("percent", "per") and (
            word == "percent" or (i + 1 < len(tokens) and tokens[i + 1].norm == "cent")
        ):
            end = tok.end if word == "percent" else tokens[i + 1].end
            out.append(Token("%", tok.start, end))
            i += 1 if word == "percent" else 2
            continue
        if (
            word == "-"
            and out
            and i + 1 < len(tokens)
            and out[-1].end == tok.start
            and tokens[i + 1].start == tok.end
        ):
            i += 1  # "seven-year-old", "sofa-surfing": a hyphen joins words
            continue
        out.append(tok)
        i += 1
    return out


def words(text: str) -> list[Token]:
    """Return the tokens of a message in reading form, each tied to its typed span."""
    out: list[Token] = []
    for tok in _join_numbers(_raw_tokens(text)):
        parts = tok.norm.split()
        if len(parts) > 1:
            out.extend(Token(part, tok.start, tok.end) for part in parts)
        elif parts:
            out.append(tok)
    return [tok for i, tok in enumerate(out) if not _abbreviated(out, i)]  # "approx. 80%"


def sentences(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Split tokens into sentences (token index ranges) at . ; ! ? and line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    markers = list_markers(tokens, text)
    for i, tok in enumerate(tokens):
        if i in markers:  # "1. health visitor 2. baby": each item is a sentence, its number none
            if i > start:
                spans.append((start, i))
            start = i + 1
            continue
        gap_break = i > 0 and "\n" in text[tokens[i - 1].end : tok.start]
        if gap_break and i > start:
            spans.append((start, i))
            start = i
        if tok.norm in BREAKS and not _a_person_asked_of(tokens, start, i):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


_ABBREVIATIONS = frozenset({"approx", "appx", "c", "ca", "vs", "circa", "aprox"})
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})


def _abbreviated(tokens: list[Token], i: int) -> bool:
    """Whether a full stop only ends an abbreviation ("approx. 80%", "Dr. Khan"): no break."""
    if (
        tokens[i].norm != "."
        or i == 0
        or i + 1 >= len(tokens)
        or tokens[i - 1].end != tokens[i].start
    ):
        return False
    before, after = tokens[i - 1].norm, tokens[i + 1]
    return (before in _ABBREVIATIONS and after.number is not None) or before in _TITLES


_PEOPLE_ASKED_OF = frozenset(
    {"dad", "father", "mum", "mother", "the dad", "the father", "the mum", "the mother",
     "other parent", "the other parent", "birth father", "birth mother", "her dad", "his dad",
     "her mum", "his mum", "stepdad", "step dad", "partner", "mum 's partner"}
)  # fmt: skip


def _a_person_asked_of(tokens: list[Token], start: int, i: int) -> bool:
    """Whether the words before a question mark are only a person named, as a practitioner
    asks themself a question and answers it ("dad? never mentioned"): one sentence, not two."""
    said = " ".join(t.norm for t in tokens[start:i])
    return tokens[i].norm == "?" and i + 1 < len(tokens) and said in _PEOPLE_ASKED_OF


def list_markers(tokens: list[Token], text: str) -> frozenset[int]:
    """The numbers of a numbered list ("1. health visitor 2. baby 14 months 3) CF"), if any.

    A marker is a whole number typed right before "." or ")", counting up from 1
    (the first at the start of the message, of a line, or after a colon or a full
    stop); a list needs two of them.
    """
    found: list[int] = []
    expected = 1
    for i, tok in enumerate(tokens):
        if tok.number != expected or text[tok.end : tok.end + 1] not in (".", ")"):
            continue
        if text[tok.end + 1 : tok.end + 2] not in ("", " ", "\n", "\t"):
            continue  # "1.5", "2.30"
        if expected == 1:
            before = text[tokens[i - 1].end : tok.start] if i else ""
            if i and not (tokens[i - 1].norm in BREAKS or ":" in before or "\n" in before):
                continue
        found.append(i)
        expected += 1
    return frozenset(found) if len(found) >= 2 else frozenset()


class Joined:
    """The reading forms of a run of tokens joined by spaces, with a map back to tokens."""

    def __init__(self, tokens: list[Token], start: int, end: int) -> None:
        self.tokens = tokens
        self.first = start
        parts: list[str] = []
        self.offsets: list[int] = []
        position = 0
        for tok in tokens[start:end]:
            self.offsets.append(position)
            parts.append(tok.norm)
            position += len(tok.norm) + 1
        self.text = " ".join(parts)

    def token_span(self, char_start: int, char_end: int) -> tuple[int, int]:
        """Return the token index range (absolute) covering a character range of ``text``."""
        import bisect

        first = bisect.bisect_right(self.offsets, char_start) - 1
        last = bisect.bisect_left(self.offsets, char_end) - 1
        return self.first + max(first, 0), self.first + max(last, first) + 1
