/*
 * Chat widget of « Ma santé, Ma Région », connected to Rasa's socket.io channel.
 *
 * Contract with Rasa's socket.io channel (rasa/core/channels/socketio.py, with the fix of
 * webchat/channel.py; credentials.yml), over HTTP long-polling (see web/serve.py):
 *   - on connect: emit "session_request" {session_id}; Rasa answers "session_confirm" <id>
 *     and, with session_persistence, sends the answers to that id's room;
 *   - the visitor's messages: emit "user_uttered" {message, session_id};
 *   - the answers: "bot_uttered" {text} or {text, quick_replies: [{title, payload}]}, and
 *     {custom: {calls: [{label, href}], alert}} after an emergency answer (webchat/channel.py).
 * The session id (made and signed by the server) and the messages shown are kept in
 * sessionStorage: a reload goes on with the same conversation (same tracker), and nothing is
 * kept on the device once the tab is closed. Every message is built with DOM nodes and textContent:
 * nothing received is ever parsed as HTML.
 */
(function () {
  "use strict";

  var config = window.MA_SANTE_CHAT || {};
  var script = document.currentScript;
  var SOCKET_URL = (script && script.dataset.socketUrl) || config.socketUrl;
  var SOCKET_PATH = config.socketPath || "/socket.io";
  // HTTP long-polling by default: see web/serve.py for why not WebSocket with Rasa 3.6 here.
  var TRANSPORTS = Array.isArray(config.transports) && config.transports.length ? config.transports : ["polling"];
  var KEYS = { session: "msmr-chat-session", history: "msmr-chat-history", open: "msmr-chat-open" };
  var MAX_HISTORY = 200;
  var ANSWER_TIMEOUT_MS = 30000;
  var GEO_TIMEOUT_MS = 10000;
  var POSITION_PAYLOAD = "/share_position";
  var URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;

  // ---- storage (may be unavailable: private browsing, blocked cookies) ----
  function load(storage, key, fallback) {
    try {
      var value = storage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) {
      return fallback;
    }
  }
  function save(storage, key, value) {
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
    } catch (e) { /* the conversation still works, it is just not kept */ }
  }

  // Earlier versions kept the conversation in localStorage, without end: remove it.
  save(localStorage, KEYS.session, null);
  save(localStorage, KEYS.history, null);
  var sessionId = load(sessionStorage, KEYS.session, null);
  var history = load(sessionStorage, KEYS.history, []);
  if (!Array.isArray(history)) history = [];

  // ---- DOM helpers: text only ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHref(candidate) {
    try {
      var url = new URL(candidate);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // One line of text, its http(s) addresses turned into links.
  function appendLine(parent, line) {
    var last = 0;
    line.replace(URL_PATTERN, function (match, offset) {
      var address = match.replace(/[.,;:!?»)\]]+$/, "");
      var href = safeHref(address);
      if (!href) return match;
      parent.appendChild(document.createTextNode(line.slice(last, offset)));
      var link = el("a", "msmr-link", address);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(el("span", "msmr-sr-only", " (nouvelle fenêtre)"));
      parent.appendChild(link);
      last = offset + address.length;
      return match;
    });
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  // A small decorative icon (SVG, so it does not depend on the visitor's emoji fonts).
  function icon(path) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "msmr-icon");
    var shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  // ---- the widget's elements ----
  // A landmark of its own: everything of the page is inside one (axe-core's "region" rule).
  var root = el("aside", "msmr");
  root.setAttribute("aria-label", "Assistant de discussion");
  var launcher = el("button", "msmr-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "msmr-panel");
  launcher.setAttribute("aria-label", "Une question ? Discutez avec l'assistant"); // phones show only the start
  launcher.append(icon("M4 4h16v11H9l-5 4z"), el("span", null, "Une question ?"),
    el("span", "msmr-launcher-more", "Discutez avec l'assistant"));

  var panel = el("section", "msmr-panel");
  panel.id = "msmr-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "msmr-title");

  var header = el("div", "msmr-header");
  var heading = el("div", "msmr-heading");
  var title = el("h2", "msmr-title", "Assistant «\u00a0Ma santé, Ma\u00a0Région\u00a0»");
  title.id = "msmr-title";
  var newButton = el("button", "msmr-new", "Nouvelle conversation");
  newButton.type = "button";
  heading.append(title, newButton);
  var closeButton = el("button", "msmr-close");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", "Fermer l'assistant");
  closeButton.appendChild(el("span", null, "×")).setAttribute("aria-hidden", "true");
  header.append(heading, closeButton);

  var log = el("div", "msmr-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation avec l'assistant");
  log.tabIndex = 0; // scrollable with the keyboard

  var typing = el("div", "msmr-typing");
  typing.setAttribute("role", "status");
  typing.hidden = true;
  var dots = el("span", "msmr-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("span"), el("span"), el("span"));
  typing.append(dots, el("span", null, "L'assistant écrit…"));

  var status = el("p", "msmr-status");
  status.setAttribute("role", "status");

  var tools = el("div", "msmr-tools");
  var geoButton = el("button", "msmr-geo");
  geoButton.type = "button";
  geoButton.append(icon("M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5z"),
    document.createTextNode("Utiliser ma position"));
  var geoHint = el("span", "msmr-hint", "Avec votre accord, pour trouver les centres les plus proches.");
  geoHint.id = "msmr-geo-hint";
  geoButton.setAttribute("aria-describedby", "msmr-geo-hint");
  tools.append(geoButton, geoHint);

  var form = el("form", "msmr-form");
  var label = el("label", "msmr-sr-only", "Votre message");
  label.htmlFor = "msmr-input";
  var input = el("input", "msmr-input");
  input.id = "msmr-input";
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 1000;
  input.placeholder = "Écrivez votre question…";
  input.enterKeyHint = "send";
  var sendButton = el("button", "msmr-send", "Envoyer");
  sendButton.type = "submit";
  form.append(label, input, sendButton);

  // What is kept and for how long (RGPD), and what not to write.
  var days = Number(config.retentionDays) > 0 ? Math.round(Number(config.retentionDays)) : null;
  var privacy = el("p", "msmr-privacy msmr-hint",
    "N'écrivez pas de détails sur votre santé (maladie, traitement). " +
    (days ? "La conversation est gardée " + days + " jours pour améliorer le service, puis effacée."
          : "La conversation est gardée un temps limité pour améliorer le service, puis effacée."));
  panel.append(header, privacy, log, typing, status, tools, form);
  root.append(launcher, panel);
  document.body.appendChild(root);

  // ---- rendering ----
  // `restored`: shown again from sessionStorage (a reload): an old alert is not announced again.
  function renderMessage(message, withButtons, restored) {
    var item = el("div", "msmr-msg msmr-from-" + (message.from === "user" ? "user" : "bot"));
    item.appendChild(el("span", "msmr-sr-only", message.from === "user" ? "Vous : " : "L'assistant : "));
    var bubble = el("div", "msmr-bubble");
    String(message.text || "").split("\n").forEach(function (line) {
      if (!line.trim()) {
        bubble.appendChild(el("div", "msmr-gap"));
        return;
      }
      var p = el("p", "msmr-line");
      appendLine(p, line);
      bubble.appendChild(p);
    });
    if (message.urgent) item.classList.add("msmr-urgent");
    if (String(message.text || "")) item.appendChild(bubble);
    if (message.calls && message.calls.length) item.appendChild(callLinks(message, restored));
    if (withButtons && message.buttons && message.buttons.length) {
      var group = el("div", "msmr-buttons");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Réponses proposées");
      message.buttons.forEach(function (button) {
        var b = el("button", "msmr-choice", button.title);
        b.type = "button";
        if (button.payload === POSITION_PAYLOAD) b.setAttribute("data-msmr-position", "");
        b.addEventListener("click", function () { choose(button); });
        group.appendChild(b);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    showOnePositionButton();
  }

  // One "Utiliser ma position" at a time: the bar's is hidden while an answer offers its own.
  function showOnePositionButton() {
    tools.hidden = !!log.querySelector("[data-msmr-position]");
  }

  // Emergency numbers as large links that dial on a phone; an alert is announced at once.
  function callLinks(message, restored) {
    var box = el("div", "msmr-calls" + (message.alert ? " msmr-calls-alert" : ""));
    if (message.alert && !restored) box.setAttribute("role", "alert");
    callsOf({ calls: message.calls }).forEach(function (call) { // checked again: storage is not trusted
      var link = el("a", "msmr-call", call.label);
      link.href = call.href;
      box.appendChild(link);
    });
    return box;
  }

  // Only tel: and sms: links to a short public number ("tel:15", "sms:114").
  var CALL_HREF = /^(tel|sms):\d{2,10}$/;
  function callsOf(custom) {
    if (!custom || !Array.isArray(custom.calls)) return [];
    return custom.calls.filter(function (c) {
      return c && typeof c.label === "string" && typeof c.href === "string" && CALL_HREF.test(c.href);
    }).map(function (c) { return { label: c.label, href: c.href }; });
  }

  // Buttons stay usable until the visitor says something after them.
  function renderAll() {
    log.textContent = "";
    var lastUser = -1;
    history.forEach(function (m, i) { if (m.from === "user") lastUser = i; });
    history.forEach(function (m, i) { renderMessage(m, i > lastUser, true); });
    scrollDown();
  }

  function removeButtons() {
    Array.prototype.forEach.call(log.querySelectorAll(".msmr-buttons"), function (group) { group.remove(); });
    showOnePositionButton();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function remember(message) {
    history.push(message);
    if (history.length > MAX_HISTORY) history = history.slice(-MAX_HISTORY);
    save(sessionStorage, KEYS.history, history);
  }

  function setStatus(text) {
    status.textContent = text || "";
  }

  var answerTimer = null;
  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(answerTimer);
    if (on) {
      answerTimer = setTimeout(function () {
        typing.hidden = true;
        setStatus("L'assistant met du temps à répondre. Réessayez dans un instant.");
      }, ANSWER_TIMEOUT_MS);
      scrollDown();
    }
  }

  // ---- connection to Rasa ----
  var socket = null;
  var confirmed = false;
  var queue = [];
  var greeted = false;

  function routeKey() {
    var bytes = new Uint8Array(8);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function connect() {
    if (socket) return;
    if (typeof window.io !== "function" || !SOCKET_URL) {
      setStatus("Le service de discussion n'est pas disponible pour le moment.");
      return;
    }
    socket = window.io(SOCKET_URL, {
      path: SOCKET_PATH,
      transports: TRANSPORTS,
      upgrade: TRANSPORTS.length > 1,
      // In production, nginx sends every request carrying the same `route` to the same Rasa
      // server, as long-polling needs (launcher/cluster.py). Random, one per page: not an identifier.
      query: { route: routeKey() }
    });
    socket.on("connect", function () {
      confirmed = false;
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (id) {
      var confirmedId = typeof id === "string" ? id : id && id.session_id;
      if (confirmedId) {
        sessionId = confirmedId;
        save(sessionStorage, KEYS.session, sessionId);
      }
      confirmed = true;
      setStatus("");
      while (queue.length) emitMessage(queue.shift());
    });
    socket.on("bot_uttered", receive);
    socket.on("connect_error", function () {
      setStatus("Connexion à l'assistant impossible. Nouvel essai en cours…");
    });
    socket.on("disconnect", function () {
      confirmed = false;
    });
  }

  function emitMessage(payload) {
    socket.emit("user_uttered", { message: payload, session_id: sessionId });
  }

  // Sends a payload or a text; `shown` is what the visitor's bubble says (null: no bubble).
  function send(payload, shown) {
    if (shown !== null) {
      removeButtons();
      var message = { from: "user", text: shown };
      remember(message);
      renderMessage(message, false);
    }
    setStatus("");
    showTyping(true);
    connect();
    if (!socket) showTyping(false); // no client: connect() said so
    else if (confirmed) emitMessage(payload);
    else queue.push(payload);
  }

  function receive(data) {
    if (!data || typeof data !== "object") return;
    var text = typeof data.text === "string" ? data.text : "";
    var raw = Array.isArray(data.quick_replies) ? data.quick_replies : Array.isArray(data.buttons) ? data.buttons : [];
    var buttons = raw.filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    }).map(function (b) { return { title: b.title, payload: b.payload }; });
    var attachment = data.attachment && data.attachment.payload && data.attachment.payload.src;
    if (typeof attachment === "string" && safeHref(attachment)) text += (text ? "\n" : "") + attachment;
    var calls = callsOf(data.custom);
    var alert = data.custom && (data.custom.alert === "emergency" || data.custom.alert === "suicide") ? data.custom.alert : null;
    if (!text && !buttons.length && !calls.length) return;
    showTyping(false);
    setStatus("");
    if (alert && !text) markLastAnswerUrgent();
    var message = { from: "bot", text: text, buttons: buttons, calls: calls, alert: alert };
    remember(message);
    renderMessage(message, true);
    scrollDown();
  }

  // The answer that the call links follow takes the alert's look too.
  function markLastAnswerUrgent() {
    var last = history[history.length - 1];
    if (!last || last.from !== "bot") return;
    last.urgent = true;
    save(sessionStorage, KEYS.history, history);
    var items = log.querySelectorAll(".msmr-from-bot");
    if (items.length) items[items.length - 1].classList.add("msmr-urgent");
  }

  function choose(button) {
    if (button.payload === POSITION_PAYLOAD) sharePosition();
    else send(button.payload, button.title);
    input.focus();
  }

  // ---- "Utiliser ma position" ----
  function sharePosition() {
    var unavailable = function () { send(POSITION_PAYLOAD, "Position non disponible"); };
    if (!navigator.geolocation) {
      unavailable();
      return;
    }
    geoButton.disabled = true;
    setStatus("Recherche de votre position…");
    // The browser's own timeout starts only once the visitor has answered its permission prompt:
    // this one also covers a prompt left unanswered.
    var settled = false;
    var guard = setTimeout(function () { settle(null); }, 3 * GEO_TIMEOUT_MS);
    function settle(position) {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      geoButton.disabled = false;
      setStatus("");
      var lat = position && Number(position.coords.latitude);
      var lon = position && Number(position.coords.longitude);
      if (!position || !isFinite(lat) || !isFinite(lon)) {
        unavailable();
        return;
      }
      var entities = '{"latitude": ' + lat.toFixed(2) + ', "longitude": ' + lon.toFixed(2) + "}";
      send(POSITION_PAYLOAD + entities, "Ma position");
    }
    navigator.geolocation.getCurrentPosition(settle, function () { settle(null); },
      { enableHighAccuracy: false, timeout: GEO_TIMEOUT_MS, maximumAge: 60000 });
  }

  // ---- on a phone the open panel covers the page: a modal dialog ----
  // The rest of the page becomes inert (no Tab, no screen-reader browsing behind the panel);
  // focus goes back to the launcher on close.
  var phone = window.matchMedia ? window.matchMedia("(max-width: 480px)") : null;
  function applyModal() {
    var modal = !panel.hidden && !!phone && phone.matches;
    if (modal) panel.setAttribute("aria-modal", "true");
    else panel.removeAttribute("aria-modal");
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child === root) return;
      if (modal && !child.hasAttribute("inert")) {
        child.setAttribute("inert", "");
        child.setAttribute("data-msmr-inert", "");
      } else if (!modal && child.hasAttribute("data-msmr-inert")) {
        child.removeAttribute("inert");
        child.removeAttribute("data-msmr-inert");
      }
    });
  }
  if (phone && phone.addEventListener) phone.addEventListener("change", applyModal);

  // In the modal dialog, Tab from the last control goes back to the first (and Shift+Tab the other
  // way): with the page inert, focus would otherwise leave for the browser's own bar.
  panel.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || panel.getAttribute("aria-modal") !== "true") return;
    var controls = Array.prototype.filter.call(
      panel.querySelectorAll("button, a[href], input, [tabindex]"),
      function (node) { return !node.disabled && node.tabIndex >= 0 && node.getClientRects().length > 0; });
    if (!controls.length) return;
    var first = controls[0];
    var last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // ---- opening, closing, new conversation ----
  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("msmr-open");
    save(sessionStorage, KEYS.open, true);
    applyModal();
    renderAll();
    connect();
    if (!history.length && !greeted) {
      greeted = true;
      send("/greet", null);
    }
    if (focus !== false) input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("msmr-open");
    save(sessionStorage, KEYS.open, null);
    applyModal();
    launcher.focus();
  }

  function restart() {
    history = [];
    sessionId = null;
    queue = [];
    greeted = false;
    confirmed = false;
    save(sessionStorage, KEYS.history, null);
    save(sessionStorage, KEYS.session, null);
    showTyping(false);
    setStatus("");
    if (socket) {
      // A new connection asks Rasa for a new session id, hence a new conversation (tracker).
      socket.disconnect();
      socket.connect();
    }
    log.textContent = "";
    open();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open();
    else close();
  });
  closeButton.addEventListener("click", close);
  newButton.addEventListener("click", restart);
  geoButton.addEventListener("click", function () {
    sharePosition();
    input.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-chat-open]"), function (trigger) {
    trigger.addEventListener("click", function () {
      if (panel.hidden) open();
      else input.focus();
    });
  });

  // Reopen after a reload if it was open in this tab.
  if (load(sessionStorage, KEYS.open, false)) open(false);
})();
