"""Notes as evidence: the arithmetic a note gives must agree with the value it explains.

check: parts   "QĐ số 1243/QĐ-UBND (4 TTHC); … (3 TTHC)" or "Gồm 1604 VBĐT và 108 văn bản
               mật" add up to the value
check: ratio   "1604/1712 văn bản" gives the rate, within the rounding of its printed decimals
check: count   "02 trường hợp", "21 VBQPPL" is the count; "tham dự 11 vụ đối thoại" means
               a yes/no row is "Có" (1)
check: shares  a part named in the parent's composition ("VBĐT", the electronic documents)
               is what the given rate children share: Σ shares = 100·part/parent

A claim that agrees is a pass (the note confirms the value); only a note's plain
statement of the value can fail it (notes/evidence.py says which figures are plain).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.notes.arithmetic import find_figures
from cchc_rules.notes.cache import TEXTS, Bounded
from cchc_rules.notes.evidence import Claim, collect
from cchc_rules.rules.base import (
    NOT_EVALUABLE,
    PASSED,
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    counted,
    finding,
    ids_param,
    show,
    shown,
)
from cchc_rules.rules.rates import tolerance

CHECKS = {"parts": ("parts", "composition"), "ratio": ("ratio",), "count": ("count", "yesno"), "shares": ()}
QUOTE_LENGTH = 160


def quote(text: str) -> str:
    """A note as quoted in a message: one line, at most QUOTE_LENGTH characters."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check")
    if check not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    if check == "shares":
        parent, shares = str(spec.params.get("parent", "")), ids_param(spec, "shares")
        term = str(spec.params.get("term", ""))
        if not parent or len(shares) < 1 or not term:
            raise RuleDefinitionError("a shares check needs parent, shares and term")
        unknown = [i for i in (parent, *shares) if i not in catalogue.indicators]
        if unknown:
            raise RuleDefinitionError(f"unknown indicators: {', '.join(unknown)}")
        try:
            re.compile(term)
        except re.error as exc:
            raise RuleDefinitionError(f"term is not a regular expression: {exc}") from None
        return lambda ctx: _shares(spec, ctx)
    kinds = CHECKS[check]
    only = set(spec.indicators)
    return lambda ctx: _judge(spec, ctx, collect(ctx).claims, kinds, only)


def _judge(spec: RuleSpec, ctx: Context, claims: tuple[Claim, ...], kinds: tuple[str, ...], only: set[str]) -> RuleRun:
    passed = not_evaluable = 0
    findings: list[Finding] = []
    numbers = ctx.numbers
    for claim in claims:
        if claim.kind not in kinds:
            continue
        target = claim.terms[0][0]
        if only and target not in only:
            continue
        verdict = claim.agrees(numbers)
        if verdict is None or (not verdict and not claim.strong):
            not_evaluable += 1
        elif verdict:
            passed += 1
        else:
            findings.append(
                finding(
                    spec,
                    [target] if claim.source == target else [target, claim.source],
                    ctx,
                    variant=claim.kind,
                    expected=claim.expected,
                    actual=shown(ctx, target),
                    figure=claim.figure,
                    quote=quote(claim.quote),
                    source=claim.source,
                )
            )
    if not findings:
        return counted(passed, not_evaluable)
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


def shares_claim(spec: RuleSpec, ctx: Context) -> Claim | None:
    """The claim a shares rule reads in its parent's note, or None where the note has no such part.

    The share is the part over the composition's own total ("Gồm 1604 VBĐT và 108 văn bản
    mật": 1604/1712), so the claim stands on the note alone; whether the parent's value
    agrees with that total is CCHC-NOTE-PARTS's question.
    """
    parent, shares = str(spec.params["parent"]), ids_param(spec, "shares")
    entry = ctx.entry(parent)
    if entry is None or not entry.note:
        return None
    decimals = max((e.value.decimals for s in shares if (e := ctx.entry(s)) is not None), default=2)
    key = (spec.id, parent, shares, str(spec.params["term"]), entry.note, decimals)
    found = _SHARES.get(key, _UNREAD)  # the claim depends on the note and how the shares are written only
    if found is _UNREAD:
        found = _SHARES.put(key, _shares_claim(spec, parent, shares, entry.note, decimals))
    return found if isinstance(found, Claim) else None


_SHARES: Bounded[tuple[object, ...], Claim | None] = Bounded(TEXTS)
_UNREAD = object()


def _shares_claim(spec: RuleSpec, parent: str, shares: tuple[str, ...], note: str, decimals: int) -> Claim | None:
    pattern = _term(str(spec.params["term"]))
    for figure in find_figures(note):
        if figure.kind != "composition" or figure.total <= 0:
            continue
        total = figure.total
        for count, noun in zip(figure.terms, figure.nouns, strict=True):
            if not pattern.search(noun):
                continue
            tol = tolerance(decimals) * len(shares)
            rate = 100.0 * count / total
            shown_decimals = max(decimals, 2)
            return Claim(
                kind="shares",
                source=parent,
                terms=tuple((s, 1.0) for s in shares),
                low=rate - tol,
                high=rate + tol,
                figure=f"{count}/{show(total)} = {show(round(rate, shown_decimals), shown_decimals)}%",
                quote=figure.quote,
                expected=f"{show(round(rate, shown_decimals), shown_decimals)}%",
                strong=True,
                rule=spec.id,
            )
    return None


@lru_cache(maxsize=64)
def _term(term: str) -> re.Pattern[str]:
    return re.compile(term, re.IGNORECASE)


def _shares(spec: RuleSpec, ctx: Context) -> RuleRun:
    claim = shares_claim(spec, ctx)
    if claim is None:
        return NOT_EVALUABLE
    value = claim.value(ctx.numbers)
    if value is None:
        return NOT_EVALUABLE
    if claim.agrees(ctx.numbers):
        return PASSED
    shares = claim.targets
    decimals = max((e.value.decimals for s in shares if (e := ctx.entry(s)) is not None), default=0)
    found = finding(
        spec,
        [*shares, claim.source],
        ctx,
        expected=f"{' + '.join(shares)} = {claim.expected}",
        actual=f"{show(round(value, decimals), decimals)}%",
        figure=claim.figure,
        quote=quote(claim.quote),
        shares=" + ".join(shown(ctx, s) for s in shares),
        parts=" + ".join(shares),
    )
    return RuleRun(findings=(found,))
