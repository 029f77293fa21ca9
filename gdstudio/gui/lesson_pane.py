"""The lesson player: a lesson's pages with Back/Next, a question asked before the run, and
its reveal.

A lesson (:mod:`gdstudio.core.lessons`) is a scenario plus pages. The pane shows one page
at a time: its text, what to do ("run 50 steps", "set η to 0.19"), and — before the
student runs it — a question (multiple choice or a number) whose answer and "why" are
revealed after Check. Next waits until the page's action was done (the window reports
the steps run and the settings); "Do it" does it for the student. The window otherwise
stays fully usable; a page may hide the controls a beginner does not need yet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.lessons import Action, Lesson, Page, localized, render_markup
from gdstudio.core.scenario import Scenario
from gdstudio.gui.i18n import current_language, translate, watch_language
from gdstudio.gui.plot_style import STYLE_SHEETS
from gdstudio.gui.widgets import chain_tab_order, focus_order, plain

__all__ = ["LessonPane"]


class LessonPane(QWidget):
    """One lesson page at a time (see the module docstring).

    Signals:
        pageChanged(object): the :class:`~gdstudio.core.lessons.Page` now shown.
        actionRequested(object): "Do it" was pressed: the window applies the
            :class:`~gdstudio.core.lessons.Action`.
    """

    pageChanged = Signal(object)
    actionRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson: Lesson | None = None
        self.index = 0
        #: the language of the lesson's texts (None: the window's, as it changes)
        self.fixed_lang: str | None = None
        self.answered = False
        self.done = False
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.counter = QLabel()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.todo = QLabel()
        self.todo.setWordWrap(True)
        self.todo.setTextFormat(Qt.TextFormat.RichText)
        self.todo.setStyleSheet(STYLE_SHEETS["lesson"])
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.choices = QWidget()
        self.choices_layout = QVBoxLayout(self.choices)
        self.choices_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.number = QLineEdit()
        self.number.returnPressed.connect(self.check)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.reveal = QLabel()
        self.reveal.setWordWrap(True)
        self.reveal.setTextFormat(Qt.TextFormat.RichText)
        self.do_button = QPushButton()
        self.do_button.clicked.connect(self._do)
        self.back = QPushButton()
        self.next = QPushButton()
        self.back.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next.clicked.connect(lambda: self.show_page(self.index + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addWidget(self.counter, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next)
        answer = QHBoxLayout()
        answer.addWidget(self.number, 1)
        answer.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.question)
        layout.addWidget(self.choices)
        layout.addLayout(answer)
        layout.addWidget(self.reveal)
        layout.addWidget(self.todo)
        layout.addWidget(self.do_button)
        layout.addLayout(nav)
        self._reveal: tuple[bool, str, str] | None = None
        self.set_lesson(None)
        self.retranslate()
        watch_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Set the texts in the window's language, and show the page again in it (the
        lesson's own texts in that language; an answer given stays revealed)."""
        self.number.setPlaceholderText(translate("LessonPane", "your answer (a number)"))
        self.check_button.setText(translate("LessonPane", "Check"))
        self.check_button.setToolTip(translate(
            "LessonPane", "Check your prediction, then run the step to see it."))
        self.do_button.setText(translate("LessonPane", "Do it"))
        self.do_button.setToolTip(translate("LessonPane", "Set and run what the page asks for."))
        self.back.setText(translate("LessonPane", "◀ Back"))
        self.next.setText(translate("LessonPane", "Next ▶"))
        self.text.setAccessibleName(translate("LessonPane", "Lesson text"))
        self.number.setAccessibleName(translate("LessonPane", "Your answer (a number)"))
        self.back.setAccessibleName(translate("LessonPane", "Previous page"))
        self.next.setAccessibleName(translate("LessonPane", "Next page"))
        for button in (self.check_button, self.do_button):
            button.setAccessibleDescription(button.toolTip())
        self._show_texts()
        self._update_next()

    @property
    def lang(self) -> str:
        """The language the lesson's texts are shown in."""
        return self.fixed_lang or current_language()

    # -- lesson and pages --------------------------------------------------------------
    @property
    def page(self) -> Page | None:
        if self.lesson is None or not self.lesson.pages:
            return None
        return self.lesson.pages[self.index]

    def set_lesson(self, lesson: Lesson | None, lang: str | None = None) -> None:
        """Show ``lesson`` from its first page (None: no lesson), in ``lang`` (None: the
        window's language, following it when it changes)."""
        self.lesson, self.fixed_lang, self.index = lesson, lang, 0
        self.show_page(0)

    def show_page(self, index: int) -> None:
        """Show page ``index`` (clamped); its question is unanswered, its action undone."""
        lesson = self.lesson
        if lesson is None or not lesson.pages:
            self._reveal = None
            self._show_texts()
            for w in (self.text, self.question, self.choices, self.number, self.check_button,
                      self.reveal, self.todo, self.do_button, self.back, self.next):
                w.setVisible(False)
            return
        self.index = max(0, min(index, len(lesson.pages) - 1))
        page = lesson.pages[self.index]
        q = page.question
        self.answered = q is None
        self.question.setVisible(q is not None)
        self._reveal = None
        self.reveal.setText("")
        self.reveal.setVisible(False)
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            self.choices_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        if q is not None:
            for i, _choice in enumerate(q.choices):
                radio = QRadioButton()
                radio.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves Space to Play
                self.choice_group.addButton(radio, i)
                self.choices_layout.addWidget(radio)
        # new answer choices go where they are shown, before Check, Back and Next
        chain_tab_order(focus_order(self))
        self.choices.setVisible(q is not None and q.kind == "choice")
        self.number.setVisible(q is not None and q.kind == "number")
        self.number.clear()
        self.check_button.setVisible(q is not None)
        self._show_texts()
        self.text.setVisible(True)
        self.do_button.setVisible(page.action is not None)
        self.done = page.action is None
        self.back.setVisible(True)
        self.next.setVisible(True)
        self.back.setEnabled(self.index > 0)
        self._update_next()
        self.pageChanged.emit(page)

    def _show_texts(self) -> None:
        """The page's texts (the lesson's own in :attr:`lang`, the pane's translated) —
        again on a language change, the page's state (answer, progress) kept."""
        lesson, lang = self.lesson, self.lang
        if lesson is None or not lesson.pages:
            self.title.setText("<i>" + translate(
                "LessonPane", "No lesson open: choose one in the Lessons menu.") + "</i>")
            self.counter.setText("")
            return
        page = lesson.pages[self.index]
        self.title.setText(f"<b>{plain(lesson.title_for(lang))}</b><br>"
                           f"{plain(lesson.text_for(page, lang, 'title'))}")
        self.text.setHtml(render_markup(lesson.text_for(page, lang)))
        self.counter.setText(translate("LessonPane", "page {page} of {pages}").format(
            page=self.index + 1, pages=len(lesson.pages)))
        q = page.question
        if q is not None:
            self.question.setText("<b>" + translate("LessonPane", "Predict first:") + "</b> "
                                  + plain(localized(q.text, lang)))
            for i, choice in enumerate(q.choices):
                radio = self.choice_group.button(i)
                if radio is not None:
                    radio.setText(localized(choice, lang))
        todo = lesson.text_for(page, lang, "do")
        self.todo.setText("<b>" + translate("LessonPane", "Do:") + f"</b> {plain(todo)}")
        self.todo.setVisible(bool(todo))
        if self._reveal is not None:
            self._show_reveal(*self._reveal)

    def _show_reveal(self, right: bool, answer: str, why: str) -> None:
        """The verdict, the right answer (``answer``: a number's text, or the index of
        the right choice) and why, in :attr:`lang`."""
        page = self.page
        q = page.question if page is not None else None
        if q is not None and q.kind == "choice":
            answer = localized(q.choices[int(q.answer)], self.lang)
        if q is not None:
            why = localized(q.why, self.lang)
        verdict = translate("LessonPane", "Right!") if right else \
            translate("LessonPane", "Not quite.")
        self.reveal.setText(f"<b>{verdict}</b> " + translate(
            "LessonPane", "The answer is <b>{answer}</b>.").format(answer=plain(answer))
            + (f" {plain(why)}" if why else ""))

    # -- question ----------------------------------------------------------------------
    def check(self) -> bool | None:
        """Check the answer given; reveal the right one and why. None: nothing given."""
        page = self.page
        if page is None or page.question is None:
            return None
        q = page.question
        if q.kind == "choice":
            response: object = self.choice_group.checkedId()
            if response == -1:
                return None
        else:
            response = self.number.text().strip().replace("−", "-")
            if not response:
                return None
        right = q.check(response)
        answer = "" if q.kind == "choice" else f"{q.answer:g}"
        self._reveal = (bool(right), answer, "")
        self._show_reveal(*self._reveal)
        self.reveal.setVisible(True)
        self.answered = True
        self._update_next()
        return right

    # -- progress ----------------------------------------------------------------------
    def set_progress(self, scenario: Scenario, steps_run: int, stopped: bool) -> None:
        """The window reports the focus run's settings, the steps run since the page
        opened and whether the run stopped: Next opens once the action is done."""
        page = self.page
        if page is None or page.action is None or self.done:
            return
        action = page.action
        done = action.is_done(scenario, steps_run)
        if action.run_to_stop:
            done = done and stopped
        if done:
            self.done = True
            self._update_next()

    def _update_next(self) -> None:
        lesson = self.lesson
        last = lesson is None or self.index >= len(lesson.pages) - 1
        self.next.setEnabled(not last and self.done)
        self.next.setToolTip("" if self.done else translate(
            "LessonPane", "Do what the page asks first (or press Do it)."))

    def _do(self) -> None:
        page = self.page
        if page is not None and page.action is not None:
            self.actionRequested.emit(page.action)

    def action(self) -> Action | None:
        """The current page's action (None: none)."""
        page = self.page
        return None if page is None else page.action
