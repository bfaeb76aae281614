"""How fast the page draws the stream and answers a control, measured and printed
(`pytest tests/browser/test_speed.py -s`); only a generous sanity floor is asserted."""

from pagetools import open_lab, wait_for_step_above
from playwright.sync_api import Page

MEASURE_MS = 5000


def test_rendering_keeps_up_and_controls_stay_responsive(page: Page, server_url: str) -> None:
    open_lab(page, server_url)
    wait_for_step_above(page, 100)
    fps, received, draw_ms = page.evaluate(
        """(ms) => new Promise((resolve) => {
            const s = window.__mindscopeStats;
            const [drawn, got, renders, ms, start] =
                [s.framesDrawn, s.framesReceived, s.renders, s.renderMs, performance.now()];
            setTimeout(() => {
                const seconds = (performance.now() - start) / 1000;
                resolve([(s.framesDrawn - drawn) / seconds, (s.framesReceived - got) / seconds,
                         (s.renderMs - ms) / Math.max(1, s.renders - renders)]);
            }, ms);
        })""", MEASURE_MS)
    latency = page.evaluate(
        """() => new Promise((resolve) => {
            const button = [...document.querySelectorAll('button')]
                .find(b => b.textContent === 'Pause');
            const start = performance.now();
            new MutationObserver((_, observer) => {
                if (button.textContent !== 'Play') return;
                observer.disconnect();
                resolve(performance.now() - start);
            }).observe(button, { childList: true, characterData: true, subtree: true });
            button.click();
        })""")
    print(f"\nrendered {fps:.1f} new frames/s of {received:.1f} received/s, "
          f"{draw_ms:.1f} ms of work per render; Pause -> button shows Play in {latency:.0f} ms")
    assert fps > 10
    assert latency < 2000
