"""Present page in AppTest: every slide renders, the URL follows the slide, prompts reveal, notes toggle."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset, load_dataset_dir
from components.present import presenter
from components.present.deck import build_deck
from components.shared import session_keys as keys
from components.shared.session_keys import PRESENT_REVEALED, UPLOADED_DATASET
from components.shared.text import escape_markdown
from tests.pages.apptest import open_app_page

PAGE = "pages/present.py"
DECK = build_deck(load_dataset_dir())


def open_present(slide: str | None = None, dataset=None) -> AppTest:
    return open_app_page(
        PAGE,
        query={"slide": slide} if slide is not None else None,
        state={UPLOADED_DATASET: dataset} if dataset is not None else None,
    )


def heading(app: AppTest) -> str:
    return app.title[0].value


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def test_next_steps_through_every_slide_and_the_url_follows():
    app = open_present()
    seen = [heading(app)]
    for number in range(2, len(DECK) + 1):
        app.button(key=keys.PRESENT_NEXT).click().run()
        assert not app.exception, (number, [error.value for error in app.exception])
        seen.append(heading(app))
        assert app.query_params["slide"] == str(number)
        assert f"**Slide {number} of {len(DECK)}**" in markdown_text(app)
    assert seen == [slide.heading for slide in DECK]
    assert app.button(key=keys.PRESENT_NEXT).disabled
    assert any("Creative Commons" in caption.value for caption in app.caption)


def test_previous_steps_back_and_is_disabled_on_the_first_slide():
    app = open_present("3")
    app.button(key=keys.PRESENT_PREVIOUS).click().run()
    assert heading(app) == DECK[1].heading
    app.button(key=keys.PRESENT_PREVIOUS).click().run()
    assert heading(app) == DECK[0].heading
    assert app.button(key=keys.PRESENT_PREVIOUS).disabled


@pytest.mark.parametrize(
    ("value", "expected", "note"),
    [
        ("4", 3, None),
        ("999", len(DECK) - 1, "so it opens at"),
        ("0", 0, "so it opens at"),
        ("-2", 0, "so it opens at"),
        ("abc", 0, "not a number"),
    ],
)
def test_slide_in_the_link_opens_there_and_bad_numbers_clamp(value, expected, note):
    app = open_present(value)
    assert heading(app) == DECK[expected].heading
    assert app.query_params["slide"] == str(expected + 1)
    captions = " ".join(caption.value for caption in app.caption)
    if note:
        assert note in captions
    else:
        assert "The link asked" not in captions


def test_jump_menu_goes_straight_to_a_slide():
    app = open_present()
    target = next(index for index, slide in enumerate(DECK) if slide.kind == "cop")
    app.selectbox(key=keys.PRESENT_JUMP).set_value(target).run()
    assert heading(app) == DECK[target].heading
    assert app.query_params["slide"] == str(target + 1)


def test_prompt_shows_the_question_first_and_reveals_its_findings_on_a_press():
    index = next(index for index, slide in enumerate(DECK) if slide.kind == "prompt")
    prompt = DECK[index]
    assert prompt.reveal
    app = open_present(str(index + 1))
    assert escape_markdown(prompt.lead) in markdown_text(app)
    for point in prompt.reveal:
        assert escape_markdown(point.text) not in markdown_text(app)
    reveal = app.button(key=keys.PRESENT_REVEAL)
    assert reveal.label == "Show the related findings"
    reveal.click().run()
    assert index in app.session_state[PRESENT_REVEALED]
    assert app.button(key=keys.PRESENT_REVEAL).label == "Hide the related findings"
    for point in prompt.reveal:
        assert escape_markdown(point.text) in markdown_text(app)
    app.button(key=keys.PRESENT_REVEAL).click().run()
    assert index not in app.session_state[PRESENT_REVEALED]
    assert escape_markdown(prompt.reveal[0].text) not in markdown_text(app)


def test_speaker_notes_are_hidden_until_the_toggle_is_on():
    app = open_present("1")
    assert "Speaker notes." not in markdown_text(app)
    app.toggle(key=keys.PRESENT_NOTES).set_value(True).run()
    assert "**Speaker notes.**" in markdown_text(app)
    assert app.expander, "the sources' own words should be folded in an expander"


def test_the_slide_and_its_controls_keep_their_place_when_the_notes_open():
    """The notes go in a container that is always there: a control that moved would be a new element to the
    browser, drawn afresh, and the notes toggle would lose the keyboard's focus."""
    app = open_present("1")
    before = widget_paths(app)
    assert {keys.PRESENT_NEXT, keys.PRESENT_NOTES, keys.PRESENT_JUMP} <= before.keys()
    app.toggle(key=keys.PRESENT_NOTES).set_value(True).run()
    assert "**Speaker notes.**" in markdown_text(app)
    after = widget_paths(app)
    assert "present_notes_box" in after
    assert {key: after[key] for key in before} == before


def widget_paths(app: AppTest) -> dict[str, tuple[int, ...]]:
    """Each keyed widget's or container's place in the main area: the index of every block on the way down to it."""
    paths = {}

    def walk(node, path):
        key = getattr(node, "key", None)
        if isinstance(key, str) and key.startswith("present_"):
            paths[key] = path
        for index, child in (getattr(node, "children", None) or {}).items():
            walk(child, (*path, index))

    walk(app.main, ())
    return paths


def test_an_uploaded_dataset_without_study_or_prompts_steps_through_without_error():
    findings = (
        b"finding_id,group,category,theme,statement\n"
        b"A1,Nurses,purpose,Safety,Collaboration keeps patients safe.\n"
        b"A2,Doctors,purpose,Speed,<b>Faster</b> [decisions](javascript:alert(1)).\n"
        b"A3,All,barrier,Time,There is no time to meet.\n"
    )
    dataset = build_dataset({"findings.csv": findings}, name="Ward survey 🩺")
    app = open_present("7", dataset=dataset)
    slides = build_deck(dataset)
    assert heading(app) == slides[-1].heading
    for _ in range(len(slides) - 1):
        app.button(key=keys.PRESENT_PREVIOUS).click().run()
        assert not app.exception
    assert heading(app) == slides[0].heading
    assert app.button(key=keys.PRESENT_PREVIOUS).disabled
    assert "<b>" not in markdown_text(app)
    assert "\\[decisions\\]" in markdown_text(app)


def test_switching_to_a_smaller_dataset_mid_deck_stays_inside_the_new_deck():
    app = open_present(str(len(DECK)))
    dataset = build_dataset(
        {"findings.csv": b"finding_id,group,category,theme,statement\nA1,All,enabler,T,Meeting helps.\n"},
        name="Small upload",
    )
    app.session_state[UPLOADED_DATASET] = dataset
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    slides = build_deck(dataset)
    assert heading(app) == slides[-1].heading
    assert app.query_params["slide"] == str(len(slides))
    assert "this browser session only" in markdown_text(app)


# ---------------------------------------------------------------------------------------------
# Presenter and projector views (AppTest has no cookies, so the browser is given by the test)

OWNER = "f" * 64


@pytest.fixture
def this_browser(monkeypatch):
    monkeypatch.setattr(presenter, "current_browser_id", lambda: OWNER)
    return OWNER


def open_view(view: str, code: str) -> AppTest:
    return open_app_page(PAGE, query={"room": code, "view": view})


def test_presenter_view_needs_a_browser_cookie():
    app = open_present("2")
    assert app.button(key=keys.PRESENT_OPEN_ROOM).disabled


def test_presenter_view_opens_a_room_on_the_current_slide(this_browser):
    app = open_present("3")
    app.button(key=keys.PRESENT_OPEN_ROOM).click().run()
    assert not app.exception, [error.value for error in app.exception]
    assert app.query_params["view"] == "presenter"
    code = app.query_params["room"]
    room = presenter.room_store().get(code, OWNER)
    assert room.slide == 2
    assert app.subheader[0].value == DECK[2].heading
    text = markdown_text(app)
    assert "**Speaker notes.**" in text
    assert escape_markdown(DECK[3].heading) in text, "the next slide is previewed"
    app.button(key=keys.PRESENT_NEXT).click().run()
    assert presenter.room_store().get(code, OWNER).slide == 3
    assert app.subheader[0].value == DECK[3].heading


def test_projector_shows_the_room_slide_without_notes_or_controls(this_browser):
    prompt = next(index for index, slide in enumerate(DECK) if slide.kind == "prompt")
    room = presenter.room_store().open(OWNER, load_dataset_dir(), slide=prompt)
    app = open_view("projector", room.code)
    assert heading(app) == DECK[prompt].heading
    assert "Speaker notes" not in markdown_text(app)
    assert not app.button, "the projector has no buttons"
    assert not app.selectbox
    assert escape_markdown(DECK[prompt].reveal[0].text) not in markdown_text(app)
    presenter.room_store().set_revealed(room.code, OWNER, prompt, True)
    app.run()
    assert escape_markdown(DECK[prompt].reveal[0].text) in markdown_text(app)


def test_the_presenter_reveals_a_prompt_for_the_projector(this_browser):
    prompt = next(index for index, slide in enumerate(DECK) if slide.kind == "prompt")
    room = presenter.room_store().open(OWNER, load_dataset_dir(), slide=prompt)
    app = open_view("presenter", room.code)
    assert escape_markdown(DECK[prompt].reveal[0].text) in markdown_text(app), "the trainer sees the findings"
    app.button(key=keys.PRESENT_REVEAL).click().run()
    assert prompt in presenter.room_store().get(room.code, OWNER).revealed
    assert app.button(key=keys.PRESENT_REVEAL).label == "Hide the related findings on the projector"


def test_an_uploaded_study_in_a_room_is_not_shown_to_another_browser(monkeypatch):
    dataset = build_dataset(
        {"findings.csv": b"finding_id,group,category,theme,statement\nA1,All,enabler,T,Our private finding.\n"},
        name="Private upload",
    )
    room = presenter.room_store().open(OWNER, dataset)
    monkeypatch.setattr(presenter, "current_browser_id", lambda: "e" * 64)
    for view in ("projector", "presenter"):
        app = open_view(view, room.code)
        assert heading(app) == "This presentation is not open here"
        assert "Our private finding" not in markdown_text(app)
    monkeypatch.setattr(presenter, "current_browser_id", lambda: OWNER)
    app = open_view("projector", room.code)
    assert "Our private finding" in markdown_text(app)


@pytest.mark.parametrize("code", ["nosuchroom", "zzzzzzzz", "<script>"])
def test_an_unknown_or_bad_room_says_so_and_links_back(this_browser, code):
    app = open_view("projector", code)
    assert heading(app) == "This presentation is not open here"
    assert "<script>" not in markdown_text(app)


def test_the_presenter_blanks_the_projector_and_brings_the_slide_back(this_browser):
    room = presenter.room_store().open(OWNER, load_dataset_dir(), slide=1)
    trainer = open_view("presenter", room.code)
    trainer.button(key=keys.PRESENT_BLANK_TOGGLE).click().run()
    assert presenter.room_store().get(room.code, OWNER).blank
    assert trainer.button(key=keys.PRESENT_BLANK_TOGGLE).label == "Show the slide"
    assert "**The projector is blank**" in markdown_text(trainer)
    projector = open_view("projector", room.code)
    assert "The screen is blank." in markdown_text(projector)
    assert not projector.title, "a blank projector shows no slide title"
    trainer.button(key=keys.PRESENT_BLANK_TOGGLE).click().run()
    projector.run()
    assert heading(projector) == DECK[1].heading


def test_the_presenter_jump_list_moves_the_room(this_browser):
    room = presenter.room_store().open(OWNER, load_dataset_dir(), slide=0)
    trainer = open_view("presenter", room.code)
    target = next(index for index, slide in enumerate(DECK) if slide.kind == "cop")
    jump = next(box for box in trainer.selectbox if str(box.key).startswith(keys.PRESENT_ROOM_JUMP))
    jump.set_value(target).run()
    assert presenter.room_store().get(room.code, OWNER).slide == target
    assert trainer.subheader[0].value == DECK[target].heading


def test_leaving_the_room_reopens_the_single_window_on_the_same_slide(this_browser):
    room = presenter.room_store().open(OWNER, load_dataset_dir(), slide=4)
    trainer = open_view("presenter", room.code)
    trainer.button(key=keys.PRESENT_LEAVE).click().run()
    assert not trainer.exception, [error.value for error in trainer.exception]
    assert "view" not in trainer.query_params
    assert trainer.query_params["slide"] == "5"
    assert heading(trainer) == DECK[4].heading
