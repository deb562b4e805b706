"""A small fallback classifier for the PLOVER root between two actors of one sentence.

The rules in events.py code what the lexicon knows. Where no rule links two actors of a
sentence, this model proposes a PLOVER root (or NONE) from the dependency path between the
two actor heads, the children of the verbs on that path, the clause's modality and negation,
and the content words of the sentence outside the two actor phrases. It is a multinomial
logistic regression over hashed features (2**15 dimensions, zlib.crc32), trained by
scripts/train_event_classifier.py on training/events_train.tsv and shipped as
kb/data/event_classifier.json.

The feature function is the one the training script uses, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

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
_MODALS = frozenset({"will", "would", "must", "should"})
_NEG = frozenset({"not", "n't", "never", "no"})
# An actor named by a modifier ("Russian troops", "US officials") is the phrase it modifies.
_CLIMB = frozenset({"amod", "compound", "nmod"})
_NP_SKIP = frozenset({"punct", "cc", "relcl"})
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "conj", "parataxis", "xcomp", "pcomp",
                          "appos"})
_STOP = frozenset(
    ["be", "have", "do", "also", "so", "then", "just", "very", "more", "most", "other", "such", "only", "own", "same", "there", "here", "when", "where", "why", "how", "now", "again", "even", "still", "yet", "ever", "much", "many", "well", "too", "really", "however", "thus"]
)


# -- features ---------------------------------------------------------------------------------
def _sentence_bounds(toks: Sequence[Token], i: int) -> tuple[int, int]:
    """[a, b) token range of the sentence holding token i."""
    s = toks[i].sent
    a = i
    while a > 0 and toks[a - 1].sent == s:
        a -= 1
    b = i + 1
    n = len(toks)
    while b < n and toks[b].sent == s:
        b += 1
    return a, b


def _children(toks: Sequence[Token], a: int, b: int) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for k in range(a, b):
        h = toks[k].head
        if h != k:
            kids.setdefault(h, []).append(k)
    return kids


def _climb(toks: Sequence[Token], i: int) -> int:
    """The noun an actor modifier belongs to ("Russian" in "Russian troops" -> "troops")."""
    for _ in range(3):
        t = toks[i]
        if t.dep in _CLIMB and t.head != i and toks[t.head].pos in ("NOUN", "PROPN"):
            i = t.head
        else:
            break
    return i


def _np_tokens(toks: Sequence[Token], kids: dict[int, list[int]], head: int) -> set[int]:
    """The head and its left modifiers (the actor phrase, as TokenIndex.np_range reads it)."""
    out = {head}
    stack = [k for k in kids.get(head, ()) if k < head and toks[k].dep not in _NP_SKIP]
    while stack:
        j = stack.pop()
        if j not in out:
            out.add(j)
            stack.extend(kids.get(j, ()))
    return out


def _ancestors(toks: Sequence[Token], i: int, a: int, b: int) -> list[int]:
    """i and its heads up to the sentence root (guarded against cycles and stray heads)."""
    chain = [i]
    seen = {i}
    while True:
        h = toks[chain[-1]].head
        if h in seen or not a <= h < b:
            return chain
        chain.append(h)
        seen.add(h)


def _lemma(t: Token) -> str:
    return (t.lemma or t.text).lower()


def feature_names(toks: Sequence[Token], src: int, tgt: int) -> list[str]:
    """The feature strings for the pair (src, tgt) of token indices (actor heads).

    Args:
        toks: an article's tokens (dateline Token records).
        src: the source actor's head token index.
        tgt: the target actor's head token index.

    Returns:
        Unique feature names, in a stable order (hashed by ``hash_features``).
    """
    a, b = _sentence_bounds(toks, src)
    if not a <= tgt < b:
        return ["xsent"]
    kids = _children(toks, a, b)
    s, t = _climb(toks, src), _climb(toks, tgt)
    feats: list[str] = ["order:st" if s <= t else "order:ts"]
    feats.append("ents:" + (toks[s].ent_type or toks[s].pos) + "|" + (toks[t].ent_type or toks[t].pos))
    span = _np_tokens(toks, kids, s) | _np_tokens(toks, kids, t) | {src, tgt}
    up_s = _ancestors(toks, s, a, b)
    up_t = _ancestors(toks, t, a, b)
    pos_t = {k: n for n, k in enumerate(up_t)}
    lca = next((k for k in up_s if k in pos_t), None)
    if s == t:
        # One phrase: a title ("Ukrainian President X") or coordinated modifiers ("Chinese and
        # Indian troops clashed"), which do name two parties.
        coord = any(toks[k].dep == "conj" or any(toks[c].dep == "conj" for c in kids.get(k, ()))
                    for k in (src, tgt) if k != s)
        if not coord:  # one party named twice: nothing else in the sentence bears on it
            return ["same"]
        feats.append("same:cc")
        path: list[int] = []
        lca = toks[s].head if toks[s].head != s else s
    elif lca is None:
        feats.append("nolca")
        path = []
        lca = up_s[-1]
    else:
        left = up_s[: up_s.index(lca)]
        right = up_t[: pos_t[lca]]
        path = left[1:] + [lca] + right[1:][::-1]
        up = "^".join(toks[k].dep for k in left)
        down = "_".join(toks[k].dep for k in right)
        feats.append("dp:" + up + "|" + down)
        feats.append("up:" + up)
        feats.append("down:" + down)
        # How each party hangs from the clause that links them: nsubj|dobj is a transitive
        # act, dobj|conj two objects of one act, advcl/ccomp a second clause.
        feats.append("br:" + (toks[left[-1]].dep if left else "self") + "|"
                     + (toks[right[-1]].dep if right else "self"))
        feats.append("len:" + str(min(len(left) + len(right), 7)))
        feats.append("sd:" + toks[s].dep + "|" + toks[t].dep)
        inner = left[1:] + right[1:]
        verbs = sum(1 for k in inner if toks[k].pos in ("VERB", "AUX"))
        feats.append("nv:" + str(min(verbs, 3)))
        for k in inner:
            if toks[k].dep in _CLAUSE_DEPS:
                feats.append("x:" + toks[k].dep)
    if lca in (s, t):  # "X and Y met", "X's talks with Y": the clause above speaks for both
        feats.append("lcaend:" + toks[lca].dep)
        h = toks[lca].head
        if h != lca and a <= h < b:
            lca = h
            path.append(h)
    lt = toks[lca]
    llem = _lemma(lt)
    feats.append("lca:" + llem)
    feats.append("lcapos:" + lt.pos)
    feats.append("lcasd:" + llem + "|" + toks[s].dep + "|" + toks[t].dep)
    negated = False
    for k in path:
        tok = toks[k]
        if k in span:
            continue
        lem = _lemma(tok)
        feats.append("p:" + lem)
        if tok.pos not in ("VERB", "AUX", "NOUN") and k != lca:
            continue
        for c in kids.get(k, ()):
            ct = toks[c]
            if ct.dep not in _CHILD_DEPS or c in span:
                continue
            clem = _lemma(ct)
            feats.append("c:" + ct.dep + ":" + clem)
            if ct.dep in ("prt", "dobj", "xcomp"):
                feats.append("vc:" + lem + "+" + clem)
            if ct.dep == "neg" or clem in _NEG:
                negated = True
    for c in kids.get(lca, ()):
        ct = toks[c]
        if ct.dep in ("aux", "auxpass") and ct.text.lower() in _MODALS | {"wo", "'ll"}:
            feats.append("modal:" + ("will" if ct.text.lower() in ("wo", "'ll") else ct.text.lower()))
        if ct.dep == "neg":
            negated = True
    if negated:
        feats.append("neg")
    for k in range(a, b):
        if k in span:
            continue
        tok = toks[k]
        if tok.pos not in _CONTENT_POS:
            continue
        lem = _lemma(tok)
        if lem in _STOP or not lem.isalpha() or len(lem) < 2:
            continue
        feats.append("b:" + lem)
    return list(dict.fromkeys(feats))


@functools.lru_cache(maxsize=1 << 16)
def hash_feature(name: str) -> int:
    """A feature's column: zlib.crc32 of its UTF-8 bytes, folded into 2**15 (stable across runs)."""
    return zlib.crc32(name.encode("utf-8")) & _MASK


def hash_features(names: Iterable[str]) -> np.ndarray:
    """The columns of a list of feature names, each with value 1 (a column repeats on a hash
    collision, and its weight then counts twice, in training and inference alike)."""
    return np.fromiter(map(hash_feature, names), dtype=np.intp)


def pair_features(toks: Sequence[Token], src: int, tgt: int) -> np.ndarray:
    """Hashed columns for the pair: what the model and the training script both use."""
    return hash_features(feature_names(toks, src, tgt))


# -- model ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EventModel:
    """A trained softmax classifier: dense weights rebuilt from the sparse JSON (read-only)."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (DIM, len(labels)) float32, not writeable
    bias: np.ndarray  # (len(labels),) float32, not writeable

    def probabilities(self, toks: Sequence[Token], src: int, tgt: int) -> np.ndarray:
        """Probability of each label (in ``labels`` order) for the pair (src, tgt)."""
        z = self.weights[pair_features(toks, src, tgt)].sum(axis=0) + self.bias
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict_tokens(self, toks: Sequence[Token], src: int, tgt: int) -> tuple[str, float]:
        """The most probable root and its probability, from tokens."""
        p = self.probabilities(toks, src, tgt)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def predict(self, article: Article, src_head: int, tgt_head: int) -> tuple[str, float]:
        """The PLOVER root (or "NONE") between two actor heads of one sentence.

        Args:
            article: a parsed article (its ``tokens``).
            src_head: the source actor's head token index.
            tgt_head: the target actor's head token index (same sentence).

        Returns:
            (root, probability); root is one of ``ROOTS``. Heads in different sentences give
            a feature set of their own and, in practice, "NONE".
        """
        return self.predict_tokens(article.tokens, src_head, tgt_head)


def model_from_json(data: dict[str, object]) -> EventModel:
    """Rebuild the model from its JSON object (see scripts/train_event_classifier.py)."""
    if (data.get("features"), data.get("dim")) != (FEATURE_VERSION, DIM):
        raise KBError(
            f"{MODEL_FILE} was trained with features v{data.get('features')}, dim "
            f"{data.get('dim')}; this code computes v{FEATURE_VERSION}, {DIM}; retrain it with "
            "scripts/train_event_classifier.py"
        )
    labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
    w = np.zeros((DIM, len(labels)), dtype=np.float32)
    rows = data["rows"]
    assert isinstance(rows, dict)
    for col, vals in rows.items():
        w[int(col)] = vals
    bias = np.asarray(data["bias"], dtype=np.float32)
    w.setflags(write=False)
    bias.setflags(write=False)
    return EventModel(labels, w, bias)


@functools.lru_cache(maxsize=1)
def load_event_model() -> EventModel:
    """The packaged model (kb/data/event_classifier.json), loaded once per process.

    Raises:
        KBError: when the file is missing or was trained for other features.
    """
    try:
        text = resources.files("dateline").joinpath("kb", "data", MODEL_FILE).read_text("utf-8")
    except OSError as exc:
        raise KBError(
            f"cannot read dateline/kb/data/{MODEL_FILE} ({exc}); run "
            "scripts/train_event_classifier.py to build it"
        ) from exc
    return model_from_json(json.loads(text))
