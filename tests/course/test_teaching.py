"""TEACHING.md, the lecturer's guide, has a full section for every notebook in notebooks/."""
from __future__ import annotations

import re

import pytest

from support import ROOT

GUIDE = ROOT / "TEACHING.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
PARTS = ("### Learning outcomes", "### Run time", "### 50-minute lecture plan", "### Misconceptions",
         "### Answers", "#### Think first", "#### Exercises and open questions", "### Suggested assignment")
DRAFT = "(draft: re-read when the notebook lands)"


def sections() -> dict[str, str]:
    """{'00': text of the section '## 00 · ...'} up to the next '## ' heading."""
    text = GUIDE.read_text()
    found = {}
    for m in re.finditer(r"^## (\d\d) · .*?(?=^## |\Z)", text, re.S | re.M):
        found[m.group(1)] = m.group(0)
    return found


def test_guide_has_the_module_and_workshop_plans_and_the_kit():
    text = GUIDE.read_text()
    for heading in ("## The lecturer's kit", "## A 5-week module", "## A one-day workshop"):
        assert heading in text
    for command in ("make student", "make instructor", "make slides", "Presentation Mode"):
        assert command in text, f"TEACHING.md does not mention {command}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_has_a_full_section(path):
    number = path.stem[:2]
    section = sections().get(number)
    assert section, f"TEACHING.md has no section '## {number} · ...' for {path.name}"
    assert f"notebooks/{path.name}" in section, f"the section of {number} does not link {path.name}"
    for part in PARTS:
        assert part in section, f"the section of {path.name} lacks '{part}'"
    assert DRAFT not in section, (f"{path.name} exists now: re-read it, write its section of TEACHING.md from it "
                                  f"and remove the '{DRAFT}' mark")
    plan = section.split("### 50-minute lecture plan")[1].split("###")[0]
    assert plan.count("\n| ") >= 5, f"the lecture plan of {path.name} is not a timed table"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_think_first_question_has_its_answer_in_the_guide(path):
    source = (ROOT / "notebooks" / "src" / f"{path.stem}.py").read_text()
    questions = source.count("**Think first.**")
    block = sections()[path.stem[:2]].split("#### Think first")[1].split("####")[0]
    answers = len(re.findall(r"^\d+\. ", block, re.M))
    assert answers >= questions, (f"{path.name} asks {questions} 'Think first' questions, TEACHING.md answers "
                                  f"{answers}: add the new ones")
