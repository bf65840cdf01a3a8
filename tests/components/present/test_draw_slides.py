"""The slide drawing's stylesheets and the clicker script find the page's widgets by the keys it names."""

from __future__ import annotations

from components.present import draw_keys as slide_keys
from components.present import draw_slides as slide_view
from components.present import stepping
from components.shared import session_keys as keys


def test_the_key_listeners_are_hidden_by_their_named_keys():
    for key in (keys.PRESENT_KEYS, keys.PRESENT_ROOM_KEYS):
        assert f".st-key-{key}" in slide_view.SLIDE_STYLE


def test_the_clicker_script_knows_both_jump_lists_by_their_shared_prefix():
    assert keys.PRESENT_ROOM_JUMP.startswith(keys.PRESENT_JUMP)
    assert f'[class*="st-key-{keys.PRESENT_JUMP}"]' in slide_keys._KEYS_JS


def test_every_key_step_is_one_the_windows_know():
    assert set(slide_keys.KEY_STEPS.values()) == {*stepping.STEPS, stepping.BLANK}
