"""Markdown bodies of realistic length for the synthetic council."""

from __future__ import annotations

import random

from . import words


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    picked = rng.choices(words.WORDS, k=rng.randint(low, high))
    text = " ".join(picked)
    if rng.random() < 0.3:
        text = f"{rng.choice(words.SENTENCE_OPENERS)}, {text}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, budget: int) -> tuple[str, int]:
    """A paragraph of about `budget` words (at least one sentence); returns it and its word count."""
    parts, count = [], 0
    while count < budget:
        text = sentence(rng)
        parts.append(text)
        count += text.count(" ") + 1
    return " ".join(parts), count


def decision_body(rng: random.Random, council: str, target_words: int, mentions: list[str],
                  amends: list[str], repeals: list[str]) -> str:
    """Preamble with legal grounds and decision mentions, then numbered articles."""
    grounds = [f"- {rng.choice(words.SENTENCE_OPENERS)};" for _ in range(rng.randint(2, 4))]
    grounds += [f"- Hotărârea Consiliului Județean nr. {m} privind {rng.choice(words.TITLE_OBJECTS)};"
                for m in mentions]
    blocks = [f"{council},", "Având în vedere:", "\n".join(grounds),
              "În temeiul art. 173 și art. 196 din Ordonanța de urgență a Guvernului nr. 57/2019 privind "
              "Codul administrativ,", "**HOTĂRĂȘTE:**"]
    count = sum(block.count(" ") + 1 for block in blocks)
    article = 1
    for citation in amends:
        blocks.append(f"**Art. {article}.** Se modifică HCJ nr. {citation} după cum urmează: "
                      f"{sentence(rng)}")
        article += 1
    for citation in repeals:
        blocks.append(f"**Art. {article}.** Se abrogă Hotărârea nr. {citation}.")
        article += 1
    while count < target_words:
        text, used = paragraph(rng, rng.randint(40, 120))
        blocks.append(f"**Art. {article}.** {text}")
        count += used
        article += 1
        if rng.random() < 0.08:
            blocks.append(table(rng))
        elif rng.random() < 0.15:
            blocks.append("\n".join(f"{i}. {sentence(rng, 4, 10)}" for i in range(1, rng.randint(3, 6))))
    blocks.append(f"**Art. {article}.** {rng.choice(words.CLOSINGS)}")
    return "\n\n".join(blocks) + "\n"


def table(rng: random.Random) -> str:
    rows = ["| Nr. crt. | Denumire | Valoare (lei) |", "|---|---|---|"]
    for index in range(1, rng.randint(3, 8)):
        rows.append(f"| {index} | {' '.join(rng.choices(words.WORDS, k=4))} | "
                    f"{rng.randint(1000, 9_999_999):,}".replace(",", ".") + " |")
    return "\n".join(rows)


def report_body(rng: random.Random, target_words: int, heading: str) -> str:
    blocks, count = [f"## {heading}"], 0
    while count < target_words:
        text, used = paragraph(rng, rng.randint(50, 150))
        blocks.append(text)
        count += used
    blocks.append("Față de cele prezentate, propunem adoptarea proiectului de hotărâre în forma prezentată.")
    return "\n\n".join(blocks) + "\n"


def short_body(rng: random.Random, target_words: int) -> str:
    text, _ = paragraph(rng, target_words)
    return text + "\n"
