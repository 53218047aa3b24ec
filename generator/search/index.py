"""The index phase (and the catalog's index): one search document per citable clause, segmented the same
way at build time and in the browser, indexed by lunr.py.

Documents: measure paragraphs, point, section and chapter headings, 专栏 projects,
indicator rows and the front matter (the notice's title, the 文号: a reader searches
them too; issue 19). Each
has a title field (headline sentence, heading, project name, indicator name;
boosted) and a body field.

Both sides normalise text the same way: NFKC (full-width Latin and digits), a
character table from traditional to simplified (built with OpenCC for every
character the plans use, shipped to the browser), lower case.

jieba (search mode, with the plan's own terms as user words) decides the
*vocabulary*: every word of two or more characters it finds in the clauses, minus
stop words. Clauses and queries are then cut by the same deterministic rule,
longest vocabulary match first, each match followed by the vocabulary words inside
it (search mode's sub-words: 中小学生 → 中小学生, 中小, 小学, 学生, 中小学, 小学生).
Because the rule is shared (``fmm_terms`` here, ``terms`` in static/search-core.js),
a query word is always cut as the index was cut.

lunr.py builds the index from those terms (empty pipelines, lists of terms as
tokens). Its JSON serialization is about 100 KB gzip for this plan, more than the
whole page budget, so the browser gets the clause texts (needed for snippets and
for the substring scan that finds any two characters) and the vocabulary, cuts
the texts with the same rule and recomputes lunr.py's field vectors with lunr.py's
formula before ``lunr.Index.load``; a test checks the result equals lunr.py's
``Index.serialize()``.
"""
from __future__ import annotations

import re
import unicodedata
from sys import intern
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import opencc
from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf
from lunr.vector import Vector

from generator.structure import ids
from generator.structure.diagnostics import Report
from generator.structure.files import present
from generator.paginate.pages import PlanPages, ancestors, table_row_nodes
from generator.structure.records import Indicator, Node
from generator.search.segment import Segmenter
from generator.read.source import read_text_file
from generator.paginate.stages import catalog_stages
from generator.write.cache import Cache, digest, versions_digest

INDEXED_KINDS = ("front", "chapter", "attachment", "section", "item", "measure", "project", "indicator", "row")
KIND_CODE = {"front": "f", "chapter": "c", "section": "s", "item": "i", "measure": "m", "project": "p", "indicator": "n",
             "row": "r", "attachment": "c"}  # r: a body row of a printed table (a 任务分工表's task), ranked as a
# measure; an appendix (附件1) is found, filtered and shown as a chapter is
TITLE_BOOST = 3
QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,8})”")
WORD = re.compile(r"\w")
MAX_TERM = 12
MAX_TERMS_BYTES = 2**20  # terms.txt


@lru_cache(maxsize=None)
def _converters() -> tuple[opencc.OpenCC, ...]:
    """OpenCC's t2s, tw2s and hk2s, built on first use (a build from the cache needs none)."""
    return tuple(opencc.OpenCC(config) for config in ("t2s", "tw2s", "hk2s"))


VARIANT_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))  # CJK Extension A and the Unified Ideographs


class FoldTable(dict):
    """Traditional → simplified, one character to one (``simplified_table``), holding the
    folds of the characters ``normalise`` has met so far (code point → folded text): the
    cache belongs to the table and travels with it, and is not pickled."""

    def __init__(self, pairs=()) -> None:
        super().__init__(pairs)
        self.folds: dict[int, str] = {}

    def __reduce__(self):
        return FoldTable, (list(self.items()),)


def simplified_table(texts: list[str], cache: Cache | None = None) -> dict[str, str]:
    """Traditional → simplified, per character, for every character the texts use.

    Two sources, both OpenCC: each used character's own simplified form (學 → 学,
    by t2s), and every CJK character that t2s, tw2s or hk2s turns into a character
    the texts use once folded (綫 → 线, 裏 → 里, 著 → 着), so a reader's variant form
    finds the plan's. Characters the texts use keep their t2s form only, so the
    plan's own text folds as before. Values are never keys (one lookup folds).

    ``cache`` (the build cache, generator/write/cache.py; None: none) keeps the table by the
    characters used, this file's source and the library versions: a one-character edit of
    a plan seldom changes which characters it uses, and the table costs about 45 ms."""
    used = sorted({c for text in texts for c in unicodedata.normalize("NFKC", text) if "\u4e00" <= c <= "\u9fff"})
    if cache is None or not cache.enabled:
        return _table_of(used)
    key = digest("fold-table", versions_digest(), Path(__file__).read_bytes(), "".join(used))
    table = cache.get("fold", key)
    if not isinstance(table, FoldTable):
        table = _table_of(used)
        cache.put("fold", key, table)
    return table


def _table_of(used: list[str]) -> FoldTable:
    """``simplified_table`` of the texts whose CJK characters (NFKC) are ``used``, sorted."""
    table: dict[str, str] = {}
    for char in used:
        simple = _converters()[0].convert(char)
        if simple != char and len(simple) == 1:
            table[char] = simple
    targets = {table.get(c, c) for c in used}
    candidates = [chr(code) for start, end in VARIANT_RANGES for code in range(start, end)]
    for converter in _converters():
        converted = converter.convert("\n".join(candidates)).split("\n")
        for char, simple in zip(candidates, converted):
            if simple != char and simple in targets and char not in used and char not in table:
                table[char] = simple
    return FoldTable(sorted((k, v) for k, v in table.items() if k not in targets))


def normalise(text: str, table: dict[str, str]) -> str:
    """Per character: NFKC, traditional → simplified by ``table``, lower case (as ``fold``
    in search-core.js; per character, so offsets map back to the original text). A
    ``FoldTable`` keeps the folds it has met; another mapping folds ``text``'s characters anew."""
    folds = table.folds if isinstance(table, FoldTable) else {}
    for char in set(text):
        if ord(char) not in folds:
            folds[ord(char)] = _fold(char, table)
    return text.translate(folds)


def _fold(char: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", char)).lower()


@dataclass
class SearchDoc:
    node: Node
    page: str
    parent: int  # index of the parent document, -1 for none
    title: str
    rest: str  # text after the title (for a measure, after its headline sentence)
    title_in_text: bool  # the title is the start of the running text (a headline sentence)
    chapter: int  # index into the chapter list, -1 for none
    stages: int  # bit mask over the catalog's stages (stages.catalog_stages)
    weight: float  # ranking weight: lower for broad headings and the review of past years (search-core.js
    # recomputes it from kind and review: ``docWeight``)
    review: bool = False  # part of a chapter reviewing past years (Chapter.review)


def plan_terms(site: PlanPages, content: Path, report: Report | None = None) -> list[str]:
    """Words to keep whole: quoted terms, 专栏 project names, and the editor's terms.txt
    (read like the plan's text; a file that cannot be read is an error in ``report``)."""
    plan = site.plan
    terms: set[str] = set()
    for node in plan.nodes:
        terms.update(QUOTED.findall(node.own_chars()))
        if node.kind == "project" and getattr(node, "label", "") and len(node.label) <= 16:
            terms.add(node.label)
    for duty in plan.duties:  # a department's name is a search word (市卫健委, 各县（市、区）人民政府)
        terms.update(name for name in (*duty.lead, *duty.support) if len(name) <= 16)
    extra = content / plan.meta.slug / "terms.txt"
    text = read_text_file(extra, report or Report(), MAX_TERMS_BYTES) if present(extra) else None
    for line in (text or "").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            terms.add(word)
    return sorted(terms)


def candidate_words(texts: list[str], segmenter: Segmenter) -> set[str]:
    """jieba search-mode words of two to MAX_TERM characters, stop words included (the
    vocabulary of several texts is the union of theirs, less the stop words)."""
    cut: set[str] = set()
    for text in texts:
        cut.update(segmenter.cut_for_search(text))
    words: set[str] = set()
    for word in cut:  # each word once, however many texts hold it
        word = word.strip()
        if 1 < len(word) <= MAX_TERM and WORD.search(word):
            words.add(word)
    return words


def fmm_terms(text: str, vocab: set[str], prefixes: frozenset[str] | None = None) -> list[str]:
    """Longest vocabulary match first, each followed by the vocabulary words inside it.

    The same rule as ``terms`` in static/search-core.js, for clauses and queries alike.
    ``prefixes``: ``vocabulary_prefixes(vocab)``, when the caller cuts many texts.
    """
    prefixes = prefixes if prefixes is not None else vocabulary_prefixes(vocab)
    return terms_of_cuts(text, fmm_cuts(text, vocab, prefixes), vocab)


def terms_of_cuts(text: str, cuts: list[tuple[int, int]], vocab: set[str], inner: dict | None = None) -> list[str]:
    """``fmm_terms`` of ``text`` from its ``fmm_cuts``: each word, then the words inside it.
    ``inner``: the words inside each word found so far (a cache for one ``vocab``)."""
    result: list[str] = []
    for start, length in cuts:
        word = text[start:start + length]
        result.append(word)
        if inner is None:
            result.extend(_inner_words(word, vocab))
            continue
        found = inner.get(word)
        if found is None:
            found = inner[word] = _inner_words(word, vocab)
        result.extend(found)
    return result


def cut_spans(title_cuts: list[tuple[int, int]], rest_cuts: list[tuple[int, int]], title_length: int) -> list[int]:
    """Where ``fmm_cuts`` cut a document's title and rest joined by "\n", as [gap, length, ...]
    (code points: characters skipped, then a word's length). No word holds "\n", so the cuts
    of the joined text are the title's, then the rest's shifted past the title."""
    result: list[int] = []
    last = 0
    for start, length in [*title_cuts, *((s + title_length + 1, n) for s, n in rest_cuts)]:
        result += [start - last, length]
        last = start + length
    return result


def fmm_cuts(text: str, vocab: set[str], prefixes: frozenset[str]) -> list[tuple[int, int]]:
    """The top-level matches of ``fmm_terms``: (start, length) in code points, left to right.

    At each position the longest vocabulary word (two to MAX_TERM characters) is taken, found
    by growing the piece while it is the prefix of some word: every word's prefixes are in
    ``prefixes``, so no longer word can start there once a piece is not."""
    cuts: list[tuple[int, int]] = []
    i, last = 0, len(text)
    while i < last:
        best, end = 0, i + 2
        stop = min(last, i + MAX_TERM)
        while end <= stop:
            piece = text[i:end]
            if piece not in prefixes:
                break
            if piece in vocab:
                best = end - i
            end += 1
        if best:
            cuts.append((i, best))
            i += best
        else:
            i += 1
    return cuts


def _inner_words(word: str, vocab: set[str]) -> list[str]:
    return [word[a:a + n] for n in range(2, len(word)) for a in range(len(word) - n + 1) if word[a:a + n] in vocab]


def words_within(text: str, vocab: set[str], prefixes: frozenset[str]) -> set[str]:
    """Every vocabulary word standing anywhere in ``text`` as a substring, whatever the cut."""
    found: set[str] = set()
    last = len(text)
    for start in range(last - 1):
        end = start + 2
        piece = text[start:end]
        while piece in prefixes:
            if piece in vocab:
                found.add(piece)
            end += 1
            if end > last or end - start > MAX_TERM:
                break
            piece = text[start:end]
    return found


def vocabulary_prefixes(vocab: set[str]) -> frozenset[str]:
    """Every prefix of two characters or more of every vocabulary word (the words included)."""
    return frozenset(word[:k] for word in vocab for k in range(2, len(word) + 1))


def collect_docs(sites: list[PlanPages]) -> tuple[list[SearchDoc], list[dict], list[str]]:
    """Search documents of every plan, the chapter list (for the filter) and the page list."""
    docs: list[SearchDoc] = []
    chapters: list[dict] = []
    pages: list[str] = []
    page_numbers: dict[str, int] = {}
    stage_list = catalog_stages([site.plan for site in sites])
    for plan_no, site in enumerate(sites):
        by_id = site.plan.index()
        position: dict[str, int] = {}
        chapter_of: dict[str, int] = {}
        review = {n.id for n in site.plan.by_kind("chapter") if n.review}
        for node in _with_rows(site.plan.nodes):
            if node.kind not in INDEXED_KINDS:
                continue
            chain = ancestors(node, by_id)
            top = chain[0] if chain else node
            if node.kind in ("chapter", "attachment"):  # the chapter filter lists the appendices too
                chapter_of[node.id] = len(chapters)
                chapters.append({"plan": plan_no, "number": node.number, "title": node.title or ""})
            page = site.url(node.id).split("#")[0]
            if page not in page_numbers:
                page_numbers[page] = len(pages)
                pages.append(page)
            parent = next((position[a.id] for a in reversed(chain) if a.id in position), -1)
            title, rest, title_in_text = _fields(node)
            weight = 0.5 if node.kind == "section" else 1.0
            if top.id in review:
                weight *= 0.6
            staged = site.node_stages.get(node.parent or "", ()) if node.kind == "row" else site.node_stages.get(node.id, ())
            stages = sum(1 << i for i, s in enumerate(stage_list) if s.slug in staged)
            position[node.id] = len(docs)
            docs.append(SearchDoc(node, page, parent, title, rest, title_in_text,
                                  chapter_of.get(top.id, -1), stages, weight, top.id in review))
    return docs, chapters, pages


def _with_rows(nodes: list[Node]):
    """The plan's nodes, each printed table's body rows (``TableRow``, kind row) after it."""
    for node in nodes:
        yield node
        if node.kind == "table":
            yield from table_row_nodes(node)


def _fields(node: Node) -> tuple[str, str, bool]:
    title, rest, title_in_text = _raw_fields(node)
    return _one_line(title), _one_line(rest), title_in_text


def _one_line(text: str) -> str:
    return re.sub(r"[\t\n\r]", " ", text)


def _raw_fields(node: Node) -> tuple[str, str, bool]:
    text = node.text or ""
    if node.kind == "measure":
        lead = getattr(node, "lead", None) or ""
        return lead, text[len(lead):], True
    if isinstance(node, Indicator):
        return node.name, indicator_summary(node), False
    if node.kind == "project" and not node.title:
        return "", text, True
    return node.title or "", text, False


def indicator_summary(node: Indicator) -> str:
    """学前教育 基期2020年 75 → 目标2025年 88（%，约束性）: the row as a reader says it; a
    figure the table gives no number for is shown as printed (``—``, ``较“十三五”下降18%以上``),
    a target it leaves out as 未设目标."""
    group = "·".join(part for part in (node.stage, node.substage) if part)
    def shown(value, printed):
        return printed if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    unit = "，".join(part for part in (node.unit, node.binding) if part)
    return (f"{group} 基期{node.baseline_year or ''}年 {shown(node.baseline, node.baseline_text or '--')} → "
            f"目标{node.target_year or ''}年 {shown(node.target, node.target_in_words() or '未设目标')}（{unit}）")


NO_METADATA: dict = {}  # every posting's metadata (none is kept); one object, never changed: lunr.py's
# MatchData deep-copies what it reads, and a dict per (term, field, document) was most of a catalog's memory


class TermListBuilder(Builder):
    """lunr.py's ``Builder`` for documents whose fields are lists of terms already cut
    (``fmm_terms``), with an empty pipeline and no metadata kept.

    ``add`` does what ``Builder.add`` does with those settings (same inverted index, field
    lengths and term frequencies, so ``build()`` gives the same index and scores) without
    lunr.py's tokenizer, which wraps every term in a ``Token`` with a deep copy of its
    metadata (a third of the cost of indexing a large plan), and with one shared empty
    metadata dict (``NO_METADATA``) where lunr.py makes one per posting.
    tests/test_search.py checks that both builders serialize to the same index."""

    def add(self, doc: dict, attributes: dict | None = None) -> None:
        if len(self.pipeline) or self.metadata_whitelist:
            raise ValueError("TermListBuilder takes no pipeline and keeps no metadata")
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = [intern(str(term).lower()) for term in doc[field_name] or ()]  # one copy of each term
            field_terms: defaultdict[str, int] = defaultdict(int)
            field_ref = str(FieldRef(doc_ref, field_name))
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = NO_METADATA

    def _calculate_average_field_lengths(self) -> None:
        """As lunr.py's, but a field no document has averages 0 (lunr.py divides by zero:
        a plan of headings alone has no document to index)."""
        totals: defaultdict[str, int] = defaultdict(int)
        counts: defaultdict[str, int] = defaultdict(int)
        for field_ref, length in self.field_lengths.items():
            name = FieldRef.from_string(field_ref).field_name
            counts[name] += 1
            totals[name] += length
        self.average_field_length = defaultdict(int, {name: totals[name] / counts[name] if counts[name] else 0
                                                      for name in self._fields})

    def _create_field_vectors(self) -> None:
        """``Builder._create_field_vectors`` with the same scores (lunr.py's BM25 formula, the
        same operations in the same order, rounded to 3 places), each vector's elements
        sorted once instead of inserted one by one with a binary search. The term
        frequencies stay: the catalog ships them (``catalog.postings``)."""
        vectors = {}
        idf: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, frequencies in self.field_term_frequencies.items():
            parsed = FieldRef.from_string(field_ref)
            field_name = parsed.field_name
            length = self.field_lengths[field_ref]
            boost = self._fields[field_name].boost
            doc_boost = self._documents[parsed.doc_ref].get("boost", 1)
            average = self.average_field_length[field_name]
            scored = []
            for term, tf in frequencies.items():
                if term not in idf:
                    idf[term] = Idf(self.inverted_index[term], self.document_count)
                score = idf[term] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf)
                score *= boost
                score *= doc_boost
                scored.append((self.inverted_index[term]["_index"], round(score, 3)))
            scored.sort()
            vectors[field_ref] = Vector([value for pair in scored for value in pair])
        self.field_vectors = vectors


def folded_fields(docs: list[SearchDoc], table: dict[str, str]) -> list[tuple[str, str]]:
    """Each document's title and rest, normalised by ``table`` (``normalise``)."""
    return [(_same_or(doc.title, normalise(doc.title, table)), _same_or(doc.rest, normalise(doc.rest, table)))
            for doc in docs]


def _same_or(text: str, folded: str) -> str:
    """``text`` itself when folding left it as it was (one copy of the text in memory, not two)."""
    return text if folded == text else folded


def build_index(docs: list[SearchDoc], vocab: set[str], folded: list[tuple[str, str]],
                prefixes: frozenset[str] | None = None, spans: dict[int, list[int]] | None = None,
                vectors: bool = True) -> Builder:
    """lunr.py's index of the documents, cut by ``fmm_terms`` (the builder, after ``build()``:
    it keeps the statistics the browser needs and the term frequencies). ``folded``:
    ``folded_fields(docs, table)``; ``prefixes``: ``vocabulary_prefixes(vocab)``; ``spans``,
    when given, gets each indexed document's ``cut_spans`` (the catalog's fragments ship
    them). ``vectors`` False: no lunr.Index (``builder.index`` None), only the statistics and
    term frequencies (a catalog's plan: the browser computes the weights)."""
    builder = TermListBuilder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("i")
    builder.field("t", boost=TITLE_BOOST)
    builder.field("b")
    prefixes = prefixes if prefixes is not None else vocabulary_prefixes(vocab)
    inner: dict[str, list[str]] = {}  # a word's inner words, worked out once per index
    for number, doc in enumerate(docs):
        title, rest = folded[number]
        title_cuts, rest_cuts = fmm_cuts(title, vocab, prefixes), fmm_cuts(rest, vocab, prefixes)
        builder.add({"i": str(number), "t": terms_of_cuts(title, title_cuts, vocab, inner),
                     "b": terms_of_cuts(rest, rest_cuts, vocab, inner)})
        if spans is not None:
            spans[number] = cut_spans(title_cuts, rest_cuts, len(title))
    if vectors:
        builder.index = builder.build()
    else:
        builder._calculate_average_field_lengths()
        builder.index = None
    return builder


def relative_ids(docs: list[SearchDoc]) -> list[str]:
    """Each document's anchor id, written as "+rest" when it is its parent's id + "__" + rest
    (chp_5__sec_1__item_2 under chp_5__sec_1 → +item_2); ``SearchIndex.written_ids`` keeps
    them for an index's documents."""
    written = []
    for doc in docs:
        node_id = doc.node.id
        rest = ids.relative_to(node_id, docs[doc.parent].node.id) if doc.parent >= 0 else None
        written.append("+" + rest if rest else node_id)
    return written


def compact_script(source: str) -> str:
    """Our own scripts as shipped: comment-only lines, comments ending a line of code,
    indentation and blank lines removed.

    Only for the project's scripts, written so that this is safe: block comments open at the
    start of a line or after its code (`` /* `` then the comment to the line's end), close at
    the end of one, no template literals; raises ValueError on a line that breaks that rule
    (a comment closing before code). A line's trailing comment is kept when the code before
    it holds an odd number of quotes of either kind (`` /* `` might then be inside a string)."""
    lines: list[str] = []
    in_comment = False
    for number, line in enumerate(source.split("\n"), 1):
        text = line.strip()
        if in_comment or text.startswith("/*"):
            if "*/" in text and not text.endswith("*/"):
                raise ValueError(f"line {number}: code after a comment")
            in_comment = not text.endswith("*/")
            continue
        if text:
            lines.append(_without_trailing_comment(text))
    return "\n".join(lines) + "\n"


def _without_trailing_comment(line: str) -> str:
    """``line`` without a ``/* … */`` comment that ends it after its code."""
    at = line.find(" /* ")
    if at < 0 or not line.endswith("*/") or "*/" in line[at:-2]:
        return line
    code = line[:at]
    if code.count('"') % 2 or code.count("'") % 2 or "`" in code:
        return line
    return code.rstrip()


def utf16_order(term: str) -> bytes:
    """lunr.js needs terms in UTF-16 code unit order (lunr.py sorts by code point)."""
    return term.encode("utf-16-be")


def front_coded(words: list[str]) -> str:
    """Sorted words, each written as one digit (characters shared with the word before, at
    most 9) and the rest of the word."""
    lines, previous = [], ""
    for word in words:
        shared = 0
        while shared < min(len(word), len(previous), 9) and word[shared] == previous[shared]:
            shared += 1
        lines.append(f"{shared}{word[shared:]}")
        previous = word
    return "\n".join(lines)


@dataclass
class PlanPart:
    """One plan's own index inside a catalog's: its documents are the catalog's from
    ``start`` on (lunr.py's refs count from 0 there), cut with ``vocab``, the plan's own
    vocabulary, and scored by ``builder`` with its own statistics, so that its matches
    and scores are those of its own search page whatever other plans the catalog holds
    (issue 19, plans apart)."""

    start: int
    vocab: set[str]
    builder: Builder

    def postings(self, word: str) -> int:
        """Documents of the plan with the term, counted per field as lunr.py's idf counts them."""
        posting = self.builder.inverted_index.get(word, {})
        return sum(len(docs) for field, docs in posting.items() if field != "_index")


@dataclass
class SearchIndex:
    docs: list[SearchDoc]
    chapters: list[dict]
    pages: list[str]
    table: dict[str, str]
    vocab: set[str]
    builder: Builder | None  # lunr.py's builder (``builder.index`` the lunr.Index); None for a catalog of plans (``parts``)
    stop_words: list[str]  # the genres' stop words, dropped from queries outside vocabulary words
    synonyms: list[list[str]]  # the genres' query synonym sets (人数 ~ 规模), normalised
    candidates: set[str] = field(default_factory=set)  # ``candidate_words`` of the texts (vocab before stop words)
    prefixes: frozenset[str] = frozenset()  # ``vocabulary_prefixes(vocab)``
    folded: list[tuple[str, str]] = field(default_factory=list)  # ``folded_fields(docs, table)``
    spans: dict[int, list[int]] = field(default_factory=dict)  # ``cut_spans`` by document, when kept
    parts: list[PlanPart] = field(default_factory=list)  # per plan, its own index (one plan: ``builder``'s)
    _frequencies: dict[str, int] | None = field(default=None, compare=False, repr=False)

    def plan_parts(self) -> list[PlanPart]:
        """Each plan's own index: a catalog's ``parts``, or the one index of a plan."""
        return self.parts or [PlanPart(0, self.vocab, self.builder)]

    def folded_text(self, number: int) -> str:
        """A document's folded title and rest joined by "\n"."""
        title, rest = self.folded[number]
        return f"{title}\n{rest}"

    def data(self, sites: list[PlanPages]) -> dict:
        """What the search page downloads (the chapter and stage filters are in its HTML:
        ``chapter`` and ``stage`` index them)."""
        page_numbers = {page: number for number, page in enumerate(self.pages)}
        words, frequencies = self.words(), self.document_frequencies()
        return {
            "v": 2,
            "plans": [{"slug": s.plan.meta.slug, "title": s.plan.meta.title} for s in sites],
            "pages": self.pages,
            "ids": "\n".join(self.written_ids),
            "page": [page_numbers[d.page] for d in self.docs],
            "parent": [d.parent for d in self.docs],
            "kind": "".join(KIND_CODE[d.node.kind] for d in self.docs),
            "number": [d.node.number or "" for d in self.docs],
            "text": "\n".join(f"{d.title}\t{d.rest}" for d in self.docs),
            "lead": "".join(str(int(d.title_in_text)) for d in self.docs),
            "review": "".join(str(int(d.review)) for d in self.docs),
            "chapter": [d.chapter for d in self.docs],
            "stage": [d.stages for d in self.docs],
            "fields": [["t", TITLE_BOOST], ["b", 1]],  # in the order of "len" (a list: keys get sorted)
            "vocab": front_coded(words),
            "df": [frequencies[word] for word in words],
            "avg": [self.builder.average_field_length[f] for f in ("t", "b")],
            "count": self.builder.document_count,
            "maxTerm": MAX_TERM,
            "t2s": "".join(f"{t}{s}" for t, s in self.table.items()),
            "stop": "\n".join(self.stop_words),
            "syn": ["\n".join(group) for group in self.synonyms],
        }


    @cached_property
    def written_ids(self) -> list[str]:
        """``relative_ids`` of the documents, worked out once (the catalog reads them once per
        fragment; ``docs`` never changes after ``build_search``)."""
        return relative_ids(self.docs)

    def words(self) -> list[str]:
        return sorted(self.vocab, key=utf16_order)

    def _postings(self, word: str) -> int:
        """Documents with the term, counted per field as lunr.py's idf counts them (in a
        catalog, summed over its plans' own indexes)."""
        return sum(part.postings(word) for part in self.plan_parts())

    def document_frequencies(self) -> dict[str, int]:
        """``_postings`` of every vocabulary word, worked out once (the plan's search data and
        the catalog's both read them; ``free_lunr_index`` keeps them)."""
        if self._frequencies is None:
            self._frequencies = {word: self._postings(word) for word in self.vocab}
        return self._frequencies

    def free_lunr_index(self) -> None:
        """Drop lunr.py's inverted index and field vectors (most of a catalog index's memory)
        once the postings and document frequencies have been read from them; the statistics
        the browser needs (field lengths, document count) stay."""
        for part in self.plan_parts():
            part.builder.index = None
            part.builder.inverted_index = {}
            part.builder.field_vectors = {}
            part.builder.field_term_frequencies = {}

    def lengths(self, number: int) -> list[int]:
        """Terms per field of a document, as lunr.py counted them (the browser recounts them)."""
        lengths = self.builder.field_lengths
        return [lengths.get(f"{field}/{number}", 0) for field in ("t", "b")]


@dataclass
class PlanWords:
    """One plan's part of a catalog's vocabulary, worked out when its own index was built:
    ``words`` are the candidate words (``candidate_words``) of its documents normalised
    by ``table``, its own traditional → simplified table, cut keeping ``terms`` whole
    (its ``plan_terms``)."""

    table: dict[str, str]
    words: set[str]
    terms: tuple[str, ...] = ()


def build_search(sites: list[PlanPages], segmenter: Segmenter, known: list[PlanWords] | None = None,
                 cache: Cache | None = None, lunr_index: bool = True) -> SearchIndex:
    """The index of ``sites``, their texts cut by ``segmenter`` (for one plan: with its
    terms, ``Segmenter.with_words``). ``known``: per site, its words as its own index found
    them (``plan_words``): a catalog, whose plans each keep their own index (``PlanPart``:
    each plan's documents cut with its own vocabulary only and scored with its own
    statistics; its words cut again where the catalog's table folds the plan's text
    otherwise); its vocabulary is the union of theirs. ``cache``: the build cache, keeping
    the fold table (``simplified_table``), or None. ``lunr_index`` False: one plan's index
    without lunr.py's ``Index`` (``build_index``'s ``vectors``): the site ships the
    statistics and the texts, never the Index (about 30 ms of the seed's build)."""
    docs, chapters, pages = collect_docs(sites)
    table = simplified_table([d.title + d.rest for d in docs], cache)
    stop_words = frozenset(w for site in sites for w in site.plan.genre.stop_words)
    folded = folded_fields(docs, table)
    stops, synonyms = sorted(normalise(w, table) for w in stop_words), query_synonyms(sites, table)
    if known is None:
        candidates = candidate_words(_joined_fields(docs, folded), segmenter)
        vocab = candidates - stop_words
        prefixes = vocabulary_prefixes(vocab)
        spans: dict[int, list[int]] | None = {} if len(sites) == 1 else None  # a one-plan site's catalog ships them
        builder = build_index(docs, vocab, folded, prefixes, spans, lunr_index)
        return SearchIndex(docs, chapters, pages, table, vocab, builder, stops, synonyms, candidates, prefixes, folded,
                           spans or {})
    parts, spans, candidates = [], {}, set()
    start = 0
    for site, words in zip(sites, _plan_vocabularies(sites, known, table, segmenter)):
        end = start + words[0]
        vocab = words[1] - frozenset(site.plan.genre.stop_words)
        candidates |= words[1]
        own: dict[int, list[int]] = {}
        builder = build_index(docs[start:end], vocab, folded[start:end], vocabulary_prefixes(vocab), own,
                              vectors=False)
        spans.update((start + number, cut) for number, cut in own.items())
        parts.append(PlanPart(start, vocab, builder))
        start = end
    vocab = set().union(*(part.vocab for part in parts))
    return SearchIndex(docs, chapters, pages, table, vocab, parts[0].builder if len(parts) == 1 else None, stops,
                       synonyms, candidates, vocabulary_prefixes(vocab), folded, spans, parts)


def plan_words(index: SearchIndex, terms: tuple[str, ...] = ()) -> PlanWords:
    """A one-plan index's candidate words (its vocabulary before stop words are dropped),
    cut keeping ``terms`` whole."""
    return PlanWords(index.table, index.candidates, tuple(terms))


def _joined_fields(docs: list[SearchDoc], folded: list[tuple[str, str]]) -> list[str]:
    """The folded title and rest of each indexed document, joined by a space."""
    return [f"{title} {rest}" for title, rest in folded]


def _plan_vocabularies(sites: list[PlanPages], known: list[PlanWords], table: dict[str, str],
                       segmenter: Segmenter) -> list[tuple[int, set[str]]]:
    """Per site, its number of documents and the candidate words of its documents under
    ``table``: its known words when ``table`` folds each character of its texts as its own
    table did, else cut again with its terms."""
    found = []
    for site, part in zip(sites, known):
        docs = collect_docs([site])[0]
        chars = {c for d in docs for c in d.title + " " + d.rest}
        if all(_fold(c, table) == _fold(c, part.table) for c in chars):
            found.append((len(docs), part.words))
        else:
            found.append((len(docs), candidate_words(_joined_fields(docs, folded_fields(docs, table)),
                                                     segmenter.with_words(part.terms))))
    return found


def query_synonyms(sites: list[PlanPages], table: dict[str, str]) -> list[list[str]]:
    """The genres' ``query_synonyms`` sets, normalised, without repeats (a word in two sets
    joins them: a query word stands for every word of its set)."""
    merged: list[list[str]] = []
    for site in sites:
        for group in site.plan.genre.query_synonyms:
            words = [normalise(w, table) for w in group if w.strip()]
            these = set(words)
            joined = [g for g in merged if not these.isdisjoint(g)]
            for g in joined:
                merged.remove(g)
                words = [*g, *words]
            merged.append(list(dict.fromkeys(words)))
    return sorted(merged)
