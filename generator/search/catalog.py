"""The catalog phase (over all plans): the catalog-wide search index, split so that a query downloads only what it needs.

Laid out after Pagefind (``pagefind/src/output``: a small entry file, an index split by
term into chunks whose first words are listed in the entry's meta, and one fragment per
page for excerpts), adapted to our exact scoring and to file:// (every file is a script
that registers its data in ``window.PLAN_SEARCH_PARTS``; the page injects a ``<script>``
per file, which works from file:// and under ``script-src 'self'``):

- ``search/catalog.js``: the entry. Plans (slug, title, issuer, year) and the lunr.py
  statistics of each plan's own index (``stats``), the first key of every chunk, the traditional → simplified table, stop words and synonym sets, the
  fragments (plan of each; ``lone``: those of documents outside chapters, the others
  open with their chapter's heading) and the fragment of each document (run-length coded).
- ``search/t/<n>.js``: chunk n of the sorted keys (UTF-16 order, as lunr.js and the
  browser compare strings), the word list: a key is a vocabulary word, with its document
  count and the number of its posting chunk; or a single character, with the fragments
  whose text holds it. Every word starting with a character sorts between that character
  and the next, so the chunks for a query's characters hold every word a query can be cut
  into (longest match from each position, as the index was cut) and tell which fragments
  can hold the query at all. Postings are not here: they grow with the catalog, and a
  query needs those of the few words it is cut into, not of every word sharing a first
  character with them.
- ``search/p/<n>.js``: posting chunk n, the postings of consecutive words (UTF-16 order),
  fetched once the query is cut (one more round trip): per word its postings (document,
  then its term frequency and the field's length for the title and body fields in its
  plan's own index, from which the browser computes the weights of the plan's own lunr.py
  index with the plan's statistics, the entry's ``stats``: a plan's scores in the catalog
  are those of its own search page, issue 19's plans apart), the fragments
  holding it only as a substring (not as a term), so the browser knows from the postings
  alone which fragments can hold every word of a query (it fetches those first, best
  lunr score first and a page of results at a time, and the fragments holding only some
  words when the reader asks for them), and the plans whose own vocabulary holds it
  without postings (``z``: the browser cuts the query per plan, with that plan's words).
- ``search/f/<n>.js``: fragment n, the search documents of one chapter of one plan (or
  of its indicator rows, 专栏 outside chapters...): texts, ids, pages, structure, and
  where its plan's vocabulary cut each text (its word spans, needed to tell
  校园安全 in 校园安全稳定 from 环校园安全带). A document's headings and paragraphs
  are in its own fragment, so matches are found as on a plan's own page.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate

from generator.structure.paths import script_safe
from generator.search.index import (MAX_TERM, TITLE_BOOST, KIND_CODE, SearchIndex, cut_spans, fmm_cuts, utf16_order,
                     vocabulary_prefixes, words_within)

CHUNK_BYTES = 12_000  # raw bytes of keys per chunk of the word list (≈ 4 KB gzip)
POSTING_BYTES = 3_000  # raw bytes of postings per posting chunk (≈ 1 KB gzip)
ROW = 5  # numbers per posting row: document gap, title and body tf, title and body length
YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class Fragment:
    plan: int
    docs: tuple[int, ...]  # document numbers (global), in document order


def fragments(index: SearchIndex, plan_of: list[int]) -> list[Fragment]:
    """Documents grouped by (plan, chapter): a chapter and everything under it; documents
    outside chapters (indicator rows, 专栏 after the last chapter) one group per plan."""
    groups: dict[tuple[int, int], list[int]] = {}
    for number, doc in enumerate(index.docs):
        groups.setdefault((plan_of[number], doc.chapter), []).append(number)
    return [Fragment(plan, tuple(docs)) for (plan, _), docs in sorted(groups.items())]


def spans(text: str, vocab: set[str], prefixes: frozenset[str] | None = None) -> list[int]:
    """Where ``fmm_terms`` cuts ``text`` at its top level, as [gap, length, gap, length...]
    (code points: characters skipped, then a word's length; ``search.cut_spans``)."""
    prefixes = prefixes if prefixes is not None else vocabulary_prefixes(vocab)
    return cut_spans(fmm_cuts(text, vocab, prefixes), [], len(text))


def doc_spans(index: SearchIndex, number: int) -> list[int]:
    """Spans of a document's folded title and body joined by "\\n" (as ``doc.folded``)."""
    if number in index.spans:
        return index.spans[number]
    return spans(index.folded_text(number), index.vocab, index.prefixes)


def postings(index: SearchIndex) -> dict[str, list]:
    """Per word: [document, title tf, body tf, title length, body length, ...]: in each plan's
    own index (``SearchIndex.plan_parts``), the word's term frequency in each field of each
    document holding it and that field's length in terms (0 where the word is not in the
    field), documents numbered in the catalog and delta-coded. With the plan's statistics
    (the entry's ``stats``) the browser computes lunr.py's field-vector weights from these
    (``Engine.weight``), the weights of the plan's own search page (issue 19, plans apart);
    small integers, repeated from plan to plan, compress better than the weights.

    Read plan by plan in document order, so each word's rows come out in document order."""
    flat_of: dict[str, list] = {}
    last: dict[str, int] = {}
    for part in index.plan_parts():
        frequencies, lengths = part.builder.field_term_frequencies, part.builder.field_lengths
        for local in range(part.builder.document_count):
            title, body = frequencies.get(f"t/{local}", {}), frequencies.get(f"b/{local}", {})
            sizes = lengths.get(f"t/{local}", 0), lengths.get(f"b/{local}", 0)
            doc = part.start + local
            for term in sorted(title.keys() | body.keys()):
                tf = title.get(term, 0), body.get(term, 0)
                row = [tf[0], tf[1], sizes[0] if tf[0] else 0, sizes[1] if tf[1] else 0]
                if term in flat_of:
                    flat_of[term] += [doc - last[term], *row]
                else:
                    flat_of[term] = [doc, *row]
                last[term] = doc
    return flat_of


def plan_stats(index: SearchIndex) -> list[list]:
    """Per plan: lunr.py's statistics of its own index, [document count, average title
    length, average body length] (what ``Engine.weight`` needs besides a posting row)."""
    return [[part.builder.document_count, *(part.builder.average_field_length[f] for f in ("t", "b"))]
            for part in index.plan_parts()]


def unposted_plans(index: SearchIndex) -> dict[str, list[int]]:
    """Per word: the plans whose own vocabulary holds it although their cut never made it a
    term (no postings there; it still cuts a query as on that plan's own page), delta-coded."""
    found: dict[str, list[int]] = {}
    for plan, part in enumerate(index.plan_parts()):
        for word in part.vocab:
            if word not in part.builder.inverted_index:
                found.setdefault(word, []).append(plan)
    return {word: [b - a for a, b in zip([0, *plans], plans)] for word, plans in found.items()}


def char_fragments(index: SearchIndex, frags: list[Fragment]) -> dict[str, list[int]]:
    """Per character of the folded texts: the fragments holding it (delta-coded)."""
    holders: dict[str, list[int]] = {}
    for number, fragment in enumerate(frags):
        chars: set[str] = set()
        for doc_no in fragment.docs:
            chars.update(index.folded_text(doc_no))
        for char in chars:
            if not char.isspace():
                holders.setdefault(char, []).append(number)
    return {char: [b - a for a, b in zip([0, *numbers], numbers)] for char, numbers in holders.items()}


def _made_compact():
    """A function giving ``json.dumps(value, separators=(",", ":"))``'s pieces: CPython's C
    encoder made once (``json.dumps`` makes an encoder per call), else ``json.dumps`` itself."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return lambda value: (json.dumps(value, separators=(",", ":")),)
    encoder = make(None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None, ":", ",",
                   False, False, True)
    return lambda value: encoder(value, 0)


_compact_pieces = _made_compact()


def compact_length(value) -> int:
    """``len(json.dumps(value, separators=(",", ":")))``."""
    return sum(map(len, _compact_pieces(value)))


def _ints_length(numbers: list[int] | None) -> int:
    """``compact_length`` of a list of ints or None: the list's repr less the space after each
    comma (``null`` for None). The chunks measure thousands of such lists: about 10 ms less
    than encoding each."""
    if numbers is None:
        return 4
    return len(repr(numbers)) - len(numbers) + 1 if numbers else 2


def key_length(value: dict) -> int:
    """``compact_length`` of a key's entry in a word-list chunk, {"w": ints or None, "c": ints or
    None, "s": strings or None} (``chunked``), in that order."""
    suggested = value["s"]
    return 16 + _ints_length(value["w"]) + _ints_length(value["c"]) + \
        (4 if suggested is None else compact_length(suggested))


def row_length(row: tuple[list[int], list[int], list[int]]) -> int:
    """``compact_length`` of a word's row in a posting chunk without the word: its postings,
    substring-only fragments and plans, lists of ints (``posting_chunks``)."""
    return 4 + sum(_ints_length(numbers) for numbers in row)


SUGGEST = 12  # words listed per character for the no-results page
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def home_runs(frags: list[Fragment], count: int) -> list[int]:
    """The fragment of each document, run-length coded in document order: [fragment, documents, ...]."""
    home = [0] * count
    for number, fragment in enumerate(frags):
        for doc in fragment.docs:
            home[doc] = number
    runs: list[int] = []
    for number in home:
        if runs and runs[-2] == number:
            runs[-1] += 1
        else:
            runs += [number, 1]
    return runs


def substring_extras(index: SearchIndex, frags: list[Fragment], words: dict[str, list]) -> dict[str, list[int]]:
    """Per vocabulary word: the fragments whose folded texts hold it as a substring although
    no document there has it as a term (校园安全 in 环校园安全带, cut 校园|安全带), delta-coded.
    With the fragments of the word's postings these are every fragment a clause holding the
    word can be in (the engine matches substrings), so the browser fetches only fragments
    that can hold every word of a query."""
    home = {doc: number for number, fragment in enumerate(frags) for doc in fragment.docs}
    posted: dict[str, set[int]] = {}
    extras: dict[str, list[int]] = {}
    for number, fragment in enumerate(frags):
        found: set[str] = set()
        for doc_no in fragment.docs:
            found |= words_within(index.folded_text(doc_no), index.vocab, index.prefixes)
        for word in sorted(found):
            if number not in _posting_fragments(word, words, home, posted):
                extras.setdefault(word, []).append(number)
    return {word: [b - a for a, b in zip([0, *numbers], numbers)] for word, numbers in extras.items()}


def _posting_fragments(word: str, words: dict[str, list], home: dict[int, int],
                       posted: dict[str, set[int]]) -> set[int]:
    """The fragments of the documents in the word's postings (kept in ``posted``)."""
    if word not in posted:
        posted[word] = set(map(home.__getitem__, _docs(words.get(word, []))))
    return posted[word]


def _docs(flat: list) -> accumulate:
    """The documents of a word's postings (``postings``: the first number of each row is the
    gap from the document before)."""
    return accumulate(flat[::ROW])


def suggestions(index: SearchIndex, frequencies: dict[str, int] | None = None) -> dict[str, list[str]]:
    """Per character: the Chinese words of two documents or more holding it but not starting
    with it (those are in its chunk anyway), most documents first, as "word df" strings, so the
    no-results page can offer 丰富多彩 for 彩票 (search-core.js ``suggest``).
    ``frequencies``: ``index.document_frequencies()``."""
    frequencies = frequencies if frequencies is not None else index.document_frequencies()
    found: dict[str, list[tuple[int, str]]] = {}
    for word in index.vocab:
        df = frequencies[word]
        if df >= 2 and HAN_WORD.match(word):
            for char in set(word[1:]) - {word[0]}:
                found.setdefault(char, []).append((-df, word))
    return {char: [f"{w} {-d}" for d, w in sorted(rows)[:SUGGEST]] for char, rows in found.items()}


def chunked(index: SearchIndex, frags: list[Fragment], homes: dict[str, int] | None = None,
            frequencies: dict[str, int] | None = None) -> list[list[tuple[str, object]]]:
    """Every key (word or character) in UTF-16 order, cut into chunks of about CHUNK_BYTES:
    the word list (a word's document count and its posting chunk, ``homes``: see
    ``posting_homes``), without postings. ``frequencies``: ``index.document_frequencies()``."""
    frequencies = frequencies if frequencies is not None else index.document_frequencies()
    chars = char_fragments(index, frags)
    suggest = suggestions(index, frequencies)
    homes = homes if homes is not None else posting_homes(posting_chunks(index, frags))
    keys = sorted(index.vocab | set(chars), key=utf16_order)  # every word: a query is cut by all of them
    chunks: list[list[tuple[str, object]]] = [[]]
    size = 0
    for key in keys:
        entry = [frequencies[key], homes[key]] if key in index.vocab else None
        value = {"w": entry, "c": chars.get(key), "s": suggest.get(key)}
        cost = len(key) * 3 + key_length(value)
        if size + cost > CHUNK_BYTES and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append((key, value))
        size += cost
    return chunks


def posting_chunks(index: SearchIndex, frags: list[Fragment], words: dict[str, list] | None = None,
                   unposted: dict[str, list[int]] | None = None) -> list[list[tuple[str, list, list, list]]]:
    """The vocabulary's postings in UTF-16 order of the words, cut into chunks of about
    POSTING_BYTES (a word whose postings are larger has a chunk of its own): per word, its
    postings (``words``: see ``postings``), its substring-only fragments (see
    ``substring_extras``) and the plans holding it without postings (``unposted``: see
    ``unposted_plans``)."""
    words = words if words is not None else postings(index)
    unposted = unposted if unposted is not None else unposted_plans(index)
    extras = substring_extras(index, frags, words)
    chunks: list[list[tuple[str, list, list, list]]] = [[]]
    size = 0
    for word in sorted(index.vocab, key=utf16_order):
        row = (word, words.get(word, []), extras.get(word, []), unposted.get(word, []))
        cost = len(word) * 3 + row_length(row[1:])
        if size + cost > POSTING_BYTES and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(row)
        size += cost
    return chunks


def posting_homes(chunks: list[list[tuple[str, list, list, list]]]) -> dict[str, int]:
    """The posting chunk of each word."""
    return {word: number for number, chunk in enumerate(chunks) for word, *_ in chunk}


def chunk_data(chunk: list[tuple[str, object]]) -> dict:
    """One chunk as shipped: keys, and for each its word entry ([documents, posting chunk] or 0),
    its fragment list (characters) and its suggestions."""
    return {"k": "\n".join(key for key, _ in chunk),
            "w": [value["w"] or 0 for _, value in chunk],
            "c": [value["c"] or 0 for _, value in chunk],
            "s": [value["s"] or 0 for _, value in chunk]}


def posting_data(chunk: list[tuple[str, list, list, list]]) -> dict:
    """One posting chunk as shipped: words, their postings, substring-only fragments (or 0)
    and the plans holding them without postings (or 0)."""
    return {"k": "\n".join(word for word, *_ in chunk),
            "p": [flat for _, flat, _, _ in chunk],
            "x": [extra or 0 for _, _, extra, _ in chunk],
            "z": [plans or 0 for *_, plans in chunk]}


def fragment_data(index: SearchIndex, fragment: Fragment, plan_pages: list[str]) -> dict:
    ids = index.written_ids
    docs = [index.docs[n] for n in fragment.docs]
    return {
        "n": list(fragment.docs),
        "plan": fragment.plan,
        "ids": "\n".join(ids[n] for n in fragment.docs),
        "page": [plan_pages.index(d.page) for d in docs],
        "parent": [d.parent for d in docs],
        "kind": "".join(KIND_CODE[d.node.kind] for d in docs),
        "number": [d.node.number or "" for d in docs],
        "text": "\n".join(f"{d.title}\t{d.rest}" for d in docs),
        "lead": "".join(str(int(d.title_in_text)) for d in docs),
        "review": "".join(str(int(d.review)) for d in docs),
        "chapter": [d.chapter for d in docs],
        "stage": [d.stages for d in docs],
        "spans": [doc_spans(index, n) for n in fragment.docs],
    }


def plan_year(date: str) -> str:
    found = YEAR.search(date or "")
    return found.group(0) if found else ""


def catalog_files(index: SearchIndex, plans: list[dict], plan_of: list[int], digest) -> dict[str, bytes]:
    """The files of the catalog search: ``search/catalog.js``, ``search/t/<n>.js``,
    ``search/f/<n>.js``. ``plans``: {slug, title, issuer, year, staged (1 when its genre has stages, else 0)} per plan; ``plan_of``: the
    plan of each document; ``digest(data) -> str`` stamps the entry (the browser keys its
    cache on it). The index's lunr.py structures are freed once read (``free_lunr_index``)."""
    frags = fragments(index, plan_of)
    files: dict[str, bytes] = {}
    words, frequencies, unposted = postings(index), index.document_frequencies(), unposted_plans(index)
    index.free_lunr_index()
    postings_cut = posting_chunks(index, frags, words, unposted)
    del words
    for number, posting_chunk in enumerate(postings_cut):
        files[f"search/p/{number}.js"] = register(f"p{number}", posting_data(posting_chunk))
    homes = posting_homes(postings_cut)
    del postings_cut  # the postings are written: their lists (a catalog's largest) are freed here
    chunks = chunked(index, frags, homes, frequencies)
    for number, chunk in enumerate(chunks):
        files[f"search/t/{number}.js"] = register(f"t{number}", chunk_data(chunk))
    plan_pages = sorted({d.page for d in index.docs})
    for number, fragment in enumerate(frags):
        files[f"search/f/{number}.js"] = register(f"f{number}", fragment_data(index, fragment, plan_pages))
    entry = {
        "v": 1,
        "plans": plans,
        "pages": plan_pages,
        "chunks": [chunk[0][0] for chunk in chunks],
        "stats": plan_stats(index),
        "frags": [f.plan for f in frags],
        "lone": [n for n, f in enumerate(frags) if index.docs[f.docs[0]].chapter < 0],
        "home": home_runs(frags, len(index.docs)),
        "fields": [["t", TITLE_BOOST], ["b", 1]],
        "docs": len(index.docs),
        "maxTerm": MAX_TERM,
        "t2s": "".join(f"{t}{s}" for t, s in index.table.items()),
        "stop": "\n".join(index.stop_words),
        "syn": ["\n".join(group) for group in index.synonyms],
    }
    entry["h"] = digest(entry)
    files["search/catalog.js"] = register("catalog", entry)
    return files


def register(name: str, data: dict) -> bytes:
    """A script registering ``data`` under ``name`` (no function call: nothing to trust)."""
    body = script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return (f'(window.PLAN_SEARCH_PARTS=window.PLAN_SEARCH_PARTS||{{}})["{name}"]={body};\n').encode("utf-8")
