"""Text corpora, offline: the Lee news corpus and gensim's Wikipedia excerpt, and the held-out split
that scores a topic model on them.

Everything in a default path reads files that ship inside gensim (its test data, found with
:func:`~latent_helpers.datasets.gensim_data.gensim_test_file`):

- :func:`load_lee`: the Lee corpus of news articles from the Australian Broadcasting Corporation
  (300 "background" articles, or the 50 articles of the similarity study), as texts (notebook 08);
- :func:`load_lee_background`: the same 300 articles as token lists (notebook 07);
- :func:`load_wikipedia_excerpt`: the articles of gensim's Wikipedia excerpt as token lists (notebook 07).

:func:`document_completion_split` splits each document's words into an observed part and a held-out
part (the "document completion" protocol of held-out perplexity). The newsgroup posts of notebook 08
are in :mod:`latent_helpers.datasets.newsgroups`.
"""
from __future__ import annotations

import bz2
import os
import sys
from dataclasses import dataclass

import numpy as np

from ..validation import as_labels, as_list, as_path, as_seed, positive_int, short_repr
from .gensim_data import LEE_BACKGROUND, LEE_TEST, WIKI_EXCERPT, gensim_test_file
from .text_files import compression, text_lines


@dataclass(frozen=True)
class Corpus:
    """Documents as text, with a class label per document when the corpus has them.

    ``texts``: tuple of str; ``labels``: int64 array (n,) or None; ``label_names``: the name of each
    label value (``label_names[labels[i]]``); ``name``: where the corpus comes from. The constructor
    checks these (a list of texts becomes a tuple) and refuses a label without a name.
    """

    texts: tuple[str, ...]
    labels: np.ndarray | None
    label_names: tuple[str, ...]
    name: str

    def __post_init__(self):
        if isinstance(self.texts, (str, bytes)):
            raise TypeError(f"texts must be a list of texts, got the single text {short_repr(self.texts)}")
        texts = tuple(as_list(self.texts, "texts", "texts"))
        for t in texts:
            if not isinstance(t, str):
                raise TypeError(f"texts must hold text (str), got {short_repr(t)} ({type(t).__name__})")
        if isinstance(self.label_names, (str, bytes)):
            raise TypeError(f"label_names must be a list of names, got the single text {short_repr(self.label_names)}")
        names = tuple(as_list(self.label_names, "label_names", "names"))
        if not all(isinstance(n, str) and n for n in names):
            raise TypeError(f"label_names must hold names as non-empty text, got {short_repr(names)}")
        labels = self.labels
        if labels is not None:
            labels = as_labels(labels, "labels")
            if len(labels) != len(texts):
                raise ValueError(f"labels has {len(labels)} entries but texts has {len(texts)}; one label per text")
            if len(labels) and (labels.min() < 0 or labels.max() >= len(names)):
                raise ValueError(f"labels run from {labels.min()} to {labels.max()} but label_names has {len(names)} "
                                 f"names: label k is named label_names[k]")
        if not isinstance(self.name, str):
            raise TypeError(f"name must be text saying where the corpus comes from, got {short_repr(self.name)}")
        object.__setattr__(self, "texts", tuple(str(t) for t in texts))   # frozen: store the checked forms
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "label_names", tuple(str(n) for n in names))

    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        words = sum(len(t.split()) for t in self.texts)
        labelled = "" if self.labels is None else ", labels " + ", ".join(
            f"{n} ({int((self.labels == k).sum())})" for k, n in enumerate(self.label_names))
        return f"Corpus({self.name!r}: {len(self)} documents, {words:,} words{labelled})"


# ---------------------------------------------------------------------------------- the Lee corpus
_LEE_FILES = {"background": LEE_BACKGROUND, "test": LEE_TEST}


def load_lee(which: str = "background", path: str | os.PathLike | None = None) -> Corpus:
    """The Lee news corpus that ships with gensim: one article per line, no labels.

    ``which="background"``: 300 articles (``lee_background.cor``); ``"test"``: the 50 articles whose
    pairwise similarity people rated in Lee, Pincombe and Welsh (2005) (``lee.cor``). ``path``
    reads another file of the same format (one document per line; blank lines are skipped): UTF-8
    text, plain or ``.gz``/``.bz2``; a file that is not (another encoding, a binary file, a truncated
    download) is refused with its name and line. gensim's own two files are read as latin-1, as
    gensim reads them (``lee.cor`` holds a latin-1 pound sign).

    >>> lee = load_lee()
    >>> len(lee), lee.labels is None
    (300, True)
    """
    if not isinstance(which, str) or which not in _LEE_FILES:
        raise ValueError(f"which must be one of {sorted(_LEE_FILES)}, got {short_repr(which)}")
    file = gensim_test_file(_LEE_FILES[which]) if path is None else as_path(path, "path", must_exist=True)
    lines = text_lines(file, "path", encoding="latin-1" if path is None else "utf-8")
    texts = tuple(line.strip() for _, line in lines if line.strip())
    return Corpus(texts, None, (), f"Lee corpus ({which})" if path is None else file.name)



def load_wikipedia_excerpt(path: str | os.PathLike | None = None, min_tokens: int = 50) -> list[list[str]]:
    """The articles of gensim's Wikipedia excerpt as lists of lower-case tokens.

    Parsed as gensim's ``WikiCorpus`` parses a dump, in this process (``WikiCorpus`` starts a pool of
    worker processes): the main namespace only, wiki markup removed by ``filter_wiki``, tokens of 2 to
    15 letters from ``tokenize``, and articles shorter than ``min_tokens`` tokens (redirects, stubs)
    dropped. ``path`` is a ``.xml.bz2`` dump; by default gensim's bundled excerpt (106 articles with
    ``min_tokens=50``; about 450,000 tokens; a few seconds).

    >>> docs = load_wikipedia_excerpt()          # doctest: +SKIP
    >>> len(docs), sum(map(len, docs))           # doctest: +SKIP
    (106, 452944)
    """
    from gensim.corpora.wikicorpus import IGNORED_NAMESPACES, extract_pages, filter_wiki, tokenize

    path = gensim_test_file(WIKI_EXCERPT) if path is None else as_path(path, must_exist=True)
    min_tokens = positive_int(min_tokens, "min_tokens", minimum=0)
    if compression(path) != "bz2":
        raise ValueError(f"path: {path.name} is not bz2-compressed (its first bytes are not 'BZh'): expected a "
                         "Wikipedia dump such as enwiki-...-pages-articles.xml.bz2")
    docs = []
    try:
        with bz2.open(path, "rb") as f:
            for title, text, _ in extract_pages(f, filter_namespaces=("0",)):
                tokens = [sys.intern(t) for t in tokenize(filter_wiki(text), 2, 15, True)]  # one copy per word
                if len(tokens) < min_tokens or any(title.startswith(ns + ":") for ns in IGNORED_NAMESPACES):
                    continue
                docs.append(tokens)
    except (OSError, EOFError) as exc:
        raise ValueError(f"path: {path.name} ends early or is damaged after {len(docs)} articles: the bz2 file is "
                         f"truncated (an interrupted download or copy?) ({exc})") from exc
    except ValueError as exc:    # gensim's extract_pages: XML that is no MediaWiki export
        raise ValueError(f"path: {path.name} is not a Wikipedia XML dump (a <mediawiki> export of pages): "
                         f"{str(exc).strip()}") from exc
    except SyntaxError as exc:   # xml.etree's ParseError: not XML, or XML cut short
        line = getattr(exc, "position", (None,))[0]
        raise ValueError(f"path: {path.name} is not a well-formed Wikipedia XML dump: {exc}"
                         + (f" (line {line} of the XML inside)" if line else "")) from exc
    return docs


def load_lee_background(path: str | os.PathLike | None = None) -> list[list[str]]:
    """The Lee background corpus: one list of lower-case tokens per document (line).

    The texts are read by :func:`load_lee` (notebook 08 uses them whole) and
    tokenised with ``gensim.utils.simple_preprocess`` (words of 2 to 15 letters, numbers and
    punctuation dropped). ``path`` defaults to gensim's bundled ``lee_background.cor`` (300 documents,
    about 60,000 tokens); empty lines are skipped.

    >>> docs = load_lee_background()
    >>> len(docs), docs[0][:4]
    (300, ['hundreds', 'of', 'people', 'have'])
    """
    from gensim.utils import simple_preprocess

    texts = load_lee("background", path=path).texts
    docs = ([sys.intern(t) for t in simple_preprocess(line)] for line in texts)   # one string per distinct word
    return [tokens for tokens in docs if tokens]


# --------------------------------------------------------------------- the held-out split of words
def document_completion_split(X, observed_share: float = 0.5, seed: int = 0):
    """Split every document's words in two: ``(X_observed, X_heldout)``, with ``X_observed + X_heldout == X``.

    ``X`` is a document-term count matrix (scipy sparse or dense, ``(n_docs, n_words)``, whole
    counts). Each document's word *occurrences* are shuffled (seeded) and the first
    ``round(observed_share * n)`` go to the observed part, the rest to the held-out part: a model
    infers the document's topics from the observed words and is scored on the held-out ones
    ("document completion"). Returns two scipy CSR matrices of float64 counts.

    >>> import numpy as np
    >>> obs, held = document_completion_split(np.array([[2, 0, 2], [1, 1, 0]]), seed=0)
    >>> (obs + held).toarray().astype(int).tolist(), obs.sum(1).A1.tolist()
    ([[2, 0, 2], [1, 1, 0]], [2.0, 1.0])
    """
    import scipy.sparse as sp

    if isinstance(observed_share, (bool, np.bool_)) or not isinstance(observed_share, (int, float, np.floating)) \
            or not 0 < observed_share < 1:
        raise ValueError(f"observed_share must be a number between 0 and 1 (exclusive), got {short_repr(observed_share)}")
    seed = as_seed(seed)
    if sp.issparse(X):
        M = sp.csr_matrix(X, dtype=np.float64)
    else:
        if hasattr(X, "detach"):
            X = X.detach().cpu().numpy()
        if isinstance(X, (str, bytes)) or X is None or isinstance(X, (dict, set)):
            raise TypeError(f"X must be a document-term count matrix (sparse or an array), got {type(X).__name__}")
        try:
            dense = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError, OverflowError) as exc:
            raise TypeError(f"X must be a document-term count matrix of numbers: {exc}") from None
        if dense.ndim != 2:
            raise ValueError(f"X must be 2-D (documents x words), got shape {dense.shape}")
        M = sp.csr_matrix(dense)
    M.sum_duplicates()
    if M.shape[0] == 0 or M.shape[1] == 0:
        raise ValueError(f"X is empty (shape {M.shape}); expected documents and words")
    counts = M.data
    if not np.all(np.isfinite(counts)) or np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("X must hold whole, non-negative counts (a bag of words, not tf-idf weights)")
    rng = np.random.default_rng(seed)
    observed = np.zeros_like(counts)
    for d in range(M.shape[0]):
        start, end = M.indptr[d], M.indptr[d + 1]
        slots = np.repeat(np.arange(start, end), counts[start:end].astype(np.int64))  # one entry per occurrence
        rng.shuffle(slots)
        n_obs = int(round(observed_share * len(slots)))
        if n_obs:
            observed += np.bincount(slots[:n_obs], minlength=len(counts))
    X_obs = sp.csr_matrix((observed, M.indices.copy(), M.indptr.copy()), shape=M.shape)
    X_held = sp.csr_matrix((counts - observed, M.indices.copy(), M.indptr.copy()), shape=M.shape)
    X_obs.eliminate_zeros()
    X_held.eliminate_zeros()
    return X_obs, X_held


__all__ = ["Corpus", "document_completion_split", "load_lee", "load_lee_background", "load_wikipedia_excerpt"]
