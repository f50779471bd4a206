"""Who the information comes from (``source_original``): "according to SOHR", "the ministry said".

Distinct from the publisher. Anaphoric sources ("the monitoring group said", "it added") point
back to the last named source in the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.symbols import VERB  # ``Token.pos`` of a verb: no string made per word

from sitrep.nlp.lexicon import SAY_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from sitrep.nlp.actors import DocActors

ANAPHORIC_HEADS = frozenset(
    {
        "group",
        "monitor",
        "observatory",
        "organisation",
        "organization",
        "agency",
        "outlet",
        "ministry",
        "source",
        "report",
        "statement",
        "it",
        "he",
        "she",
        "they",
        "watchdog",
        "body",
        "network",
        "channel",
        "spokesman",
        "spokesperson",
        "official",
    }
)


def source_in_sentence(
    sent: Span | Sequence[Token], named: DocActors, previous: str | None, text: str | None = None
) -> tuple[str | None, bool]:
    """(source, explicit) for one sentence (a Span or its tokens); explicit is False when it was
    carried from before.

    ``text`` is the sentence's text when the caller has it: without "according", "cited" or
    "quoted" in it, its words are not scanned for those cues.
    """
    if text is None or _CITING_WORDS.search(text.lower()):
        cited = _cited_source(sent, named, previous)
        if cited is not None:
            return cited
    said = _said_source(sent, named, previous)
    if said[0] is None:
        return _monitor_source(sent, named, previous) or said
    return said


# "the OSCE SMM observed 5 explosions", "HRW documented 12 attacks": the monitor saw, not did.
MONITOR_VERBS = frozenset({"observe", "record", "document", "monitor", "register", "verify"})


def _monitor_source(
    sent: Span | Sequence[Token], named: DocActors, previous: str | None
) -> tuple[str | None, bool] | None:
    """(source, True) for the subject of a monitor's verb ("observed", "recorded")."""
    for tok in sent:
        if tok.pos == VERB and tok.lemma_.lower() in MONITOR_VERBS:
            subject = _child_dep(tok, "nsubj")
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return _name(subject, named, previous), True
    return None


_CITING_WORDS = re.compile("according|cited|quoted")


def _cited_source(
    sent: Span | Sequence[Token], named: DocActors, previous: str | None
) -> tuple[str | None, bool] | None:
    """(source, True) after "according to", "cited by", "quoted by"; None without those cues."""
    for tok in sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            for pobj in tok.doc[tok.i + 1].children:
                if pobj.dep_ == "pobj":
                    return _name(pobj, named, previous), True
        if tok.lower_ in {"cited", "quoted"}:
            for child in tok.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        return _name(pobj, named, previous), True
    return None


def _said_source(
    sent: Span | Sequence[Token], named: DocActors, previous: str | None
) -> tuple[str | None, bool]:
    """(source, True) for the subject or speaker of a framing say-verb, else (None, False)."""
    for tok in sent:
        if tok.pos == VERB and tok.lemma_.lower() in SAY_VERBS and _is_framing(tok):
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if subjects:
                first = subjects[0]
                if first.i not in named.by_token and any(
                    s.i in named.by_token and s.i - first.i <= 3 for s in subjects[1:]
                ):
                    first = next(s for s in subjects[1:] if s.i in named.by_token)
                appos = _child_dep(first, "appos")
                if first.ent_type_ in {"GPE", "LOC"} and appos is not None:
                    first = appos  # "MOGADISHU (HD) - The US Africa Command said"
                return _name(first, named, previous), True
            speaker = _speaker_before(tok, named)
            if speaker is not None:
                return _name(speaker, named, previous), True
    return None, False


def _child_dep(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _speaker_before(verb: Token, named: DocActors) -> Token | None:
    """ "..., the Syrian Observatory for Human Rights said": the parser may not link the speaker."""
    doc = verb.doc
    for i in range(verb.i - 1, max(0, verb.i - 10) - 1, -1):
        if doc[i].text in {",", ";", "\u201d", '"'}:
            break
        if i in named.by_token:
            return doc[i]
    return None


def _is_framing(verb: Token) -> bool:
    """A say-verb that reports something: the root, a clause with a complement, or a trailing
    "..., officials said" the parser attached lower down."""
    if verb.dep_ == "ROOT" or any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children):
        return True
    return (
        verb.dep_ in {"parataxis", "conj", "advcl"}
        and verb.i > 0
        and any(t.text == "," for t in verb.doc[max(0, verb.i - 12) : verb.i])
    )


def _name(tok: Token, named: DocActors, previous: str | None) -> str | None:
    span = named.by_token.get(tok.i)
    if span is None:  # the name nearest the head, left of it ("Houthi-run Al Masirah television")
        for child in sorted(tok.subtree, key=lambda t: (t.i > tok.i, -t.i)):
            if child.i in named.by_token and child.i <= tok.i:
                span = named.by_token[child.i]
                break
        else:
            for child in tok.children:
                if child.dep_ == "appos" and child.i in named.by_token:
                    span = named.by_token[child.i]
                    break
    if span is not None:
        return span.text(tok.doc)
    if tok.lemma_.lower() in ANAPHORIC_HEADS and _definite(tok):
        if previous:
            return previous
        earlier = _earlier_named(tok, named)
        if earlier is not None:
            return earlier

    if tok.pos_ == "PRON":
        return previous
    left = tok.left_edge.i
    doc = tok.doc
    while left < tok.i and doc[left].pos_ in {"DET"}:
        left += 1
    text = doc[left : tok.i + 1].text
    return text or None


# "the armed group said" → the last named armed group before it, and so on.
_COMPATIBLE = {
    "group": {"rebel_group", "militia", "terrorist_group", "ngo", "media_monitor"},
    "monitor": {"media_monitor", "ngo"},
    "observatory": {"media_monitor"},
    "agency": {"media_monitor", "government", "igo"},
    "ministry": {"government"},
    "organisation": {"ngo", "igo"},
    "organization": {"ngo", "igo"},
    "movement": {"rebel_group", "militia", "political_party"},
    "army": {"state_forces"},
    "military": {"state_forces"},
}


def _earlier_named(tok: Token, named: DocActors) -> str | None:
    wanted = _COMPATIBLE.get(tok.lemma_.lower())
    if not wanted:
        return None
    for span in reversed(named.spans):
        if span.start < tok.i and span.entry is not None and span.entry.actor_type in wanted:
            return span.text(tok.doc)
    return None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
