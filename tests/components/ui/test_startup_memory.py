"""The objects loaded by a server's first run are set aside from the garbage collector's full walks, once."""

from __future__ import annotations

import gc

from components.ui.startup_memory import freeze_what_is_loaded


def test_what_is_loaded_is_frozen_once_per_process() -> None:
    freeze_what_is_loaded.clear()
    try:
        frozen = freeze_what_is_loaded()
        assert frozen > 10_000  # the modules this test process has loaded, at least
        made_later = [[] for _ in range(1000)]
        assert freeze_what_is_loaded() == frozen  # a second run changes nothing: once per process
        # Not grown by the 1,000 lists made since: they are the collector's as before. (Frozen objects freed by
        # reference counting leave the frozen set, so it may shrink.)
        assert 0 < gc.get_freeze_count() <= frozen
        del made_later
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
        freeze_what_is_loaded.clear()
