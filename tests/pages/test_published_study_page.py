"""Publishing a study in AppTest: the your-data page's Publish button and owner controls, a page opened with
?study=ID (read-only banner, the study's own data), and every id that opens nothing (one message, the bundled
study shown). The app's store is the test session's throwaway SQLite file (tests/conftest.py)."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset
from components.data.stored_form import dataset_bytes, dataset_from_bytes
from components.shared import publishing as publish
from components.shared.session_keys import PUBLISHED_OWNED, PUBLISHED_STUDY, UPLOADED_DATASET, VIEW_CACHE
from components.shared.text import escape_markdown
from components.store import Store
from components.store import published as pub
from components.store.attempts import failed_attempts
from components.store.store import UNAVAILABLE_MESSAGE
from components.store.store import Store as StoreClass
from components.ui import published as publish_view
from components.ui import view_cache
from tests.components.store.test_published import published_content
from tests.components.store.test_store import all_text
from tests.pages.apptest import open_app_page
from tests.pages.test_your_data_page import VALID, open_your_data, upload

HOSTILE_NAME = "<b>Ward</b> **study** :red[x] $1"
FORMULA = b'finding_id,group,category,theme,statement\nF1,Team A,barrier,Time,=HYPERLINK("http://x")\n'
DAY = 86400


@pytest.fixture(autouse=True)
def _database_usable_again():
    """A test that breaks the database on purpose leaves the process's store waiting RETRY_SECONDS: not the next."""
    yield
    importlib.import_module("components.ui.app_store").clear_problem()


@pytest.fixture
def store():
    opened = Store.open()  # the same database the app opens (EXPLORER_DATABASE_URL from tests/conftest.py)
    yield opened
    opened.close()


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """The app's store is a damaged SQLite file (its path returned): every call on it fails."""
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    app_store_module = importlib.import_module("components.ui.app_store")
    monkeypatch.setattr(app_store_module, "app_store", lambda: StoreClass(sa.create_engine(f"sqlite:///{path}")))
    return path


def stored(name: str = "North team", findings: bytes = VALID) -> bytes:
    return dataset_bytes(build_dataset({"findings.csv": findings}, name=name))


def everything(app: AppTest) -> str:
    kinds = ("markdown", "success", "error", "info", "warning", "title", "caption", "code")
    return "\n".join(str(element.value) for kind in kinds for element in app.get(kind))


def code_blocks(app: AppTest) -> list[str]:
    return [block.value for block in app.code]


def published_id(link: str) -> str:
    return re.search(r"study=([A-Za-z0-9_-]+)", link).group(1)


class TestPublish:
    def test_nothing_to_publish_until_a_study_is_open(self):
        app = open_your_data()
        assert "Open your study above (CSV files or a QDA project) to publish it." in everything(app)
        assert not [button for button in app.button if button.key == "publish_button"]

    def test_publish_stores_the_study_and_shows_the_two_links(self, store: Store):
        app = upload(open_your_data(), {"findings.csv": VALID}, name="North team")
        app.button(key="publish_button").click()
        app.run()
        assert not app.exception
        assert "**Published:** North team" in everything(app)
        read, owner = code_blocks(app)
        study_id = published_id(read)
        assert read.endswith(f"/?study={study_id}")
        assert re.search(rf"/your-data\?study={study_id}&owner=[A-Za-z0-9_-]{{43}}$", owner)
        assert len(study_id) >= 22  # 128+ random bits
        header = pub.published_header(store, study_id)
        assert header.meta["name"] == "North team"  # with its title and authors, when the study gives them
        assert dataset_from_bytes(published_content(store, study_id)).findings.equals(
            app.session_state[UPLOADED_DATASET].findings
        )
        token = owner.rsplit("owner=", 1)[1]
        assert token not in all_text(store)  # kept only as a hash
        assert app.session_state[PUBLISHED_OWNED] == (study_id, token)

    def test_a_server_with_a_key_publishes_only_with_it(self, monkeypatch, store: Store):
        monkeypatch.setenv(publish.KEY_VARIABLE, "sesame-42")
        before = pub.live_count(store)
        app = upload(open_your_data(), {"findings.csv": VALID})
        app.text_input(key="publish_key").input("wrong")
        app.button(key="publish_button").click()
        app.run()
        assert app.error[0].value == publish.WRONG_KEY
        assert pub.live_count(store) == before
        app.text_input(key="publish_key").input("sesame-42")
        app.button(key="publish_button").click()
        app.run()
        assert pub.live_count(store) == before + 1
        assert len(app.code) == 2

    def test_the_size_limit_and_the_cap_say_so(self, monkeypatch, store: Store):
        monkeypatch.setenv(publish.MAX_MB_VARIABLE, "0.0001")  # about 100 bytes
        app = upload(open_your_data(), {"findings.csv": VALID})
        app.button(key="publish_button").click()
        app.run()
        assert app.error[0].value.startswith("**This study is too large to publish here:**")
        assert "up to 104 bytes" in app.error[0].value
        monkeypatch.delenv(publish.MAX_MB_VARIABLE)
        monkeypatch.setenv(publish.MAX_STUDIES_VARIABLE, str(max(1, pub.live_count(store))))
        if pub.live_count(store) == 0:
            pub.publish(store, stored(), {"name": "filler"}, lifetime=DAY, max_studies=10)
        before = pub.live_count(store)
        app.button(key="publish_button").click()
        app.run()
        assert app.error[0].value.startswith("**This server keeps as many published studies as it may")
        assert pub.live_count(store) == before


class TestReadLink:
    def test_any_page_opens_the_published_study_read_only_with_its_banner(self, store: Store):
        study_id, _ = pub.publish(
            store, stored(HOSTILE_NAME), {"name": HOSTILE_NAME, "authors": "<i>A.</i> Author"}, DAY, 1000
        )
        app = open_app_page("pages/explore.py", query={"study": study_id})
        text = everything(app)
        assert f"**Published study:** {escape_markdown(HOSTILE_NAME)}, by {escape_markdown('<i>A.</i> Author')}" in text
        assert "<b>" not in text
        assert "<i>" not in text
        assert ":red[" not in text
        assert "Read-only" in text
        assert "a study shared by link, as its publisher uploaded it" in text  # the footer: whose data it is
        assert "Not enough time" in text  # the published study's own findings, not the bundled study's
        assert app.session_state[PUBLISHED_STUDY] == study_id
        assert UPLOADED_DATASET not in app.session_state
        # Moving to another page keeps the study (navigation drops the query) and puts its id back in the URL.
        for param in list(app.query_params):
            del app.query_params[param]
        app.switch_page("pages/compare.py")
        app.run()
        assert not app.exception
        assert "**Published study:**" in everything(app)
        assert app.query_params["study"] in (study_id, [study_id])

    def test_on_present_the_banner_comes_after_the_slide_so_the_slide_never_moves(self, store: Store):
        study_id, _ = pub.publish(store, stored("North team"), {"name": "North team"}, DAY, 1000)
        app = open_app_page("pages/present.py", query={"study": study_id})
        assert not app.exception
        markdown = [element.value for element in app.markdown]
        banner = next(i for i, value in enumerate(markdown) if value.startswith("**Published study:**"))
        slide_texts = [i for i, value in enumerate(markdown) if "North team" not in value and value.strip()]
        assert app.title[0].value  # the slide's heading is the page's first title
        assert slide_texts
        assert slide_texts[0] < banner, "the published banner is drawn above the slide"

    def test_the_published_study_is_loaded_like_an_upload_and_shares_its_views(self, store: Store):
        study_id, _ = pub.publish(store, stored("Shared"), {"name": "Shared"}, DAY, 1000)
        first = open_app_page("pages/home.py", query={"study": study_id})
        second = open_app_page("pages/home.py", query={"study": study_id})
        assert not first.exception
        assert not second.exception
        dataset = publish_view.parsed().get(pub.published_header(store, study_id).data_id)
        assert dataset is not None
        assert not dataset.is_bundled
        assert dataset.name == "Shared"
        assert dataset.published
        shared = [key for key in view_cache.shared_views()._entries if key[:2] == (dataset.fingerprint, "published")]
        assert shared  # the home page's views, built once for every reader of the link
        assert VIEW_CACHE not in second.session_state or not len(second.session_state[VIEW_CACHE])

    def test_closing_it_returns_to_what_was_shown_before(self, store: Store):
        study_id, _ = pub.publish(store, stored("Closable"), {"name": "Closable"}, DAY, 1000)
        app = open_app_page("pages/home.py", query={"study": study_id})
        app.button(key="published_return").click()
        app.run()
        assert not app.exception
        assert "**Published study:**" not in everything(app)
        assert PUBLISHED_STUDY not in app.session_state


class TestLinksThatOpenNothing:
    @pytest.mark.parametrize("kind", ["unknown", "malformed", "tampered", "expired", "deleted"])
    def test_every_bad_id_gets_the_same_message_and_the_bundled_study(self, kind, store: Store, monkeypatch):
        study_id, token = pub.publish(store, stored("Gone soon"), {"name": "Gone soon"}, DAY, 1000)
        if kind == "unknown":
            study_id = "A" * 32
        elif kind == "malformed":
            study_id = "<script>"
        elif kind == "tampered":
            study_id = study_id[:-1] + ("A" if study_id[-1] != "A" else "B")
        elif kind == "expired":
            assert pub.set_expiry(store, study_id, token, 0.001)
            import time

            time.sleep(0.01)
        else:
            assert pub.delete_everything(store, study_id, token)
        app = open_app_page("pages/explore.py", query={"study": study_id})
        assert [warning.value for warning in app.warning] == [publish.NOT_FOUND]
        assert "**Published study:**" not in everything(app)
        assert "Not enough time" not in everything(app)  # the bundled study is shown
        assert PUBLISHED_STUDY not in app.session_state

    def test_an_unusable_database_says_so_and_the_bundled_study_goes_on(self, broken):
        app = open_app_page("pages/home.py", query={"study": "A" * 32})
        warning = app.warning[0].value
        assert warning.startswith("**The published study cannot be opened now.**")
        assert escape_markdown(UNAVAILABLE_MESSAGE) in warning
        assert str(broken) not in warning
        assert "sqlite" not in warning
        assert app.title[0].value  # the page goes on, with the bundled study

    def test_publishing_with_an_unusable_database_says_nothing_was_published(self, broken):
        app = upload(open_your_data(), {"findings.csv": VALID}, name="North team")
        app.button(key="publish_button").click()
        app.run()
        assert not app.exception
        message = app.error[0].value
        assert escape_markdown(UNAVAILABLE_MESSAGE) in message
        assert str(broken) not in message
        assert "sqlite" not in message
        assert message.endswith("Nothing was published.")
        assert PUBLISHED_OWNED not in app.session_state
        assert "North team is open on every page" in everything(app)  # the upload is still open


@pytest.fixture
def no_failed_attempts(store: Store):
    """Failed attempts last their window in the app's (per test run) database: each test here starts and ends
    with none, so one test's wrong keys do not count in another's."""

    def clear() -> None:
        with store.engine.begin() as connection:
            connection.execute(failed_attempts.delete())

    clear()
    yield
    clear()


class TestGuessingIsLimited:
    """Wrong publishing keys and owner links are counted in the store (components/store/attempts.py)."""

    def test_a_browser_that_typed_too_many_wrong_keys_waits_even_with_the_right_one(
        self, monkeypatch, store: Store, no_failed_attempts
    ):
        monkeypatch.setenv(publish.KEY_VARIABLE, "sesame-42")
        before = pub.live_count(store)
        app = upload(open_your_data(), {"findings.csv": VALID})
        for _ in range(publish.WRONG_KEYS_PER_BROWSER):
            app.text_input(key="publish_key").input("open sesame")
            app.button(key="publish_button").click()
            app.run()
            assert [error.value for error in app.error] == [publish.WRONG_KEY]
        app.text_input(key="publish_key").input("sesame-42")
        app.button(key="publish_button").click()
        app.run()
        assert not app.exception
        assert [error.value for error in app.error] == [publish.too_many_keys_message("15 minutes")]
        assert pub.live_count(store) == before  # nothing was published, and the key was not even checked
        other_browser = upload(open_your_data(), {"findings.csv": VALID})
        other_browser.text_input(key="publish_key").input("sesame-42")
        other_browser.button(key="publish_button").click()
        other_browser.run()
        assert pub.live_count(store) == before + 1  # another browser with the key still publishes

    def test_past_the_servers_limit_no_browser_may_try_a_key(self, monkeypatch, store: Store, no_failed_attempts):
        monkeypatch.setenv(publish.KEY_VARIABLE, "sesame-42")
        monkeypatch.setattr(publish, "WRONG_KEYS_PER_SERVER", 2)
        before = pub.live_count(store)
        for _ in range(2):  # two browsers, one wrong key each
            guesser = upload(open_your_data(), {"findings.csv": VALID})
            guesser.text_input(key="publish_key").input("guess")
            guesser.button(key="publish_button").click()
            guesser.run()
            assert [error.value for error in guesser.error] == [publish.WRONG_KEY]
        newcomer = upload(open_your_data(), {"findings.csv": VALID})
        newcomer.text_input(key="publish_key").input("sesame-42")
        newcomer.button(key="publish_button").click()
        newcomer.run()
        assert [error.value for error in newcomer.error] == [publish.too_many_keys_message("15 minutes")]
        assert pub.live_count(store) == before

    def test_a_browser_that_tried_too_many_owner_links_waits_and_the_owner_still_gets_in(
        self, store: Store, no_failed_attempts
    ):
        study_id, token = pub.publish(store, stored("Mine"), {"name": "Mine"}, DAY, 1000)
        app = open_app_page("pages/your-data.py", query={"study": study_id, "owner": "x" * 43})
        assert publish.OWNER_NOT_FOUND in [error.value for error in app.error]
        assert "owner" not in app.query_params  # the wrong token leaves the address bar: a rerun does not count it
        for attempt in range(publish.WRONG_OWNER_LINKS_PER_BROWSER - 1):
            app.query_params["owner"] = f"guess-{attempt}-" + "y" * 32
            app.run()
            assert publish.OWNER_NOT_FOUND in [error.value for error in app.error]
        app.query_params["owner"] = token  # the right token, from the browser that guessed
        app.run()
        assert publish.too_many_owner_links_message("15 minutes") in [error.value for error in app.error]
        assert PUBLISHED_OWNED not in app.session_state
        owner = open_app_page("pages/your-data.py", query={"study": study_id, "owner": token})
        assert owner.session_state[PUBLISHED_OWNED] == (study_id, token)  # the owner's own browser is not held back
        assert "**Your published study:** Mine" in everything(owner)


class TestOwnerLink:
    def test_the_owner_link_changes_the_expiry_and_deletes_the_study(self, store: Store):
        study_id, token = pub.publish(store, stored("Owned"), {"name": "Owned"}, DAY, 1000)
        app = open_app_page("pages/your-data.py", query={"study": study_id, "owner": token})
        assert "**Your published study:** Owned" in everything(app)
        assert app.session_state[PUBLISHED_OWNED] == (study_id, token)
        app.selectbox(key="published_owner_lifetime").set_value("90 days")
        app.button(key="published_owner_expiry").click()
        app.run()
        assert "It now stays published for 90 days" in everything(app)
        header = pub.published_header(store, study_id)
        assert header.expires_at - header.created_at > 89 * DAY
        assert app.button(key="published_owner_delete").disabled
        app.checkbox(key="published_owner_delete_confirm").check()
        app.run()
        app.button(key="published_owner_delete").click()
        app.run()
        assert not app.exception
        assert "**Deleted.**" in everything(app)
        assert pub.published_header(store, study_id) is None
        assert PUBLISHED_OWNED not in app.session_state
        again = open_app_page("pages/home.py", query={"study": study_id})
        assert [warning.value for warning in again.warning] == [publish.NOT_FOUND]

    def test_the_owner_replaces_the_data_under_the_same_links(self, store: Store):
        study_id, token = pub.publish(store, stored("First"), {"name": "First"}, DAY, 1000)
        app = open_app_page("pages/your-data.py", query={"study": study_id, "owner": token})
        assert "To replace its data, open the new version above" in everything(app)
        app = upload(app, {"findings.csv": VALID.replace(b"Not enough time.", b"Too few staff.")}, name="Second")
        app.button(key="published_owner_replace").click()
        app.run()
        assert not app.exception
        assert "Its data is now Second" in everything(app)
        assert pub.published_header(store, study_id).meta["name"] == "Second"
        reader = open_app_page("pages/explore.py", query={"study": study_id})
        assert "Too few staff" in everything(reader)

    @pytest.mark.parametrize("which", ["token", "id"])
    def test_a_wrong_owner_link_says_not_found(self, which, store: Store):
        study_id, token = pub.publish(store, stored("Mine"), {"name": "Mine"}, DAY, 1000)
        query = (
            {"study": study_id, "owner": token[:-2] + "xx"} if which == "token" else {"study": "B" * 32, "owner": token}
        )
        app = open_app_page("pages/your-data.py", query=query)
        assert publish.OWNER_NOT_FOUND in [error.value for error in app.error]
        assert PUBLISHED_OWNED not in app.session_state
        assert "**Your published study:**" not in everything(app)


def test_downloads_of_a_published_study_stay_formula_safe():
    """The published study is read back through the loader, and its exports go through the same safe CSV."""
    from components.data.exports import safe_csv_bytes

    dataset = dataset_from_bytes(stored("Formulas", FORMULA))
    text = safe_csv_bytes(replace(dataset).findings).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
