"""Whether an event is asserted, hedged, negated or only future/threatened.

Read from the trigger's own clause (its auxiliaries, adverbs and governing verbs), so "the army
did not attack" is negated while "the ministry denied that..." framing is handled as REJECT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

HEDGE_ADVERBS = frozenset(
    {
        "likely",
        "reportedly",
        "allegedly",
        "possibly",
        "probably",
        "apparently",
        "purportedly",
        "perhaps",
        "maybe",
        "seemingly",
        "supposedly",
        "unconfirmed",
        "presumably",
    }
)
HEDGE_MODALS = frozenset({"may", "might", "could"})
HEDGE_VERBS = frozenset({"believe", "suspect", "fear", "rumor", "rumour", "appear", "seem"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "intend",
        "threaten",
        "vow",
        "prepare",
        "aim",
        "seek",
        "want",
        "expect",
        "hope",
        "pledge",
        "promise",
        "decide",
        "agree",
        "propose",
        "consider",
        "try",
        "attempt",
        "plot",
        "conspire",
        "call",
        "urge",
        "demand",
        "ask",
        "refuse",
        "warn",
        "order",
        "willing",
        "ready",
        "prepared",
        "poised",
        "set",
        "due",
        "scheduled",
        "offer",
        "intention",
        "bid",
    }
)
NEGATORS = frozenset({"not", "n't", "never", "no", "without"})
DENIAL_GOVERNORS = frozenset({"deny", "reject", "refute", "dismiss"})


def modality_of(trigger: Token) -> str:
    """asserted | hedged | negated | future for the event this trigger names."""
    clause = _clause_verb(trigger)
    scope = [trigger] if clause.i == trigger.i else [trigger, clause]
    for tok in scope:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (low in NEGATORS and child.dep_ in {"det", "advmod"}):
                return "negated"
    for tok in scope:
        for child in tok.children:
            low = child.lower_
            if child.dep_ in {"aux", "auxpass"} and low in FUTURE_AUX:
                return "future"
            if child.dep_ == "aux" and low == "to" and tok.dep_ in {"xcomp", "ccomp", "advcl"}:
                governor = tok.head
                if governor.lemma_.lower() in FUTURE_GOVERNORS:
                    return "future"
            if child.dep_ == "aux" and low in HEDGE_MODALS:
                return "hedged"
            if child.dep_ in {"advmod", "amod"} and low in HEDGE_ADVERBS:
                return "hedged"
    governor = clause.head if clause.dep_ in {"ccomp", "xcomp"} else None
    if governor is not None and governor.i != clause.i:
        lemma = governor.lemma_.lower()
        if lemma in DENIAL_GOVERNORS:
            return "negated"
        if lemma in HEDGE_VERBS:
            return "hedged"
        if any(c.dep_ == "neg" for c in governor.children) and lemma in {"confirm", "say"}:
            return "hedged"
    if trigger.pos_ == "NOUN" and clause.lemma_.lower() in FUTURE_GOVERNORS | {"threaten"}:
        return "future"
    return "asserted"


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds this token (itself if it is a verb)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in {"VERB", "AUX"} or cur.dep_ == "ROOT":
            return cur
        cur = cur.head
    return cur
