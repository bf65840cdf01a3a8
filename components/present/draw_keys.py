"""The keys a presentation clicker sends, and a presenter's timer, as small browser-side pieces.

`st.button(shortcut=...)` binds one key per button and is not heard once a toggle or the jump list has
focus, and a clicker's PageDown/Space scroll Streamlit's main area instead. One listener on the window,
in the capture phase (before any control or Streamlit itself sees the key), turns every clicker key
into a step and keeps the page from scrolling. Keys typed into a text box or an open list are left
alone. The JavaScript is static (no data goes into it); it only ever sends one of the step names back.
"""

from __future__ import annotations

import streamlit as st

from components.present.stepping import BLANK, STEPS

# The keys and what they ask for. Clickers send PageDown/PageUp, some Space/Shift+Space; "b" and "."
# are the black-screen button of most clickers (used in a room: the projector goes blank).
KEY_STEPS = {
    "PageDown": "next",
    "ArrowRight": "next",
    " ": "next",
    "PageUp": "previous",
    "ArrowLeft": "previous",
    "Shift+ ": "previous",
    "Home": "first",
    "End": "last",
    "b": BLANK,
    ".": BLANK,
}

_KEYS_JS = """
export default function (component) {
    const { setTriggerValue, data } = component;
    const keySteps = data.keySteps;
    const textTypes = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date',
        'time', 'datetime-local', 'month', 'week']);
    let swallowUp = false;

    // A key belongs to what has focus when someone is typing or an open list is being browsed.
    function typing(target) {
        if (!(target instanceof Element)) return false;
        if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
        if (target.closest('[role="listbox"], [role="menu"], [role="dialog"]')) return true;
        if (target.tagName === 'INPUT' && textTypes.has((target.type || 'text').toLowerCase())) {
            // The slide-jump list's own box, while its list is closed, is not being typed in.
            const jump = target.closest('[class*="st-key-present_jump"]');
            return !(jump && target.getAttribute('aria-expanded') !== 'true');
        }
        return false;
    }

    function onKeyDown(event) {
        if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
        const name = (event.shiftKey && event.key === ' ') ? 'Shift+ ' : event.key;
        const step = keySteps[name];
        if (!step || typing(event.composedPath()[0])) return;
        // Ours alone: no scrolling, no button or toggle pressed by Space, no second step from a shortcut.
        event.preventDefault();
        event.stopImmediatePropagation();
        swallowUp = event.key === ' ';
        // A fresh value each press, so two presses of the same key are two steps.
        setTriggerValue('step', { step: step, at: Date.now() + Math.random() });
    }

    // Space presses a focused button or toggle on key up: that press is the step, so it goes no further.
    function onKeyUp(event) {
        if (swallowUp && event.key === ' ') {
            event.preventDefault();
            event.stopImmediatePropagation();
            swallowUp = false;
        }
    }

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
        window.removeEventListener('keydown', onKeyDown, true);
        window.removeEventListener('keyup', onKeyUp, true);
    };
}
"""

_TIMER_HTML = '<span class="presenter-timer" role="timer" aria-live="off"></span>'
_TIMER_CSS = ".presenter-timer { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }"
_TIMER_JS = """
export default function (component) {
    const { data, parentElement } = component;
    const clock = parentElement.querySelector('.presenter-timer');
    const startedAt = data.startedAt * 1000;
    function show() {
        const total = Math.max(0, Math.floor((Date.now() - startedAt) / 1000));
        const hours = Math.floor(total / 3600), minutes = Math.floor(total / 60) % 60, seconds = total % 60;
        const two = (value) => String(value).padStart(2, '0');
        clock.textContent = hours ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
    }
    show();
    const ticking = setInterval(show, 1000);
    return () => clearInterval(ticking);
}
"""

_FULLSCREEN_HTML = '<button type="button" class="projector-fullscreen">Full screen (F11)</button>'
_FULLSCREEN_CSS = """
.projector-fullscreen { font: inherit; font-size: 24px; padding: 0.3rem 0.8rem; border: 1px solid #9CA3AF;
    border-radius: 0.5rem; background: #FFFFFF; color: #374151; cursor: pointer; opacity: 0.9; }
.projector-fullscreen:focus-visible { outline: 3px solid #005A8C; }
"""
# Browsers allow full screen only from a click in the window itself. Once the window fills the screen
# (this button, or the browser's own F11) the button hides, so the projected slide shows nothing else.
_FULLSCREEN_JS = """
export default function (component) {
    const { parentElement } = component;
    const button = parentElement.querySelector('.projector-fullscreen');
    const fillsScreen = () => window.innerWidth >= screen.width - 1 && window.innerHeight >= screen.height - 1;
    const sync = () => {
        button.hidden = !!document.fullscreenElement || !document.fullscreenEnabled || fillsScreen();
    };
    button.onclick = () => { document.documentElement.requestFullscreen().catch(() => {}); button.blur(); };
    sync();
    document.addEventListener('fullscreenchange', sync);
    window.addEventListener('resize', sync);
    return () => {
        document.removeEventListener('fullscreenchange', sync);
        window.removeEventListener('resize', sync);
    };
}
"""

_keys = st.components.v2.component("present_slide_keys", js=_KEYS_JS)
_timer = st.components.v2.component("present_timer", html=_TIMER_HTML, css=_TIMER_CSS, js=_TIMER_JS)
_fullscreen = st.components.v2.component(
    "present_fullscreen", html=_FULLSCREEN_HTML, css=_FULLSCREEN_CSS, js=_FULLSCREEN_JS
)


def step_from_keys(key: str, blank_key: bool = False) -> str | None:
    """Listen for clicker keys; returns the step a key asked for in this run ("next", …), else None."""
    steps = KEY_STEPS if blank_key else {name: step for name, step in KEY_STEPS.items() if step != BLANK}
    result = _keys(key=key, data={"keySteps": steps}, on_step_change=lambda: None)
    value = result.get("step") if hasattr(result, "get") else getattr(result, "step", None)
    step = value.get("step") if isinstance(value, dict) else None
    return step if step in (*STEPS, BLANK) else None


def timer(started_at: float, key: str) -> None:
    """A clock counting up from `started_at` (seconds since the epoch), ticking in the browser."""
    _timer(key=key, data={"startedAt": started_at})


def fullscreen_button(key: str) -> None:
    _fullscreen(key=key)
