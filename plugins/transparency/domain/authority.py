"""What kind of council a site publishes, told by its name in council.yml, and the words its pages use for
it: nothing about one council is hard-coded (the contract), and a county council's executive is its
president while a local council's is the mayor (Codul administrativ, art. 154 and 196). A county
council's name says „Consiliul Județean …”, a local council's „Consiliul Local …”; a name that says
neither gets words true of both."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

COUNTY, LOCAL = "judetean", "local"
PLACE_WORDS = {"al", "a", "judetului", "municipiului", "orasului", "comunei", "sectorului"}  # before a place's name


@dataclass(frozen=True)
class Authority:
    kind: str = ""  # COUNTY, LOCAL, or "" when the name says neither
    place: str = ""  # the first word of the place's own name, folded and lower case („cluj”, „satu”)

    @classmethod
    def of(cls, council_name: str) -> Authority:
        words = re.findall(r"[a-z][\w-]*", fold(council_name).lower())
        for index, word in enumerate(words):
            if word in (COUNTY, LOCAL):
                rest = [w for w in words[index + 1:] if w not in PLACE_WORDS]
                return cls(word, rest[0] if rest else "")
        return cls()

    @property
    def dispositions(self) -> str:
        """The heading of its dispositions: whose they are."""
        return {COUNTY: "Dispozițiile președintelui", LOCAL: "Dispozițiile primarului"}.get(self.kind, "Dispoziții")

    @property
    def dispositions_of(self) -> str:
        """Its dispositions named in a sentence, with whose they are."""
        return {COUNTY: "Dispozițiile președintelui consiliului județean",
                LOCAL: "Dispozițiile primarului"}.get(self.kind, "Dispozițiile")

    @property
    def decisions_of(self) -> str:
        """Its decisions named in a sentence."""
        return {COUNTY: "Hotărârile consiliului județean", LOCAL: "Hotărârile consiliului local"}.get(
            self.kind, "Hotărârile consiliului")

    @property
    def statute(self) -> str:
        """Whose statute the Monitorul Oficial Local carries."""
        return "Statutul județului" if self.kind == COUNTY else "Statutul unității administrativ-teritoriale"
