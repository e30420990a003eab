"""The safety net every check wears: :func:`guarded`.

A check's first argument is the learner's answer; every other argument is the notebook's own data
(the codes, ``counts``, ``d_fake``...) or a setting of the call (``height=32``, ``t=0.5``). When those
are broken the learner's answer is not to blame, and the check must not say so: ``guarded`` reads the
settings before the check runs (a whole number where the default is one, a real number where the
default is a float, 0-d tensors welcome), and when the check still fails it names the notebook
variable that looks wrong and the cell that makes it, never the answer.
"""
from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .answers import as_number, as_whole_number
from .feedback import Feedback, _is_tensor, _verdict, describe, feedback  # noqa: F401  (feedback: the examples)


def _kind(param: inspect.Parameter) -> str | None:
    """'int' or 'float' when the parameter holds a number (by its default or its annotation), else None."""
    default = param.default
    if isinstance(default, (bool, np.bool_)):
        return None
    if isinstance(default, (int, np.integer)):
        return "int"
    if isinstance(default, (float, np.floating)):
        return "float"
    note = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", "")
    return note if note in ("int", "float") else None


def _came(value: Any) -> str:
    return "None" if value is None else describe(value)


def _where(name: str, made_in: Mapping[str, str] | None) -> str:
    if made_in and name in made_in:
        return made_in[name]
    return "a cell above this one"


def _setting(value: Any, name: str, kind: str, made_in: Mapping[str, str] | None) -> Any:
    """A numeric setting as a Python int/float, or the Feedback that names it (and not the answer)."""
    reader = as_whole_number if kind == "int" else as_number
    got = reader(value, name=f"`{name}`")
    if not isinstance(got, Feedback):
        return got
    what = "a whole number" if kind == "int" else "a real number"
    return Feedback(False, f"The check needs `{name}` as {what}, got {_came(value)}. It is not your answer: it "
                           f"comes from {_where(name, made_in)}. Put it back as the notebook has it (or leave it "
                           "out of the call) and run the cell again.")


def _looks_broken(value: Any, default: Any = inspect.Parameter.empty) -> bool:
    """Is a piece of the notebook's data broken on its face: None, text, a bool, NaN, an empty or ragged array...?"""
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, (str, bytes)):
        return not isinstance(default, str)
    if isinstance(value, (bool, np.bool_)):
        return not isinstance(default, (bool, np.bool_))
    if isinstance(value, (complex, np.complexfloating)):
        return True
    if isinstance(value, (int, np.integer)):
        return abs(int(value)) > 2 ** 53
    if isinstance(value, (float, np.floating)):
        return not math.isfinite(float(value))
    if type(value) is object:
        return True
    if _is_tensor(value) or isinstance(value, (np.ndarray, list, tuple)):
        try:
            arr = value.detach().cpu().double().numpy() if _is_tensor(value) else np.asarray(value, dtype=np.float64)
        except Exception:
            items = list(value) if isinstance(value, (list, tuple)) else []
            return not (items and all(isinstance(x, str) for x in items))  # a list of words is data too
        return arr.size == 0 or not bool(np.all(np.isfinite(arr)))
    return False


def _blame(check: Callable, bound: inspect.BoundArguments, exc: Exception,
           made_in: Mapping[str, str] | None) -> Feedback | None:
    """The Feedback that names the notebook data behind a crash, or None when the answer is the likelier cause."""
    params = inspect.signature(check).parameters
    names = list(params)
    if len(names) < 2:
        return None
    answer_name, data = names[0], [n for n in names[1:] if n in bound.arguments]
    suspects = [n for n in data if _looks_broken(bound.arguments[n], params[n].default)]
    if not suspects and _looks_broken(bound.arguments.get(answer_name)):
        return None
    what = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:160]}" if str(exc).strip() else type(exc).__name__
    if suspects:
        listed = "; ".join(f"`{n}` is {_came(bound.arguments[n])}, made in {_where(n, made_in)}"
                           for n in suspects)
        return Feedback(False, f"The check could not use the notebook's data ({what}): {listed}. This is not about "
                               "your answer: run the cell that makes it again, then this one.")
    listed = ", ".join(f"`{n}`" for n in data)
    cells = sorted({_where(n, made_in) for n in data})
    return Feedback(False, f"The check could not use the notebook's data ({what}): one of {listed} is not what "
                           f"the notebook made (changed, or left from another run). This is not about your answer: "
                           f"run {' and '.join(cells)} again, then this one.")


def _detached(value: Any) -> Any:
    """A tensor that requires grad, detached, so that the check's numpy code can read it."""
    if _is_tensor(value) and value.requires_grad:
        return value.detach()
    return value


def guarded(check: Callable[..., Feedback] | None = None, *,
            made_in: Mapping[str, str] | None = None) -> Callable[..., Feedback]:
    """Decorate a ``check_*`` so that it returns a Feedback instead of ever raising.

    A check should validate its own arguments and say what is wrong; this is the safety net for
    what it missed. ``made_in`` maps the names of the notebook's data to the cell that makes them,
    for the message when that data is broken (``@guarded(made_in={"counts": "section 4's first cell"})``).

    >>> @guarded
    ... def check_half(answer):
    ...     return feedback(answer["value"] == 0.5, "Right.", "Halve it.")
    >>> check_half(3)
    Not yet. The check could not look at this answer (TypeError: 'int' object is not subscriptable). Check what your answer is: 3.
    >>> @guarded(made_in={"counts": "section 4 (`build_vocab`)"})
    ... def check_total(answer, counts, scale: int = 1):
    ...     return feedback(answer == sum(counts) * scale, "Right.", "Add them up.")
    >>> check_total(6, None)
    Not yet. The check could not use the notebook's data (TypeError: 'NoneType' object is not iterable): `counts` is None, made in section 4 (`build_vocab`). This is not about your answer: run the cell that makes it again, then this one.
    >>> check_total(6, [1, 2, 3], scale=1.5)
    Not yet. The check needs `scale` as a whole number, got 1.5. It is not your answer: it comes from a cell above this one. Put it back as the notebook has it (or leave it out of the call) and run the cell again.
    """
    if check is None:
        return functools.partial(guarded, made_in=made_in)  # type: ignore[return-value]
    signature = inspect.signature(check)
    settings = {n: k for i, (n, p) in enumerate(signature.parameters.items()) if i and (k := _kind(p))}

    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        bound = None
        try:
            bound = signature.bind(*args, **kwargs)
            for name in list(bound.arguments)[1:]:
                bound.arguments[name] = _detached(bound.arguments[name])
                if name in settings:
                    got = _setting(bound.arguments[name], name, settings[name], made_in)
                    if isinstance(got, Feedback):
                        return got
                    bound.arguments[name] = got
            args, kwargs = bound.args, bound.kwargs
        except TypeError:
            bound = None  # a call that does not fit the signature: let the check's own call raise it below
        try:
            result = check(*args, **kwargs)
        except Exception as exc:
            try:
                blamed = _blame(check, bound, exc, made_in) if bound is not None else None
            except Exception:  # the message is a courtesy: never let it raise
                blamed = None
            if blamed is not None:
                return blamed
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            came = f" Check what your answer is: {describe(args[0])}." if args else ""
            return Feedback(False, f"The check could not look at this answer ({type(exc).__name__}"
                                   + (f": {text[:200]}" if text else "") + f").{came}")
        if not isinstance(result, Feedback):
            try:
                verdict = _verdict(result)
            except TypeError:  # 'no' is truthy, and no verdict at all: never "Correct" for it
                return Feedback(False, f"The check gave no verdict ({describe(result)}), so this answer is not "
                                       "counted as correct yet; please report it to the course.")
            return Feedback(verdict, "Correct." if verdict else "Not yet.")
        return result

    wrapper.__wrapped_check__ = True  # type: ignore[attr-defined]
    return wrapper
