"""The website's chat widget in a real browser: Debian's Chromium driven by Playwright, against
the real assistant (the session's `servers` fixture) through web/serve.py and Rasa's socket.io
channel. Each test uses a new browser context: empty storage, hence a new conversation.

Needs /usr/bin/chromium (scripts/test.sh installs it); without it these tests are skipped, loudly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, WEB_PORT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
WEB_URL = f"http://127.0.0.1:{WEB_PORT}"
SCREENSHOT = ROOT / "docs" / "screenshots" / "widget.png"
# As the machine's notes say: without the background-networking flags Chromium keeps trying to
# reach Google's hosts, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSWER_MS = 30_000
INJECTION = "<img src=x onerror=alert(1)>"
MAZAMET = {"latitude": 43.4928, "longitude": 2.3734}

pytestmark = pytest.mark.integration

if not CHROMIUM.exists():
    pytest.skip(
        f"\n{'!' * 78}\n!!! BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. The chat widget was NOT tested.\n"
        "!!! Install it (apt-get install -y --no-install-recommends chromium; scripts/test.sh does it when\n"
        f"!!! run as root) or set CHROMIUM_PATH.\n{'!' * 78}",
        allow_module_level=True,
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402  (after the skip)


@pytest.fixture(scope="module")
def web(servers) -> str:
    """The demo page, started with the other servers by the launcher (conftest.py)."""
    return servers["web_url"]


@pytest.fixture(scope="module")
def browser():
    # launch() starts Chromium with a fresh, temporary user data dir (--user-data-dir), removed at the
    # end; the browser is Debian's: never `playwright install`.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """One visitor: a browser context (its own storage) and a page, with what the widget sent."""

    def __init__(self, browser, web: str, init_script: str | None = None, **context_options) -> None:
        self.context = browser.new_context(locale="fr-FR", **context_options)
        self.context.set_default_timeout(ANSWER_MS)
        if init_script:
            self.context.add_init_script(init_script)
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.sent: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("websocket", lambda ws: ws.on("framesent", self._packet))
        self.page.goto(web)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        # socket.io over HTTP long-polling: packets separated by \x1e in the POST body.
        if request.method == "POST" and "/socket.io/" in request.url:
            for packet in (request.post_data or "").split("\x1e"):
                self._packet(packet)

    def _packet(self, payload) -> None:
        # A socket.io event: 42["user_uttered",{"message": …, "session_id": …}]
        if isinstance(payload, str) and payload.startswith("42"):
            event, *data = json.loads(payload[2:])
            if event == "user_uttered":
                self.sent.append(data[0]["message"])

    # -- the widget --
    def open(self) -> None:
        self.page.get_by_role("button", name="Une question ? Discutez avec l'assistant").click()
        expect(self.page.get_by_role("log")).to_be_visible()

    @property
    def log(self):
        return self.page.get_by_role("log")

    @property
    def bot(self):
        return self.page.locator(".msmr-from-bot")

    @property
    def user(self):
        return self.page.locator(".msmr-from-user")

    @property
    def input(self):
        return self.page.get_by_label("Votre message")

    def wait_greeting(self) -> None:
        expect(self.bot.first).to_contain_text("Ma santé, Ma Région")

    def say(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def answered_after(self, count: int) -> None:
        """Waits until there are more than `count` bot messages."""
        expect(self.bot.nth(count)).to_be_visible()

    def bot_says(self, text: str):
        """The bot message that contains `text`, once it is there."""
        message = self.bot.filter(has_text=text).last
        expect(message).to_be_visible()
        return message

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, web):
    visits: list[Visit] = []

    def make(**context_options) -> Visit:
        visits.append(Visit(browser, web, **context_options))
        return visits[-1]

    yield make
    for v in visits:
        v.close()


# ---- the server, without a browser ---------------------------------------------------------------


def _get(path: str):
    return urllib.request.urlopen(f"{WEB_URL}{path}", timeout=10)


def test_page_is_served_with_security_headers_and_the_rasa_address(web, servers):
    with _get("/") as response:
        csp = response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Type"].startswith("text/html")
        page = response.read().decode()
    rasa = servers["rasa_url"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert f"connect-src 'self' {rasa} {rasa.replace('http://', 'ws://')};" in csp
    # No external asset: every src and stylesheet is the page's own.
    assert not re.search(r'(src|href)="(https?:)?//(?!www\.laregion\.fr)', page)
    with _get("/config.js") as response:
        assert json.dumps(rasa) in response.read().decode()
    for path in (
        "/serve.py",
        "/package.json",
        "/node_modules/socket.io-client/package.json",
        "/../README.md",
        "/%2e%2e/README.md",
        "/.gitignore",
    ):
        with pytest.raises(urllib.error.HTTPError) as error:
            _get(path)
        assert error.value.code == 404, path


def test_widget_never_parses_html():
    source = (ROOT / "web" / "widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source


def test_vendored_client_and_its_licence_match_the_lock_file():
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/socket.io-client"]["version"]
    assert version.startswith("4.")  # socket.io protocol v5, as python-socketio 5 speaks
    assert f"Socket.IO v{version}" in (ROOT / "web" / "vendor" / "socket.io.min.js").read_text()[:200]
    assert f"socket.io-client {version}" in (ROOT / "web" / "vendor" / "socket.io.LICENSE.txt").read_text()


# ---- in the browser ------------------------------------------------------------------------------


def test_conversation_with_buttons_links_and_reload(visit, tmp_path):
    v = visit(viewport={"width": 1280, "height": 800})
    v.open()
    expect(v.input).to_be_focused()

    # Greeting and the main topics, with no bubble for the /greet sent on opening.
    v.wait_greeting()
    for title in (
        "Trouver un centre de santé",
        "Travailler comme médecin salarié",
        "C'est quoi « Ma santé, Ma Région » ?",
    ):
        expect(v.log.get_by_role("button", name=title)).to_be_visible()
    assert v.sent == ["/greet"]
    expect(v.user).to_have_count(0)

    # A typed question; the answer names the place, its address becomes a safe link.
    v.say("Je cherche un centre de santé près de Salviac")
    expect(v.user.last).to_have_text(re.compile("Je cherche un centre de santé près de Salviac"))
    answer = v.bot_says("Salviac")
    link = answer.locator("a").first
    expect(link).to_have_attribute("href", re.compile(r"^https://"))
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(v.log.get_by_role("button", name="Trouver un centre de santé")).to_have_count(0)  # old buttons gone

    # A question answered with buttons; screenshot with the buttons visible.
    v.say("un centre près de Prades")
    v.bot_says("Laquelle")
    choice = v.log.get_by_role("button", name="Prades (Pyrénées-Orientales)")
    expect(choice).to_be_visible()
    expect(v.page.locator(".msmr-typing")).to_be_hidden()
    shot = tmp_path / "widget.png"
    v.page.screenshot(path=str(shot))

    # Clicking a button sends its payload and shows its title.
    choice.click()
    expect(v.user.last).to_contain_text("Prades (Pyrénées-Orientales)")
    assert v.sent[-1].startswith("/inform_place")
    v.bot_says("Millas")
    expect(v.input).to_be_focused()

    # After a reload: the same messages, and the same conversation on Rasa's side.
    shown = v.log.inner_text()
    session = v.page.evaluate("sessionStorage.getItem('msmr-chat-session')")
    v.page.reload()
    expect(v.log).to_be_visible()  # it was open: it opens again
    expect(v.bot.filter(has_text="Millas")).to_have_count(1)
    assert v.log.inner_text() == shown
    assert v.page.evaluate("sessionStorage.getItem('msmr-chat-session')") == session
    v.say("et un autre ?")
    v.bot_says("plus loin de Prades")
    assert "/greet" not in v.sent[1:], "a reload must not start the conversation again"

    assert not v.errors, v.errors  # no script error, no CSP violation
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)  # only now that the whole conversation passed


def test_keyboard_only(visit):
    v = visit()
    page = v.page
    for _ in range(30):  # Tab through the page up to the widget's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('msmr-launcher')"):
            break
    else:
        pytest.fail("the chat button cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus"
    page.keyboard.press("Enter")
    expect(v.input).to_be_focused()
    v.wait_greeting()

    # Back to the topic buttons with Shift+Tab, choose one with Enter.
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('msmr-choice')"):
            break
    else:
        pytest.fail("the topic buttons cannot be reached with Shift+Tab")
    page.keyboard.press("Enter")
    expect(v.user).to_have_count(1)
    expect(v.input).to_be_focused()

    page.keyboard.type("Le centre de Millas est-il ouvert ?")
    page.keyboard.press("Enter")
    v.bot_says("15 septembre 2022")
    expect(v.input).to_be_focused()

    page.keyboard.press("Escape")
    expect(v.log).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('msmr-launcher')")
    assert not v.errors, v.errors


def test_screen_reader_semantics(visit):
    v = visit()
    v.open()
    v.wait_greeting()
    expect(v.log).to_have_attribute("aria-live", "polite")
    expect(v.page.get_by_role("textbox", name="Votre message")).to_be_visible()
    for name in ("Envoyer", "Utiliser ma position", "Nouvelle conversation", "Fermer l'assistant"):
        expect(v.page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(v.page.get_by_role("button", name="Une question ? Discutez avec l'assistant")).to_be_hidden()
    expect(v.page.get_by_role("dialog", name="Assistant « Ma santé, Ma Région »")).to_be_visible()
    # The privacy notice: what not to write, how long the conversation is kept (CONVERSATION_RETENTION_DAYS).
    notice = v.page.locator(".msmr-privacy")
    expect(notice).to_contain_text("N'écrivez pas de détails sur votre santé")
    expect(notice).to_contain_text("gardée 30 jours")
    # Nothing of the conversation is kept in localStorage (it ends with the tab, in sessionStorage).
    assert v.page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('msmr-'))") == []


@pytest.mark.assistant_geolocation
def test_position_gives_the_nearest_centres(visit):
    """Depends on the assistant side: intent share_position and action_nearest_from_position."""
    v = visit(geolocation=MAZAMET, permissions=["geolocation"])
    v.open()
    v.wait_greeting()
    v.log.get_by_role("button", name="Trouver un centre de santé").click()
    v.bot_says("Dans quelle commune")
    # The bot's own "Utiliser ma position" button (payload /share_position) asks the browser too;
    # meanwhile the bar's button is hidden: one at a time.
    expect(v.page.locator(".msmr-tools")).to_be_hidden()
    v.log.get_by_role("button", name="Utiliser ma position").click()
    expect(v.user.last).to_have_text(re.compile("Ma position"))
    expect(v.page.locator(".msmr-tools")).to_be_visible()
    v.bot_says("Mazamet")
    assert v.sent[-1] == '/share_position{"latitude": 43.49, "longitude": 2.37}'  # about 1 km


def test_position_refused_sends_no_coordinates(visit):
    v = visit()  # no geolocation permission: the browser refuses
    v.open()
    v.wait_greeting()
    before = v.bot.count()
    v.page.get_by_role("button", name="Utiliser ma position", exact=True).click()
    expect(v.user.last).to_have_text(re.compile("Position non disponible"))
    v.answered_after(before)
    assert v.sent[-1] == "/share_position"


def test_phone_sized_screen(visit, tmp_path):
    v = visit(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    v.open()
    v.wait_greeting()
    box = v.page.locator(".msmr-panel").bounding_box()
    assert box == {"x": 0, "y": 0, "width": 390, "height": 844}
    v.say("centre le plus proche de Foix")
    v.bot_says("Foix")
    shot = tmp_path / "phone.png"
    v.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000

    # A modal dialog: Tab stays inside the panel, the page behind is inert, focus returns on close.
    expect(v.page.get_by_role("dialog")).to_have_attribute("aria-modal", "true")
    inside = "document.querySelector('.msmr-panel').contains(document.activeElement)"
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        v.page.keyboard.press(key)
        assert v.page.evaluate(inside), v.page.evaluate("document.activeElement.outerHTML")
    v.page.keyboard.press("Escape")
    assert v.page.evaluate("document.activeElement.classList.contains('msmr-launcher')")
    assert v.page.evaluate("document.querySelectorAll('[inert]').length") == 0
    assert not v.errors, v.errors


def test_a_wide_screen_keeps_the_page_usable(visit):
    v = visit(viewport={"width": 1280, "height": 800})
    v.open()
    v.wait_greeting()
    assert v.page.get_by_role("dialog").get_attribute("aria-modal") is None
    assert v.page.evaluate("document.querySelectorAll('[inert]').length") == 0


def test_an_emergency_stands_out_with_numbers_to_dial(visit):
    v = visit(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    v.open()
    v.wait_greeting()
    v.say("il respire très mal et il a les lèvres bleues")
    alert = v.page.get_by_role("alert")
    expect(alert).to_be_visible()
    links = alert.get_by_role("link")
    expect(links).to_have_count(3)
    for name, href in (("Appeler le 15", "tel:15"), ("Appeler le 112", "tel:112"), ("SMS au 114", "sms:114")):
        link = alert.get_by_role("link", name=name)
        expect(link).to_have_attribute("href", href)
        assert link.bounding_box()["height"] >= 44  # a thumb's size
    answer = v.bot_says("Appelez le 15 (SAMU) maintenant")
    expect(answer).to_have_class(re.compile("msmr-urgent"))
    # Still there, and still distinct, after a reload, but not announced again as a new alert.
    v.page.reload()
    expect(v.page.locator(".msmr-calls-alert").get_by_role("link", name="Appeler le 15")).to_be_visible()
    expect(v.page.get_by_role("alert")).to_have_count(0)
    expect(v.bot.filter(has_text="Appelez le 15 (SAMU) maintenant")).to_have_class(re.compile("msmr-urgent"))
    assert not v.errors, v.errors


AXE = ROOT / "tests" / "vendor" / "axe.min.js"


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_axe_finds_no_accessibility_violation(browser, web, viewport):
    # The page's CSP forbids the injected checker: bypassed for this test only.
    v = Visit(browser, web, viewport=viewport, bypass_csp=True)
    try:
        assert _axe_violations(v.page) == []  # the page, widget closed
        v.open()
        v.wait_greeting()
        v.say("un centre près de Prades")
        v.bot_says("Laquelle")
        v.say("il respire très mal et il a les lèvres bleues")
        expect(v.page.get_by_role("alert")).to_be_visible()
        assert _axe_violations(v.page) == []  # open, with buttons, links and an alert
    finally:
        v.close()


# Keeps a handle on the page's socket.io connections, to hand the widget a bot message of the
# test's own: Rasa's answers are the domain's texts, none of which carries markup.
KEEP_SOCKETS = """
(() => {
  let io;
  Object.defineProperty(window, "io", {
    configurable: true,
    get() { return io; },
    set(real) {
      io = function (...args) {
        const socket = real(...args);
        (window.testSockets ||= []).push(socket);
        return socket;
      };
      Object.assign(io, real);
    },
  });
})();
"""


def test_markup_in_messages_is_shown_as_text(visit):
    v = visit(init_script=KEEP_SOCKETS)
    v.open()
    v.wait_greeting()

    # Typed by the visitor, through the real assistant.
    before = v.bot.count()
    v.say(INJECTION)
    expect(v.user.last).to_have_text(re.compile(re.escape(INJECTION)))
    v.answered_after(before)

    # Said by the "bot": delivered to the widget's bot_uttered listener, as the socket.io client does.
    text = f"Voici {INJECTION} et <b>gras</b>\nhttps://example.org/page?x=1. javascript:alert(2)"
    data = {"text": text, "quick_replies": [{"content_type": "text", "title": "<i>bouton</i>", "payload": "/greet"}]}
    v.page.evaluate("data => window.testSockets.at(-1).listeners('bot_uttered').forEach(f => f(data))", data)
    for check in (lambda: None, lambda: v.page.reload()):  # as received, then re-rendered from storage
        check()
        message = v.bot.filter(has_text="Voici").last
        expect(message.locator(".msmr-line").first).to_have_text(
            re.compile(re.escape(f"Voici {INJECTION} et <b>gras</b>"))
        )
        expect(message.locator(".msmr-line")).to_have_count(2)
        expect(message.locator("a")).to_have_count(1)
        expect(message.locator("a")).to_have_attribute("href", "https://example.org/page?x=1")
        expect(v.log.get_by_role("button", name="<i>bouton</i>")).to_be_visible()
        expect(v.user.filter(has_text=INJECTION)).to_have_count(1)
        assert v.page.locator(".msmr img, .msmr b, .msmr i").count() == 0
    assert not v.dialogs
    assert not v.errors, v.errors


def test_new_conversation_starts_afresh(visit):
    v = visit()
    v.open()
    v.wait_greeting()
    v.say("centre le plus proche de Foix")
    v.bot_says("Foix")
    first = v.page.evaluate("sessionStorage.getItem('msmr-chat-session')")
    v.page.get_by_role("button", name="Nouvelle conversation").click()
    expect(v.user).to_have_count(0)
    v.wait_greeting()
    expect(v.bot.filter(has_text="Foix")).to_have_count(0)
    assert v.page.evaluate("sessionStorage.getItem('msmr-chat-session')") not in (None, first)
    assert v.sent.count("/greet") == 2


# ---- the staff's usage report (staff/report.py), on conversations the real assistant had ----------


def test_the_usage_report_shows_what_was_asked_and_not_understood(browser, servers, monkeypatch, tmp_path, capsys):
    from staff import report

    rest = f"{servers['rasa_url']}/webhooks/rest/webhook"
    sender = f"rapport-{os.getpid()}"
    # "?!? ?!?", "🙂🙂": never understood, whatever the model (nlu_components/wordless_fallback.py),
    # and each its own line of the report.
    for message in ("Bonjour", "un centre près de Lavelanet", "?!? ?!?", "🙂🙂", "mon père ne respire plus"):
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(rest, data=body, headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=60).read()

    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{servers['tracker_db']}")
    export = tmp_path / "a_annoter.yml"
    assert report.main(["--days", "2", "--out", str(tmp_path), "--export-unanswered", str(export)]) == 0
    printed = capsys.readouterr().out
    assert "Conversations :" in printed and "urgences" in printed and "Communes les plus demandées" in printed

    # The exported file: a Rasa NLU file to annotate, with the message not understood.
    from rasa.shared.nlu.training_data.loading import load_data

    examples = [e.get("text") for e in load_data(str(export)).training_examples]
    assert {"?!? ?!?", "🙂🙂"} <= set(examples) and "Bonjour" not in examples

    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert sender not in page  # no sender id anywhere
    # Self-contained: no script, nothing fetched (the SVGs' xmlns URIs are names, not requests).
    assert "<script" not in page and not re.search(r"""(src|href)=["']https?:|url\(\s*["']?https?:""", page)
    v = Visit(browser, f"file://{tmp_path / 'index.html'}", viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        expect(v.page.get_by_role("heading", name="Rapport d'utilisation de l'assistant")).to_be_visible()
        for title in ("Conversations et messages par jour", "Communes les plus demandées", "Messages pas compris \\("):
            expect(v.page.get_by_role("heading", name=re.compile(title))).to_be_visible()
        assert v.page.locator("svg").count() >= 3  # the charts, inline
        expect(
            v.page.get_by_role("row").filter(has_text="Lavelanet (09)")
        ).to_be_visible()  # every commune, in the table
        unanswered = v.page.get_by_role("row").filter(has_text="?!? ?!?")
        expect(unanswered).to_be_visible()
        expect(v.page.get_by_role("row").filter(has_text="urgences")).to_contain_text(re.compile(r"[1-9]"))
        assert _axe_violations(v.page) == []
        assert not v.errors, v.errors
    finally:
        v.close()
