"""A small fallback classifier for the PLOVER root between two actors of one sentence.

The rules in events.py code what the lexicon knows. Where no rule links two actors of a
sentence, this model proposes a PLOVER root (or NONE) from the dependency path between the two
actor heads, the children of the verbs on that path, the modality and negation of the clause
that links them, and the content words of the sentence outside the two actor phrases. It is a
multinomial logistic regression over hashed features (2**15 columns, zlib.crc32), trained by
scripts/train_event_classifier.py on training/events_train.tsv and shipped as
kb/data/event_classifier.json.

The training script calls ``pair_features`` below, so training and inference cannot drift apart.

Example:
    >>> model = load_event_model()                          # doctest: +SKIP
    >>> model.predict(article, src_head, tgt_head)          # doctest: +SKIP
    ('ASSAULT', 0.93)
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from dateline.errors import KBError
from dateline.model import Article, Token

FEATURE_VERSION = 1
DIM = 1 << 15
_MASK = DIM - 1
MODEL_FILE = "event_classifier.json"

ROOTS = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "ACCUSE", "REQUEST", "REJECT",
    "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "NONE",
)

_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_CHILD_DEPS = frozenset({"prt", "neg", "aux", "auxpass", "xcomp", "dobj"})
_MODALS = {"will": "will", "would": "would", "must": "must", "should": "should",
           "'ll": "will", "wo": "will"}
_NEG = frozenset({"not", "n't", "never", "no"})
# An actor named by a modifier ("Russian troops", "US officials") is the phrase it modifies.
_CLIMB = frozenset({"amod", "compound", "nmod"})
_NP_SKIP = frozenset({"punct", "cc", "relcl"})
# Dependencies that put the two parties in different clauses or different conjuncts.
_CLAUSE_DEPS = frozenset(
    {"advcl", "ccomp", "relcl", "acl", "conj", "parataxis", "xcomp", "pcomp", "appos"}
)
_STOP = frozenset({
    "be", "have", "do", "also", "so", "then", "just", "very", "more", "most", "other", "such",
    "only", "own", "same", "there", "here", "when", "where", "why", "how", "now", "again", "even",
    "still", "yet", "ever", "much", "many", "well", "too", "really", "however", "thus",
})


# -- features ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence's tokens and children, for the features of its pairs."""

    toks: Sequence[Token]
    a: int  # first token
    b: int  # one past the last token
    kids: dict[int, list[int]]

    @classmethod
    def around(cls, toks: Sequence[Token], i: int) -> _Sentence:
        s = toks[i].sent
        a, b, n = i, i + 1, len(toks)
        while a > 0 and toks[a - 1].sent == s:
            a -= 1
        while b < n and toks[b].sent == s:
            b += 1
        kids: dict[int, list[int]] = {}
        for k in range(a, b):
            h = toks[k].head
            if h != k:
                kids.setdefault(h, []).append(k)
        return cls(toks, a, b, kids)

    def climb(self, i: int) -> int:
        """The noun an actor modifier belongs to ("Russian" in "Russian troops" -> "troops")."""
        toks = self.toks
        for _ in range(3):
            t = toks[i]
            if t.dep in _CLIMB and t.head != i and toks[t.head].pos in ("NOUN", "PROPN"):
                i = t.head
            else:
                break
        return i

    def phrase(self, head: int) -> set[int]:
        """The head and its left modifiers (the actor phrase, as TokenIndex.np_range reads it)."""
        out = {head}
        stack = [k for k in self.kids.get(head, ())
                 if k < head and self.toks[k].dep not in _NP_SKIP]
        while stack:
            j = stack.pop()
            if j not in out:
                out.add(j)
                stack.extend(self.kids.get(j, ()))
        return out

    def ancestors(self, i: int) -> list[int]:
        """i and its heads up to the sentence root (guarded against cycles and stray heads)."""
        chain, seen = [i], {i}
        while True:
            h = self.toks[chain[-1]].head
            if h in seen or not self.a <= h < self.b:
                return chain
            chain.append(h)
            seen.add(h)


def _lemma(t: Token) -> str:
    return (t.lemma or t.text).lower()


def _coordinated(sn: _Sentence, src: int, tgt: int, head: int) -> bool:
    """Whether a modifier climbed into ``head`` is coordinated ("Chinese and Indian troops")."""
    return any(sn.toks[k].dep == "conj" or any(sn.toks[c].dep == "conj" for c in sn.kids.get(k, ()))
               for k in (src, tgt) if k != head)


def _path_shape(sn: _Sentence, s: int, t: int, left: list[int], right: list[int]) -> list[str]:
    """Dependency labels from each party (s, t) up to the lowest common ancestor (excluded)."""
    toks = sn.toks
    up = "^".join(toks[k].dep for k in left)
    down = "_".join(toks[k].dep for k in right)
    # How each party hangs from the clause that links them: nsubj|dobj is a transitive act,
    # dobj|conj two objects of one act, advcl or ccomp a second clause.
    branch = ((toks[left[-1]].dep if left else "self") + "|"
              + (toks[right[-1]].dep if right else "self"))
    inner = left[1:] + right[1:]
    verbs = sum(1 for k in inner if toks[k].pos in ("VERB", "AUX"))
    out = ["dp:" + up + "|" + down, "up:" + up, "down:" + down, "br:" + branch,
           "len:" + str(min(len(left) + len(right), 7)),
           "sd:" + toks[s].dep + "|" + toks[t].dep, "nv:" + str(min(verbs, 3))]
    out.extend("x:" + toks[k].dep for k in inner if toks[k].dep in _CLAUSE_DEPS)
    return out


def _path_words(sn: _Sentence, path: list[int], lca: int, span: set[int]) -> list[str]:
    """Lemmas on the path, their verbs' children (prt, neg, aux, xcomp, dobj), modality, negation."""
    toks = sn.toks
    out: list[str] = []
    negated = False
    for k in path:
        if k in span:
            continue
        tok = toks[k]
        lem = _lemma(tok)
        out.append("p:" + lem)
        if tok.pos not in ("VERB", "AUX", "NOUN") and k != lca:
            continue
        for c in sn.kids.get(k, ()):
            ct = toks[c]
            if ct.dep not in _CHILD_DEPS or c in span:
                continue
            clem = _lemma(ct)
            out.append("c:" + ct.dep + ":" + clem)
            if ct.dep in ("prt", "dobj", "xcomp"):
                out.append("vc:" + lem + "+" + clem)
            if ct.dep == "neg" or clem in _NEG:
                negated = True
    for c in sn.kids.get(lca, ()):
        ct = toks[c]
        modal = _MODALS.get(ct.text.lower())
        if ct.dep in ("aux", "auxpass") and modal:
            out.append("modal:" + modal)
        if ct.dep == "neg":
            negated = True
    if negated:
        out.append("neg")
    return out


def _bag(sn: _Sentence, span: set[int]) -> list[str]:
    """Content lemmas of the sentence outside the two actor phrases."""
    out = []
    for k in range(sn.a, sn.b):
        tok = sn.toks[k]
        if k in span or tok.pos not in _CONTENT_POS:
            continue
        lem = _lemma(tok)
        if lem not in _STOP and lem.isalpha() and len(lem) > 1:
            out.append("b:" + lem)
    return out


def feature_names(toks: Sequence[Token], src: int, tgt: int) -> list[str]:
    """The feature strings for the pair (src, tgt) of actor head token indices.

    Args:
        toks: an article's tokens (dateline Token records).
        src: the source actor's head token index.
        tgt: the target actor's head token index.

    Returns:
        Unique feature names, in a stable order (hashed by ``hash_features``).
    """
    sn = _Sentence.around(toks, src)
    if not sn.a <= tgt < sn.b:
        return ["xsent"]
    s, t = sn.climb(src), sn.climb(tgt)
    feats = ["order:st" if s <= t else "order:ts",
             "ents:" + (toks[s].ent_type or toks[s].pos) + "|" + (toks[t].ent_type or toks[t].pos)]
    span = sn.phrase(s) | sn.phrase(t) | {src, tgt}
    up_s, up_t = sn.ancestors(s), sn.ancestors(t)
    pos_t = {k: n for n, k in enumerate(up_t)}
    lca = next((k for k in up_s if k in pos_t), None)
    path: list[int] = []
    if s == t:
        # One phrase: a title ("Ukrainian President X") names one party, coordinated
        # modifiers ("Chinese and Indian troops clashed") two.
        if not _coordinated(sn, src, tgt, s):
            return ["same"]
        feats.append("same:cc")
        lca = toks[s].head
    elif lca is None:
        feats.append("nolca")
        lca = up_s[-1]
    else:
        left, right = up_s[: up_s.index(lca)], up_t[: pos_t[lca]]
        path = left[1:] + [lca] + right[1:][::-1]
        feats.extend(_path_shape(sn, s, t, left, right))
    if lca in (s, t):  # "X and Y met", "X's talks with Y": the clause above speaks for both
        feats.append("lcaend:" + toks[lca].dep)
        h = toks[lca].head
        if h != lca and sn.a <= h < sn.b:
            lca = h
            path.append(h)
    llem = _lemma(toks[lca])
    feats += ["lca:" + llem, "lcapos:" + toks[lca].pos,
              "lcasd:" + llem + "|" + toks[s].dep + "|" + toks[t].dep]
    feats += _path_words(sn, path, lca, span)
    feats += _bag(sn, span)
    return list(dict.fromkeys(feats))


@functools.lru_cache(maxsize=1 << 16)
def hash_feature(name: str) -> int:
    """A feature's column: zlib.crc32 of its UTF-8 bytes, folded into 2**15 (stable across runs)."""
    return zlib.crc32(name.encode("utf-8")) & _MASK


def hash_features(names: Iterable[str]) -> np.ndarray:
    """The columns of feature names, each with value 1 (a column repeats on a hash collision,
    and its weight then counts twice, in training and inference alike)."""
    cols: np.ndarray = np.fromiter(map(hash_feature, names), dtype=np.intp)
    return cols


def pair_features(toks: Sequence[Token], src: int, tgt: int) -> np.ndarray:
    """Hashed columns for the pair: what the model and the training script both use."""
    return hash_features(feature_names(toks, src, tgt))


# -- model ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class EventModel:
    """A trained softmax classifier; dense weights rebuilt from the sparse JSON, read-only."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (DIM, len(labels)) float32, not writeable
    bias: np.ndarray  # (len(labels),) float32, not writeable

    def probabilities(self, toks: Sequence[Token], src: int, tgt: int) -> np.ndarray:
        """Probability of each label (in ``labels`` order) for the pair (src, tgt)."""
        z: np.ndarray = self.weights[pair_features(toks, src, tgt)].sum(axis=0) + self.bias
        e: np.ndarray = np.exp(z - z.max())
        p: np.ndarray = e / e.sum()
        return p

    def predict_tokens(self, toks: Sequence[Token], src: int, tgt: int) -> tuple[str, float]:
        """The most probable root and its probability, from tokens."""
        p = self.probabilities(toks, src, tgt)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def predict(self, article: Article, src_head: int, tgt_head: int) -> tuple[str, float]:
        """The PLOVER root (or "NONE") between two actor heads of one sentence.

        Args:
            article: a parsed article (its ``tokens``).
            src_head: the source actor's head token index (``Token.i``).
            tgt_head: the target actor's head token index, in the same sentence.

        Returns:
            (root, probability), root one of ``ROOTS``. A pair across sentences is "NONE".
        """
        if article.tokens[src_head].sent != article.tokens[tgt_head].sent:
            return "NONE", 1.0
        return self.predict_tokens(article.tokens, src_head, tgt_head)


def model_from_json(data: dict[str, Any]) -> EventModel:
    """Rebuild the model from its JSON object (written by scripts/train_event_classifier.py).

    Raises:
        KBError: when the object was made for other features or is malformed.
    """
    if (data.get("features"), data.get("dim")) != (FEATURE_VERSION, DIM):
        raise KBError(
            f"{MODEL_FILE} was trained with features v{data.get('features')}, dim "
            f"{data.get('dim')}; this code computes v{FEATURE_VERSION}, {DIM}; retrain it with "
            "scripts/train_event_classifier.py"
        )
    try:
        labels = tuple(str(x) for x in data["labels"])
        w = np.zeros((DIM, len(labels)), dtype=np.float32)
        for col, vals in data["rows"].items():
            w[int(col)] = vals
        bias = np.asarray(data["bias"], dtype=np.float32).reshape(len(labels))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KBError(f"{MODEL_FILE} is malformed ({exc!r}); retrain it") from exc
    w.setflags(write=False)
    bias.setflags(write=False)
    return EventModel(labels, w, bias)


@functools.lru_cache(maxsize=1)
def load_event_model() -> EventModel:
    """The packaged model (kb/data/event_classifier.json), loaded once per process.

    Raises:
        KBError: when the file is missing, malformed or trained for other features.
    """
    try:
        text = resources.files("dateline").joinpath("kb", "data", MODEL_FILE).read_text("utf-8")
    except OSError as exc:
        raise KBError(
            f"cannot read dateline/kb/data/{MODEL_FILE} ({exc}); run "
            "scripts/train_event_classifier.py to build it"
        ) from exc
    return model_from_json(json.loads(text))
