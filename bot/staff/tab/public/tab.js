/* The intake queue tab. Runs in Teams: teams-js v2 gives the theme, the locale and an SSO token;
   the server validates the token before it returns any intake. Everything a person typed is set
   with textContent, never as HTML. */
(function () {
  'use strict';
  var teams = window.microsoftTeams;
  var labels = {};
  var state = { intakes: [], filter: 'all', selected: null, locale: 'en' };

  function say(id, params) {
    var text = labels[id] || id;
    Object.keys(params || {}).forEach(function (name) { text = text.split('{' + name + '}').join(String(params[name])); });
    return text;
  }

  /** A pressed button is stored as its id and shown by its label; typed words stay as typed. */
  function answer(value) {
    return value && labels['choice.' + value] ? labels['choice.' + value] : value;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function showMessage(text) {
    var message = document.getElementById('message');
    message.textContent = text;
    message.hidden = false;
  }

  function when(iso) {
    return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  function renderFilters() {
    var nav = document.getElementById('filters');
    nav.textContent = '';
    ['all', 'open', 'taken', 'contacted', 'cancelled'].forEach(function (status) {
      var count = state.intakes.filter(function (i) { return status === 'all' || i.status === status; }).length;
      var button = el('button', { type: 'button', 'aria-pressed': String(state.filter === status), 'data-status': status,
        text: (status === 'all' ? say('staff.tab.all') : say('staff.tab.status.' + status)) + ' (' + count + ')' });
      button.addEventListener('click', function () { state.filter = status; render(); });
      nav.appendChild(button);
    });
  }

  function renderQueue() {
    var list = document.getElementById('queue');
    list.textContent = '';
    var shown = state.intakes.filter(function (i) { return state.filter === 'all' || i.status === state.filter; });
    if (shown.length === 0) list.appendChild(el('li', { text: say('staff.tab.empty') }));
    shown.forEach(function (intake) {
      var record = intake.record;
      var button = el('button', { type: 'button', 'data-reference': intake.reference, 'aria-current': String(state.selected === intake.reference) }, [
        el('strong', { text: intake.reference }),
        el('div', { text: say('category.' + (record.request.category || 'other')) + (record.request.urgency ? ' · ' + say('choice.urgency.' + record.request.urgency) : '') }),
        el('div', { class: 'status', text: say('staff.tab.status.' + intake.status) + ' · ' + when(intake.createdAt) })
      ]);
      button.addEventListener('click', function () { state.selected = intake.reference; render(); });
      list.appendChild(el('li', {}, [button]));
    });
  }

  function row(list, label, value, quoted) {
    if (value === undefined || value === null || value === '') return;
    list.appendChild(el('dt', { text: label }));
    list.appendChild(el('dd', { text: value, class: quoted ? 'quote' : '' }));
  }

  function renderDetail() {
    var detail = document.getElementById('detail');
    detail.textContent = '';
    var intake = state.intakes.filter(function (i) { return i.reference === state.selected; })[0];
    if (!intake) return;
    var r = intake.record;
    var list = el('dl');
    row(list, say('staff.card.reference'), intake.reference);
    row(list, say('staff.card.category'), r.request.category && say('category.' + r.request.category));
    row(list, say('staff.card.urgency'), r.request.urgency && say('choice.urgency.' + r.request.urgency));
    row(list, say('staff.card.forWhom'), r.route.forWhom && say('choice.route.' + r.route.forWhom));
    row(list, say('staff.card.initiative'), r.route.initiative && say('choice.route.' + r.route.initiative));
    row(list, say('staff.card.words'), r.request.words, true);
    row(list, say('staff.card.since'), answer(r.request.since), true);
    row(list, say('staff.card.goal'), r.request.goal, true);
    row(list, say('staff.card.tried'), answer(r.request.triedBefore), true);
    row(list, say('staff.card.strengths'), (r.strengths || []).map(answer).join('\n'), true);
    row(list, say('staff.card.resources'), (r.resources || []).map(function (x) {
      return answer(x.who) + ' (' + say('choice.tie.' + x.tie) + '; ' + x.kinds.map(function (k) { return say('choice.support.' + k); }).join(', ') + ')';
    }).join('\n'), true);
    row(list, say('staff.card.area'), r.area && (r.area.matched || r.area.input));
    row(list, say('staff.card.name'), r.contact && r.contact.name, true);
    row(list, say('staff.card.contact'), r.contact && r.contact.detail, true);
    row(list, say('staff.card.booking'), r.booking && when(r.booking.start) + ', ' + r.booking.place);
    row(list, say('staff.card.referrals'), (r.referrals || []).map(function (x) { return x.name; }).join('\n'));
    row(list, say('staff.card.narrative'), r.narrative && [r.narrative.purpose, r.narrative.course, r.narrative.assessment, r.narrative.suggestions].join('\n\n'));
    detail.appendChild(el('h2', { text: intake.reference }));
    detail.appendChild(list);
    if (intake.ecoMapUrl) detail.appendChild(el('img', { src: intake.ecoMapUrl, alt: say('staff.card.ecoMap'), id: 'eco-map' }));
  }

  function table(caption, head, rows) {
    return el('table', {}, [
      el('caption', { text: caption }),
      el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', {}, rows.map(function (cells) { return el('tr', {}, cells.map(function (c) { return el('td', { text: String(c) }); })); }))
    ]);
  }

  function renderDashboard(dashboard) {
    var section = document.getElementById('dashboard');
    Array.prototype.slice.call(section.querySelectorAll('table, p')).forEach(function (node) { node.remove(); });
    section.appendChild(table(say('staff.tab.perCategoryWeek'), [say('staff.tab.week'), say('staff.card.category'), say('staff.tab.count')],
      dashboard.perCategoryWeek.map(function (x) { return [x.week, say('category.' + x.category), x.count]; })));
    section.appendChild(el('p', { id: 'after-hours', text: say('staff.tab.afterHours') + ': ' + Math.round(dashboard.afterHoursShare * 100) + ' %' }));
    section.appendChild(table(say('staff.tab.outcomes'), ['', say('staff.tab.count')],
      Object.keys(dashboard.outcomes).map(function (k) { return [k, dashboard.outcomes[k]]; })));
    section.appendChild(table(say('staff.tab.leftAt'), ['', say('staff.tab.count')],
      dashboard.leftAt.map(function (x) { return [x.stage, x.count]; })));
  }

  function render() {
    renderFilters();
    renderQueue();
    renderDetail();
  }

  function applyLabels() {
    Array.prototype.slice.call(document.querySelectorAll('[data-label]')).forEach(function (node) {
      node.textContent = say(node.getAttribute('data-label'));
    });
    document.title = say('staff.tab.title');
  }

  async function start() {
    await teams.app.initialize();
    var context = await teams.app.getContext();
    state.locale = (context.app && context.app.locale) || navigator.language;
    document.documentElement.lang = state.locale;
    document.body.className = 'theme-' + ((context.app && context.app.theme) || 'default');
    var labelResponse = await fetch('/api/tab/labels');
    labels = (await labelResponse.json()).labels;
    applyLabels();
    var token = await teams.authentication.getAuthToken();
    var response = await fetch('/api/tab/intakes', { headers: { Authorization: 'Bearer ' + token } });
    if (response.status === 401) return showMessage(say('staff.tab.unauthorized'));
    var data = await response.json();
    state.intakes = data.intakes;
    state.selected = state.intakes.length > 0 ? state.intakes[0].reference : null;
    render();
    renderDashboard(data.dashboard);
    document.body.setAttribute('data-ready', 'true');
  }

  start().catch(function (error) {
    showMessage(say('staff.tab.unauthorized') + ' (' + (error && error.message ? error.message : String(error)) + ')');
  });
})();
