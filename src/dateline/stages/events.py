"""Events: who did what to whom, coded in CAMEO and PLOVER, with the spans that justify it.

For every verb or noun the lexicon knows (cameo_lexicon.tsv), the dependency parse gives the
source (subject, passive agent, possessor) and the target (object, a preposition's object,
passive subject), coordination multiplies actors, symmetric actions ("X and Y met") are coded
both ways, and the clause around the trigger sets negation and modality (intended, hypothetical,
alleged, denied). Actors are coded through the entity clusters, else from the phrase itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations, permutations
from typing import Any

from dateline.kb import KnowledgeBase, kb_for
from dateline.kb.event_words import EventWords, load_event_words
from dateline.kb.lexicon import Lexicon, Trigger, load_lexicon
from dateline.model import ActorRef, Article, Cameo, Event, Plover, Token
from dateline.pipeline import Context, StageSpec
from dateline.settings import EVENT_MODEL_THRESHOLD
from dateline.stages.actors import POSSESSIVE, code_phrase, located_country, possessor_country
from dateline.stages.event_model import EventModel, load_event_model
from dateline.stages.places import event_place
from dateline.stages.times import sentence_date_value
from dateline.stages.tokens import TokenIndex, different_names
from dateline.stages.tone import ToneLexicon, load_tone_lexicon

# The English word classes the rules read (intent, asking, speech, light verbs ...) are data:
# kb/data/event_words.tsv, passed in as EventWords. What stays here is grammar and coding
# scheme: dependency labels, entity labels, closed-class words (negation, modal and future
# auxiliaries, relative pronouns, locative prepositions) and CAMEO code roots.
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NEG = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Appeals (02) and demands (10): what they ask for has not happened.
_ASKING_ROOTS = frozenset({"02", "10"})
_FALLBACK_TARGETS = ("dobj", "pobj:to", "pobj:with", "pobj:against", "pobj:on", "pobj:from",
                     "pobj:for")
_LOCATIVE = frozenset({"in", "at", "near", "to", "into", "inside", "outside", "across",
                       "around", "throughout", "over"})
_MAX_MODEL_ACTORS = 6
_NAMED = frozenset({"PERSON", "ORG", "NORP"})
# Where the heads of the two parties of a sentence's event sit (the classifier's candidates).
_PAIR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "iobj", "dative", "agent", "conj",
                        "appos", "attr", "ROOT", "oprd"})
# The CAMEO code the classifier's PLOVER root stands for (the root's own bare code).
_MODEL_CODES = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "YIELD": "080", "ACCUSE": "110", "REQUEST": "020", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}
_MUST = frozenset({"must", "should", "ought"})
# Words that open a clause of reported content; any other mark ("after", "when") makes a
# time or reason clause, not what was said.
_CONTENT_MARKS = frozenset({"that", "whether", "if"})
_HYPO_AUX = frozenset({"could", "might", "may", "would", "should", "must"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_REL_PRON = frozenset({"who", "which", "that", "whom"})
_SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
_ARG_EXCLUDE = frozenset(
    ["punct", "cc", "conj", "nsubj", "csubj", "aux", "auxpass", "det", "mark", "case", "relcl", "advcl", "xcomp"]
)
_CLAUSE_UP = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj", "prep", "pobj", "acl",
                        "relcl", "dobj", "attr", "oprd"})


_STATE = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG")
# Nouns of aid given: as the subject of "supported" or "helped" they stand for giving it.
_AID_NOUNS = frozenset({"aid", "assistance", "funding", "grant", "donation", "loan"})
# Acts only a state's authorities do (arrest, expel, convict, sentence): an agentless
# passive one takes the country it happens in as its doer.
_STATE_ACTS = frozenset({"173", "174", "116", "172"})
# Sectors that bear arms, and unarmed civil ones (CAMEO actor sector codes).
_ARMED = frozenset({"MIL", "REB", "INS", "UAF", "SPY", "PRM", "SEP"})
_CIVIL = frozenset({"OPP", "CVL", "LAB", "EDU", "REF", "AGR", "HRI", "NGO", "REL", "MED", "JRN"})


def _same_side(a: str, b: str) -> bool:
    """One side: the same code, or one country's state organs ("Russia" and "its troops"),
    never a state and its rebels or opposition."""
    if a == b:
        return True
    if a[:3] != b[:3]:
        return False
    sa, sb = a[3:6], b[3:6]
    return (not sa or sa in _STATE) and (not sb or sb in _STATE)


def _own_state(speaker: ActorRef | None, other: ActorRef | None) -> bool:
    """Whether ``other`` is the speaker's own state named bare ("China" for a Chinese minister):
    what it "must" do is the speaker's policy, not a demand of another party."""
    if speaker is None or other is None or not speaker.code or not other.code:
        return False
    return len(other.code) == 3 and _same_side(speaker.code, other.code)


def _distinct(a: ActorRef, b: ActorRef) -> bool:
    """Two parties of an event: different codes, or (uncoded) different entities."""
    if a.code and b.code and a.code != b.code:
        return True
    if a.code and b.code and (a.entity is None or b.entity is None):
        # "the Uttar Pradesh government ... with the Gujarat government": different names
        return different_names(a.text, b.text)
    return a.span != b.span and (a.entity is None or a.entity != b.entity)


@dataclass(frozen=True, slots=True)
class _Arg:
    head: int
    ref: ActorRef


class _Coder:
    """Per-article state for coding events (built once per article)."""

    def __init__(self, art: Article, kb: KnowledgeBase, lex: Lexicon, words: EventWords,
                 tone: ToneLexicon | None = None) -> None:
        self.art = art
        self.tone = tone
        self.kb = kb
        self.lex = lex
        self.words = words
        self.d = TokenIndex.build(art)
        self.date = art.published.date
        self.owner: dict[int, tuple[str, tuple[int, int], str | None]] = {}
        self.types = {e.id: e.type for e in art.entities}
        # Shorter mentions first, so a token inside a longer mention ("the Georgian
        # government") belongs to the longer one.
        for e in sorted(art.entities, key=lambda e: -max((m[1] - m[0] for m in e.mentions),
                                                        default=0)):
            code = e.actor.code if e.actor else None
            for s, end in e.mentions:
                a, b = self.d.tok_at(s), self.d.tok_at(end - 1)
                if a is None or b is None:
                    continue
                for i in range(a, b + 1):
                    self.owner[i] = (e.id, (s, end), code)
        self.consumed: set[int] = set()
        self.events: list[Event] = []
        self.read_as_none: set[tuple[int, int]] = set()  # triggers a rule found no event in
        self._actors: dict[int, ActorRef | None] = {}

    # -- actors ---------------------------------------------------------------------------
    def actor(self, head: int) -> ActorRef | None:
        """The actor a noun-phrase head names, coded, or None when it is not an actor
        (memoised: the rules ask about the same heads many times)."""
        if head in self._actors:
            return self._actors[head]
        ref = self._actor(head)
        t = self.d.toks[head]
        if ("N", t.lemma.lower()) not in self.lex.triggers:  # event nouns read earlier events
            self._actors[head] = ref
        return ref

    def _actor(self, head: int) -> ActorRef | None:
        t = self.d.toks[head]
        if t.pos in ("VERB", "AUX", "ADP", "PUNCT", "NUM"):
            return None
        if t.text.lower() in _REL_PRON and t.dep in _SUBJ:
            return None
        own = self.owner.get(head)
        code: str | None
        if own is not None:
            eid, span, code = own
            a, b = self.d.np_range(head)
            text = self.art.text[span[0] : span[1]]
            if code is None:
                phrase = code_phrase(self.d.stext(a, b), self.kb, self.date)
                code = phrase.code()
            elif self.types.get(eid) == "NORP" and len(code) == 3 and a < head:
                # "displaced Afghans": the people, with what the phrase says they are
                richer = code_phrase(self.d.stext(a, b), self.kb, self.date).code()
                if richer and richer[:3] == code and len(richer) > 3:
                    code = richer
            place = self.types.get(eid) in ("GPE", "LOC", "FAC")
            if code and place and self._locative(head) and code.endswith("GOV") and len(code) == 6:
                code = code[:3]  # "traveled to Moscow": a place, not the government
            if code:
                return ActorRef(text, span, eid, code)
            # A named person or organisation the dictionaries do not know is still the actor
            # (code null, CONTRACT.md): the event keeps its evidence, exports skip it.
            return ActorRef(text, span, eid, None) if self.types.get(eid) in _NAMED else None
        if t.pos == "PRON":
            return self.reported_pronoun(t)
        maker = self.event_noun_maker(t)
        if maker is not None:
            return maker
        a, b = self.d.np_range(head, with_of=True)
        text = self.d.stext(a, b)
        inner = [self.owner[i] for i in range(a, b) if i in self.owner]
        span = self.d.span(a, b)
        owned = [c for o in inner if (c := self.kb.code_country(o[2]))]
        # "Maduro's government": the country of the name inside the phrase comes first
        default = owned[0] if owned else located_country(self.art, span, self.kb)
        if POSSESSIVE.match(text):  # "his government": the government of the one before
            default = possessor_country(self.art, self.art.entities, span) or default
        coding = code_phrase(text, self.kb, self.date, default_country=default)
        code = coding.code()
        if code is None and inner:
            code = inner[-1][2]
        if code is None:
            return self.earlier_source(t)
        ent_id = inner[-1][0] if inner and not coding.sectors else None
        return ActorRef(text, span, ent_id, code)

    def reported_pronoun(self, t: Token) -> ActorRef | None:
        """ "Slovakia says it will not accept ...": it/they/we in a reported clause = the speaker."""
        subj = self._speaker_of(t)
        if subj is None:
            return None
        ref = self.actor(subj)
        return ActorRef(t.text, (t.start, t.end), ref.entity, ref.code) if ref else None

    def _speaker_of(self, t: Token) -> int | None:
        """The subject of the speech verb whose reported clause holds pronoun t, if any."""
        if t.text.lower() not in ("it", "they", "we", "its", "their", "our"):
            return None
        clause = t.head if t.dep in _SUBJ or t.dep == "poss" else None
        steps = 0
        while clause is not None and steps < 4:
            c = self.d.toks[clause]
            gov = self.d.toks[c.head]
            if (c.dep == "ccomp" and gov.lemma.lower() in self.words.speech | self.words.accuse
                    and gov.i != c.i):
                subj = self.subject(gov.i)
                if subj is not None and subj != t.i and self.d.toks[subj].pos != "PRON":
                    return subj
                return None
            if c.dep not in ("xcomp", "conj", "aux") or c.head == clause:
                return None
            clause, steps = c.head, steps + 1
        return None

    def event_noun_maker(self, t: Token) -> ActorRef | None:
        """ "rejected U.S. calls for a ceasefire": an event noun stands for its maker."""
        if t.pos != "NOUN" or ("N", t.lemma.lower()) not in self.lex.triggers:
            return None
        for k in self.d.kids(t.i, "poss", "compound", "amod", "nmod"):
            if k.i == t.i or k.pos not in ("PROPN", "NOUN", "ADJ", "PRON"):
                continue
            own = self.owner.get(k.i)
            if own is not None and own[2]:
                a, b = self.d.np_range(t.i)
                return ActorRef(self.d.stext(a, b), self.d.span(a, b), own[0], own[2])
        return None

    def _locative(self, head: int) -> bool:
        t = self.d.toks[head]
        if t.dep != "pobj":
            return False
        prep = self.d.toks[t.head]
        return prep.lemma.lower() in ("to", "in", "at", "into", "from", "near", "inside")

    def earlier_source(self, t: Token) -> ActorRef | None:
        """"denounces the accusations": an event noun stands for whoever made that event."""
        entries = self.lex.triggers.get(("N", t.lemma.lower()))
        if not entries or t.pos != "NOUN":
            return None
        root = entries[-1].code[:2]
        for ev in reversed(self.events):
            src = ev.source
            if ev.cameo.root == root and src is not None and ev.trigger_span[0] < t.start:
                a, b = self.d.np_range(t.i)
                return ActorRef(self.d.stext(a, b), self.d.span(a, b), src.entity, src.code)
        return None

    def with_conj(self, head: int) -> list[int]:
        out, stack = [], [head]
        while stack:
            h = stack.pop()
            out.append(h)
            stack.extend(k.i for k in self.d.kids(h, "conj") if k.pos in ("NOUN", "PROPN", "PRON"))
        return sorted(out)

    def args(self, head: int | None) -> list[_Arg]:
        if head is None:
            return []
        out = []
        heads = self.with_conj(head)
        if self.d.toks[head].text.lower() in ("they", "we"):
            speaker = self._speaker_of(self.d.toks[head])  # "Mexico and Bolivia said they"
            if speaker is not None and len(self.with_conj(speaker)) > 1:
                heads = self.with_conj(speaker)
        for h in heads:
            ref = self.actor(h)
            if ref is not None:
                out.append(_Arg(h, ref))
                out.extend(_Arg(h, r) for r in self.co_nationals(h, ref))
        return out

    def co_nationals(self, h: int, ref: ActorRef) -> list[ActorRef]:
        """ "US and British activists": the other countries of coordinated nationality
        modifiers, each a party of its own (one event per actor, as CAMEO codes compounds)."""
        if not ref.code or len(ref.code) < 3:
            return []
        out = []
        for m in self.d.kids(h, "amod", "nmod", "compound"):
            first = self.kb.country_of(m.text)
            if first is None or first != ref.code[:3]:
                continue
            for c in (k.i for k in self.d.kids(m.i, "conj")):
                iso = self.kb.country_of(self.d.toks[c].text)
                if iso and iso != first:
                    out.append(replace(ref, entity=None, code=iso + ref.code[3:]))
        return out

    # -- structure ------------------------------------------------------------------------
    def subject(self, v: int, depth: int = 0) -> int | None:
        t = self.d.toks[v]
        for k in self.d.kids(v, "nsubj", "csubj"):
            if k.text.lower() in _REL_PRON and t.dep == "relcl":
                return t.head
            return k.i
        agent = self.passive_agent(v)
        if agent is not None:
            return agent
        if self.is_passive(v):
            if self.d.kids(v, "xcomp") or t.lemma.lower() in self.words.sent:
                # "is scheduled to meet": the passive subject acts; "troops were deployed":
                # the troops stand for the state that sends them
                for k in self.d.kids(v, "nsubjpass"):
                    return k.i
            return self.means_maker(v)
        if depth < 3 and t.head != v and self._controlled(t):
            # Object control: "pressured Obama to help", "Obama was pressed by X to help":
            # the one pressed acts, not the one pressing.
            for k in self.d.kids(t.head, "dobj", "nsubjpass"):
                if k.pos in ("PROPN", "PRON") or (k.pos == "NOUN" and self.actor(k.i)):
                    return k.i  # "launched operations to detain": no controller
        if t.dep == "advcl" and t.tag == "VBN" and not self.d.kids(v, "aux", "auxpass"):
            # "Asked whether ..., the minister said": a reduced passive; the main clause's subject
            # was asked, by someone the sentence does not name
            return None
        if depth < 3 and t.dep in ("xcomp", "conj", "advcl", "acomp") and t.head != v:
            return self.subject(t.head, depth + 1)
        if t.dep == "pcomp" and depth < 3:  # "accuses Russia of providing": Russia provides
            gov = self.d.toks[t.head]
            if gov.dep == "prep" and self.d.toks[gov.head].pos == "VERB":
                for k in self.d.kids(gov.head, "dobj"):
                    return k.i
            adj = self.d.toks[gov.head]
            if gov.dep == "prep" and adj.pos == "ADJ" and adj.head != adj.i:
                # "X and Y were guilty of violating the ceasefire": X and Y violated it;
                # "found the regime guilty of murdering": the regime murdered
                for k in self.d.kids(adj.i, "nsubj"):
                    return k.i
                return self.subject(adj.head, depth + 1)
        if t.dep == "relcl":
            return t.head
        if t.dep == "acl" and self._infinitive(v):
            for k in self.d.kids(t.head, "poss"):  # "Cuba's refusal to engage": Cuba
                if k.pos == "PROPN" or (k.pos == "NOUN" and self.actor(k.i) is not None):
                    return k.i
        if t.dep == "acl":
            head = self.d.toks[t.head]
            if (depth < 3 and head.lemma.lower() in self.words.instruments and head.dep == "dobj"
                    and head.head != head.i):
                # "signed a decree granting citizenship", "launched operations to detain":
                # whoever signs or launches acts, not the decree or the operation
                return self.subject(head.head, depth + 1)
            if t.tag == "VBG":
                return t.head
        return None

    def _country_ref(self, i: int, types: tuple[str, ...] = ("GPE",)) -> ActorRef | None:
        """The country a place token stands for, as a bare country code ("in Niger" -> NER),
        or None when i is not a coded place of these entity types."""
        own = self.owner.get(i)
        ref = self.actor(i)
        if own is None or ref is None or not ref.code or self.types.get(own[0]) not in types:
            return None
        return replace(ref, code=ref.code[:3])

    def venue(self, t: Token) -> _Arg | None:
        """The country a protest takes place in ("staged a protest in Beijing" -> CHN)."""
        heads = [t.i, *(k.i for k in self.d.kids(t.i, "dobj"))]
        if t.pos == "NOUN" and t.dep == "dobj":
            heads.append(t.head)
        found = None
        for h in heads:
            for p in self.d.kids(h, "prep"):
                prep = p.lemma.lower()
                if prep not in ("in", "outside", "at", "near", "before"):
                    continue
                for n in self.d.kids(p.i, "pobj"):
                    own = self.owner.get(n.i)
                    ref = self.actor(n.i)
                    if own is None or ref is None or not ref.code:
                        continue
                    if prep != "in":  # "outside the US embassy": at whoever it stands for
                        return _Arg(n.i, ref)
                    place = self._country_ref(n.i, ("GPE", "LOC", "FAC"))
                    if found is None and place is not None:
                        found = _Arg(n.i, place)
        return found

    def means_maker(self, v: int) -> int | None:
        """The doer of an agentless passive named on the event that did it: "were killed in
        Israeli shelling", "was wounded in a Taliban attack" -> Israeli, Taliban."""
        for p in self.d.kids(v, "prep"):
            if p.lemma.lower() == "from":  # "a mortar was fired at it from the Gaza Strip"
                for n in self.d.kids(p.i, "pobj"):
                    own = self.owner.get(n.i)
                    if own is not None and own[2] and self.types.get(own[0]) in ("GPE", "LOC"):
                        return n.i
                continue
            if p.lemma.lower() not in ("in", "during", "by"):
                continue
            for n in self.d.kids(p.i, "pobj"):
                if n.pos != "NOUN":
                    continue
                if ("N", n.lemma.lower()) not in self.lex.triggers and not self._gerund_after(n):
                    continue
                for m in self.d.kids(n.i, "poss", "amod", "compound", "nmod"):
                    if m.pos in ("PROPN", "ADJ", "NOUN") and self.actor(m.i) is not None:
                        return m.i
        return None

    def _after_quote(self, i: int) -> bool:
        """Whether speech verb i reports a quotation that ends just before its subject
        ('"...," the official told reporters'): the reporting clause stands on its own, so the
        quote's "if" or "would" is not its modality (however the parser hung the two)."""
        t = self.d.toks[i]
        if t.lemma.lower() not in self.words.speech:
            return False
        for k in self.d.kids(i, "nsubj"):
            first = min(self.d.subtree(k.i))
            j = first - 1
            while j >= 0 and self.d.toks[j].text in (",", "."):
                j -= 1
            return j >= 0 and self.d.toks[j].text in ("”", '"', "''", "’")
        return False

    def _gerund_after(self, n: Token) -> bool:
        """Whether noun n is the first half of a "tank shelling" the parser split: the next
        word is a force verb's -ing form hung on n or on n's verb, not n's own modifier."""
        if n.i + 1 >= len(self.d.toks):
            return False
        g = self.d.toks[n.i + 1]
        if g.tag != "VBG" or g.sent != n.sent or g.head not in (n.i, self.d.toks[n.head].head):
            return False
        trig = self.lex.triggers.get(("V", g.lemma.lower()))
        return any(r.code[:2] in ("18", "19") for r in trig or ())

    def _thing_object(self, t: Token) -> bool:
        """Whether a verb that takes people ("receive", "host", "release") has a thing as its
        object ("received 10 percent of the vote", "released a statement")."""
        if t.pos != "VERB" or t.lemma.lower() not in self.words.person_object:
            return False
        for k in self.d.kids(t.i, "dobj", "nsubjpass"):  # "amounts met by the authorities"
            return k.lemma.lower() in self.words.things
        return False

    def _infinitive(self, i: int) -> bool:
        """Whether the verb at i is a to-infinitive ("to withdraw")."""
        return any(a.lemma.lower() == "to" for a in self.d.kids(i, "aux"))

    def _phoned(self, t: Token) -> bool:
        """Whether t is the purpose of a phone call ("called Erdogan to apologize"): the caller
        acts, unlike "called on X to" where X is asked to."""
        gov = self.d.toks[t.head]
        return (t.dep in ("xcomp", "advcl") and gov.lemma.lower() == "call" and gov.pos == "VERB"
                and self._infinitive(t.i) and bool(self.d.kids(gov.i, "dobj", "oprd"))
                and not any(p.lemma.lower() in ("on", "upon") and not self._when(p.i)
                            for p in self.d.kids(gov.i, "prep")))

    def _controlled(self, t: Token) -> bool:
        """An infinitive whose doer is its governor's object ("forced X to", "urged X to")."""
        if self._phoned(t):
            return False
        if t.dep == "xcomp":
            return True
        return (t.dep == "advcl" and self.d.toks[t.head].lemma.lower() in self.words.control
                and self._infinitive(t.i))

    def is_passive(self, v: int) -> bool:
        return any(k.dep in ("nsubjpass", "auxpass") for k in self.d.kids(v))

    def passive_agent(self, v: int) -> int | None:
        for k in self.d.kids(v, "agent"):
            for p in self.d.kids(k.i, "pobj"):
                return p.i
        return None

    def pobj(self, heads: list[int], prep: str) -> int | None:
        for h in heads:
            for k in self.d.kids(h, "prep", "agent", "dative"):
                if k.lemma.lower() == prep or k.text.lower() == prep:
                    for p in self.d.kids(k.i, "pobj"):
                        return p.i
        return None

    def match(self, t: Token) -> tuple[Trigger, dict[str, int]] | None:
        """The lexicon row for token t (most deps satisfied wins) and its argument set."""
        pos = "V" if t.pos == "VERB" else "N" if t.pos == "NOUN" else ""
        if not pos or (pos == "N" and t.dep == "compound"):
            return None
        entries = self.lex.triggers.get((pos, t.lemma.lower()))
        if not entries:
            return None
        near = self.arg_set(t.i)
        best: tuple[int, int] | None = None
        found = None
        for e in entries:  # sorted by number of deps, then file order
            if best is not None and len(e.deps) < -best[0]:
                break
            if all(self._has(dep, near) for dep in e.deps):
                # Among rows with as many deps, the one whose words sit nearest the trigger
                # wins: "rejected an extradition request on the charge of X" is a rejected
                # request (its object), not a rejected charge (a prepositional phrase).
                rank = (-len(e.deps), sum(self._depth(near[d], t.i) for d in e.deps if d in near))
                if best is None or rank < best:
                    best, found = rank, e
        return (found, near) if found is not None else None

    def _depth(self, k: int, i: int) -> int:
        """Head steps from token k up to token i (capped; a "to:*" item has no token)."""
        toks = self.d.toks
        n = 0
        while k != i and n < 8:
            k, n = toks[k].head, n + 1
        return n

    def _has(self, dep: str, near: dict[str, int]) -> bool:
        if dep != "to:*":
            return dep in near
        # "agreed to <anything>": only when the embedded act is not an event of its own
        return any(k.startswith("to:") and not self._is_trigger(v) for k, v in near.items())

    def _is_trigger(self, i: int) -> bool:
        t = self.d.toks[i]
        if ("V", t.lemma.lower()) not in self.lex.triggers:
            return False
        entries = self.lex.triggers[("V", t.lemma.lower())]
        near = self.arg_set(i, 1)
        return any(all(dep in near for dep in e.deps if dep != "to:*") for e in entries)

    def arg_set(self, i: int, depth: int = 0) -> dict[str, int]:
        """Lemmas a row's deps may name (see kb/data/SOURCES_lexicon.md) -> their tokens."""
        d = self.d
        out: dict[str, int] = {}
        nouns: list[int] = []
        for k in d.kids(i):
            lem = k.lemma.lower()
            if k.dep == "xcomp" or (k.dep == "advcl" and self._infinitive(k.i)):
                out.setdefault("to:" + lem, k.i)
                if depth == 0:  # the infinitive's words, not its prepositions ("on becoming")
                    for key, v in self.arg_set(k.i, 1).items():
                        if self.d.toks[v].dep not in ("prep", "agent"):
                            out.setdefault(key, v)
                continue
            if k.dep in _ARG_EXCLUDE or (k.dep == "prep" and self._when(k.i)):
                continue  # "called X on Friday" is no "call on"
            out.setdefault(lem, k.i)
            if k.pos in ("NOUN", "PROPN", "PRON"):
                nouns.append(k.i)
            if k.dep in ("prep", "prt", "agent", "dative"):
                nouns.extend(self._prep_objects(k.i, out))
        for n in nouns:
            for g in d.kids(n):
                if g.dep in ("compound", "amod", "nmod", "conj", "nummod"):
                    out.setdefault(g.lemma.lower(), g.i)
                elif g.dep == "prep":
                    out.setdefault(g.lemma.lower(), g.i)
                    self._prep_objects(g.i, out)
        return out

    def _when(self, p: int) -> bool:
        """Whether preposition p only dates the clause ("on Friday", "in May 2013")."""
        if self.d.toks[p].lemma.lower() == "to":
            return False  # "sentenced to five years": a term, not a date
        objs = self.d.kids(p, "pobj")
        return bool(objs) and all(o.ent_type in ("DATE", "TIME") for o in objs)

    def _prep_objects(self, p: int, out: dict[str, int]) -> list[int]:
        found = []
        for g in self.d.kids(p):
            if g.dep in ("pobj", "dobj", "pcomp"):
                out.setdefault(g.lemma.lower(), g.i)
                found.append(g.i)
            elif g.dep in ("prep", "prt"):
                out.setdefault(g.lemma.lower(), g.i)
                found.extend(self._prep_objects(g.i, out))
        return found

    def target(self, t: Token, trig: Trigger, dep_heads: list[int]) -> int | None:
        """The first target slot that resolves to an actor (trigger, dep nouns, to: verb)."""
        nouns = [h for h in dep_heads if self.d.toks[h].pos in ("NOUN", "PROPN")]
        verbs = [h for h in dep_heads if self.d.toks[h].dep in ("xcomp", "advcl", "ccomp")]
        objs = [k.i for k in self.d.kids(t.i, "dobj") if k.pos == "NOUN" and k.i not in nouns]
        for v in verbs:  # "applied to become part of Russia": the embedded verb's complement
            objs.extend(k.i for k in self.d.kids(v, "dobj", "attr") if k.pos == "NOUN")
        if (t.dep in ("advcl", "xcomp") and t.head != t.i
                and (any(k.text.lower() in ("him", "her", "them") for k in self.d.kids(t.i, "dobj"))
                     or (self._phoned(t) and ("dobj" not in trig.targets or not any(
                         k.pos == "PROPN" and self.actor(k.i) for k in self.d.kids(t.i, "dobj")))))):
            # "called Putin to discuss Ukraine": whom a call is made to is whom its purpose is for
            # "called Morrison to congratulate him": the pronoun is the governor's object
            for k in self.d.kids(t.head, "dobj", "oprd"):
                if k.pos in ("PROPN", "NOUN") and self.actor(k.i) is not None:
                    return k.i
        specs = trig.targets
        if specs == ("-",) and not trig.code.startswith("01"):
            specs = _FALLBACK_TARGETS  # the row names none: any actor-valued object will do
        for spec in specs:
            if spec == "-":
                return None
            for host in (t.i, *nouns, *verbs, *objs):
                cand = self._slot(spec, host, t, trig)
                # a dep word is the act ("imposed sanctions"), unless a preposition makes it
                # the party ("opened its borders to refugees")
                if (cand is not None and (cand not in dep_heads or spec.startswith("pobj:")
                                          or self.kb.role(self.d.toks[cand].lemma) is not None)
                        and self.actor(cand) is not None):  # "released prisoners": people
                    return cand
        for host in objs:  # "endorsed an agreement with the EU": the object's partner
            cand = self.pobj([host], "with")
            if cand is not None and self.actor(cand) is not None:
                return cand
        for k in (a for h in (t.i, *nouns) for a in self.d.kids(h, "acl")):
            if k.lemma.lower() in ("target", "aim"):  # "sanctions targeting Russian banks"
                for o in self.d.kids(k.i, "dobj"):
                    if self.actor(o.i) is not None:
                        return o.i
        if trig.code[:2] == "07":  # "provided $1.7 billion in aid to support Syrian refugees"
            for p in self.d.kids(t.i, "advcl", "xcomp", "acl"):
                if p.lemma.lower() in self.words.helping:
                    for k in self.d.kids(p.i, "dobj"):
                        if self.actor(k.i) is not None:
                            return k.i
        if trig.pos == "V" and trig.code[:2] in _ASKING_ROOTS:
            for host in self._demanded(t.i):  # "called for sanctions against China"
                for prep in ("against", "on"):
                    cand = self.pobj([host], prep)
                    if cand is not None and self.actor(cand) is not None:
                        return cand
        return None

    def _demanded(self, i: int) -> list[int]:
        """The nouns a call or demand asks for ("called for sanctions", "demanded a probe")."""
        return [o.i for p in self.d.kids(i, "prep") if p.lemma.lower() == "for"
                for o in self.d.kids(p.i, "pobj") if o.pos == "NOUN"]

    def _slot(self, spec: str, host: int, t: Token, trig: Trigger) -> int | None:
        d = self.d
        if spec == "dobj":
            for k in d.kids(host, "dobj", "nsubjpass"):
                return k.i
            for c in d.kids(host, "ccomp"):  # "found the regime guilty": a small clause
                if c.pos == "ADJ":
                    for k in d.kids(c.i, "nsubj"):
                        return k.i
            for k in d.kids(host, "oprd"):  # a name parsed as a predicate ("called X on ...")
                if k.pos == "PROPN":
                    return k.i
        elif spec == "iobj":
            for k in d.kids(host, "dative"):
                return k.i
        elif spec == "poss":
            if host == t.i and trig.pos == "V":
                return None
            for k in d.kids(host, "poss"):
                return k.i
        elif spec == "xcomp_obj":
            for x in d.kids(host, "xcomp"):
                for k in d.kids(x.i, "dobj"):
                    return k.i
        elif spec.startswith("pobj:"):
            found = self.pobj([host], spec[5:])
            if found is None and host != t.i and d.toks[host].pos == "NOUN":
                # "lift sanctions imposed on India": the participle carries the party
                found = self.pobj([k.i for k in d.kids(host, "acl") if k.tag == "VBN"], spec[5:])
            return found
        return None

    def noun_source(self, t: Token, trig: Trigger) -> int | None:
        if "poss" not in trig.targets:
            for k in self.d.kids(t.i, "poss"):
                gov = self.d.toks[t.head]
                if (k.pos == "PRON" and k.i not in self.owner and t.dep == "dobj"
                        and gov.pos == "VERB"):
                    # "forces continued their attacks": the pronoun is the verb's subject
                    return self.subject(gov.i)
                return k.i
        by = self.pobj([t.i], "by")
        if by is not None:
            return by
        gov = self.d.toks[t.head]
        if t.dep == "pobj" and gov.lemma.lower() == "of" and gov.head != gov.i:
            giver = self.d.toks[gov.head]  # "the largest donor of aid": the donor gives
            if giver.lemma.lower() in self.words.givers:
                for k in self.d.kids(giver.i, "poss"):
                    return k.i
                if giver.dep == "attr" and giver.head != giver.i:
                    return self.subject(giver.head)
        for k in self.d.kids(t.i, "compound", "amod", "nmod"):
            if (k.ent_type == "GPE" and k.pos == "PROPN" and self.kb.country_of(k.text) is None
                    and self.types.get(self.owner.get(k.i, ("",))[0]) == "GPE"):
                continue  # "the Mumbai attacks": where, not who
            if k.i in self.owner or k.ent_type in ("NORP", "GPE", "ORG"):
                return k.i
        gov = self.d.toks[t.head]
        if t.dep == "dobj" and gov.lemma.lower() in self.words.light:
            return self.subject(gov.i)
        if (trig.code == "042" and t.dep == "pobj" and gov.dep == "prep"
                and gov.lemma.lower() in ("during", "on", "in") and gov.head != gov.i
                and self.d.toks[gov.head].pos in ("VERB", "AUX")
                and any(p.lemma.lower() == "to" for p in self.d.kids(t.i, "prep"))):
            # "held talks with X during a visit to Beirut": the one who talks is visiting
            # (not "told reporters on the visit": they may only travel with the visitor)
            return self.subject(gov.head)
        if (trig.code[:2] == "04" and t.dep == "pobj" and gov.dep == "prep"
                and gov.lemma.lower() == "for" and gov.head != gov.i
                and self.d.toks[gov.head].pos == "VERB"
                and self.d.toks[gov.head].lemma.lower() in self.words.travel):
            # "will visit Beijing next week for talks with Wang Yi": the traveller talks
            return self.subject(gov.head)
        return None

    # -- clause context -------------------------------------------------------------------
    def context(self, i: int) -> tuple[bool, str]:
        """Negation and modality of the clause around token i."""
        d = self.d
        t = d.toks[i]
        negated = any(k.lemma.lower() in _NEG or k.dep == "neg" for k in d.kids(i))
        modality = "asserted"
        aux = {k.text.lower() for k in d.kids(i, "aux", "auxpass")}
        if aux & _HYPO_AUX:
            modality = "hypothetical"
            if aux & _HYPO_AUX == {"would"} and self._reported(i):
                modality = "intended"  # "said he would not provide support": his intention
        elif aux & _FUTURE_AUX:
            modality = "intended"
        if modality == "asserted" and self._after_quote(i):
            return negated, modality  # '"... if he was going ...," the official told reporters'
        # "willing to withdraw if asked": a conditional offer still expresses the intent
        conditional = "intended" if self._under_intent(i) else "hypothetical"
        if any(k.lemma.lower() in ("if", "unless") for k in d.kids(i, "mark")):
            return negated, conditional
        for adv in d.kids(i, "advcl"):  # "If Iran enriches uranium, Israel will strike"
            if any(k.lemma.lower() in ("if", "unless") for k in d.kids(adv.i, "mark")):
                return negated, conditional
        j, steps, chain = i, 0, True
        while steps < 8:
            tok = d.toks[j]
            if tok.head == j:
                break
            gov = d.toks[tok.head]
            glem = gov.lemma.lower()
            chain = chain and tok.dep in ("xcomp", "acomp", "conj")
            if chain and tok.dep == "xcomp" and glem in self.words.not_doing:
                negated = True  # "failed to reach a deal", "refuses to lift the ban"
            if glem in self.words.asked and tok.dep in ("xcomp", "advcl") and (
                    chain or tok.dep == "advcl") and self._controlled(tok):  # "urged X to go"
                return negated, "hypothetical"
            if (j == i and tok.dep == "pobj" and glem == "for" and gov.head != gov.i
                    and d.toks[gov.head].lemma.lower() in self.words.travel
                    and modality == "asserted"):
                modality = "intended"  # "arrived for talks with Putin": the trip's purpose
            if chain and tok.dep == "xcomp" and glem in self.words.uncertain:
                return negated, "hypothetical"  # "is likely to retaliate", "reluctant to send"
            if chain and tok.dep in ("xcomp", "acomp") and glem in self.words.intent:
                modality = "intended" if modality == "asserted" else modality
            if (j == i and tok.dep == "ccomp" and self._infinitive(j) and glem in self.words.intent
                    and modality == "asserted"):
                modality = "intended"  # "expect Britain and France to meet"
                if j == i and any(k.dep == "neg" for k in d.kids(gov.i)):
                    negated = True
            if tok.dep in ("ccomp", "pcomp", "pobj", "prep", "xcomp") and gov.pos in (
                    "VERB", "ADP"):
                if glem in self.words.deny:  # "denied using chemical weapons"
                    return negated, "denied"
                if glem in self.words.accuse and tok.dep != "xcomp":
                    return negated, "alleged"
                if (tok.dep == "prep" and tok.lemma.lower() == "for" and j != i
                        and glem in self.words.punish):
                    return negated, "alleged"  # "arrested two men for smuggling weapons"
            if tok.dep == "acl" and glem in self.words.asking_nouns:
                # "a call to release activists"
                return negated, "hypothetical"
            if (tok.dep == "advcl" and self._infinitive(j)
                    and any(o.lemma.lower() in self.words.asking_nouns
                            for o in d.kids(gov.i, "dobj"))):
                return negated, "hypothetical"  # the same, parsed as "rejected [a call] [to]"
            if tok.dep == "ccomp" and glem in self.words.demand_that:
                # "demanded that she step down"
                return negated, "hypothetical"
            if tok.dep == "acl" and glem in ("refusal", "failure") and self._infinitive(j):
                negated = True  # "Cuba's refusal to engage with Colombia": a refusal (12x)
            if (tok.dep == "acl" and glem in ("plan", "intention", "intent")
                    and any(k.lemma.lower() == "no" for k in d.kids(gov.i, "det"))):
                return True, "intended"  # "has no plans to send troops"
            if tok.dep == "advcl" and any(k.lemma.lower() in ("if", "unless")
                                          for k in d.kids(j, "mark")):
                return negated, "hypothetical"
            if tok.dep not in _CLAUSE_UP:
                break
            j, steps = gov.i, steps + 1
        if (modality == "asserted" and t.dep in ("advcl", "xcomp") and t.head != i
                and self._infinitive(i)):
            # "will meet in Zurich to discuss": the purpose shares the plan's modality
            g_neg, g_mod = self.context(t.head)
            if g_mod in ("intended", "hypothetical"):
                modality = g_mod
                # "will not go to Moscow to meet him": no trip, so no meeting either
                negated = negated or (g_neg and self.d.toks[t.head].lemma.lower() in ("go", "come", "travel"))
        if t.pos == "NOUN" and modality == "asserted" and t.dep in ("nsubj", "dobj", "nsubjpass"):
            gov = d.toks[t.head]
            if gov.lemma.lower() in self.words.intent and gov.i != t.i:
                modality = "intended"
            elif gov.pos in ("VERB", "AUX") and gov.i != t.i:
                g_neg, g_mod = self.context(gov.i)
                return negated or g_neg, g_mod
        return negated, modality

    def _under_intent(self, i: int) -> bool:
        """Whether the verb at i is what an intent word governs ("is willing to withdraw")."""
        t = self.d.toks[i]
        for _ in range(3):
            if t.head == t.i or t.dep not in ("xcomp", "acomp", "conj"):
                return False
            gov = self.d.toks[t.head]
            if t.dep != "conj" and gov.lemma.lower() in self.words.intent:
                return True
            t = gov
        return False

    def _reported(self, i: int) -> bool:
        """Whether the clause of token i is the content of a speech verb ("X said it would")."""
        t = self.d.toks[i]
        gov = self.d.toks[t.head]
        return t.dep == "ccomp" and gov.i != i and gov.lemma.lower() in self.words.speech

    def appraisal(self, t: Token, code: str) -> str:
        """ "described the visit as 'extremely positive'": a statement that judges its object
        is praise (051) or criticism (111), by the tone lexicon's words in the judgement."""
        if (self.tone is None or not code.startswith("01")
                or t.lemma.lower() not in self.words.appraise):
            return code
        judged: list[Token] = []
        for k in self.d.kids(t.i):
            if k.dep in ("oprd", "acomp", "xcomp") or (k.dep == "prep" and k.lemma == "as"):
                judged.extend(self.d.toks[j] for j in sorted(self.d.subtree(k.i)))
        score = sum((w.lemma.lower() in self.tone.positive or w.text.lower() in self.tone.positive)
                    - (w.lemma.lower() in self.tone.negative or w.text.lower() in self.tone.negative)
                    for w in judged)
        return "051" if score > 0 else "111" if score < 0 else code

    def received(self, t: Token, receivers: list[_Arg]
                 ) -> tuple[Trigger, list[_Arg], list[_Arg]] | None:
        """ "received weapons/aid/assurances from Y" is Y giving them: the giver's row."""
        if t.pos != "VERB" or t.lemma.lower() not in self.words.receive or not receivers:
            return None
        givers = self.args(self.pobj([t.i], "from"))
        objs = self.d.kids(t.i, "dobj")
        if not givers or not objs:
            return None
        noun = objs[0].lemma.lower()
        for verb in self.words.give:
            for row in self.lex.triggers.get(("V", verb), ()):
                if row.deps == (noun,):
                    return row, givers, receivers
        return None

    def demand(self, t: Token, trig: Trigger, doers: list[_Arg]) -> Event | None:
        """"X says Y must do Z": X demands of Y (10x), coded instead of Z itself."""
        d = self.d
        aux = {k.text.lower() for k in d.kids(t.i, "aux")}
        gov = d.toks[t.head]
        if trig.pos != "V" or not aux & _MUST or not doers or t.dep != "ccomp":
            return None
        if gov.lemma.lower() not in self.words.speech or gov.i == t.i:
            return None
        speakers = self.args(self.subject(gov.i))
        if not speakers:
            return None
        code = self.lex.demand_code(trig.code)
        info = self.lex.info(code)
        s, g = speakers[0], doers[0]
        if _own_state(s.ref, g.ref):
            return None  # "Modi said India must cut imports": policy, not a demand of anyone
        return Event(
            sentence=t.sent, source=s.ref, target=g.ref, trigger_text=gov.text,
            trigger_span=(gov.start, gov.end),
            cameo=Cameo(code, code[:2], info.quad, info.goldstein),
            plover=Plover(info.plover, info.plover_mode) if info.plover else None,
            date=self.date, negated=False, modality="asserted", confidence=0.6,
        )

    def model_events(self, model: EventModel, threshold: float) -> list[Event]:
        """Pairs of actors in a sentence that no rule linked: the classifier's root, if sure."""
        linked = {(ev.sentence, ev.source.span, ev.target.span) for ev in self.events
                  if ev.source is not None and ev.target is not None}
        linked |= {(s, b, a) for s, a, b in linked}
        # a rule already read that verb, as an event or as none ("charged X with running")
        triggers = {ev.trigger_span for ev in self.events} | self.read_as_none
        by_sent: dict[int, list[tuple[int, ActorRef]]] = {}
        seen: set[tuple[int, int]] = set()
        for t in self.d.toks:
            if t.dep not in _PAIR_DEPS or not (t.pos in ("PROPN", "NOUN") or (
                    t.pos == "PRON" and t.dep in _SUBJ)):
                continue
            if t.pos == "PROPN" and t.i not in self.owner:
                continue  # a name no entity holds ("Secretary of State")
            if t.pos == "NOUN" and ("N", t.lemma.lower()) in self.lex.triggers:
                continue  # an event noun ("talks"), not a party
            ref = self.actor(t.i)
            if ref is None or ref.span in seen:
                continue
            seen.add(ref.span)
            by_sent.setdefault(t.sent, []).append((t.i, ref))
        out: list[Event] = []
        for sent, heads in by_sent.items():
            if not 2 <= len(heads) <= _MAX_MODEL_ACTORS:
                continue
            for (i, ri), (j, rj) in combinations(heads, 2):
                if not _distinct(ri, rj) or (sent, ri.span, rj.span) in linked:
                    continue
                root, p = model.predict(self.art, i, j)
                if root == "NONE" or p < threshold:
                    continue
                ev = self._model_event((i, ri), (j, rj), root, p)
                if ev is None or ev.trigger_span in triggers:
                    continue
                k = self.d.tok_at(ev.trigger_span[0])
                if k is not None and self.d.toks[k].lemma.lower() == "have":
                    continue  # "had no plans to send troops": no act of its own
                out.append(ev)
        return out

    def _model_event(self, a: tuple[int, ActorRef], b: tuple[int, ActorRef], root: str,
                     p: float) -> Event | None:
        """The classifier's event between two actor heads and their (already resolved) refs."""
        if self._is_subject(b[0]) and not self._is_subject(a[0]):
            a, b = b, a  # the subject side acts
        (i, src), (j, tgt) = a, b
        trig = self._lca(i, j)
        t = self.d.toks[trig]
        if t.pos not in ("VERB", "AUX"):
            return None  # parties joined by a noun phrase or a list, not by a clause
        negated, modality = self.context(trig)
        code = _MODEL_CODES[root]
        if modality == "intended":
            code = self.lex.intent_code(code)
        info = self.lex.info(code)
        return Event(
            sentence=t.sent, source=src, target=tgt, trigger_text=t.text,
            trigger_span=(t.start, t.end),
            cameo=Cameo(code, code[:2], info.quad, info.goldstein),
            plover=Plover(info.plover, info.plover_mode) if info.plover else None,
            date=self.date, negated=negated, modality=modality,
            confidence=round(0.5 * p, 2), method="model",
        )

    def _is_subject(self, i: int) -> bool:
        return self.d.toks[i].dep in _SUBJ

    def _lca(self, i: int, j: int) -> int:
        up: list[int] = []
        k, steps = i, 0
        while steps < 30:
            up.append(k)
            if self.d.toks[k].head == k:
                break
            k, steps = self.d.toks[k].head, steps + 1
        k, steps = j, 0
        while k not in up and steps < 30 and self.d.toks[k].head != k:
            k, steps = self.d.toks[k].head, steps + 1
        return k if k in up else up[-1]

    def clause_verb(self, i: int) -> int:
        """The nearest verb at or above token i (the clause it belongs to)."""
        j, steps = i, 0
        while steps < 12 and self.d.toks[j].pos not in ("VERB", "AUX") and self.d.toks[j].head != j:
            j, steps = self.d.toks[j].head, steps + 1
        return j

    def actor_place(self, ev: Event) -> int | None:
        """Material acts happen where their target is, verbal ones where their source is:
        the country of that actor, when the article names it as a place."""
        ref = ev.target if ev.cameo.quad in (2, 4) else ev.source
        country = self.kb.code_country(ref.code) if ref is not None else None
        if country is None:
            return None
        for pi, p in enumerate(self.art.places):
            if p.country == country and p.feature in ("PCLI", "PCLD", "PCLF", "PCLS", "PCL"):
                return pi
        return None

    def clause_place(self, ev: Event) -> int | None:
        """A place named as a location ("in", "at", "to" ...) in the trigger's own clause."""
        trig = self.d.tok_at(ev.trigger_span[0])
        if trig is None:
            return None
        verbs = {self.clause_verb(trig)}
        best: tuple[int, int] | None = None
        for pi, p in enumerate(self.art.places):
            for s, _e in p.mentions:
                k = self.d.tok_at(s)
                if k is None or self.d.toks[k].sent != ev.sentence:
                    continue
                prep = self._place_prep(k)
                if prep is None or self.clause_verb(prep) not in verbs:
                    continue
                dist = abs(s - ev.trigger_span[0])
                if best is None or dist < best[0]:
                    best = (dist, pi)
        return best[1] if best else None

    def _place_prep(self, k: int) -> int | None:
        """The locative preposition governing the place token k (through its noun phrase)."""
        j = k
        for _ in range(6):
            t = self.d.toks[j]
            if t.dep == "pobj":
                prep = self.d.toks[t.head]
                if prep.lemma.lower() == "of" and prep.head != prep.i:
                    j = prep.head  # "in the Russian resort of Sochi"
                    continue
                return prep.i if prep.lemma.lower() in _LOCATIVE else None
            if t.dep not in ("compound", "amod", "poss", "appos", "nmod") or t.head == j:
                return None
            j = t.head
        return None

    def event_date(self, ev: Event) -> str | None:
        """The date of a time expression in the trigger's own clause (a conjoined verb
        shares its head's), else None (the publication date stands)."""
        times = [tr for tr in self.art.times if tr.type == "DATE"
                 and self.art.sentences[ev.sentence].start <= tr.span[0]
                 < self.art.sentences[ev.sentence].end]
        if not times:
            return None
        trig = self.d.tok_at(ev.trigger_span[0])
        if trig is None:
            return None
        verb = self.clause_verb(trig)
        levels = [verb]  # the trigger's clause first, then the clauses it is embedded in
        for _ in range(4):  # "passed a resolution condemning ...", "agreed to withdraw":
            tok = self.d.toks[verb]  # embedded clauses share the date of the clause above
            if tok.dep not in ("conj", "acl", "relcl", "xcomp", "advcl") or tok.head == verb:
                break
            verb = self.clause_verb(tok.head)
            levels.append(verb)
        nearest = sorted(times, key=lambda tr: abs(tr.span[0] - ev.trigger_span[0]))
        clause_of = {id(tr): self.clause_verb(k) for tr in nearest
                     if (k := self.d.tok_at(tr.span[0])) is not None
                     and not self._dates_a_noun(k, tr.span, trig)}
        for level in levels:
            for tr in nearest:
                if clause_of.get(id(tr)) == level:
                    return sentence_date_value(tr.value)
        return None

    def _dates_a_noun(self, k: int, span: tuple[int, int], trig: int) -> bool:
        """Whether the time expression at token k dates a noun of the clause, not its verb:
        "rejected comparisons to the fall of Saigon in 1975" happened now, not in 1975."""
        t = self.d.toks[k]
        for _ in range(6):  # climb out of the expression itself ("May 2013", "last week")
            if t.head == t.i or not span[0] <= self.d.toks[t.head].start < span[1]:
                break
            t = self.d.toks[t.head]
        x = self.d.toks[t.head]
        if x.pos == "ADP" and x.head != x.i:
            x = self.d.toks[x.head]
        if x.pos not in ("NOUN", "PROPN") or x.i in (trig, t.i):
            return False
        for _ in range(6):  # "The 2008 attacks killed 166": the subject's date is the act's
            if x.pos in ("VERB", "AUX"):
                return True
            if x.dep in ("nsubj", "nsubjpass") or x.head == x.i:
                return False
            x = self.d.toks[x.head]
        return True

    # -- main -------------------------------------------------------------------------------
    def code(self) -> list[Event]:
        for t in self.d.toks:
            if t.i in self.consumed:
                continue
            found = self.match(t)
            if found is None:
                continue
            trig, near = found
            if trig.code == "043" and any(  # "welcomed Trump's invitation": praise, no guest
                    k.pos == "NOUN" and k.i not in self.owner and self.kb.role(k.lemma) is None
                    for k in self.d.kids(t.i, "dobj")):
                trig = next((e for e in self.lex.triggers[("V", t.lemma.lower())]
                             if e.code.startswith("05") and not e.deps), trig)
            if self._no_event(t, trig):
                self.read_as_none.add((t.start, t.end))  # nor may the classifier find one
                continue
            if (not trig.deps and t.lemma.lower() in self.words.intent
                    and any(self._is_trigger(k.i) for k in self.d.kids(t.i, "xcomp"))):
                continue  # "seeking to deepen ties": the intended act is the event
            dep_heads = [near[x] for x in trig.deps if x in near] + [
                v for k, v in near.items() if k.startswith("to:") and "to:*" in trig.deps]
            self.consumed.update(dep_heads)
            if trig.pos == "V":
                # "ratified an agreement": the verb's event covers the noun's; a statement
                # of an act done to someone ("announced the release of X") does not
                self.consumed.update(
                    k.i for k in self.d.kids(t.i, "dobj") if k.pos == "NOUN" and not (
                        trig.code.startswith("01") and any(
                            p.lemma.lower() == "of" for p in self.d.kids(k.i, "prep"))))
                if trig.code[:2] in _ASKING_ROOTS:  # "called for sanctions": none imposed
                    self.consumed.update(self._demanded(t.i))
            self.events.extend(self.events_for(t, trig, dep_heads))
        self.reported_acts()
        self.events.extend(self.wished())
        for n, e in enumerate(self.events):
            self.events[n] = self._claimed(e)
        kept = [e for e in self.events if not self._call_with_purpose(e)]
        for recode in (self._extradited, self._verbal_attack, self._by_arms, self._to_people):
            kept = [recode(e) for e in kept]
        self.events = kept
        return self.events

    def _claimed(self, ev: Event) -> Event:
        """ "claimed responsibility for an attack on a mall in Kenya's capital": the claim is
        aimed at whoever the attack hit, else at the country it hit."""
        v = self.d.tok_at(ev.trigger_span[0])
        if ev.cameo.code != "015" or ev.target is not None or v is None:
            return ev
        heads = [v, *(k.i for k in self.d.kids(v, "dobj"))]  # "claimed responsibility for"
        for n in (o for h in heads for p in self.d.kids(h, "prep") if p.lemma.lower() == "for"
                  for o in self.d.kids(p.i, "pobj")):
            span = (n.start, n.end)
            for m, e in enumerate(self.events):
                k = self.d.tok_at(e.trigger_span[0])
                if e is not ev and e.target is not None and e.target.code and k is not None and (
                        e.trigger_span == span or self.d.toks[k].head == n.i):
                    if e.source is None:  # the attack is the claimant's, by its own account
                        self.events[m] = replace(e, source=ev.source, modality="alleged")
                    return replace(ev, target=e.target)
            for k in sorted(self.d.subtree(n.i)):
                tok = self.d.toks[k]
                if tok.dep == "poss" or (tok.dep == "pobj" and self.d.toks[tok.head].lemma.lower()
                                         in ("in", "at")):
                    place = self._country_ref(k)
                    if place is not None:
                        return replace(ev, target=place)
        return ev

    def wished(self) -> list[Event]:
        """ "Obama wants Putin to attack Switzerland": an appeal (02x) from the one who wants
        it to the one who would act; the act itself has not happened."""
        out = []
        for ev in self.events:
            k = self.d.tok_at(ev.trigger_span[0])
            if k is None or ev.source is None:
                continue
            t = self.d.toks[k]
            gov = self.d.toks[t.head]
            if (t.dep != "ccomp" or gov.lemma.lower() not in self.words.wish or not self._infinitive(k)
                    or not self.d.kids(k, "nsubj")):
                continue
            wishers = self.args(self.subject(gov.i))
            if not wishers or not _distinct(wishers[0].ref, ev.source):
                continue
            code = "02" + self.lex.demand_code(ev.cameo.code)[2:]
            out.append(replace(self.recoded(ev, code), source=wishers[0].ref, target=ev.source,
                               trigger_text=gov.text, trigger_span=(gov.start, gov.end),
                               modality="asserted", negated=False, confidence=0.6))
        return out

    def _to_people(self, ev: Event) -> Event:
        """Borders opened to people (refugees, civilians, "Syrians and Afghans") give them
        refuge (075); opened to a state or agency, they let it in (086). Aid that supports
        someone ("Australian aid supported 2 million girls") is aid given (070)."""
        v = self.d.tok_at(ev.trigger_span[0])
        if v is None:
            return ev
        t = self.d.toks[v]
        target = ev.target
        if (ev.cameo.code == "086" and t.lemma.lower() == "open" and target is not None
                and (self.types.get(target.entity or "") == "NORP"
                     or (target.code or "")[3:6] in ("REF", "CVL"))):
            return self.recoded(ev, "075")
        if (ev.cameo.root == "05" and t.lemma.lower() in self.words.helping
                and any(k.lemma.lower() in _AID_NOUNS for k in self.d.kids(v, "nsubj"))):
            return self.recoded(ev, "070")
        return ev

    def _by_arms(self, ev: Event) -> Event:
        """Who storms or clashes decides what it is: armed forces storming a building attack
        it (190); unarmed opponents clashing with the police riot (145)."""
        v = self.d.tok_at(ev.trigger_span[0])
        code = ev.source.code if ev.source is not None and ev.source.code else ""
        if v is None or not code:
            return ev
        lemma = self.d.toks[v].lemma.lower()
        sectors = {code[i:i + 3] for i in range(3, len(code), 3)}
        if ev.cameo.code == "145" and lemma == "storm" and sectors & _ARMED:
            return self.recoded(ev, "190")
        target = ev.target.code if ev.target is not None and ev.target.code else ""
        if (ev.cameo.code == "190" and lemma == "clash" and sectors & _CIVIL
                and not sectors & _ARMED and target[3:6] in ("COP", "MIL")):
            return self.recoded(ev, "145")
        return ev

    def _verbal_attack(self, ev: Event) -> Event:
        """ "launched an attack on X, calling them liars": an attack made of words is
        criticism (111), not force."""
        v = self.d.tok_at(ev.trigger_span[0])
        if ev.cameo.root != "19" or v is None or self.d.toks[v].pos != "VERB":
            return ev
        if self.d.toks[v].lemma.lower() in ("attack", "assail", "assault") and any(
                o.lemma.lower() in self.words.ideas for o in self.d.kids(v, "dobj")):
            return self.recoded(ev, "111")  # "attacked the budget proposal as reckless"
        for k in self.d.kids(v, "advcl", "xcomp", "conj"):
            if k.lemma.lower() not in self.words.appraise or k.tag != "VBG":
                continue
            # the judgement names people ("calling them nutters") or is negative; "calling
            # it a response to rocket fire" judges the attack, which stays an attack
            if (any(o.text.lower() in ("him", "her", "them") for o in self.d.kids(k.i, "dobj"))
                    or (any(o.lemma.lower() == "attack" for o in self.d.kids(v, "dobj"))
                        and self.appraisal(k, "010") == "111")):
                return self.recoded(ev, "111")
        return ev

    def _extradited(self, ev: Event) -> Event:
        """Extraditing a person is legal action against them (115); the judicial cooperation
        (063) is between the states, when the receiving one is named ("extradited X to Y")."""
        if ev.cameo.code != "063" or ev.target is None:
            return ev
        v = self.d.tok_at(ev.trigger_span[0])
        k = self.d.tok_at(ev.target.span[0])
        if v is None or k is None or not (
                self.d.toks[v].lemma.lower() in ("extradite", "extradition")
                or any(o.lemma.lower() == "extradition" for o in self.d.kids(v, "dobj"))):
            return ev
        head = self.d.toks[k]
        while head.head != head.i and head.dep in ("compound", "amod", "nmod", "poss", "det"):
            head = self.d.toks[head.head]
        prep = self.d.toks[head.head] if head.dep == "pobj" else None
        if head.dep == "dobj" or (prep is not None and prep.lemma.lower() == "of"):
            return self.recoded(ev, "115")
        return ev

    def _no_event(self, t: Token, trig: Trigger) -> bool:
        """Whether a matched trigger codes nothing here (the reason is beside each test)."""
        if (t.lemma.lower() in self.words.helping and t.dep in ("advcl", "xcomp", "acl")
                and any(e.trigger_span == (self.d.toks[t.head].start, self.d.toks[t.head].end)
                        and e.cameo.root == "07" for e in self.events)):
            return True  # the aid's purpose ("to support refugees"), not a second event
        if (t.lemma.lower() in ("target", "aim") and t.dep == "acl"
                and ("N", self.d.toks[t.head].lemma.lower()) in self.lex.triggers):
            return True  # "sanctions targeting Russian banks": the sanctions' target, no attack
        if t.lemma.lower() == "charge" and any(
                g.lemma.lower() in self.words.tasks for p in self.d.kids(t.i, "prep")
                if p.lemma.lower() == "with" for g in self.d.kids(p.i, "pcomp")):
            return True  # "charged the army with running the country": a duty, no charge
        if t.lemma.lower() == "demonstrate" and self.d.kids(t.i, "dobj", "ccomp"):
            return True  # "demonstrates the US commitment": shows, no protest
        if t.lemma.lower() in self.words.carry_on and not self.d.kids(t.i, "dobj") and any(
                k.lemma.lower() in ("ahead", "forward", "on")
                for k in self.d.kids(t.i, "advmod", "prt")):
            return True  # "will press ahead with reforms": carries on, asks no one
        if (trig.code.startswith("084") and t.lemma.lower() == "return" and t.pos == "VERB"
                and not self.d.kids(t.i, "dobj", "nsubjpass", "auxpass")) and not any(
                k.pos == "NOUN" and k.ent_type not in ("DATE", "TIME")
                for h in (t, *self.d.kids(t.i, "prep")) for k in self.d.kids(h.i, "npadvmod")):
            # "the minister returns tonight": comes home, releases no one (a thing returned
            # that the parser hung under a preposition, as a bare noun, still counts)
            return True
        if not trig.deps and self._thing_object(t):
            return True  # "received 10 percent", "released a statement": not a person
        if trig.code[:2] in ("17", "18", "19", "20") and t.pos == "VERB":
            objs = {o.lemma.lower() for o in self.d.kids(t.i, "dobj")}
            if objs & self.words.scourges:
                return True  # "fought inflation", "battling corruption": no force
            if t.lemma.lower() in self.words.fight and objs & self.words.ideas:
                return True  # "would fight the government's attempt": opposes, no force
            if t.lemma.lower() in self.words.take_up and not self.d.kids(t.i, "dobj") and any(
                    p.lemma.lower() in ("upon", "on") and p.i == t.i + 1
                    and not any(o.ent_type in ("DATE", "TIME") for o in self.d.kids(p.i, "pobj"))
                    for p in self.d.kids(t.i, "prep", "prt")):
                return True  # "seized upon the remarks": took them up, seized nothing
        # "who asked not to be named"
        return any(self.d.toks[k].lemma.lower() in ("name", "identify", "quote")
                   for k in (x.i for x in self.d.kids(t.i, "xcomp")))

    def _call_with_purpose(self, ev: Event) -> bool:
        """A phone call made to do something ("called Morrison to congratulate him") is
        reported as what it was made for; the call is only the medium."""
        v = self.d.tok_at(ev.trigger_span[0])
        if ev.cameo.code != "041" or v is None or self.d.toks[v].pos != "VERB":
            return False
        for e in self.events:
            k = self.d.tok_at(e.trigger_span[0])
            if (e is not ev and k is not None and self.d.toks[k].head == v and k != v
                    and e.cameo.root not in ("01", "04")  # "called X to discuss": still 041
                    and self._phoned(self.d.toks[k]) and e.source is not None
                    and ev.source is not None and (e.source.entity == ev.source.entity or (
                        bool(e.source.code) and e.source.code == (ev.source.code or "")[:3]))):
                return True
        return False

    def reported_acts(self) -> None:
        """ "The US said Iraq had attacked Kuwait": saying that someone used force accuses
        them (112); saying one did it oneself claims responsibility (015)."""
        for n, ev in enumerate(self.events):
            if ev.cameo.root == "13" and ev.source is not None:
                self._threatened(n, ev)
                continue
            if ev.cameo.root == "11" and ev.target is None:  # "alleged that France knew"
                v = self.d.tok_at(ev.trigger_span[0])
                blamed = self.blamed(v) if v is not None else None
                if blamed is not None and (ev.source is None or _distinct(blamed, ev.source)):
                    self.events[n] = replace(ev, target=blamed)
                continue
            if ev.cameo.code not in ("010", "015") or ev.source is None:
                continue
            v = self.d.tok_at(ev.trigger_span[0])
            if v is None or self.d.toks[v].lemma.lower() not in self.words.speech:
                continue
            done = next((e for e in self.events if e is not ev and e.source is not None
                         and e.cameo.quad == 4 and not e.negated
                         and e.modality in ("asserted", "alleged")
                         and e.trigger_span[0] > ev.trigger_span[0]  # not "..., X said"
                         and self._content_of(e, v)), None)
            demanded = self.must_do(v)
            if demanded is not None and _distinct(demanded, ev.source) and not _own_state(
                    ev.source, demanded) and not any(
                    e.trigger_span == ev.trigger_span and e.cameo.root == "10"
                    for e in self.events):  # demand() already coded what is demanded
                # "said the government must ensure security": a demand of the government
                self.events[n] = self.recoded(ev, "100", target=demanded)
                continue
            if done is None:
                blamed = self.blamed(v)
                if blamed is not None and _distinct(blamed, ev.source):
                    # "said Taliban militants were responsible"
                    self.events[n] = self.recoded(ev, "112", target=blamed)
                continue
            if done.source is None:
                continue
            own = (done.source.entity == ev.source.entity if not (
                done.source.code and ev.source.code)
                else _same_side(done.source.code, ev.source.code))
            if own:  # the speaker's side did it: "Russia said its troops had shelled ..."
                code, target = "015", done.target
            else:
                code, target = "112", done.source
            self.events[n] = self.recoded(ev, code, target=target)

    def recoded(self, ev: Event, code: str, **changes: Any) -> Event:
        """ev with another CAMEO code (and its QuadClass, Goldstein value and PLOVER type)."""
        info = self.lex.info(code)
        return replace(ev, cameo=Cameo(code, code[:2], info.quad, info.goldstein),
                       plover=Plover(info.plover, info.plover_mode) if info.plover else None,
                       **changes)

    def must_do(self, v: int) -> ActorRef | None:
        """Whom a statement tells what they must do ("said Y must ensure security")."""
        for c in self.d.kids(v, "ccomp"):
            if not {a.text.lower() for a in self.d.kids(c.i, "aux")} & _MUST:
                continue
            for k in self.d.kids(c.i, "nsubj"):
                return self.actor(k.i)
        return None

    def blamed(self, v: int) -> ActorRef | None:
        """Whom a statement holds responsible: "said X was responsible / to blame / behind"."""
        alleging = self.d.toks[v].lemma.lower() in ("allege", "charge", "contend")
        for c in self.d.kids(v, "ccomp"):
            words = {k.lemma.lower() for k in self.d.kids(c.i, "acomp", "prep", "attr")}
            if any(k.dep == "neg" for k in self.d.kids(c.i)) or not (
                    alleging or (c.lemma.lower() == "be" and words & self.words.blame)):
                continue  # "alleged that France was aware": an accusation of France
            for k in self.d.kids(c.i, "nsubj"):
                return self.actor(k.i)
        return None

    def _threatened(self, n: int, ev: Event) -> None:
        """ "threatened that the CIA would sever all ties": the threat is the act it names
        (1313), aimed at that act's target; the act itself has not happened."""
        v = self.d.tok_at(ev.trigger_span[0])
        if v is None:
            return
        for m, e in enumerate(self.events):
            if e is ev or not self._content_of(e, v):
                continue
            code = self.lex.intent_code(e.cameo.code)
            if code[:2] == "13" and ev.target is None:
                self.events[n] = self.recoded(ev, code, target=e.target)
            if e.modality == "asserted":
                self.events[m] = replace(e, modality="hypothetical")
            return

    def _content_of(self, e: Event, v: int) -> bool:
        """Whether event e's trigger sits in the ccomp clause of speech verb v, as what is
        said, not inside a description ("to identify victims killed by the crash")."""
        k = self.d.tok_at(e.trigger_span[0])
        for _ in range(8):
            if k is None:
                return False
            t = self.d.toks[k]
            if t.dep in ("acl", "relcl"):
                return False
            if t.head == v:  # "said, two weeks after rebels kidnapped ...": when, not what
                return t.dep == "ccomp" and k != v and not any(
                    m.text.lower() not in _CONTENT_MARKS for m in self.d.kids(k, "mark"))
            if t.head == k:
                return False
            k = t.head
        return False

    def events_for(self, t: Token, trig: Trigger, dep_heads: list[int]) -> list[Event]:
        if trig.pos == "V":
            src_head = self.subject(t.i)
        else:
            src_head = self.noun_source(t, trig)
        tgt_head = self.target(t, trig, dep_heads)
        if src_head is not None and self.d.toks[src_head].lemma.lower() in self.words.mishaps:
            return []  # "victims killed by the MH17 crash": an accident, no one's act
        sources = self.args(src_head)
        targets = self.args(tgt_head)
        if not sources and trig.code[:3] in _STATE_ACTS and self.is_passive(t.i):
            # "was arrested on Monday in Niger": whoever arrests there is that state
            where = self.pobj([t.i], "in")
            place = self._country_ref(where) if where is not None else None
            if where is not None and place is not None:
                sources = [_Arg(where, place)]
        if not sources and not targets:
            return []
        pairs: list[tuple[_Arg | None, _Arg | None]] = []
        between = None
        if "pobj:between" in trig.targets:  # "launched a mediation effort between X and Y"
            objs = [k.i for k in self.d.kids(t.i, "dobj")]
            between = self.pobj([t.i, *dep_heads, *objs], "between")
        joint = len(sources) > 1 and trig.code == "150" and any(
            _distinct(a.ref, b.ref) for a, b in permutations(sources, 2))
        if between is not None and not sources:
            group = self.args(between)
            pairs = [(a, b) for a, b in permutations(group, 2)]
        elif joint:
            # "US and Jordanian forces staged war games (near Iran)": exercises held together
            trig = replace(trig, code="062")
            pairs = [(a, b) for a, b in permutations(sources, 2) if _distinct(a.ref, b.ref)]
        elif sources and targets:
            pairs = [(s, g) for s in sources for g in targets if _distinct(s.ref, g.ref)]
            if not pairs:  # "India deployed troops to its Ladakh region": the act stands alone
                pairs = [(s, None) for s in sources]
        elif len(sources) > 1 and (trig.code[:2] in _SYMMETRIC_ROOTS
                                   or t.lemma.lower() in self.words.reciprocal):
            # "X and Y met"; "Indian and Chinese troops clashed": each acts on the other
            pairs = [(a, b) for a, b in permutations(sources, 2) if _distinct(a.ref, b.ref)]
        elif sources:
            pairs = [(s, None) for s in sources]
        else:
            pairs = [(None, g) for g in targets]
        if trig.code[:2] in ("14", "15") and pairs and all(g is None for _, g in pairs):
            # "protested in Beijing": against China's authorities; "holds military exercises
            # in Alaska": a show of force aimed at the United States (abroad only)
            venue = self.venue(t)
            if venue is not None and venue.ref.code and (trig.code[:2] == "14" or all(
                    s is not None and s.ref.code and s.ref.code[:3] != venue.ref.code[:3]
                    for s, _ in pairs)):
                pairs = [(s, venue) for s, _ in pairs
                         if s is None or _distinct(s.ref, venue.ref)] or pairs
        negated, modality = self.context(t.i)
        if trig.modality != "asserted" and modality == "asserted":
            modality = trig.modality
        received = self.received(t, sources)
        if received is not None:  # "X received weapons from Y": Y -> X, providing weapons
            trig, sources, targets = received
            pairs = [(s, g) for s in sources for g in targets if _distinct(s.ref, g.ref)]
        demand = self.demand(t, trig, sources)
        if demand is not None:
            return [demand]
        code = trig.code
        if t.lemma.lower() in self.words.appraise and any(
                (k.dep == "oprd" and k.pos != "PROPN") or k.dep == "ccomp"
                or (k.dep == "xcomp" and k.pos != "VERB")
                for k in self.d.kids(t.i, "oprd", "xcomp", "ccomp")):
            # "called the sanctions a disgrace", "called the strikes an act of aggression":
            # a judgement, not a phone call or a labour strike
            code = "010"  # "called the sanctions a disgrace" is no phone call
        code = self.appraisal(t, code)
        if code == "042" and any("peacekeep" in s.ref.text.lower() for s in sources):
            code = "074"  # "peacekeeping troops arrived in Monrovia": peacekeeping provided
        if code in ("150", "154") and (any(
                self.d.toks[k].lemma.lower().startswith("peacekeep")
                for k in self.d.subtree(t.i) | ({t.head} if t.pos == "NOUN" else set()))
                or any("peacekeep" in s.ref.text.lower() for s in sources)):
            code = "074"  # "announced the deployment of troops on a peacekeeping mission"
        if code == "190" and sources:  # "NATO warplanes struck": the weapon names the force
            weapon = self.words.aerial.get(self.d.toks[sources[0].head].lemma.lower())
            code = weapon or code
        if modality == "intended":
            code = self.lex.intent_code(code)
        if negated and modality in ("asserted", "intended"):
            # "will not lift the embargo" is a refusal that happened (1244), not a non-event
            refusal = self.lex.refusal_code(code)
            if refusal is not None:
                code, negated, modality = refusal, False, "asserted"
        info = self.lex.info(code)
        sent = t.sent
        out = []
        for s, g in pairs:
            conf = 0.45 + (0.2 if s and s.ref.entity else 0.1 if s else 0.0) + (
                0.2 if g and g.ref.entity else 0.1 if g else 0.0) + (0.1 if trig.deps else 0.0)
            out.append(Event(
                sentence=sent,
                source=s.ref if s else None,
                target=g.ref if g else None,
                trigger_text=t.text,
                trigger_span=(t.start, t.end),
                cameo=Cameo(code, code[:2], info.quad, info.goldstein),
                plover=Plover(info.plover, info.plover_mode) if info.plover else None,
                date=self.date,
                negated=negated,
                modality=modality,
                confidence=round(min(conf, 0.95), 2),
            ))
        if code == "043":  # a hosted visit is also the guest's visit (042), as CAMEO codes it
            out += [self.recoded(ev, "042", source=ev.target, target=ev.source)
                    for ev in out if ev.target is not None and ev.source is not None]
        return out


def extract_events(article: Article, kb: KnowledgeBase, lex: Lexicon,
                   model: EventModel | None = None,
                   threshold: float = EVENT_MODEL_THRESHOLD,
                   tone: ToneLexicon | None = None,
                   words: EventWords | None = None) -> Article:
    """Code the article's events (see the module docstring).

    Args:
        article: an article with tokens, entities (with actors), times and places.
        kb: the knowledge base.
        lex: the event lexicon.
        model: the fallback classifier for actor pairs no rule links (None: rules only).
        threshold: the least probability at which the classifier's root is reported.
        tone: the tone lexicon, to read appraisals ("described X as positive") as 051/111.
        words: the English word classes the rules read (default: the packaged
            event_words.tsv).

    Returns:
        The article with ``events``.
    """
    if not article.tokens:
        return article
    coder = _Coder(article, kb, lex, words if words is not None else load_event_words(), tone)
    coder.code()
    if model is not None:
        coder.events.extend(coder.model_events(model, threshold))
    default_place = event_place(article, -1)  # the dateline's place, else the focus place
    events = []
    # (sentence, place, date, actors) of the last located event
    last: tuple[int, int, str | None, set[str]] | None = None
    for ev in coder.events:
        date = coder.event_date(ev) or ev.date
        place = coder.clause_place(ev)
        actors = {r.code for r in (ev.source, ev.target) if r is not None and r.code}
        if place is not None:
            last = (ev.sentence, place, date, actors)
        elif (last is not None and ev.sentence - last[0] <= 2 and date == last[2]
              and ev.source is not None and ev.source.code in last[3]):
            # the story stays where it was while its actors do: "Kerry arrived in Sochi ...
            # Kerry will meet Lavrov"; Netanyahu condemning a deal made in Vienna does not
            place = last[1]
            last = (ev.sentence, place, date, last[3] | actors)
        else:
            place = coder.actor_place(ev)
            if place is None:
                place = default_place
        events.append(replace(ev, date=date, place=place))
    events.sort(key=lambda e: (e.sentence, e.trigger_span))
    return replace(article, events=tuple(events))


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    model = ctx.get("event_model", load_event_model) if ctx.settings.event_model else None
    return extract_events(article, ctx.get("kb", lambda: kb_for(ctx.settings)),
                          ctx.get("lexicon", load_lexicon), model,
                          ctx.settings.event_model_threshold,
                          ctx.get("tone_lexicon", load_tone_lexicon),
                          ctx.get("event_words", load_event_words))


STAGE = StageSpec(
    name="events",
    run=run,
    requires=("article.tokens", "article.entities.actor", "article.times", "article.places"),
    assigns=("article.events",),
)
