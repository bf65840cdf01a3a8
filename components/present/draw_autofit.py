"""Text that fills the slide, as presentation software's autofit does: a small browser-side piece.

How many lines a slide holds depends on the font, the window's width and how the words wrap, which only
the browser knows. So the slide's text sizes are CSS variables (`--present-fit`, `--present-pane-fit`, see
slide_view's stylesheets) and this script, running in the page, picks the largest scale at which the slide
still fits above the controls (or inside the presenter's pane), between a floor and a ceiling. On the
projector and the single window the floor is 1: body text never goes below its 24px. It fits again whenever
the page's content or the window's size changes. The JavaScript is static: no data goes into it, only
which selectors to measure and the limits, all set in this module.
"""

from __future__ import annotations

import streamlit as st

_FIT_JS = """
export default function (component) {
    const { data } = component;
    const root = document.documentElement;
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    let frame = 0;

    // Where the content ends: the lowest visible element inside the target.
    function contentBottom(target) {
        let bottom = target.getBoundingClientRect().top;
        for (const el of target.querySelectorAll('[data-testid="stElementContainer"]')) {
            const box = el.getBoundingClientRect();
            if (box.height > 0) bottom = Math.max(bottom, box.bottom);
        }
        return bottom;
    }

    // How far down the content may reach: above what is reserved (the controls) or the pane's height.
    function limit(target) {
        if (data.height) return target.getBoundingClientRect().top + data.height - data.margin;
        let reserved = 0;
        for (const selector of data.reserve || []) {
            const el = document.querySelector(selector);
            if (el) reserved += el.getBoundingClientRect().height;
        }
        return window.innerHeight - reserved - data.margin;
    }

    function fit() {
        frame = 0;
        const target = document.querySelector(data.target);
        if (!target) return;
        watchSize(target);
        const fits = (scale) => {
            root.style.setProperty(data.variable, String(scale));
            if (data.noScroll && main.scrollHeight > main.clientHeight) return false;
            return contentBottom(target) <= limit(target);
        };
        let low = data.min, high = data.max;
        if (fits(high)) { root.dataset[data.flag] = String(high); return; }
        if (!fits(low)) { root.dataset[data.flag] = String(low); return; }
        for (let step = 0; step < 9; step++) {
            const middle = (low + high) / 2;
            if (fits(middle)) low = middle; else high = middle;
        }
        const scale = Math.floor(low * 100) / 100;
        fits(scale);
        root.dataset[data.flag] = String(scale);
    }

    const schedule = () => { if (!frame) frame = requestAnimationFrame(fit); };
    const watcher = new MutationObserver(schedule);
    watcher.observe(main, { childList: true, subtree: true, characterData: true });
    // Sizes also change with no change inside the main area: Streamlit puts a page's stylesheet (st.html) in
    // a container outside it, and a late one left the text at its largest, running behind the controls. So
    // the target's own size is watched too. Fitting settles on one size, so this does not loop.
    const sizes = new ResizeObserver(schedule);
    let watched = null;
    function watchSize(target) {
        if (target === watched) return;
        sizes.disconnect();
        sizes.observe(target);
        sizes.observe(main);
        watched = target;
    }
    window.addEventListener('resize', schedule);
    document.fonts.ready.then(schedule);
    schedule();
    return () => {
        watcher.disconnect();
        sizes.disconnect();
        window.removeEventListener('resize', schedule);
        if (frame) cancelAnimationFrame(frame);
    };
}
"""

_fitter = st.components.v2.component("present_slide_autofit", js=_FIT_JS)

# The projected slide's text may grow to this many times its 24px base: a slide of two short bullets
# then fills the screen as a presentation program's autofit would, in 53px text.
MAX_SCALE = 2.2
# The presenter's pane is a preview: its 18px text may shrink a little so a long slide is seen whole.
PANE_MIN_SCALE, PANE_MAX_SCALE = 0.72, 1.6


def fit_slide(key: str, reserve: tuple[str, ...] = (), margin: int = 16, whole_window: bool = False) -> None:
    """Scale `.st-key-present_slide`'s text (`--present-fit`) to fill the window above `reserve`'s boxes.

    `whole_window`: nothing else is on the page (the projector), so the page must not scroll either.
    """
    _fitter(
        key=key,
        data={
            "target": ".st-key-present_slide",
            "variable": "--present-fit",
            "flag": "presentFit",
            "reserve": list(reserve),
            "margin": margin,
            "noScroll": whole_window,
            "min": 1,
            "max": MAX_SCALE,
        },
    )


def fit_pane(key: str, height: int) -> None:
    """Scale the presenter's current-slide pane (`--present-pane-fit`) to fill `height` pixels."""
    _fitter(
        key=key,
        data={
            "target": ".st-key-present_current",
            "variable": "--present-pane-fit",
            "flag": "presentPaneFit",
            "height": height,
            "margin": 24,  # the pane's border and padding
            "min": PANE_MIN_SCALE,
            "max": PANE_MAX_SCALE,
        },
    )


# The presenter's notes pane (17px text) may shrink this far to stay inside the window at 1280x720.
NOTES_MIN_SCALE = 0.8


def fit_notes(key: str, margin: int = 12) -> None:
    """Shrink the presenter's notes pane (`--present-notes-fit`) a little so it ends inside the window.

    A pane that holds more even at the smallest scale grows, and the page scrolls: nothing is hidden.
    """
    _fitter(
        key=key,
        data={
            "target": ".st-key-present_notes_box",
            "variable": "--present-notes-fit",
            "flag": "presentNotesFit",
            "reserve": [],
            "margin": margin,
            "min": NOTES_MIN_SCALE,
            "max": 1,
        },
    )
