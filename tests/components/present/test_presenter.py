"""Presenter rooms without Streamlit: codes, the browser a room belongs to, expiry."""

from __future__ import annotations

import binascii
import threading

import pytest

from components.present.presenter import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_ROOMS,
    ROOM_IDLE_SECONDS,
    RoomStore,
    browser_id,
    normal_code,
)

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
def store(clock) -> RoomStore:
    return RoomStore(clock=clock)


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
        codes = {store.open(OWNER, dataset=None).code for _ in range(50)}
        assert len(codes) == 50
        for code in codes:
            assert len(code) == CODE_LENGTH
            assert set(code) <= set(CODE_ALPHABET)
            assert not set(code) & set("01ilo")

    @pytest.mark.parametrize("value", [None, "", "short", "ABCDEFGH!", "' or 1=1 --", "x" * 500, "abcdefgh0"])
    def test_anything_that_cannot_be_a_code_is_refused_before_a_lookup(self, value):
        assert normal_code(value) is None

    def test_a_code_read_aloud_in_capitals_still_opens(self, store):
        room = store.open(OWNER, dataset=None)
        assert store.get(f"  {room.code.upper()} ", OWNER).code == room.code


class TestRooms:
    def test_a_room_needs_a_browser(self, store):
        with pytest.raises(ValueError, match="XSRF cookie"):
            store.open("", dataset=None)

    def test_steps_change_the_slide_and_move_the_version_on(self, store):
        room = store.open(OWNER, dataset="study", slide=3)
        moved = store.go_to(room.code, OWNER, 4)
        assert (moved.slide, moved.version) == (4, room.version + 1)
        assert store.get(room.code, OWNER).slide == 4
        assert store.get(room.code, OWNER).dataset == "study"

    def test_only_the_browser_that_opened_it_sees_or_moves_it(self, store):
        room = store.open(OWNER, dataset="uploaded study")
        assert store.get(room.code, STRANGER) is None
        assert store.go_to(room.code, STRANGER, 5) is None
        assert store.set_revealed(room.code, STRANGER, 0, True) is None
        assert store.get(room.code, "") is None
        assert store.get(room.code, OWNER).slide == 0

    def test_reveals_are_kept_per_slide(self, store):
        room = store.open(OWNER, dataset=None)
        store.set_revealed(room.code, OWNER, 14, True)
        store.set_revealed(room.code, OWNER, 15, True)
        store.set_revealed(room.code, OWNER, 14, False)
        assert store.get(room.code, OWNER).revealed == frozenset({15})

    def test_blank_and_timer(self, store, clock):
        room = store.open(OWNER, dataset=None)
        assert store.update(room.code, OWNER, blank=True).blank
        clock.now += 90
        assert store.restart_timer(room.code, OWNER).started_at == clock.now

    def test_an_idle_room_is_forgotten_and_a_used_one_kept(self, store, clock):
        idle = store.open(OWNER, dataset=None)
        used = store.open(OWNER, dataset=None)
        for _ in range(4):
            clock.now += ROOM_IDLE_SECONDS / 2
            assert store.get(used.code, OWNER) is not None
        assert store.get(idle.code, OWNER) is None

    def test_the_store_never_grows_beyond_its_cap(self, store, clock):
        first = store.open(OWNER, dataset=None)
        for _ in range(MAX_ROOMS + 20):
            clock.now += 1
            store.open(OWNER, dataset=None)
        assert len(store) <= MAX_ROOMS
        assert store.get(first.code, OWNER) is None

    def test_steps_from_many_sessions_at_once_are_all_counted(self, store):
        room = store.open(OWNER, dataset=None)

        def press() -> None:
            for _ in range(200):
                store.update(room.code, OWNER, blank=False)

        threads = [threading.Thread(target=press) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert store.get(room.code, OWNER).version == room.version + 800
