"""The pipeline runner (dateline.pipeline) with tiny pure-Python stages: no spaCy here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.errors import StageError
from dateline.model import Article, RawInput
from dateline.pipeline import Context, Pipeline, StageSpec, check_contracts
from dateline.settings import Settings

TEXTS = [
    "Envoys met in Oslo on Monday.",
    "Troops left the border town.",
    "Ministers signed a trade accord.",
    "Rebels seized a small airfield.",
    "The summit ended without a statement.",
]


def _inputs(texts=TEXTS):
    return [RawInput(id=f"r{i}", text=t, format="text") for i, t in enumerate(texts)]


def _upper(article: Article, ctx: Context) -> Article:
    return replace(article, themes=(*article.themes, article.text.split()[0].upper()))


def _count_words(article: Article, ctx: Context) -> Article:
    return replace(article, notes=(*article.notes, f"words={len(article.text.split())}"))


UPPER = StageSpec("upper", _upper, requires=("article.text",), assigns=("article.themes",))
COUNT = StageSpec("count", _count_words, requires=("article.themes",), assigns=("article.notes",))


@pytest.fixture(scope="module")
def fast_settings() -> Settings:
    return Settings.load(batch_size=2)


# --------------------------------------------------------------------------- contracts


def test_pipeline_check_contracts_accepts_a_good_order():
    check_contracts([UPPER, COUNT])  # no exception
    Pipeline(stages=[UPPER, COUNT], settings=Settings.load())


def test_pipeline_missing_requirement_names_the_stage():
    with pytest.raises(StageError) as info:
        check_contracts([COUNT, UPPER])
    msg = str(info.value)
    assert msg.startswith("[D030]")
    assert "'count'" in msg
    assert "article.themes" in msg


def test_pipeline_constructor_checks_contracts():
    needs_tokens = StageSpec("needs_tokens", _upper, requires=("article.tokens",))
    with pytest.raises(StageError, match="'needs_tokens'.*article.tokens"):
        Pipeline(stages=[needs_tokens], settings=Settings.load())


def test_pipeline_repeated_name_names_the_stage():
    twin = StageSpec("upper", _count_words)
    with pytest.raises(StageError) as info:
        check_contracts([UPPER, twin])
    assert "'upper'" in str(info.value)
    assert "twice" in str(info.value)


def test_pipeline_base_fields_need_no_stage():
    stage = StageSpec("base", _upper, requires=(
        "article.text", "article.title", "article.published", "article.removed"))
    check_contracts([stage])


# --------------------------------------------------------------------------- running


def test_pipeline_runs_stages_in_order_and_keeps_input_order(fast_settings):
    pipe = Pipeline(stages=[UPPER, COUNT], settings=fast_settings)
    out = list(pipe.run(_inputs()))
    assert [a.id for a in out] == ["r0", "r1", "r2", "r3", "r4"]
    assert [a.themes for a in out] == [
        ("ENVOYS",), ("TROOPS",), ("MINISTERS",), ("REBELS",), ("THE",)]
    assert [a.notes for a in out] == [
        ("words=6",), ("words=5",), ("words=5",), ("words=5",), ("words=6",)]
    assert all(a.skip is None for a in out)


def test_pipeline_non_article_result_raises_stage_error(fast_settings):
    bad = StageSpec("bad", lambda a, ctx: a.to_json())
    pipe = Pipeline(stages=[UPPER, bad], settings=fast_settings)
    with pytest.raises(StageError) as info:
        list(pipe.run(_inputs()))
    assert str(info.value).startswith("[D030]")
    assert "'bad'" in str(info.value)
    assert "dict" in str(info.value)


def test_pipeline_non_article_from_batch_stage_raises_stage_error(fast_settings):
    bad = StageSpec("bad_batch", _upper, run_batch=lambda arts, ctx: [None for _ in arts])
    pipe = Pipeline(stages=[bad], settings=fast_settings)
    with pytest.raises(StageError, match="'bad_batch'"):
        list(pipe.run(_inputs()))


def test_pipeline_batch_stage_wrong_length_raises_stage_error(fast_settings):
    short = StageSpec("short", _upper, run_batch=lambda arts, ctx: list(arts)[:1])
    pipe = Pipeline(stages=[short], settings=fast_settings)
    with pytest.raises(StageError, match="'short' returned 1 articles for 2"):
        list(pipe.run(_inputs()))


def _fragile(article: Article, ctx: Context) -> Article:
    if "Troops" in article.text:
        raise ValueError("cannot parse troops\nsecond line of detail")
    return replace(article, themes=("OK",))


@pytest.mark.parametrize("batched", [False, True])
def test_pipeline_stage_exception_skips_only_that_article(fast_settings, batched):
    def fragile_batch(arts, ctx):
        return [_fragile(a, ctx) for a in arts]

    stage = StageSpec("fragile", _fragile, assigns=("article.themes",),
                      run_batch=fragile_batch if batched else None)
    pipe = Pipeline(stages=[stage, COUNT], settings=fast_settings)
    out = list(pipe.run(_inputs()))
    assert [a.id for a in out] == ["r0", "r1", "r2", "r3", "r4"]
    bad = out[1]
    assert bad.skip is not None
    assert bad.skip.stage == "fragile"
    assert bad.skip.reason == "internal error: ValueError: cannot parse troops"
    assert "\n" not in bad.skip.reason
    assert bad.to_json() == {
        "id": "r1", "error": "fragile: internal error: ValueError: cannot parse troops"}
    assert bad.notes == ()  # later stages did not run on the skipped article
    for art in (out[0], out[2], out[3], out[4]):
        assert art.skip is None
        assert art.themes == ("OK",)
        assert len(art.notes) == 1 and art.notes[0].startswith("words=")


def test_pipeline_ingest_skips_pass_through_untouched(fast_settings):
    calls: list[str] = []

    def spy(article: Article, ctx: Context) -> Article:
        calls.append(article.id)
        return article

    pipe = Pipeline(stages=[StageSpec("spy", spy)], settings=fast_settings)
    inputs = _inputs()[:2] + [RawInput(id="empty", text="   ")] + _inputs()[2:3]
    out = list(pipe.run(inputs))
    assert [a.id for a in out] == ["r0", "r1", "empty", "r2"]
    assert out[2].skip is not None and out[2].skip.stage == "ingest"
    assert calls == ["r0", "r1", "r2"]


def test_pipeline_batch_size_respected(fast_settings):
    sizes: list[int] = []

    def batch(arts, ctx):
        sizes.append(len(arts))
        return list(arts)

    pipe = Pipeline(stages=[StageSpec("b", _upper, run_batch=batch)], settings=fast_settings)
    out = list(pipe.run(_inputs()))
    assert len(out) == 5
    assert sizes == [2, 2, 1]


def test_pipeline_run_is_lazy(fast_settings):
    sizes: list[int] = []

    def batch(arts, ctx):
        sizes.append(len(arts))
        return list(arts)

    pipe = Pipeline(stages=[StageSpec("b", _upper, run_batch=batch)], settings=fast_settings)
    it = pipe.run(_inputs())
    first = next(it)
    assert first.id == "r0"
    assert sizes == [2]  # only the first batch has run


def test_pipeline_timings_per_stage(fast_settings):
    pipe = Pipeline(stages=[UPPER, COUNT], settings=fast_settings)
    list(pipe.run(_inputs()))
    assert set(pipe.timings) == {"ingest", "upper", "count"}
    assert all(isinstance(v, float) and v >= 0.0 for v in pipe.timings.values())


def test_pipeline_context_loads_a_resource_once(fast_settings):
    loads: list[int] = []
    ctx = Context(fast_settings)

    def loader():
        loads.append(1)
        return {"kb": True}

    assert ctx.get("kb", loader) is ctx.get("kb", loader)
    assert loads == [1]
