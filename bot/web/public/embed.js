/*
 * Doorway chat widget: one line adds a chat button and panel to any page.
 *
 *   <script src="https://doorway.example.org/embed.js" data-locale="en" data-title="Chat with us"
 *           data-color="#0b5563" data-position="right" async></script>
 *
 * data-locale     language to start in (default: the browser's language)
 * data-title      panel title (default: the agency's widget title)
 * data-color      accent colour; data-text-color: text on the accent (default white)
 * data-position   right | left (floating button corner)
 * data-container  CSS selector: render the chat there, always open, instead of a floating panel
 * data-open       "true": open the floating panel at once
 *
 * It runs the official Web Chat bundle served by the same Doorway server, against that server's
 * Direct Line (or Microsoft's, when the server is set up for Azure). Plain browser JavaScript
 * with no build step, so an agency can read what it pastes in.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.DoorwayWidget) return;
  window.DoorwayWidget = { version: 1 };

  var origin = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var requestedLocale = data.locale || navigator.language || 'en';
  var color = cssColor(data.color, '#0b5563');
  var textColor = cssColor(data.textColor, '#ffffff');
  var position = data.position === 'left' ? 'left' : 'right';
  var container = data.container ? document.querySelector(data.container) : null;
  var inline = Boolean(container);
  var sessionKey = 'doorway:' + origin;
  var openKey = 'doorway:open:' + origin;

  // Connection states as Direct Line reports them.
  var CONNECTING = 1;
  var ONLINE = 2;
  var EXPIRED = 3;
  var FAILED = 4;
  var ENDED = 5;

  var ui = {};
  var strings = null;
  var chat = null; // { store, directLine, session } once started
  var starting = null;
  var wasOnline = false;
  var streamOpen = false;
  var leaving = false;
  var lost = false;
  var lastStage = null;
  var intake = null;
  var localeRequest = 0;
  var statusTimer = 0;
  var nextId = 0;

  addStylesheet();
  getJson('/api/widget-strings?locale=' + encodeURIComponent(requestedLocale))
    .then(function (loaded) {
      strings = loaded;
      build();
      if (inline || data.open === 'true' || readStorage(openKey) === '1') open(false);
    })
    .catch(function (error) {
      console.error('Doorway: the chat could not be set up.', error);
    });

  /* ---------- building the panel ---------- */

  function build() {
    var root = el('div', { class: 'doorway-root ' + (inline ? 'doorway-inline' : 'doorway-floating doorway-' + position) });
    root.style.setProperty('--doorway-accent', color);
    root.style.setProperty('--doorway-on-accent', textColor);
    var panelId = uid('panel');
    var titleId = uid('title');
    var emergencyId = uid('emergency');

    if (!inline) {
      ui.launcher = el('button', { type: 'button', class: 'doorway-launcher', 'aria-expanded': 'false', 'aria-controls': panelId });
      ui.launcher.appendChild(icon('M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'));
      ui.launcherText = el('span');
      ui.launcher.appendChild(ui.launcherText);
      ui.launcher.addEventListener('click', function () {
        if (ui.panel.hidden) open(true);
        else close();
      });
      root.appendChild(ui.launcher);
    }

    ui.panel = el('section', { id: panelId, class: 'doorway-panel', 'aria-labelledby': titleId });
    if (!inline) ui.panel.hidden = true;

    // The header holds the title and the conversation controls; the emergency numbers get a bar
    // of their own right under it, so they are one tap away at every width.
    var header = el('div', { class: 'doorway-header' });
    ui.title = el('h2', { id: titleId, class: 'doorway-title' });
    header.appendChild(ui.title);
    ui.restart = el('button', { type: 'button', class: 'doorway-tool doorway-restart' });
    ui.restart.appendChild(icon('M4 12a8 8 0 1 0 2.35-5.65M4 4v5h5'));
    ui.restartText = el('span');
    ui.restart.appendChild(ui.restartText);
    ui.restart.addEventListener('click', startOver);
    header.appendChild(ui.restart);
    if (!inline) {
      ui.close = el('button', { type: 'button', class: 'doorway-close' });
      ui.close.appendChild(icon('M6 6l12 12M18 6L6 18'));
      ui.close.addEventListener('click', close);
      header.appendChild(ui.close);
    }
    ui.panel.appendChild(header);

    ui.emergencyToggle = el('button', { type: 'button', class: 'doorway-emergency-toggle', 'aria-expanded': 'false', 'aria-controls': emergencyId });
    ui.emergencyToggle.appendChild(icon('M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z'));
    ui.emergencyText = el('span');
    ui.emergencyToggle.appendChild(ui.emergencyText);
    ui.emergencyToggle.addEventListener('click', toggleEmergency);
    ui.panel.appendChild(ui.emergencyToggle);

    ui.emergency = el('div', { id: emergencyId, class: 'doorway-emergency' });
    ui.emergency.hidden = true;
    ui.panel.appendChild(ui.emergency);

    ui.progress = el('div', { class: 'doorway-progress' });
    ui.progress.hidden = true;
    ui.progressText = el('p', { class: 'doorway-progress-text' });
    ui.progressBar = el('div', { class: 'doorway-progress-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' });
    ui.progressFill = el('div', { class: 'doorway-progress-fill' });
    ui.progressBar.appendChild(ui.progressFill);
    ui.reference = el('p', { class: 'doorway-reference' });
    ui.reference.hidden = true;
    ui.progress.appendChild(ui.progressText);
    ui.progress.appendChild(ui.progressBar);
    ui.progress.appendChild(ui.reference);
    ui.panel.appendChild(ui.progress);

    // Said to screen readers once per stage, not on every question, so it never drowns the chat.
    ui.stageAnnouncer = el('p', { class: 'doorway-visually-hidden', 'aria-live': 'polite' });
    ui.panel.appendChild(ui.stageAnnouncer);

    ui.status = el('p', { class: 'doorway-status', role: 'status' });
    ui.panel.appendChild(ui.status);

    ui.chat = el('div', { class: 'doorway-chat' });
    ui.panel.appendChild(ui.chat);
    root.appendChild(ui.panel);

    ui.panel.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      if (!ui.emergency.hidden) {
        toggleEmergency();
        ui.emergencyToggle.focus();
      } else if (!inline) {
        close();
      }
    });

    applyStrings();
    (container || document.body).appendChild(root);
  }

  /** Puts the current language's words everywhere; run again when the conversation's language changes. */
  function applyStrings() {
    var text = strings.text;
    var title = data.title || text.title;
    ui.panel.setAttribute('lang', strings.locale);
    ui.title.textContent = title;
    if (ui.launcher) {
      ui.launcher.setAttribute('lang', strings.locale);
      ui.launcherText.textContent = title;
      ui.launcher.setAttribute('aria-label', text.open + ': ' + title);
      ui.close.setAttribute('aria-label', text.close);
    }
    ui.emergencyText.textContent = text.emergency;
    ui.restartText.textContent = text.startOver;
    ui.progressBar.setAttribute('aria-label', text.progressLabel);
    clear(ui.emergency);
    ui.emergency.appendChild(el('p', { class: 'doorway-emergency-intro' }, text.emergencyIntro));
    ui.emergency.appendChild(phoneList(strings.emergency));
    ui.emergency.appendChild(el('p', {}, text.helplinesIntro));
    ui.emergency.appendChild(phoneList(strings.helplines));
    if (intake) showProgress(intake, false);
  }

  function phoneList(lines) {
    var list = el('ul', { class: 'doorway-phones' });
    lines.forEach(function (line) {
      var link = el('a', { href: line.tel });
      link.appendChild(el('span', { class: 'doorway-number' }, line.number));
      link.appendChild(document.createTextNode(' '));
      link.appendChild(el('span', { class: 'doorway-label' }, line.label));
      var item = el('li');
      item.appendChild(link);
      list.appendChild(item);
    });
    return list;
  }

  /* ---------- opening, closing, controls ---------- */

  function open(moveFocus) {
    ui.panel.hidden = false;
    if (ui.launcher) {
      ui.launcher.setAttribute('aria-expanded', 'true');
      ui.launcher.parentNode.classList.add('doorway-open');
      writeStorage(openKey, '1');
    }
    start().then(function () {
      if (moveFocus) focusSendBox();
    });
  }

  function close() {
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.parentNode.classList.remove('doorway-open');
    writeStorage(openKey, '0');
    ui.launcher.focus();
  }

  function toggleEmergency() {
    var show = ui.emergency.hidden;
    ui.emergency.hidden = !show;
    ui.emergencyToggle.setAttribute('aria-expanded', String(show));
  }

  function startOver() {
    if (!chat) return;
    var label = strings.text.startOver;
    // The stable id goes in `value`; the agent asks to confirm before clearing anything.
    chat.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE_BACK', payload: { value: 'global.restart', text: label, displayText: label } });
  }

  function focusSendBox() {
    var input = ui.chat.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
  }

  /* ---------- Web Chat and Direct Line ---------- */

  function start() {
    if (!starting) {
      starting = Promise.all([getJson('/api/widget-config'), loadWebChat()])
        .then(function (results) {
          return connect(results[0], results[1]);
        })
        .then(function (connected) {
          chat = connected;
          render();
        })
        .catch(function (error) {
          console.error('Doorway: could not connect to the chat.', error);
          showStatus(strings.text.connectionFailed, 'error');
          starting = null;
        });
    }
    return starting;
  }

  /** Reopens the conversation saved for this tab if its token still opens it; otherwise starts one. */
  function connect(config, WebChat) {
    var domain = config.domain || origin + '/v3/directline';
    var saved = readSession();
    var usable = saved && saved.mode === config.mode && saved.domain === domain;
    return (usable ? stillOpen(domain, saved) : Promise.resolve(false))
      .then(function (resume) {
        if (resume) return { session: saved, resume: true };
        return postJson(config.tokenPath).then(function (issued) {
          var session = {
            mode: config.mode,
            domain: domain,
            conversationId: issued.conversationId,
            token: issued.token,
            // Azure seals a user id into the token; our own service lets the page choose one.
            userId: issued.userId || 'u_' + randomId()
          };
          writeStorage(sessionKey, JSON.stringify(session));
          return { session: session, resume: false };
        });
      })
      .then(function (result) {
        var options = {
          token: result.session.token,
          domain: domain,
          webSocket: true,
          conversationStartProperties: { locale: requestedLocale }
        };
        if (result.resume) options.conversationId = result.session.conversationId;
        // Web Chat passes no WebSocket option on, but Direct Line takes the global one when it is
        // made; so the watched one is in place only for that moment, and the page's is put back.
        var Native = window.WebSocket;
        var directLine;
        window.WebSocket = watchedWebSocket(Native);
        try {
          directLine = WebChat.createDirectLine(options);
        } finally {
          window.WebSocket = Native;
        }
        var store = WebChat.createStore({}, middleware);
        keepTokenFresh(directLine, result.session);
        return { WebChat: WebChat, directLine: directLine, store: store, session: result.session };
      });
  }

  function stillOpen(domain, session) {
    return fetch(domain + '/conversations/' + encodeURIComponent(session.conversationId), { headers: { Authorization: 'Bearer ' + session.token } })
      .then(function (response) {
        return response.ok;
      })
      .catch(function () {
        return false;
      });
  }

  // Direct Line renews the token itself; saving the renewed one lets a reload an hour later resume.
  function keepTokenFresh(directLine, session) {
    var save = function () {
      if (typeof directLine.token === 'string' && directLine.token !== session.token) {
        session.token = directLine.token;
        writeStorage(sessionKey, JSON.stringify(session));
      }
    };
    setInterval(save, 60000);
    window.addEventListener('pagehide', save);
  }

  function render() {
    chat.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        userID: chat.session.userId,
        locale: strings.webChatLocale,
        styleOptions: styleOptions()
      },
      ui.chat
    );
  }

  function styleOptions() {
    return {
      accent: color,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "WenQuanYi Zen Hei", sans-serif',
      backgroundColor: '#ffffff',
      subtle: '#545b62',
      bubbleBackground: '#eef1f3',
      bubbleBorderWidth: 0,
      bubbleBorderRadius: 12,
      bubbleFromUserBackground: color,
      bubbleFromUserTextColor: textColor,
      bubbleFromUserBorderWidth: 0,
      bubbleFromUserBorderRadius: 12,
      bubbleMinHeight: 0,
      bubbleMaxWidth: 560,
      hideUploadButton: true,
      sendBoxButtonColor: color,
      sendBoxHeight: 52,
      suggestedActionLayout: 'flow',
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: color,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderRadius: 20,
      suggestedActionTextColor: color,
      suggestedActionHeight: 40
    };
  }

  /** Web Chat's store middleware: where progress, language and connection changes are seen. */
  function middleware() {
    return function (next) {
      return function (action) {
        var payload = action.payload || {};
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && payload.activity) {
          // The browser's own language goes with every message; the agent maps it onto the agency's.
          return next(Object.assign({}, action, { payload: Object.assign({}, payload, { activity: Object.assign({}, payload.activity, { locale: requestedLocale }) }) }));
        }
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && payload.activity) onActivity(payload.activity);
        if (action.type === 'DIRECT_LINE/UPDATE_CONNECTION_STATUS' || action.type === 'DIRECT_LINE/CONNECTION_STATUS_UPDATE') {
          onConnectionStatus(payload.connectionStatus);
        }
        return next(action);
      };
    };
  }

  function onActivity(activity) {
    if (!activity.from || activity.from.role !== 'bot' || activity.type !== 'message') return;
    var found = activity.channelData && activity.channelData.intake;
    if (found && typeof found.progress === 'number') {
      intake = found;
      showProgress(found, true);
    }
    if (typeof activity.locale === 'string' && activity.locale !== strings.locale) switchLanguage(activity.locale);
  }

  function switchLanguage(locale) {
    var request = ++localeRequest;
    getJson('/api/widget-strings?locale=' + encodeURIComponent(locale))
      .then(function (loaded) {
        if (request !== localeRequest || loaded.locale === strings.locale) return;
        strings = loaded;
        applyStrings();
        render();
      })
      .catch(function () {
        // Keep the words we have; the conversation itself goes on in the new language.
      });
  }

  function showProgress(found, announce) {
    var percent = Math.round(Math.max(0, Math.min(1, found.progress)) * 100);
    var stage = strings.stages[found.stage] || '';
    var text = fill(strings.text.progress, { stage: stage, percent: percent });
    ui.progress.hidden = false;
    ui.progressText.textContent = text;
    ui.progressFill.style.width = percent + '%';
    ui.progressBar.setAttribute('aria-valuenow', String(percent));
    ui.progressBar.setAttribute('aria-valuetext', text);
    if (found.reference) {
      ui.reference.hidden = false;
      ui.reference.textContent = fill(strings.text.reference, { reference: found.reference });
    }
    if (announce && found.stage !== lastStage) ui.stageAnnouncer.textContent = text;
    lastStage = found.stage;
  }

  /*
   * Direct Line reopens a dropped stream by itself without changing its connection status, so the
   * stream's own open and close events (and the browser's offline and online) say when the line
   * is lost and back; the status still tells when it gives up.
   */
  function watchedWebSocket(Native) {
    function Watched(url, protocols) {
      var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
      ws.addEventListener('open', onStreamOpen);
      ws.addEventListener('close', onStreamClose);
      return ws;
    }
    Watched.prototype = Native.prototype;
    ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (name) {
      Watched[name] = Native[name];
    });
    return Watched;
  }

  function onStreamOpen() {
    streamOpen = true;
    wasOnline = true;
    if (lost) connectionBack();
  }

  function onStreamClose() {
    streamOpen = false;
    if (wasOnline && !leaving) connectionLost();
  }

  window.addEventListener('pagehide', function () {
    leaving = true;
  });
  window.addEventListener('offline', function () {
    if (wasOnline) connectionLost();
  });
  window.addEventListener('online', function () {
    if (lost && streamOpen) connectionBack();
  });

  function onConnectionStatus(status) {
    if (status === CONNECTING && wasOnline) connectionLost();
    else if (status === ONLINE && lost && streamOpen) connectionBack();
    else if (status === FAILED || status === EXPIRED || status === ENDED) {
      lost = wasOnline;
      showStatus(strings.text.connectionFailed, 'error');
    }
  }

  function connectionLost() {
    if (lost) return;
    lost = true;
    showStatus(strings.text.connectionLost, 'warn');
  }

  function connectionBack() {
    lost = false;
    showStatus(strings.text.connectionBack, 'ok', 8000);
  }

  function showStatus(text, kind, hideAfterMs) {
    clearTimeout(statusTimer);
    ui.status.textContent = text;
    ui.status.className = 'doorway-status doorway-status-' + kind;
    if (hideAfterMs) {
      statusTimer = setTimeout(function () {
        ui.status.textContent = '';
        ui.status.className = 'doorway-status';
      }, hideAfterMs);
    }
  }

  /* ---------- small helpers ---------- */

  function loadWebChat() {
    if (window.WebChat && window.WebChat.renderWebChat) return Promise.resolve(window.WebChat);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = origin + '/web/webchat.js';
      tag.async = true;
      tag.onload = function () {
        if (window.WebChat) resolve(window.WebChat);
        else reject(new Error('Web Chat did not load'));
      };
      tag.onerror = function () {
        reject(new Error('Web Chat could not be downloaded'));
      };
      document.head.appendChild(tag);
    });
  }

  function addStylesheet() {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = origin + '/web/widget.css';
    document.head.appendChild(link);
  }

  function getJson(path) {
    return fetch(origin + path).then(json);
  }

  function postJson(path) {
    return fetch(origin + path, { method: 'POST' }).then(json);
  }

  function json(response) {
    if (!response.ok) throw new Error(response.url + ' answered ' + response.status);
    return response.json();
  }

  function readSession() {
    try {
      var saved = JSON.parse(readStorage(sessionKey) || 'null');
      return saved && typeof saved.token === 'string' && typeof saved.conversationId === 'string' ? saved : null;
    } catch (error) {
      return null;
    }
  }

  // Private browsing can refuse storage; the chat then simply starts afresh after a reload.
  function readStorage(key) {
    try {
      return window.sessionStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function writeStorage(key, value) {
    try {
      window.sessionStorage.setItem(key, value);
    } catch (error) {
      // See readStorage.
    }
  }

  function fill(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  function cssColor(value, fallback) {
    return value && window.CSS && CSS.supports('color', value) ? value : fallback;
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function icon(path) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'doorway-icon');
    var shape = document.createElementNS(ns, 'path');
    shape.setAttribute('d', path);
    svg.appendChild(shape);
    return svg;
  }

  function uid(name) {
    nextId += 1;
    return 'doorway-' + name + '-' + nextId;
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (byte) {
        return byte.toString(16).padStart(2, '0');
      })
      .join('');
  }
})();
