"""Word-similarity sets and analogy questions, the yardsticks of word vectors (notebook 07), read offline.

WordSim-353 and SimLex-999 (pairs of words with a human score) and the Google analogy questions
("a is to b as c is to d") ship in gensim's test data. :func:`read_word_pairs` and
:func:`read_analogies` read their formats (and any file in the same format); the ``load_*`` functions
read the bundled sets. The scores that use them live in :mod:`latent_helpers.embeddings`.
"""
from __future__ import annotations

import os
from typing import NamedTuple

import numpy as np

from ..validation import as_path
from .gensim_data import GOOGLE_ANALOGIES, SIMLEX999, WORDSIM353, gensim_test_file
from .text_files import text_lines


class WordPair(NamedTuple):
    """Two words and the mean human score of how similar (or related) they are."""

    a: str
    b: str
    score: float


class Analogy(NamedTuple):
    """A question "a is to b as c is to d" (the answer is d), from section ``section``."""

    section: str
    a: str
    b: str
    c: str
    d: str


def read_word_pairs(path: str | os.PathLike) -> list[WordPair]:
    """A word-similarity file: one pair a line, ``word1 word2 score`` (tabs or spaces), ``#`` comments.

    This is the format of gensim's ``wordsim353.tsv`` and ``simlex999.txt`` (and of
    ``KeyedVectors.evaluate_word_pairs``). Words are lower-cased. UTF-8 text, plain or ``.gz``/``.bz2``
    (:func:`~latent_helpers.datasets.text_files.text_lines`: a file that is not says which line).

    >>> pairs = load_wordsim353()
    >>> len(pairs), pairs[0]
    (353, WordPair(a='love', b='sex', score=6.77))
    """
    path = as_path(path, must_exist=True)
    pairs = []
    for number, line in text_lines(path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts]
        if len(parts) < 3 or not parts[0] or not parts[1]:
            raise ValueError(f"{path.name}, line {number}: expected 'word1<TAB>word2<TAB>score', "
                             f"got {line.strip()!r}")
        try:
            score = float(parts[2])
        except ValueError:
            raise ValueError(f"{path.name}, line {number}: the score {parts[2]!r} is not a number") from None
        if not np.isfinite(score):
            raise ValueError(f"{path.name}, line {number}: the score {parts[2]!r} is not a finite number")
        pairs.append(WordPair(parts[0].lower(), parts[1].lower(), score))
    if not pairs:
        raise ValueError(f"{path.name} holds no word pairs")
    return pairs


def read_analogies(path: str | os.PathLike) -> list[Analogy]:
    """An analogy file in word2vec's format: ``: section`` lines, then ``a b c d`` questions.

    Words are lower-cased; the file is read as :func:`read_word_pairs` reads its. This is the format
    of gensim's ``questions-words.txt`` (Mikolov et al.'s 19,544 Google analogy questions, in 14 sections).

    >>> questions = load_google_analogies()
    >>> len(questions), questions[0]
    (19544, Analogy(section='capital-common-countries', a='athens', b='greece', c='baghdad', d='iraq'))
    """
    path = as_path(path, must_exist=True)
    questions, section = [], None
    for number, line in text_lines(path):
        if not line.strip():
            continue
        if line.startswith(":"):
            section = line[1:].strip()
            continue
        words = line.lower().split()
        if len(words) != 4:
            raise ValueError(f"{path.name}, line {number}: expected four words 'a b c d', got {line.strip()!r}")
        if section is None:
            raise ValueError(f"{path.name}, line {number}: a question before any ': section' line")
        questions.append(Analogy(section, *words))
    if not questions:
        raise ValueError(f"{path.name} holds no analogy questions")
    return questions


def load_wordsim353() -> list[WordPair]:
    """WordSim-353 (Finkelstein et al., 2002): 353 pairs scored 0-10 for relatedness, from gensim's test data."""
    return read_word_pairs(gensim_test_file(WORDSIM353))


def load_simlex999() -> list[WordPair]:
    """SimLex-999 (Hill, Reichart and Korhonen, 2015): 999 pairs scored 0-10 for similarity, from gensim's test data."""
    return read_word_pairs(gensim_test_file(SIMLEX999))


def load_google_analogies() -> list[Analogy]:
    """The Google analogy questions (Mikolov et al., 2013), from gensim's test data."""
    return read_analogies(gensim_test_file(GOOGLE_ANALOGIES))


__all__ = ["Analogy", "WordPair", "load_google_analogies", "load_simlex999", "load_wordsim353", "read_analogies",
           "read_word_pairs"]
