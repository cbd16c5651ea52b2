"""The search index builder: documents in, static JSON files out. No MkDocs import.

The browser loads one small vocabulary file, then only the posting shards of the words it
looks up and the metadata shards of the results it shows (static/zoeken.js):

- `vocabulary.json`: every indexed word as written (normalised; front-coded), the stem it belongs
  to (delta-coded), each stem's document frequency, the stop words and the shard counts. The browser matches typos and
  compound words against these words, so it never needs a stemmer of its own: stemming happens
  here only, and words with one stem share one posting list.
- `p<k>.json`: posting lists, stem id → [doc id delta, score, …], for the stems with id % shards == k.
- `d<k>.json`: [url, title, summary, online, kind] for documents k*DOCS_PER_SHARD onwards.

Scores are computed here: field weight (name and trefwoorden ≫ summary ≫ body) × idf × a weight
per kind of document (a service outranks a page that lists it).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

import snowballstemmer

from .language import Language
from .synonyms import Synonyms

FORMAT_VERSION = 1
DOCS_PER_SHARD = 40
POSTING_SHARD_BYTES = 12_000  # aim; the shard count is the index size over this

FIELD_WEIGHTS = {"title": 10.0, "keywords": 8.0, "summary": 4.0}
BODY_WEIGHT_CAP = 3.0  # body text: 1 + ln(tf), at most this
KIND_WEIGHTS = {"service": 1.0, "page": 0.6, "list": 0.35}
SYNONYM_WEIGHT = 0.8  # a document found through a synonym ranks just below one that uses the word
KINDS = tuple(KIND_WEIGHTS)


@dataclass(frozen=True)
class Document:
    url: str  # relative to the site root: "diensten/paspoort-aanvragen/"
    title: str
    summary: str = ""
    body: str = ""
    keywords: tuple[str, ...] = ()
    online: str | None = None  # live | gepland | niet, for services
    kind: str = "page"  # service | list | page


_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


_ACCENTS = re.compile("[\u0300-\u036f]")


def normalise(text: str) -> str:
    """Lower case without accents: 'Café' → 'cafe', exactly as the browser does it (static/zoeken.js)."""
    if text.isascii():
        return text.lower()
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """The words of a text; 'ID-kaart' gives 'id', 'kaart' and 'idkaart'."""
    out = []
    for token in _TOKEN.findall(normalise(text)):
        parts = token.split("-")
        out.extend(parts)
        if len(parts) > 1:
            out.append("".join(parts))
    return out


class ScoreCache:
    """Each document's scores and the word forms it noted, for `mkdocs serve`: after one edit nearly every
    document is the same, and scoring (normalising, stemming) is most of the index's cost.

    Not used by `mkdocs build`: one build scores each document once, and holding the scores of 10,000
    documents would only add to its peak memory."""

    LIMIT = 100_000  # documents; a long editing session starts afresh when it outgrows this

    def __init__(self):
        self._entries: dict[tuple[str, Document], tuple[dict[str, float], tuple[tuple[str, str], ...]]] = {}

    def get(self, key):
        return self._entries.get(key)

    def put(self, key, scores: dict[str, float], noted: tuple[tuple[str, str], ...]):
        if len(self._entries) >= self.LIMIT:
            self._entries.clear()
        self._entries[key] = (scores, noted)
        return scores, noted


class IndexBuilder:
    """Collects documents for one language and writes its index files."""

    def __init__(self, language: Language, synonyms: Synonyms | None = None, scores: ScoreCache | None = None):
        self.language = language
        self.synonyms = synonyms or Synonyms()
        self.scores = scores
        self._stemmer = snowballstemmer.stemmer(language.stemmer)
        self._stems: dict[str, str] = {}
        self.documents: list[Document] = []

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def add(self, document: Document) -> None:
        if document.kind not in KIND_WEIGHTS:
            raise ValueError(f"unknown document kind {document.kind!r}; expected one of {', '.join(KINDS)}")
        self.documents.append(document)

    def extend(self, documents: Iterable[Document]) -> None:
        for document in documents:
            self.add(document)

    def _field_scores(self, document: Document) -> dict[str, float]:
        """stem → score before idf, for one document; also records each stem's written forms."""
        key = (self.language.code, document)
        found = self.scores.get(key) if self.scores is not None else None
        if found is None:
            found = self._score(document)
            if self.scores is not None:
                self.scores.put(key, *found)
        scores, noted = found
        for stem, word in noted:
            self._forms.setdefault(stem, set()).add(word)
        return dict(scores) if self.scores is not None else scores  # the caller adds synonyms to it

    def _score(self, document: Document) -> tuple[dict[str, float], tuple[tuple[str, str], ...]]:
        """The document's scores, and the (stem, word) forms it uses."""
        stop = self.language.stop_words
        noted: set[tuple[str, str]] = set()
        scores: dict[str, float] = {}
        fields = (("title", document.title), ("keywords", " ".join(document.keywords)), ("summary", document.summary))
        for name, text in fields:
            for word in words(text):
                if word in stop:
                    continue
                stem = self.stem(word)
                noted.add((stem, word))
                scores[stem] = max(scores.get(stem, 0.0), FIELD_WEIGHTS[name])
        counts: dict[str, int] = {}
        for word in words(document.body):
            if word not in stop:
                stem = self.stem(word)
                noted.add((stem, word))
                counts[stem] = counts.get(stem, 0) + 1
        for stem, tf in counts.items():
            body = min(1.0 + math.log(tf), BODY_WEIGHT_CAP)
            scores[stem] = max(scores.get(stem, 0.0), body) + (0.1 * body if stem in scores else 0.0)
        return scores, tuple(noted)

    def _note(self, word: str) -> str:
        stem = self.stem(word)
        self._forms.setdefault(stem, set()).add(word)
        return stem

    def _add_synonyms(self, scores: dict[str, float]) -> None:
        """A document that has every word of a synonym's target also gets the synonym, a little weaker."""
        added: dict[str, float] = {}
        for source, targets in self.synonyms.rules():
            best = 0.0
            for target in targets:
                stems = [self.stem(w) for w in words(target) if w not in self.language.stop_words]
                if stems and all(s in scores for s in stems):
                    best = max(best, min(scores[s] for s in stems))
            if best:
                for word in words(source):
                    if word in self.language.stop_words:
                        continue
                    stem = self._note(word)
                    added[stem] = max(added.get(stem, 0.0), SYNONYM_WEIGHT * best)
        for stem, score in added.items():
            scores[stem] = max(scores.get(stem, 0.0), score)

    def files(self) -> dict[str, str]:
        """File name (inside the index folder) → JSON text. Deterministic for the same documents."""
        self._forms: dict[str, set[str]] = {}
        documents = sorted(self.documents, key=lambda d: (KINDS.index(d.kind), normalise(d.title), d.url))
        per_doc = []
        for document in documents:
            scores = self._field_scores(document)
            self._add_synonyms(scores)
            per_doc.append(scores)
        df: dict[str, int] = {}
        for scores in per_doc:
            for stem in scores:
                df[stem] = df.get(stem, 0) + 1
        stems = sorted(df)
        stem_id = {stem: i for i, stem in enumerate(stems)}
        n = len(documents)
        postings: list[list[int]] = [[] for _ in stems]
        last_doc = [0] * len(stems)
        for doc_id, (document, scores) in enumerate(zip(documents, per_doc)):
            kind = KIND_WEIGHTS[document.kind]
            for stem, raw in scores.items():
                sid = stem_id[stem]
                idf = math.log(1.0 + n / df[stem])
                postings[sid] += [doc_id - last_doc[sid], max(1, round(10 * raw * idf * kind))]
                last_doc[sid] = doc_id
        size = sum(len(p) for p in postings) * 4 + 1
        posting_shards = max(1, math.ceil(size / POSTING_SHARD_BYTES))
        out: dict[str, str] = {}
        shards: list[dict[str, list[int]]] = [{} for _ in range(posting_shards)]
        for sid, plist in enumerate(postings):
            shards[sid % posting_shards][str(sid)] = plist
        for k, shard in enumerate(shards):
            out[f"p{k}.json"] = _json(shard)
        meta_shards = max(1, math.ceil(n / DOCS_PER_SHARD))
        for k in range(meta_shards):
            out[f"d{k}.json"] = _json([
                [d.url, d.title, d.summary, d.online or "", d.kind]
                for d in documents[k * DOCS_PER_SHARD:(k + 1) * DOCS_PER_SHARD]
            ])
        vocabulary = sorted((word, stem_id[stem]) for stem, forms in self._forms.items() if stem in stem_id
                            for word in forms)
        out["vocabulary.json"] = _json({
            "version": FORMAT_VERSION,
            "language": self.language.code,
            "documents": n,
            "postingShards": posting_shards,
            "documentsPerShard": DOCS_PER_SHARD,
            "stopWords": sorted(self.language.stop_words),
            "words": front_code([w for w, _ in vocabulary]),
            "stems": _deltas([s for _, s in vocabulary]),
            "df": [df[stem] for stem in stems],
        })
        return out


def front_code(sorted_words: list[str]) -> str:
    """Sorted words as one string: each starts with a capital letter telling how many leading
    letters it shares with the word before (A = none, at most Z = 25), then the rest. Index words
    are lower case, so the capitals mark where a word begins; this halves the vocabulary."""
    out, previous = [], ""
    for word in sorted_words:
        shared = 0
        while shared < min(len(word), len(previous), 25) and word[shared] == previous[shared]:
            shared += 1
        out.append(chr(65 + shared) + word[shared:])
        previous = word
    return "".join(out)


def front_decode(text: str) -> list[str]:
    words, previous = [], ""
    for part in re.findall(r"[A-Z][^A-Z]*", text):
        previous = previous[: ord(part[0]) - 65] + part[1:]
        words.append(previous)
    return words


def _deltas(numbers: list[int]) -> list[int]:
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def _undelta(deltas: list[int]) -> list[int]:
    out, total = [], 0
    for d in deltas:
        total += d
        out.append(total)
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build_index(documents: Iterable[Document], language: Language, synonyms: Synonyms | None = None,
                scores: ScoreCache | None = None) -> dict[str, str]:
    """The entry point: documents of one language → {path relative to the site root: JSON text}.

    `scores` (kept by `mkdocs serve` between rebuilds) saves scoring the documents that did not change."""
    builder = IndexBuilder(language, synonyms, scores)
    builder.extend(documents)
    return {f"{language.index_dir}/{name}": text for name, text in builder.files().items()}


def read_index(folder) -> dict:
    """A written index read back (for tests, checks and the benchmark): its vocabulary and
    documents as {"url", "title", "summary", "online", "kind"}."""
    from pathlib import Path

    folder = Path(folder)
    vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    vocabulary["words"], vocabulary["stems"] = front_decode(vocabulary["words"]), _undelta(vocabulary["stems"])
    documents = []
    for k in range(math.ceil(vocabulary["documents"] / vocabulary["documentsPerShard"])):
        for url, title, summary, online, kind in json.loads((folder / f"d{k}.json").read_text(encoding="utf-8")):
            documents.append({"url": url, "title": title, "summary": summary, "online": online, "kind": kind})
    return {"vocabulary": vocabulary, "documents": documents}
