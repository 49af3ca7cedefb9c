"""Superscripts and subscripts as Unicode where every character has one, `^`/`_` marks otherwise."""

from __future__ import annotations

_SUP = str.maketrans(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW−",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ⁻",
)
_SUB = str.maketrans("0123456789+-=()aehijklmnoprstuvx−", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ₋")
_HAS_SUP = frozenset(map(chr, _SUP))
_HAS_SUB = frozenset(map(chr, _SUB))


def scripted(text: str, kind: str) -> str:
    """`text` raised (kind "sup") or lowered ("sub"): Unicode when all of it has a form, else `^x`, `^(xy)`."""
    table, has, mark = (_SUP, _HAS_SUP, "^") if kind == "sup" else (_SUB, _HAS_SUB, "_")
    stripped = text.strip()
    if not stripped:
        return text
    if all(ch in has for ch in stripped):
        return stripped.translate(table)
    return f"{mark}{stripped}" if len(stripped) == 1 else f"{mark}({stripped})"
