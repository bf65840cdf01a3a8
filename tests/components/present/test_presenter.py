"""Presenter rooms without Streamlit: codes, the browser a room belongs to, expiry, kept in a real store."""

from __future__ import annotations

import binascii
import threading
from types import SimpleNamespace

import pytest

from components.present.presenter import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ROOM_IDLE_SECONDS,
    RoomStore,
    browser_id,
    normal_code,
)
from components.store import Store
from components.store.store import UNAVAILABLE_MESSAGE
from tests.components.small_uploads import finding, upload

# What a room without stored data shows (the app gives the bundled study).
BUNDLED = SimpleNamespace(is_bundled=True, name="bundled")

OWNER = "a" * 64
STRANGER = "b" * 64


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def database(tmp_path, clock):
    opened = Store.open(f"sqlite:///{tmp_path}/rooms.db", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def store(database, clock) -> RoomStore:
    return RoomStore(store=database, bundled=lambda: BUNDLED, clock=clock)


def xsrf_cookie(token: bytes, mask: bytes, timestamp: int = 1796132549) -> str:
    """The cookie as Streamlit writes it: 2|mask|token XOR mask|timestamp, hex."""
    masked = bytes(byte ^ mask[index % len(mask)] for index, byte in enumerate(token))
    return f"2|{binascii.hexlify(mask).decode()}|{binascii.hexlify(masked).decode()}|{timestamp}"


class TestBrowserId:
    def test_the_same_browser_is_recognised_under_every_mask(self):
        token = bytes(range(16))
        first = browser_id({"_streamlit_xsrf": xsrf_cookie(token, b"\x01\x02\x03\x04")})
        second = browser_id({"_streamlit_xsrf": xsrf_cookie(token, b"\xaa\xbb\xcc\xdd", timestamp=5)})
        assert first == second
        assert len(first) == 64

    def test_two_browsers_differ(self):
        mask = b"\x01\x02\x03\x04"
        assert browser_id({"_streamlit_xsrf": xsrf_cookie(b"1" * 16, mask)}) != browser_id(
            {"_streamlit_xsrf": xsrf_cookie(b"2" * 16, mask)}
        )

    def test_the_token_itself_is_not_kept(self):
        token = bytes(range(16))
        assert binascii.hexlify(token).decode() not in browser_id(
            {"_streamlit_xsrf": xsrf_cookie(token, b"\x01\x02\x03\x04")}
        )

    @pytest.mark.parametrize("cookies", [{}, {"_streamlit_xsrf": ""}, {"_streamlit_xsrf": "2|zz|qq|1"}, {"other": "x"}])
    def test_no_usable_cookie_means_no_browser(self, cookies):
        assert browser_id(cookies) == ""


class TestCodes:
    def test_codes_are_short_unambiguous_and_unique(self, store):
        codes = {store.open(OWNER, dataset=BUNDLED).code for _ in range(50)}
        assert len(codes) == 50
        for code in codes:
            assert len(code) == CODE_LENGTH
            assert set(code) <= set(CODE_ALPHABET)
            assert not set(code) & set("01ilo")

    @pytest.mark.parametrize("value", [None, "", "short", "ABCDEFGH!", "' or 1=1 --", "x" * 500, "abcdefgh0"])
    def test_anything_that_cannot_be_a_code_is_refused_before_a_lookup(self, value):
        assert normal_code(value) is None

    def test_a_code_read_aloud_in_capitals_still_opens(self, store):
        room = store.open(OWNER, dataset=BUNDLED)
        assert store.get(f"  {room.code.upper()} ", OWNER).code == room.code


class TestRooms:
    def test_a_room_needs_a_browser(self, store):
        with pytest.raises(ValueError, match="XSRF cookie"):
            store.open("", dataset=BUNDLED)

    def test_steps_change_the_slide_and_move_the_version_on(self, store):
        room = store.open(OWNER, dataset=BUNDLED, slide=3)
        moved = store.go_to(room.code, OWNER, 4)
        assert (moved.slide, moved.version) == (4, room.version + 1)
        assert store.get(room.code, OWNER).slide == 4
        assert store.get(room.code, OWNER).dataset is BUNDLED

    def test_only_the_browser_that_opened_it_sees_or_moves_it(self, store):
        room = store.open(OWNER, dataset=upload([finding("F1", "Ours")]))
        assert store.get(room.code, STRANGER) is None
        assert store.go_to(room.code, STRANGER, 5) is None
        assert store.set_revealed(room.code, STRANGER, 0, True) is None
        assert store.get(room.code, "") is None
        assert store.get(room.code, OWNER).slide == 0

    def test_reveals_are_kept_per_slide(self, store):
        room = store.open(OWNER, dataset=BUNDLED)
        store.set_revealed(room.code, OWNER, 14, True)
        store.set_revealed(room.code, OWNER, 15, True)
        store.set_revealed(room.code, OWNER, 14, False)
        assert store.get(room.code, OWNER).revealed == frozenset({15})

    def test_blank_and_timer(self, store, clock):
        room = store.open(OWNER, dataset=BUNDLED)
        assert store.update(room.code, OWNER, blank=True).blank
        clock.now += 90
        assert store.restart_timer(room.code, OWNER).started_at == clock.now

    def test_an_idle_room_is_forgotten_and_a_used_one_kept(self, store, clock):
        idle = store.open(OWNER, dataset=BUNDLED)
        used = store.open(OWNER, dataset=BUNDLED)
        for _ in range(4):
            clock.now += ROOM_IDLE_SECONDS / 2
            assert store.get(used.code, OWNER) is not None
        assert store.get(idle.code, OWNER) is None

    def test_an_uploaded_study_is_kept_in_the_store_and_read_back_by_another_process(self, database, clock):
        """A second RoomStore on the same database stands for another replica, or this one after a restart."""
        uploaded = upload([finding("F1", "Our own finding")])
        room = RoomStore(store=database, bundled=lambda: BUNDLED, clock=clock).open(OWNER, uploaded, slide=2)
        elsewhere = RoomStore(store=database, bundled=lambda: BUNDLED, clock=clock).get(room.code, OWNER)
        assert elsewhere.slide == 2
        assert elsewhere.dataset.name == "test upload"
        assert list(elsewhere.dataset.findings["statement"]) == ["Our own finding"]

    def test_an_idle_room_and_its_upload_are_deleted(self, store, database, clock):
        room = store.open(OWNER, dataset=upload([finding("F1", "Soon gone")]))
        clock.now += ROOM_IDLE_SECONDS + 1
        gone = database.sweep()
        assert (gone["rooms"], gone["study_data"]) == (1, 1)
        assert store.get(room.code, OWNER) is None

    def test_a_database_that_cannot_be_used_opens_no_room_and_says_why(self, tmp_path, clock):
        path = tmp_path / "broken.db"
        database = Store.open(f"sqlite:///{path}", clock=clock)
        rooms = RoomStore(store=database, bundled=lambda: BUNDLED, clock=clock)
        room = rooms.open(OWNER, BUNDLED)
        database.engine.dispose()
        path.write_bytes(b"garbage" * 2000)  # the file is damaged under the running server
        for journal in tmp_path.glob("broken.db-*"):
            journal.unlink()  # its write-ahead log too, which still held the pages
        assert rooms.get(room.code, OWNER) is None
        assert rooms.open(OWNER, BUNDLED) is None
        assert rooms.problem() == UNAVAILABLE_MESSAGE  # plain: the file's path is for the server's log only

    def test_steps_from_many_sessions_at_once_are_all_counted(self, store):
        room = store.open(OWNER, dataset=BUNDLED)

        def press() -> None:
            for _ in range(25):
                store.update(room.code, OWNER, blank=False)

        threads = [threading.Thread(target=press) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert store.get(room.code, OWNER).version == room.version + 100
