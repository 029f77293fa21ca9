"""Guided lessons: a scenario plus pages of text, predict-then-run questions and actions.

A lesson file is a scenario TOML file (every scenario table, ``[[runs]]`` included; see
:mod:`gdstudio.core.scenario`) with a one-line ``summary`` and ``[[pages]]``. The full
format, with a complete example, is in ``docs/lessons.md``. In short::

    title = { en = "The slope at a point", zh_TW = "某一點的斜率" }
    summary = { en = "…", zh_TW = "…" }
    [problem]                       # ... the scenario, as in any scenario file
    kind = "surface"
    surface = "parabola"

    [[pages]]
    title = { en = "…", zh_TW = "…" }
    text = { en = "**Bold**, *italics*, maths in Unicode: θ ← θ − η·∇L", zh_TW = "…" }
    do = { en = "Run 2 steps", zh_TW = "執行 2 步" }
    action = { run_steps = 2 }      # or { set = { learning_rate = 0.19 } }, or both
    show = ["learning_rate", "run_controls"]
    [pages.question]                # asked BEFORE the student runs the action
    kind = "number"                 # or "choice" (with choices = [...] and answer = index)
    text = { en = "What will x be after 2 steps?", zh_TW = "…" }
    answer = 0.5
    tolerance = 0.01
    why = { en = "Each step halves x: 2 → 1 → 0.5.", zh_TW = "…" }

Every text field is a plain string (English) or a table of languages (``en`` is
required; ``zh_TW`` is Traditional Chinese as used in Taiwan). :meth:`Lesson.text_for`
falls back to English for a language a field does not have.

Errors: :class:`LessonError` (a :class:`~gdstudio.core.scenario.ScenarioError`) names
the key and the line of the file it is on (a TOML syntax error: the line and column
tomllib reports). Loading reads the file and changes nothing.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from gdstudio.core.atomic import write_text
from gdstudio.core.optimizers import OPTIMIZER_NAMES, optimizer_defaults
from gdstudio.core.scenario import (
    LIMITS,
    Scenario,
    ScenarioError,
    _defuse,
    _resolve_dataset,
)
from gdstudio.paths import get_resource_path

__all__ = ["Lesson", "LessonInfo", "Page", "Question", "Action", "LessonError",
           "CONTROL_GROUPS", "LANGUAGES", "SETTABLE", "SCHEDULE_PARAMS", "localized",
           "list_lessons", "load_lesson", "parse_lesson", "save_lesson", "render_markup",
           "lesson_to_toml", "line_of_key"]

#: the languages a text field may have: English (required) and Traditional Chinese (Taiwan)
LANGUAGES = ("en", "zh_TW")

#: The control groups a page's ``show`` may list (a page without ``show`` shows them all).
CONTROL_GROUPS: dict[str, str] = {
    "problem": "the problem chooser: surface or dataset, and the problem's own settings "
               "(condition number, features, target, synthetic-set size and noise)",
    "model": "the model and its settings (degree, hidden layers, activation, intercept)",
    "loss": "the loss function (MSE, MAE, Huber and δ, log-loss, hinge)",
    "data": "data preparation: standardising the features and the test split",
    "learning_rate": "the learning rate η",
    "optimizer": "the optimizer and its hyperparameters (momentum, β₁, β₂, ε, ρ, weight decay)",
    "batch_size": "the batch size (full batch, SGD, mini-batch)",
    "schedule": "the learning-rate schedule and its parameters",
    "init": "the start point θ₀ (typed, dragged or randomised) and the seed",
    "stopping": "the stopping criteria (steps, epochs, loss and gradient tolerances)",
    "runs": "adding, removing and focusing comparison runs",
    "run_controls": "play/pause, step, step back, reset and run to the stopping criterion",
    "sweep": "the learning-rate sweep (loss after N steps against η)",
}

#: the schedules' parameters (an action's ``set`` puts them into ``schedule_params``)
SCHEDULE_PARAMS = ("step_size", "gamma", "decay_rate", "decay_steps", "t_max", "eta_min",
                   "warmup_steps", "start_factor")

#: keys an action's ``set`` may change: Scenario fields and optimizer hyperparameters
SETTABLE: tuple[str, ...] = (
    "learning_rate", "optimizer", "batch_size", "schedule", "init", "seed", "standardize",
    "loss", "model", "surface", "dataset", "condition", "huber_delta", "degree", "hidden",
    "activation", "max_steps", "max_epochs", "loss_tol", "grad_tol",
    *sorted({k for name in OPTIMIZER_NAMES for k in optimizer_defaults(name)}),
    *SCHEDULE_PARAMS,
)
_HYPER = frozenset(k for name in OPTIMIZER_NAMES for k in optimizer_defaults(name))

Text = dict[str, str]


class LessonError(ScenarioError):
    """A lesson file is invalid. ``key`` names the key; ``line`` (1-based) is where it
    is in the file, or None when it cannot be placed (e.g. a missing key)."""

    def __init__(self, key: str, message: str, line: int | None = None,
                 path: str | None = None) -> None:
        where = f"line {line}: " if line is not None else ""
        file = f"{path}: " if path else ""
        ScenarioError.__init__(self, key, message)
        self.args = (f"{file}{where}{_defuse(key)}: {_defuse(message)}",)
        self.line = line
        self.path = path


@dataclass(frozen=True)
class Question:
    """A question asked before the student runs a page's action.

    Attributes:
        kind: ``"choice"`` (``choices``, ``answer`` is the index of the right one) or
            ``"number"`` (``answer`` and ``tolerance``: right when |response − answer| ≤
            tolerance).
        text, why: per-language text (``why`` is shown after the answer).
    """

    kind: str
    text: Text
    answer: float
    choices: tuple[Text, ...] = ()
    tolerance: float = 0.0
    why: Text = field(default_factory=dict)

    def check(self, response: Any) -> bool:
        """True if ``response`` (a choice index, or a number) is right."""
        if self.kind == "choice":
            return isinstance(response, int) and not isinstance(response, bool) \
                and response == self.answer
        try:
            value = float(response)
        except (TypeError, ValueError):
            return False
        return math.isfinite(value) and abs(value - self.answer) <= self.tolerance

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": _text_out(self.text)}
        if self.kind == "choice":
            out["choices"] = [_text_out(c) for c in self.choices]
            out["answer"] = int(self.answer)
        else:
            out["answer"] = self.answer
            out["tolerance"] = self.tolerance
        if self.why:
            out["why"] = _text_out(self.why)
        return out


@dataclass(frozen=True)
class Action:
    """What the student is asked to do on a page, machine-readable so a player can check it.

    Attributes:
        set: settings to change, ``{key: value}`` with keys from :data:`SETTABLE`
            (Scenario fields such as ``learning_rate`` or ``optimizer``, and optimizer
            hyperparameters such as ``momentum``); applied to the focus run.
        run_steps: run this many steps (after ``set``), or None.
        run_to_stop: run until the stopping criterion ends the run.
        reset: go back to θ₀ first.
    """

    set: dict[str, Any] = field(default_factory=dict)
    run_steps: int | None = None
    run_to_stop: bool = False
    reset: bool = False

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with ``set`` applied (hyperparameters into ``hyperparameters``).

        Raises:
            ScenarioError: the result is invalid (key named).
        """
        changes: dict[str, Any] = {}
        hyper = dict(scenario.hyperparameters)
        if "optimizer" in self.set and self.set["optimizer"] != scenario.optimizer:
            hyper = {}
        sched = dict(scenario.schedule_params)
        if "schedule" in self.set and self.set["schedule"] != scenario.schedule:
            sched = {}
        for key, value in self.set.items():
            if key in _HYPER:
                hyper[key] = float(value)
            elif key in SCHEDULE_PARAMS:
                sched[key] = float(value)
            elif key == "max_steps" and value == "none":
                changes[key] = None
            elif key == "batch_size" and value == "full":
                changes[key] = None
            else:
                changes[key] = value
        return scenario.replace(hyperparameters=hyper, schedule_params=sched, **changes)

    def is_done(self, scenario: Scenario, steps_run: int = 0) -> bool:
        """True when ``scenario`` has every ``set`` value and ``steps_run`` (steps run since
        the page opened) reaches ``run_steps``. (``run_to_stop`` is for the player to
        check against the run's status.)"""
        for key, value in self.set.items():
            have = scenario.hyperparameters.get(key) if key in _HYPER else \
                scenario.schedule_params.get(key) if key in SCHEDULE_PARAMS else \
                getattr(scenario, key, None)
            if key == "batch_size" and value == "full":
                value = None
            if isinstance(value, float) or isinstance(have, float):
                if have is None or value is None or \
                        not math.isclose(float(have), float(value), rel_tol=1e-9):
                    return False
            elif have != value and not (isinstance(have, list | tuple) and
                                        list(have) == list(value)):
                return False
        return self.run_steps is None or steps_run >= self.run_steps

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.reset:
            out["reset"] = True
        if self.set:
            out["set"] = dict(self.set)
        if self.run_steps is not None:
            out["run_steps"] = self.run_steps
        if self.run_to_stop:
            out["run_to_stop"] = True
        return out


@dataclass(frozen=True)
class Page:
    """One page of a lesson.

    Attributes:
        title, text, do: per-language text (``{"en": …, "zh_TW": …}``); ``text`` uses the
            markup of :func:`render_markup`; ``do`` says what to set or run.
        action: the same instruction, machine-readable (None: nothing to do).
        question: asked before the student runs the action (None: no question).
        show: the control groups visible on this page (names from
            :data:`CONTROL_GROUPS`), or None for all of them.
    """

    title: Text
    text: Text
    do: Text = field(default_factory=dict)
    action: Action | None = None
    question: Question | None = None
    show: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": _text_out(self.title), "text": _text_out(self.text)}
        if self.do:
            out["do"] = _text_out(self.do)
        if self.action is not None:
            out["action"] = self.action.to_dict()
        if self.show is not None:
            out["show"] = list(self.show)
        if self.question is not None:
            out["question"] = self.question.to_dict()
        return out


@dataclass(frozen=True)
class Lesson:
    """A parsed lesson: its scenario (with every run) and its pages.

    Attributes:
        name: the file's stem (``"02_the_slope_at_a_point"``), or "" for text.
        title, summary: per-language text (``summary`` is one line).
        scenario: the :class:`~gdstudio.core.scenario.Scenario` (its ``title`` is the
            English title).
        pages: the pages in order (may be empty: a plain scenario file is a lesson with
            no pages).
        path: the file it was read from, or None.
    """

    name: str
    title: Text
    summary: Text
    scenario: Scenario
    pages: tuple[Page, ...]
    path: Path | None = None

    def text_for(self, page: Page | int, lang: str = "en", field: str = "text") -> str:
        """A page's ``field`` ("title", "text", "do") in ``lang``, else in English.

        ``page`` is a :class:`Page` or its index. Question texts: use
        :func:`localized` on ``page.question.text`` / ``.why`` / a choice.
        """
        p = self.pages[page] if isinstance(page, int) else page
        return localized(getattr(p, field), lang)

    def title_for(self, lang: str = "en") -> str:
        return localized(self.title, lang)

    def summary_for(self, lang: str = "en") -> str:
        return localized(self.summary, lang)


@dataclass(frozen=True)
class LessonInfo:
    """A bundled lesson in :func:`list_lessons`: its name, title and one-line summary."""

    name: str
    title: Text
    summary: Text
    path: Path

    def title_for(self, lang: str = "en") -> str:
        return localized(self.title, lang)

    def summary_for(self, lang: str = "en") -> str:
        return localized(self.summary, lang)


def localized(text: Text, lang: str = "en") -> str:
    """``text[lang]``, falling back to English (then to "")."""
    return text.get(lang) or text.get("en", "")


# -- markup -------------------------------------------------------------------------
_MARKUP = re.compile(r"\\([\\*])|\*\*|\*")


def render_markup(text: str) -> str:
    """Lesson markup → HTML for a rich-text label: ``**bold**`` → <b>, ``*italics*`` → <i>,
    ``\\*`` a literal asterisk, a blank line a new paragraph; everything else is
    escaped (maths is plain Unicode: θ ← θ − η·∇L). Raises ValueError for an unclosed
    ``**`` or ``*``."""
    out: list[str] = []
    bold = italic = False
    pos = 0
    for m in _MARKUP.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        pos = m.end()
        if m.group(1):
            out.append(html.escape(m.group(1)))
        elif m.group(0) == "**":
            out.append("</b>" if bold else "<b>")
            bold = not bold
        else:
            out.append("</i>" if italic else "<i>")
            italic = not italic
    out.append(html.escape(text[pos:]))
    if bold or italic:
        raise ValueError("an unclosed " + ("**" if bold else "*") +
                         " (write \\* for a literal asterisk)")
    paragraphs = "".join(out).split("\n\n")
    return "".join(f"<p>{p.strip()}</p>" for p in paragraphs if p.strip()).replace("\n", " ")


# -- parsing ------------------------------------------------------------------------
def _text(value: Any, key: str, *, required: bool = True) -> Text:
    if value is None and not required:
        return {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not value:
        raise ScenarioError(key, "must be text, or a table of languages such as "
                            '{ en = "…", zh_TW = "…" }')
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise ScenarioError(f"{key}.{lang}", f"unknown language; the languages are: "
                                f"{', '.join(LANGUAGES)}")
        if not isinstance(text, str):
            raise ScenarioError(f"{key}.{lang}", f"must be text, got {text!r}")
        try:
            render_markup(text)
        except ValueError as exc:
            raise ScenarioError(f"{key}.{lang}", str(exc)) from None
    if "en" not in value:
        raise ScenarioError(key, "needs an English version (en = \"…\")")
    return dict(value)


def _text_out(text: Text) -> Any:
    return text["en"] if set(text) == {"en"} else dict(text)


def _check_table(value: Any, key: str, what: str, allowed: set[str]) -> None:
    """``value`` is a TOML table with only ``allowed`` keys.

    Raises:
        ScenarioError: at ``key`` ("must be a table …", ``what``) or at the first unknown
            key, with the valid keys.
    """
    if not isinstance(value, dict):
        raise ScenarioError(key, what)
    for k in value:
        if k not in allowed:
            raise ScenarioError(f"{key}.{k}", f"unknown key; valid keys: "
                                f"{', '.join(sorted(allowed))}")


def _question(value: Any, key: str) -> Question:
    _check_table(value, key, "must be a table ([pages.question])",
                 {"kind", "text", "choices", "answer", "tolerance", "why"})
    kind = value.get("kind")
    if kind not in ("choice", "number"):
        raise ScenarioError(f"{key}.kind", f'must be "choice" or "number", got {kind!r}')
    text = _text(value.get("text"), f"{key}.text")
    why = _text(value.get("why"), f"{key}.why", required=False)
    answer = value.get("answer")
    if kind == "choice":
        choices = value.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            raise ScenarioError(f"{key}.choices", "must be a list of at least two choices")
        parsed = tuple(_text(c, f"{key}.choices[{i}]") for i, c in enumerate(choices))
        if isinstance(answer, bool) or not isinstance(answer, int) or \
                not 0 <= answer < len(parsed):
            raise ScenarioError(f"{key}.answer", f"must be the index of the right choice, "
                                f"0 to {len(parsed) - 1}, got {answer!r}")
        if "tolerance" in value:
            raise ScenarioError(f"{key}.tolerance", "is for number questions only")
        return Question("choice", text, answer, choices=parsed, why=why)
    if "choices" in value:
        raise ScenarioError(f"{key}.choices", "is for choice questions only")
    if isinstance(answer, bool) or not isinstance(answer, int | float) or \
            not math.isfinite(answer):
        raise ScenarioError(f"{key}.answer", f"must be a finite number, got {answer!r}")
    tol = value.get("tolerance", 0.0)
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not \
            (math.isfinite(tol) and tol >= 0):
        raise ScenarioError(f"{key}.tolerance", f"must be a number ≥ 0, got {tol!r}")
    return Question("number", text, float(answer), tolerance=float(tol), why=why)


def _action(value: Any, key: str, scenario: Scenario) -> Action:
    _check_table(value, key, "must be a table, e.g. { run_steps = 50 }",
                 {"set", "run_steps", "run_to_stop", "reset"})
    settings = value.get("set", {})
    if not isinstance(settings, dict):
        raise ScenarioError(f"{key}.set", "must be a table, e.g. { learning_rate = 0.19 }")
    for k in settings:
        if k not in SETTABLE:
            raise ScenarioError(f"{key}.set.{k}", f"cannot be set by a lesson; the keys "
                                f"are: {', '.join(SETTABLE)}")
    steps = value.get("run_steps")
    if steps is not None and (isinstance(steps, bool) or not isinstance(steps, int) or
                              not 1 <= steps <= LIMITS["max_steps"]):
        raise ScenarioError(f"{key}.run_steps", f"must be a whole number from 1 to "
                            f"{LIMITS['max_steps']:,}, got {steps!r}")
    for flag in ("run_to_stop", "reset"):
        if not isinstance(value.get(flag, False), bool):
            raise ScenarioError(f"{key}.{flag}", "must be true or false")
    action = Action(set=dict(settings), run_steps=steps,
                    run_to_stop=value.get("run_to_stop", False), reset=value.get("reset", False))
    if settings:
        try:
            action.apply(scenario)
        except ScenarioError as exc:
            raise ScenarioError(f"{key}.set.{exc.key.split('.')[-1]}",
                                str(exc).split(": ", 1)[-1]) from None
        except (TypeError, ValueError) as exc:
            raise ScenarioError(f"{key}.set", str(exc)) from None
    return action


def _page(value: Any, key: str, scenario: Scenario) -> Page:
    _check_table(value, key, "must be a table ([[pages]])",
                 {"title", "text", "do", "action", "question", "show"})
    show = value.get("show")
    if show is not None:
        if not isinstance(show, list) or not all(isinstance(s, str) for s in show):
            raise ScenarioError(f"{key}.show", "must be a list of control group names")
        for name in show:
            if name not in CONTROL_GROUPS:
                raise ScenarioError(f"{key}.show", f"unknown control group {name!r}; the "
                                    f"groups are: {', '.join(CONTROL_GROUPS)}")
        show = tuple(show)
    return Page(
        title=_text(value.get("title"), f"{key}.title"),
        text=_text(value.get("text"), f"{key}.text"),
        do=_text(value.get("do"), f"{key}.do", required=False),
        action=None if value.get("action") is None else
        _action(value["action"], f"{key}.action", scenario),
        question=None if value.get("question") is None else
        _question(value["question"], f"{key}.question"),
        show=show,
    )


def parse_lesson(text: str, *, name: str = "", path: str | Path | None = None,
                 folder: Path | None = None) -> Lesson:
    """Parse a lesson from TOML text.

    Raises:
        LessonError: a syntax error (line and column), or an invalid key (its name and
            line); nothing is changed.
    """
    where = str(path) if path is not None else None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
        raise LessonError("toml", f"not valid TOML: {exc}", line, where) from None
    except RecursionError:
        raise LessonError("toml", "the tables or arrays are nested too deeply",
                          None, where) from None
    try:
        scenario = Scenario.from_dict(data)
        if folder is not None:
            scenario = _resolve_dataset(scenario, folder)
        title = _text(data.get("title", ""), "title")
        summary = _text(data.get("summary"), "summary", required=False)
        pages_data = data.get("pages", [])
        if not isinstance(pages_data, list):
            raise ScenarioError("pages", "must be an array of tables, e.g. [[pages]]")
        pages = tuple(_page(p, f"pages[{i}]", scenario) for i, p in enumerate(pages_data))
    except LessonError:
        raise
    except ScenarioError as exc:
        message = str(exc).split(": ", 1)[-1]
        raise LessonError(exc.key, message, line_of_key(text, exc.key), where) from None
    return Lesson(name=name, title=title, summary=summary or {"en": scenario.description
                                                               .split("\n")[0]},
                  scenario=scenario, pages=pages,
                  path=Path(path) if path is not None else None)


def line_of_key(text: str, key: str) -> int | None:
    """The 1-based line of ``key`` (``"pages[2].question.answer"``, ``"optimizer.beta1"``,
    ``"runs[0].learning_rate"``) in TOML ``text``: best effort, the line of the deepest
    part of the key that is found, or None."""
    lines = text.splitlines()
    parts = [p for p in re.split(r"\.(?![^\[]*\])", key) if p]
    start, found = 0, None
    for part in parts:
        m = re.fullmatch(r"([A-Za-z_]\w*)\[(\d+)\]", part)
        name, index = (m.group(1), int(m.group(2))) if m else (part, None)
        if index is not None:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(name) + r"\s*\]\]")
            hits = [i for i in range(start, len(lines)) if header.match(lines[i])]
            if index < len(hits):
                start = found = hits[index]
                continue
            return None if found is None else found + 1
        pattern = re.compile(r"^\s*(\[\[?\s*)?([\w.\"]*\.)?\"?" + re.escape(name) +
                             r"\"?\s*(\]|=|\.)|[{,]\s*" + re.escape(name) + r"\s*=")
        for i in range(start, len(lines)):
            if pattern.search(lines[i]):
                start = found = i
                break
    return None if found is None else found + 1


def _read(path: Path) -> str:
    limit = LIMITS["scenario_bytes"]
    try:
        if not path.is_file():
            raise LessonError("file", f"cannot read {path}: it is not a regular file")
        if path.stat().st_size > limit:
            raise LessonError("file", f"{path} is larger than {limit / 1e6:g} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise LessonError("file", f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LessonError("file", f"{path} is not UTF-8 text (byte {exc.start + 1} cannot "
                          "be decoded); save it as UTF-8") from None


def _bundled() -> list[Path]:
    return sorted(get_resource_path("lessons").glob("*.toml"))


def list_lessons() -> list[LessonInfo]:
    """The bundled lessons in file-name order (the numbered lessons first), each with its
    title and one-line summary. A lesson that does not parse is left out."""
    out = []
    for path in _bundled():
        try:
            lesson = parse_lesson(_read(path), name=path.stem, path=path, folder=path.parent)
        except ScenarioError:  # pragma: no cover - the bundled lessons are tested
            continue
        out.append(LessonInfo(path.stem, lesson.title, lesson.summary, path))
    return out


def load_lesson(name_or_path: str | Path) -> Lesson:
    """A bundled lesson by name (``"02_the_slope_at_a_point"``) or a lesson file by path.

    Raises:
        LessonError: the file cannot be read, or is invalid (key and line named).
    """
    path = Path(name_or_path)
    if not path.exists():
        candidate = get_resource_path("lessons", f"{name_or_path}.toml")
        if not candidate.is_file():
            names = ", ".join(p.stem for p in _bundled())
            raise LessonError("file", f"{name_or_path} does not exist; give a lesson file or "
                              f"a bundled lesson: {names}")
        path = candidate
    return parse_lesson(_read(path), name=path.stem, path=path, folder=path.parent)


def lesson_to_toml(scenario: Scenario, pages: tuple[Page, ...] | list[Page] = (),
                   *, title: Text | None = None, summary: Text | None = None) -> str:
    """The TOML text of a lesson: the scenario (all its runs) and its pages."""
    data = scenario.to_dict()
    if title is not None:
        data["title"] = _text_out(title)
    data["summary"] = _text_out(summary) if summary else \
        (scenario.description.split("\n")[0] or scenario.title)
    if pages:
        data["pages"] = [p.to_dict() for p in pages]
    head = {k: v for k, v in data.items() if not isinstance(v, dict | list)}
    rest = {k: v for k, v in data.items() if isinstance(v, dict | list)}
    return tomli_w.dumps({**head, **rest})


def save_lesson(scenario: Scenario, path: str | Path, pages: tuple[Page, ...] | list[Page] = (),
                *, title: Text | None = None, summary: Text | None = None) -> None:
    """"Save as lesson": write ``scenario`` (the current set-up with all its runs) and
    ``pages`` as a lesson file a teacher can add pages to.

    Written atomically (a temporary file in the same folder, then ``os.replace``), so an
    existing file is never left half-written.

    Raises:
        OSError: the file cannot be written (the target is left as it was).
    """
    write_text(path, lesson_to_toml(scenario, pages, title=title, summary=summary))


def with_pages(lesson: Lesson, pages: list[Page]) -> Lesson:
    """A copy of ``lesson`` with other pages (for an editor)."""
    return dataclasses.replace(lesson, pages=tuple(pages))
