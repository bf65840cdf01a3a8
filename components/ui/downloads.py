"""Downloads built on click that reach the browser however busy the server is.

A download button given a callable (built when clicked: a handout PDF takes two seconds, so the app builds
none ahead) has Streamlit 1.67 store the built file referenced by no session. Streamlit deletes such a file
at the end of the second script run that ends after it, in any session of the server. With a live room's
phones and projector polling, runs end many times a second, so the browser's request for the file can find
it gone and the download is cancelled (seen in CI with one presenter and one projector window).

`keep_built_downloads` makes the built file belong to the session whose button built it, as a file given to
a button as bytes does: it lasts until that session's next full run. It wraps one method of the pinned
Streamlit and checks that version first; tests/components/ui/test_downloads.py reproduces the race against the real
media file manager. Drop it once Streamlit references built files itself.
"""

from __future__ import annotations

from collections.abc import Callable

from streamlit.runtime.media_file_manager import MediaFileManager

from components.ui.streamlit_patches import wrap_pinned

# Marks the wrapper (read against streamlit_patches.STREAMLIT_VERSION), so it is put on once.
_WRAPPED = "_keeps_built_downloads"


def built_file_id(url: str) -> str:
    """The media file id in a built download's address (`/media/<id>.<extension>`)."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def keep_built_downloads(manager_class: type = MediaFileManager) -> bool:
    """Have built downloads kept by their session (once per process); False if this Streamlit is not the pinned one."""
    return wrap_pinned(manager_class, "execute_deferred", _keeping_built_files, _WRAPPED)


def _keeping_built_files(build_and_store: Callable) -> Callable:
    def execute_deferred(manager, file_id: str) -> str:
        entry = manager._deferred_callables.get(file_id)
        url = build_and_store(manager, file_id)
        if entry is None:
            return url
        session_id, built_id = entry["session_id"], built_file_id(url)
        with manager._lock:
            # A session that has ended has no references left: nothing is added for it, so nothing leaks.
            references = manager._files_by_session_and_coord.get(session_id)
            if references is not None and built_id in manager._file_metadata:
                references[f"{entry['coordinates']}.built"] = built_id
        return url

    return execute_deferred
