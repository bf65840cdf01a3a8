"""A download built on click survives the script runs of other sessions, as the real media file manager runs them."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from components.ui.downloads import built_file_id, keep_built_downloads


class Manager(MediaFileManager):
    """The real manager, as a subclass, so wrapping its method here leaves Streamlit's own class as the app has it."""


class StreamlitAlone(MediaFileManager):
    """The real manager as Streamlit ships it, even once app.py (run by an AppTest in this process) wrapped it."""

    execute_deferred = getattr(MediaFileManager.execute_deferred, "__wrapped__", MediaFileManager.execute_deferred)


def _built(manager_class: type) -> tuple[MediaFileManager, MemoryMediaFileStorage, str]:
    storage = MemoryMediaFileStorage("/media")
    manager = manager_class(storage)
    # Outside a script run the manager files everything under one session id, "dontcare".
    placeholder = manager.add_deferred(lambda: b"answer,count\nyes,3\n", "text/csv", "button-coordinates", "a.csv")
    url = manager.execute_deferred(placeholder)
    return manager, storage, built_file_id(url)


def _other_sessions_finish_runs(manager: MediaFileManager, runs: int) -> None:
    for _ in range(runs):
        manager.remove_orphaned_files()  # what every script run, of any session, does as it ends


def test_streamlit_alone_loses_a_built_download_after_two_runs_of_other_sessions() -> None:
    # Why the wrapper exists: if this ever fails, Streamlit keeps built files itself and the wrapper can go.
    manager, storage, file_id = _built(StreamlitAlone)
    _other_sessions_finish_runs(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(f"{file_id}.csv")


def test_a_kept_download_outlasts_other_sessions_runs_until_its_own_session_runs_again() -> None:
    class Kept(Manager):
        pass

    assert keep_built_downloads(Kept) is True  # wrapped once however often it is called: test_streamlit_patches.py
    manager, storage, file_id = _built(Kept)
    _other_sessions_finish_runs(manager, 50)
    assert storage.get_file(f"{file_id}.csv").content == b"answer,count\nyes,3\n"
    # The session's next full run drops its references; the file then goes as any unreferenced download does.
    manager.clear_session_refs("dontcare")
    _other_sessions_finish_runs(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(f"{file_id}.csv")


def test_a_download_built_for_a_session_that_has_ended_is_not_kept() -> None:
    class Kept(Manager):
        pass

    keep_built_downloads(Kept)
    storage = MemoryMediaFileStorage("/media")
    manager = Kept(storage)
    placeholder = manager.add_deferred(lambda: b"late", "text/plain", "coordinates", "late.txt")
    manager.clear_session_refs("dontcare")  # the browser tab closed between the click and the build
    file_id = built_file_id(manager.execute_deferred(placeholder))
    assert "dontcare" not in manager._files_by_session_and_coord
    _other_sessions_finish_runs(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(f"{file_id}.txt")
