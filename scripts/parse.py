"""Print dateline's parse of a sentence (tokens, deps, heads) for debugging rules."""

import sys

from dateline.engine import Engine

text = " ".join(sys.argv[1:]) or sys.stdin.read()
art = Engine().extract(text, date="2015-05-12")
for t in art.tokens:
    print(f"{t.i:3} {t.text:15} {t.lemma:12} {t.pos:6} {t.tag:5} {t.dep:10} {t.head:3} {t.ent_type}")
for ev in art.events:
    print(ev.source.code if ev.source else None, ev.trigger_text, ev.cameo.code,
          ev.target.code if ev.target else None, ev.modality, ev.negated)
