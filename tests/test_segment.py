"""jieba confined to generator/search/segment.py: a segmenter never changes, its dictionary is
read once per process, it travels to a worker process without it, and its dictionary loaded
in shards (generator/search/dictionary.py) cuts as jieba's whole dictionary does."""
from __future__ import annotations

import os
import pickle

import jieba
import pytest

from generator.search import dictionary
from generator.search.index import QUOTED
from generator.search.segment import Segmenter, _jieba, _stamp, pieces
from realplans import REALPLANS, real_plan_folders

from conftest import SEED_TEXT

TEXT = "山海学院推进学前教育普及普惠"  # 山海学院: a name jieba's dictionary does not hold


def test_a_plan_s_words_stay_whole_in_a_new_segmenter_and_the_base_is_unchanged(segmenter):
    own = segmenter.with_words(["山海学院"])
    assert own.cut(TEXT)[0] == "山海学院"
    assert "山海学院" not in segmenter.cut(TEXT)
    assert "".join(segmenter.cut(TEXT)) == TEXT


def test_segmenters_share_jiebas_dictionary_read_once_per_process(segmenter):
    assert Segmenter(segmenter.cache_dir)._ready()[0].FREQ is segmenter._ready()[0].FREQ


def test_a_segmenter_travels_without_its_dictionary_and_cuts_the_same(segmenter):
    own = segmenter.with_words(["山海学院"])
    own.cut(TEXT)  # loaded
    sent = pickle.dumps(own)
    assert len(sent) < 2000  # names and words, not jieba's 350,000 entries
    assert pickle.loads(sent).cut(TEXT) == own.cut(TEXT)


# -- the cuts are jieba's own ------------------------------------------------------------------

TEXTS = [SEED_TEXT] + [folder / "plan.txt" for folder in real_plan_folders()]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """A plain jieba tokenizer of jieba's whole dictionary (parsed by jieba itself)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("plain-jieba"))
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """A segmenter whose shard file is made anew in a folder of its own."""
    return Segmenter(tmp_path_factory.mktemp("shards"))


def lines_of(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_real_plans_are_all_there():
    assert len(TEXTS) >= 11 and all(path.is_file() for path in TEXTS)
    if REALPLANS is not None:
        assert REALPLANS / "zhijiao" / "plan.txt" in TEXTS


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.parent.name)
def test_every_line_is_cut_as_jieba_s_whole_dictionary_cuts_it(path, plain, sharded):
    for line in lines_of(path):
        assert sharded.cut(line) == [w for piece in pieces(line) for w in plain.lcut(piece)], line
        assert sharded.cut_for_search(line) == [
            w for piece in pieces(line) for w in plain.cut_for_search(piece)], line


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.parent.name)
def test_a_plan_s_own_words_are_added_as_jieba_adds_them(path, plain, sharded):
    """The plan's quoted terms as its own words (as search.plan_terms adds them), against a
    copy of the plain tokenizer given the same words in the same order."""
    text = path.read_text(encoding="utf-8")
    words = sorted(set(QUOTED.findall(text)))
    reference = jieba.Tokenizer()
    reference.FREQ, reference.total, reference.initialized = dict(plain.FREQ), plain.total, True
    for word in words:
        reference.add_word(word)
    own = sharded.with_words(words)
    assert own._ready()[0].total == reference.total
    for line in lines_of(path):
        assert own.cut_for_search(line) == [w for piece in pieces(line) for w in reference.cut_for_search(piece)]
        assert own.cut(line) == [w for piece in pieces(line) for w in reference.lcut(piece)]


def test_the_shards_hold_jieba_s_whole_dictionary(plain, shard_file):
    shards = dictionary.load(shard_file.parent, stamp())
    assert shards is not None and shards.total == plain.total
    whole = dict(shards.singles)
    for pair in {word[:2] for word in plain.FREQ if len(word) > 1}:
        whole.update(shards.shard(pair))
    assert whole == plain.FREQ


def stamp():
    """The stamp of jieba's dictionary as installed (what a shard file must hold)."""
    return _stamp(_jieba())


@pytest.fixture(scope="module")
def shard_file(sharded):
    sharded.cut(TEXT)  # made and saved when a text is first cut
    return sharded.cache_dir / dictionary.FILE_NAME


@pytest.mark.parametrize("damage", ["header", "cut short", "a FIFO"])
def test_a_damaged_shard_file_is_made_again(tmp_path, damage, shard_file):
    path = tmp_path / dictionary.FILE_NAME
    if damage == "a FIFO":
        os.mkfifo(path)
    else:
        whole = shard_file.read_bytes()
        path.write_bytes(dictionary.MAGIC + b"\0" * 8 + b"damaged" if damage == "header" else whole[:-1])
    assert dictionary.load(tmp_path, stamp()) is None
    assert Segmenter(tmp_path).cut(TEXT) == Segmenter().cut(TEXT)
    assert path.read_bytes() == shard_file.read_bytes()


def test_a_shard_file_of_another_jieba_is_not_used(shard_file):
    assert dictionary.load(shard_file.parent, stamp()) is not None
    assert dictionary.load(shard_file.parent, ("0.1", 1, 1)) is None


def test_a_text_loads_only_the_shards_it_can_reach(shard_file):
    entries = dictionary.Entries(dictionary.load(shard_file.parent, stamp()))
    entries.reach("学前教育")
    assert entries.reached == {"学前", "前教", "教育"}
    assert "学前教育" in entries.freq and "普惠" not in entries.freq and "普" in entries.freq
