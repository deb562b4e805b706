"""Token-level helpers over dateline's Token records (children, subtrees, noun phrases)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.model import Article, Span, Token


def proper_names(text: str) -> set[str]:
    """The capitalised words of a phrase after its first word: "the Gujarat government" ->
    {"Gujarat"}. Two phrases whose sets are both non-empty and disjoint name different parties."""
    return {w for w in text.split()[1:] if w[:1].isupper()}


def different_names(a: str, b: str) -> bool:
    """Whether two phrases carry proper names and share none ("the Uttar Pradesh government",
    "the Gujarat government")."""
    na, nb = proper_names(a), proper_names(b)
    return bool(na and nb and not na & nb)


@dataclass(frozen=True)
class TokenIndex:
    """Children and lookups for one article's tokens (built once per article per stage)."""

    text: str
    toks: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def build(cls, art: Article) -> TokenIndex:
        kids: list[list[int]] = [[] for _ in art.tokens]
        for t in art.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return cls(art.text, art.tokens, tuple(tuple(k) for k in kids))

    def subtree(self, i: int) -> set[int]:
        out: set[int] = set()
        stack = [i]
        while stack:
            j = stack.pop()
            if j not in out:
                out.add(j)
                stack.extend(self.children[j])
        return out

    def kids(self, i: int, *deps: str) -> list[Token]:
        return [self.toks[k] for k in self.children[i] if not deps or self.toks[k].dep in deps]

    def head_of(self, start: int, end: int) -> int:
        """The token of [start, end) whose head lies outside the range."""
        for i in range(start, end):
            h = self.toks[i].head
            if h == i or not start <= h < end:
                return i
        return end - 1

    def span(self, a: int, b: int) -> Span:
        return (self.toks[a].start, self.toks[b - 1].end)

    def stext(self, a: int, b: int) -> str:
        return self.text[self.toks[a].start : self.toks[b - 1].end]

    def tok_at(self, char: int) -> int | None:
        """The token covering character offset ``char``."""
        lo, hi = 0, len(self.toks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.toks[mid]
            if t.end <= char:
                lo = mid + 1
            elif t.start > char:
                hi = mid - 1
            else:
                return mid
        return None

    def np_range(self, head: int, with_of: bool = False) -> tuple[int, int]:
        """A noun phrase: the head's left modifiers and the head (and an "of" PP if asked)."""
        a = head
        for k in self.children[head]:
            if k < head and self.toks[k].dep not in ("punct", "cc", "relcl"):
                a = min(a, min(self.subtree(k)))
        b = head + 1
        if with_of:
            for k in self.children[head]:
                if k > head and self.toks[k].dep == "prep" and self.toks[k].lemma == "of":
                    b = max(b, max(self.subtree(k)) + 1)
        while a < b - 1 and self.toks[a].pos == "PUNCT":
            a += 1
        return a, b
