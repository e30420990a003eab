"""The building blocks of every exercise check.

A check looks at a learner's answer and returns a :class:`Feedback`: truthy exactly when the answer
is right, shown in the notebook as a green "Correct" or an orange "Not yet" with a hint. **Nothing
here raises on learner input**: a string where a number belongs, a tensor that requires grad, a
function that crashes or forgets ``return`` -- each becomes a Feedback that says what came.

The blocks, in the order a check uses them (``feedback.py`` holds :class:`Feedback`, ``missing``,
``describe`` and ``guarded``; ``answers.py`` the readers of answers and ``call_learner``;
``compare.py`` ``diagnose`` and the whole checks):

- ``missing(answer)``: the Feedback for ``None``/``...`` (no answer yet), else ``None``.
- ``as_number(answer)``, ``as_whole_number(answer)``, ``as_array(answer, shape)``: convert the
  answer, or return the Feedback that explains why it cannot be used (test with
  ``isinstance(x, Feedback)``).
- ``call_learner(fn, *args)``: call the learner's function on copies of the arguments;
  ``(result, None)`` or ``(None, Feedback)``.
- ``diagnose(answer, expected, mistakes)``: recognise a named likely-wrong answer and return its hint.
- ``check_close``, ``check_equal``, ``check_array_close``: whole checks in one call.
- ``@guarded``: a decorator that makes a check return Feedback instead of ever raising.

A typical check:

>>> def check_double(fn):
...     out, problem = call_learner(fn, np.array([1.0, 2.0]))
...     if problem is not None:   # not `if problem:` -- a Feedback that says "not yet" is falsy
...         return problem
...     return check_array_close(out, [2.0, 4.0], "Right: twice each value.", "Multiply by 2.",
...                              mistakes={"You added 2 instead of multiplying by 2.": [3.0, 4.0]})
>>> check_double(lambda x: x * 2)
Correct. Right: twice each value.
>>> check_double(lambda x: x + 2)
Not yet. You added 2 instead of multiplying by 2.
>>> check_double(lambda x: None)
Not yet. Your function returned None: did you forget `return`?
"""
from __future__ import annotations

import math  # noqa: F401  (used by the examples)

import numpy as np  # noqa: F401  (used by the examples)

from .answers import as_array, as_number, as_whole_number, call_learner, float64_array
from .compare import check_array_close, check_close, check_equal, diagnose
from .feedback import Feedback, describe, feedback, guarded, missing

__all__ = [
    "Feedback", "as_array", "as_number", "as_whole_number", "call_learner", "check_array_close", "check_close",
    "check_equal", "describe", "diagnose", "feedback", "float64_array", "guarded", "missing",
]
