"""jieba confined to generator/search/segment.py: a segmenter never changes, its dictionary is
read once per process, and it travels to a worker process without it."""
from __future__ import annotations

import pickle

from generator.search.segment import Segmenter

TEXT = "山海学院推进学前教育普及普惠"  # 山海学院: a name jieba's dictionary does not hold


def test_a_plan_s_words_stay_whole_in_a_new_segmenter_and_the_base_is_unchanged(segmenter):
    own = segmenter.with_words(["山海学院"])
    assert own.cut(TEXT)[0] == "山海学院"
    assert "山海学院" not in segmenter.cut(TEXT)
    assert "".join(segmenter.cut(TEXT)) == TEXT


def test_segmenters_share_jiebas_dictionary_read_once_per_process(segmenter):
    assert Segmenter(segmenter.cache_dir)._ready().FREQ is segmenter._ready().FREQ


def test_a_segmenter_travels_without_its_dictionary_and_cuts_the_same(segmenter):
    own = segmenter.with_words(["山海学院"])
    own.cut(TEXT)  # loaded
    sent = pickle.dumps(own)
    assert len(sent) < 2000  # names and words, not jieba's 350,000 entries
    assert pickle.loads(sent).cut(TEXT) == own.cut(TEXT)
