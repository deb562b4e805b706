"""Readers for users' own actor dictionaries.

Three formats (see docs/kb.md):

* dateline TSV (``.tsv``): the columns of people.tsv,
  ``name<TAB>aliases<TAB>code<TAB>start<TAB>end<TAB>role``, ``|`` between aliases;
* PETRARCH/TABARI actor files: ``NAME_WITH_UNDERSCORES [CODE]`` entries, ``+SYNONYM`` lines,
  and date-restricted code lines ``[EGYGOV >140608]``, ``[USAGOV 090120-170120]``,
  ``[EGYELI <140608]`` (YYMMDD or YYYYMMDD; ``>`` from, ``<`` until);
* PETRARCH/TABARI agent files: ``NOUN_ {PLURAL_} [~GOV]`` -> role nouns.

A malformed line is reported as ``file:line`` and skipped; the rest loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dateline.kb import CodedName, Role, country_prefix

_ENTRY = re.compile(r"^(?P<name>[^\[\]{}#+]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*"
                    r"(?:\[(?P<code>[^\]]*)\])?\s*(?:#.*)?$")
_CODE_LINE = re.compile(r"^\[(?P<code>[^\]]+)\]\s*(?:#.*)?$")
_RESTRICTED = re.compile(r"^(?P<code>~?[A-Z-]{3,})(?:\s+(?P<when>[<>]?\d{6,8}(?:-\d{6,8})?))?$")


@dataclass
class UserDictionary:
    """What one user file adds: coded names and role nouns."""

    names: list[tuple[str, CodedName]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


def _date(raw: str) -> str:
    """YYMMDD (PETRARCH: 00-30 -> 20xx) or YYYYMMDD -> YYYY-MM-DD."""
    if len(raw) == 6:
        yy = int(raw[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        raw = f"{year}{raw[2:]}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def _restriction(when: str | None) -> tuple[str, str]:
    if not when:
        return "", ""
    if when.startswith(">"):
        return _date(when[1:]), ""
    if when.startswith("<"):
        return "", _date(when[1:])
    start, _, end = when.partition("-")
    return _date(start), _date(end) if end else ""


def _surface(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).strip()


def load_user_dictionary(path: Path, problems: list[str]) -> UserDictionary:
    """Read a user dictionary; the format is chosen by suffix and content.

    Args:
        path: the file.
        problems: receives ``file:line: reason`` for each skipped line.

    Returns:
        The names and roles it adds.
    """
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read ({exc})")
        return UserDictionary()
    if path.suffix.lower() == ".tsv":
        return _read_tsv(path, text, problems)
    if re.search(r"\[~[A-Z]{3}", text):
        return _read_agents(path, text, problems)
    return _read_actors(path, text, problems)


def _read_tsv(path: Path, text: str, problems: list[str]) -> UserDictionary:
    out = UserDictionary()
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        cols += [""] * (6 - len(cols))
        name, aliases, code, start, end, role = cols[:6]
        if len(cols) > 6 or not name or not re.match(r"^(?:[A-Z]{3})+$", code) or any(
            d and not re.match(r"^\d{4}-\d{2}-\d{2}$", d) for d in (start, end)
        ):
            problems.append(f"{path.name}:{lineno}: expected name, aliases, CODE, "
                            "YYYY-MM-DD start, end, role")
            continue
        entry = CodedName(name, code, "user", start, end, role, country=country_prefix(code))
        for n in (name, *[a for a in aliases.split("|") if a.strip()]):
            out.names.append((n.strip(), entry))
    return out


def _read_actors(path: Path, text: str, problems: list[str]) -> UserDictionary:
    out = UserDictionary()
    surfaces: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        if surfaces and codes:
            canonical = surfaces[0]
            for code, start, end in codes:
                entry = CodedName(canonical, code, "user", start, end, country=country_prefix(code))
                for s in surfaces:
                    out.names.append((s, entry))
        surfaces.clear()
        codes.clear()

    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith(("#", "<")):
            continue
        if line.startswith("+"):
            if not surfaces:
                problems.append(f"{path.name}:{lineno}: synonym before any actor entry")
                continue
            surfaces.append(_surface(line[1:].split("#")[0]))
            continue
        m = _CODE_LINE.match(line)
        if m:
            parsed = _parse_code(m.group("code"))
            if parsed is None or not surfaces:
                problems.append(f"{path.name}:{lineno}: bad code line {line[:40]!r}")
                continue
            codes.append(parsed)
            continue
        m = _ENTRY.match(line)
        if not m or not m.group("name").strip():
            problems.append(f"{path.name}:{lineno}: unreadable line {line[:40]!r}")
            continue
        flush()
        surfaces.append(_surface(m.group("name")))
        if m.group("code"):
            parsed = _parse_code(m.group("code"))
            if parsed is None:
                problems.append(f"{path.name}:{lineno}: bad code {m.group('code')!r}")
                surfaces.clear()
                continue
            codes.append(parsed)
    flush()
    return out


def _parse_code(raw: str) -> tuple[str, str, str] | None:
    m = _RESTRICTED.match(raw.strip())
    if not m:
        return None
    code = m.group("code").lstrip("~")
    if not re.match(r"^(?:[A-Z]{3}|---)+$", code):
        return None
    start, end = _restriction(m.group("when"))
    return code, start, end


def _read_agents(path: Path, text: str, problems: list[str]) -> UserDictionary:
    out = UserDictionary()
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        m = _ENTRY.match(line)
        code = (m.group("code") or "") if m else ""
        if not m or not re.match(r"^~[A-Z]{3}$", code.strip()):
            problems.append(f"{path.name}:{lineno}: expected NOUN_ {{PLURAL_}} [~SEC]")
            continue
        sector = code.strip()[1:]
        for form in (m.group("name"), m.group("plural") or ""):
            form = _surface(form).lower()
            if form:
                out.roles.append(Role(form, sector, True))
    return out
