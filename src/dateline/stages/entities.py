"""Entities: cluster the article's mentions into entities, with titles kept for actor coding.

Names from NER are repaired with document evidence (a surname tagged GPE after a PERSON with
that surname), short names join the full name they abbreviate, definite descriptions
("the secretary", "the senior State Department official") join the entity they describe,
and personal pronouns join the nearest fitting person. Works on dateline's Token records
only; no spaCy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dateline.kb import KnowledgeBase, Role, kb_for, norm
from dateline.model import Article, Entity, Span, Token
from dateline.pipeline import Context, StageSpec
from dateline.stages.actors import PLACE_NOUNS
from dateline.stages.tokens import TokenIndex, different_names

KEEP = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "gen", "general", "col", "lt", "capt", "sgt", "adm", "rev", "sheikh", "president", "prime", "minister", "king", "queen", "prince", "princess", "emir"]
)
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"})
_PERSON_PRON = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_TITLE_ORG_WORDS = frozenset(
    ["state", "defense", "defence", "interior", "justice", "treasury", "energy", "commerce", "agriculture", "labor", "labour", "health", "education", "foreign", "affairs", "home", "homeland", "security"]
)


@dataclass
class _Cluster:
    type: str
    name: str
    key: str
    mentions: list[Span] = field(default_factory=list)
    parts: tuple[str, ...] = ()  # name parts for persons ("john", "kerry")
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    found_in: str = "text"
    head: str = ""  # head lemma of a described (unnamed) entity
    plural: bool = False

    def add(self, span: Span) -> None:
        if span not in self.mentions:
            self.mentions.append(span)


_Doc = TokenIndex


def _trim(d: _Doc, a: int, b: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives/punctuation from a token range."""
    while a < b and (d.toks[a].pos in ("DET", "PUNCT") or d.toks[a].text.lower() == "the"):
        a += 1
    while b > a and (d.toks[b - 1].tag == "POS" or d.toks[b - 1].pos == "PUNCT"):
        b -= 1
    return a, b


def _name_parts(name: str) -> tuple[str, ...]:
    parts = [p.strip(".,").lower() for p in re.split(r"\s+", name.replace("’", "'")) if p]
    parts = [p.removesuffix("'s") for p in parts]
    while len(parts) > 1 and parts[0].rstrip(".") in _HONORIFICS:
        parts = parts[1:]
    # "al-Assad" and "Assad" are one surname
    parts = [re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", p) for p in parts]
    return tuple(p for p in parts if p)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: same surname, and one's names all in the other's
    ("Hosni Mubarak" / "Mohamed Hosni Mubarak", "Ibn Auf" / "Awad Ibn Auf")."""
    if a[-1] != b[-1]:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return all(p in long for p in short) or short[0] == long[0]


def extract_entities(article: Article, kb: KnowledgeBase) -> Article:
    """Cluster the article's mentions into entities (see the module docstring)."""
    if not article.tokens:
        return article
    d = _Doc.build(article)
    date = article.published.date
    clusters: list[_Cluster] = []
    claimed: set[int] = set()  # tokens already inside a mention
    names = _name_mentions(article, d, kb)
    persons = [m for m in names if m[2] == "PERSON"]
    others = [m for m in names if m[2] != "PERSON"]
    # Full names first, so that "Kerry" later finds "John Kerry".
    for a, b, label in sorted(persons, key=lambda m: -(m[1] - m[0])):
        _add_person(clusters, d, a, b)
        claimed.update(range(a, b))
    surnames = {c.parts[-1]: c for c in clusters if c.type == "PERSON" and len(c.parts) > 1}
    for a, b, label in others:
        text = norm(d.stext(a, b))
        if b - a == 1 and text in surnames and not kb.country_of(text):
            surnames[text].add(d.span(a, b))  # NER called a surname GPE/ORG: repair it
        else:
            _add_named(clusters, d, a, b, label, kb, date)
        claimed.update(range(a, b))
    _missed_surnames(d, surnames, claimed)
    for c in clusters:
        if c.type == "PERSON":
            _collect_titles(c, d)
    _descriptions(clusters, d, kb, claimed)
    _pronouns(clusters, d)
    _aux(clusters, article, kb, date)
    return replace(article, entities=_finish(clusters))


def _name_mentions(art: Article, d: _Doc, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    out = []
    for s in art.ner:
        if s.label not in KEEP:
            continue
        a, b = _trim(d, s.tok_start, s.tok_end)
        if a >= b:
            continue
        label = s.label
        text = d.stext(a, b)
        if label == "ORG" and b - a == 1 and text.lower() in _TITLE_ORG_WORDS and a >= 2 and (
            d.toks[a - 1].lemma in ("of", "for") and kb.role(d.toks[a - 2].lemma) is not None
        ):
            continue  # "Secretary of State": a title, not the organisation "State"
        found = kb.lookup(text)
        if label in ("ORG", "PERSON", "LOC") and any(c.kind == "country" for c in found):
            label = "GPE"
        elif label in ("ORG", "GPE", "NORP") and found and all(c.kind == "person" for c in found):
            label = "PERSON"  # "Obama" tagged ORG: the knowledge base knows a person
        elif label in ("ORG", "PERSON") and any(c.kind == "adjective" for c in found):
            label = "NORP"
        out.append((a, b, label))
    return out


def _add_person(clusters: list[_Cluster], d: _Doc, a: int, b: int) -> None:
    text = d.stext(a, b)
    parts = _name_parts(text)
    if not parts:
        return
    span = d.span(a, b)
    people = [c for c in clusters if c.type == "PERSON" and c.parts]
    if len(parts) > 1:
        for c in people:
            if len(c.parts) == 1 and c.parts[-1] == parts[-1] or _same_person(c.parts, parts):
                c.add(span)
                if len(text) > len(c.name):
                    c.name, c.parts = text, parts
                return
    else:
        hits = [c for c in people if parts[0] in (c.parts[-1], c.parts[0])]
        if len(hits) == 1:
            hits[0].add(span)
            return
        if hits:  # ambiguous: the most recently mentioned one
            max(hits, key=lambda c: max(m[0] for m in c.mentions)).add(span)
            return
    clusters.append(_Cluster("PERSON", text, "person:" + " ".join(parts), [span], parts))


def _named_key(text: str, label: str, kb: KnowledgeBase, date: str | None) -> tuple[str, str]:
    for c in kb.lookup(text, date):
        if c.kind == "country" and label == "GPE":
            return f"country:{c.code}", c.name
        if c.kind == "adjective" and label == "NORP":
            return f"adj:{c.code}", text
        if c.kind in ("igo", "group", "metonym") and label in ("ORG", "NORP", "FAC", "GPE"):
            return f"{c.kind}:{c.name}", c.name
    return f"{label}:{norm(text)}", text


def _add_named(clusters: list[_Cluster], d: _Doc, a: int, b: int, label: str,
               kb: KnowledgeBase, date: str | None) -> None:
    text = d.stext(a, b)
    key, name = _named_key(text, label, kb, date)
    for c in clusters:
        if c.key == key or (label == "ORG" and c.type == "ORG" and _acronym(c.name, text)):
            c.add(d.span(a, b))
            return
    clusters.append(_Cluster(label, name, key, [d.span(a, b)]))


def _acronym(long: str, short: str) -> bool:
    if not short.isupper() or len(short) < 2:
        long, short = short, long
    if not short.replace(".", "").isupper():
        return False
    initials = "".join(w[0] for w in long.split() if w[:1].isupper())
    return len(initials) >= 2 and initials == short.replace(".", "")


def _missed_surnames(d: _Doc, surnames: dict[str, _Cluster], claimed: set[int]) -> None:
    """A capitalised token equal to a known surname that NER did not tag at all."""
    for t in d.toks:
        if t.i in claimed or t.pos != "PROPN":
            continue
        c = surnames.get(t.text.lower())
        if c is not None:
            c.add((t.start, t.end))
            claimed.add(t.i)


def _collect_titles(c: _Cluster, d: _Doc) -> None:
    """Titles from pre-modifiers ("Kremlin spokesman Dmitry Peskov") and appositions."""
    for s, e in list(c.mentions):
        a, last = d.tok_at(s), d.tok_at(e - 1)
        if a is None or last is None:
            continue
        b = last + 1
        head = d.head_of(a, b)
        tree = d.subtree(head)
        j = a - 1
        while j >= 0 and j in tree and d.toks[j].text not in (",", ";", "(", ")", "—"):
            j -= 1
        ta, tb = _trim(d, j + 1, a)
        if ta < tb:
            _add_title(c, d, ta, tb)
        for k in d.children[head]:
            if d.toks[k].dep == "appos" and d.toks[k].pos == "NOUN":
                sub = sorted(d.subtree(k))
                ta, tb = _trim(d, sub[0], sub[-1] + 1)
                if ta < tb:
                    _add_title(c, d, ta, tb)
        h = d.toks[head]
        if h.dep == "appos" and d.toks[h.head].pos == "NOUN":  # "the minister, Sergei Lavrov"
            gov = h.head
            sub = sorted(i for i in d.subtree(gov) if i < a and i not in tree)
            if sub:
                ta, tb = _trim(d, sub[0], sub[-1] + 1)
                if ta < tb:
                    _add_title(c, d, ta, tb)


def _add_title(c: _Cluster, d: _Doc, a: int, b: int) -> None:
    title = d.stext(a, b)
    if title not in c.titles and len(title) <= 120:
        c.titles.append(title)
    for i in range(a, b):
        t = d.toks[i]
        if t.ent_type in ("ORG", "GPE", "NORP") and t.ent_iob == "B":
            j = i + 1
            while j < b and d.toks[j].ent_iob == "I":
                j += 1
            aff = d.stext(i, j)
            if aff not in c.affiliations:
                c.affiliations.append(aff)


def _descriptions(clusters: list[_Cluster], d: _Doc, kb: KnowledgeBase, claimed: set[int]) -> None:
    """Role-noun phrases: join the named person whose title they repeat, or form an entity."""
    for t in d.toks:
        if t.pos != "NOUN" or t.i in claimed or t.dep not in _ARG_DEPS:
            continue
        role = kb.role(t.lemma) or kb.role(t.text.lower()) or _compound_role(d, t, kb)
        if role is None:
            continue
        a, b = d.np_range(t.i)
        if t.i in claimed or any(i in claimed and d.toks[i].ent_type == "PERSON"
                                 for i in range(a, b)):
            continue
        det = d.toks[a].lemma.lower() if d.toks[a].pos == "DET" else ""
        plural = t.tag in ("NNS", "NNPS")
        span = d.span(a, b)
        text = d.stext(a, b)
        target = None
        if det == "the" and not plural:
            named = _title_matches(clusters, d, a, t, kb)
            if len(named) == 1:
                target = named[0]
            else:
                described = [c for c in clusters if c.head == t.lemma and not c.plural
                             and c.mentions and c.mentions[-1][0] < span[0]
                             and not different_names(text, c.name)]
                if described:
                    target = described[-1]
        elif det == "the" and plural:
            described = [c for c in clusters if c.head == t.lemma and c.plural]
            target = described[-1] if described else None
        if target is not None:
            target.add(span)
        elif det in ("a", "an", "the", "") and (plural or det):
            # Plural role nouns are groups; institutions ("the army") ORGs; the rest people.
            ctype = "GROUP" if plural else ("ORG" if role.phrase in kb.collectives else "PERSON")
            # The title keeps an affiliating post-modifier ("officers in the Russian
            # military", "dissidents from Egypt"), which says whose actor this is.
            title = d.stext(a, _affiliation_end(d, t.i, b, kb))
            clusters.append(_Cluster(ctype, text, f"desc:{len(clusters)}", [span],
                                     head=t.lemma, plural=plural, titles=[title]))
        claimed.update(range(a, b))


def _compound_role(d: _Doc, t: Token, kb: KnowledgeBase) -> Role | None:
    """A role phrase whose head noun is no role by itself ("fighter jets", "fighter planes")."""
    if t.i == 0 or d.toks[t.i - 1].dep != "compound" or d.toks[t.i - 1].head != t.i:
        return None
    return kb.role(f"{d.toks[t.i - 1].lemma} {t.lemma}") or kb.role(
        f"{d.toks[t.i - 1].text} {t.text}")


_AFFILIATING_PREPS = frozenset({"of", "in", "from"})


def _affiliation_end(d: _Doc, head: int, end: int, kb: KnowledgeBase) -> int:
    """The end of a description's post-modifiers that affiliate it: "of/in/from" + a name
    ("from Egypt"), an institution ("in the Russian military", "of the Iranian government")
    or a place noun ("of the West Bank city of Nablus"), not "in Israeli shelling"."""
    def institution(lemma: str) -> bool:
        role = kb.role(lemma)
        return lemma in kb.collectives or (role is not None and role.strong)

    # The parser often hangs the PP on the verb ("barred officers in the Russian military"):
    # right after the noun and naming an institution, it still affiliates the noun.
    verb_pp = [k for k in d.children[d.toks[head].head]
               if k == end and d.toks[head].dep in ("dobj", "nsubj", "nsubjpass", "pobj")]
    for k in [*d.children[head], *verb_pp]:
        prep = d.toks[k]
        if k <= head or prep.dep != "prep" or prep.lemma.lower() not in _AFFILIATING_PREPS:
            continue
        obj = next((d.toks[j] for j in d.children[k] if d.toks[j].dep == "pobj"), None)
        if obj is None:
            continue
        lemma = obj.lemma.lower()
        attached = d.toks[k].head == head
        named = obj.pos == "PROPN" or any(d.toks[j].pos == "PROPN" and d.toks[j].dep == "compound"
                                          for j in d.children[obj.i])
        if institution(lemma) or attached and (named or lemma in PLACE_NOUNS):
            end = max(end, max(d.subtree(k)) + 1)
    return end


def _title_matches(clusters: list[_Cluster], d: _Doc, a: int, head: Token,
                   kb: KnowledgeBase) -> list[_Cluster]:
    """Named people whose title this description repeats ("the secretary", "the top diplomat")."""
    words = [d.toks[i].lemma.lower() for i in range(a, head.i + 1)]
    wanted = {head.lemma.lower()}
    for n in (3, 2, 1):
        phrase = " ".join(words[-n:])
        wanted.update(kb.title_equivalents.get(phrase, ()))
    np_countries = {kb.country_of(d.toks[i].text) for i in range(a, head.i)} - {None}
    out = []
    for c in clusters:
        if c.type != "PERSON" or not c.parts:
            continue
        titles = " ; ".join(c.titles).lower()
        if not any(re.search(rf"\b{re.escape(w)}\b", titles) for w in wanted):
            continue
        # "the US top diplomat" is not the Russian foreign minister
        own = {kb.country_of(w) for w in re.findall(r"[\w.]+", " ".join(c.titles))} - {None}
        if np_countries and own and not np_countries & own:
            continue
        out.append(c)
    return out


def _pronouns(clusters: list[_Cluster], d: _Doc) -> None:
    """he/his/she/her -> a subject person of this or the previous sentence, else the latest."""
    people = [c for c in clusters if c.type == "PERSON" and not c.plural]
    if not people:
        return
    owner: dict[int, _Cluster] = {}
    for c in people:
        for s, _e in c.mentions:
            i = d.tok_at(s)
            if i is not None:
                owner[i] = c
    for t in d.toks:
        low = t.text.lower()
        if t.pos != "PRON" or low not in _PERSON_PRON:
            continue
        best = _antecedent(d, t, owner)
        if best is not None:
            best.add((t.start, t.end))
            owner[t.i] = best


def _antecedent(d: _Doc, t: Token, owner: dict[int, _Cluster]) -> _Cluster | None:
    before = [(i, c) for i, c in owner.items() if i < t.i and d.toks[i].sent >= t.sent - 2]
    if not before:
        return None
    for sent in (t.sent, t.sent - 1):
        subj = [(i, c) for i, c in before if d.toks[i].sent == sent and _is_subject(d, i)]
        if subj:
            return max(subj, key=lambda x: x[0])[1]
    return max(before, key=lambda x: x[0])[1]


def _is_subject(d: _Doc, i: int) -> bool:
    j, seen = i, 0
    while seen < 4:  # the mention's head chain up to the subject relation
        tok = d.toks[j]
        if tok.dep in _SUBJ:
            return True
        if tok.dep not in ("compound", "flat", "appos", "amod", "det", "poss"):
            return False
        j, seen = tok.head, seen + 1
    return False


def _aux(clusters: list[_Cluster], art: Article, kb: KnowledgeBase, date: str | None) -> None:
    """Entities named only in the title or a removed caption: reported with no mentions."""
    for where, text, label in art.aux_ner:
        text = re.sub(r"^(?:the|The)\s+", "", text).removesuffix("'s").removesuffix("’s")
        if text.lower() in _TITLE_ORG_WORDS:
            continue  # "State" of a "Secretary of State" in a caption
        if label != "PERSON" and kb.lookup(text) and all(
                c.kind == "person" for c in kb.lookup(text)):
            label = "PERSON"  # NER called a known person ORG in a headline
        if label in ("PERSON", "ORG", "GPE") and any(
                c.type == "PERSON" and norm(text) in c.parts for c in clusters):
            continue  # the surname of someone already found in the body
        if label == "PERSON":
            parts = _name_parts(text)
            if any(c.type == "PERSON" and parts and parts[-1] in c.parts for c in clusters):
                continue
            clusters.append(_Cluster("PERSON", text, "person:" + " ".join(parts), [], parts,
                                     found_in=where))
            continue
        key, name = _named_key(text, label, kb, date)
        if label in ("ORG", "PERSON", "LOC") and key.startswith("country:"):
            label = "GPE"
        if not any(c.key == key for c in clusters):
            clusters.append(_Cluster(label, name, key, [], found_in=where))


def _finish(clusters: list[_Cluster]) -> tuple[Entity, ...]:
    ordered = sorted(
        clusters, key=lambda c: (0, min(c.mentions)[0]) if c.mentions else (1, 0)
    )
    out = []
    for n, c in enumerate(ordered, 1):
        out.append(Entity(
            id=f"e{n}", name=c.name, type=c.type, mentions=tuple(sorted(c.mentions)),
            titles=tuple(c.titles), affiliations=tuple(c.affiliations), found_in=c.found_in,
        ))
    return tuple(out)


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_entities(article, ctx.get("kb", lambda: kb_for(ctx.settings)))


STAGE = StageSpec(
    name="entities",
    run=run,
    requires=("article.tokens", "article.ner"),
    assigns=("article.entities",),
)
