/* global document, location, fetch, window, setTimeout, clearTimeout */
/*
 * The Explorer page. Plain ES2017, no framework and no network beyond this server.
 * The path lives in the URL hash (#/steps/<init>/<action>/..., as in Stateright's Explorer), so
 * links are shareable and the browser's back/forward buttons walk the path. Everything about a
 * state comes from GET /.view/<path>; the background check's progress from GET /.progress.
 */
(function () {
  'use strict';
  var el = function (id) { return document.getElementById(id); };
  var view = null;        // the last /.view answer
  var progress = null;    // the last /.progress answer
  var selected = 0;       // the chosen action (keyboard)
  var pollTimer = null;
  var loadSeq = 0;

  function make(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function hashOf(path) { return '#/steps' + (path === '' ? '' : '/' + path); }

  /** The path in the URL hash ('' at the root), or null when the hash is not a path. */
  function currentPath() {
    var h = decodeURIComponent(location.hash || '');
    if (h === '' || h === '#' || h === '#/' || h === '#/steps' || h === '#/steps/') return '';
    var m = /^#\/steps\/([0-9]+(?:\/[0-9]+)*)\/?$/.exec(h);
    return m ? m[1] : null;
  }

  function go(path) {
    if (location.hash !== hashOf(path)) location.hash = hashOf(path);
  }

  function parent(path) {
    var i = path.lastIndexOf('/');
    return i < 0 ? '' : path.slice(0, i);
  }

  // ---- the state ----------------------------------------------------------------------------

  function load() {
    var path = currentPath();
    var seq = ++loadSeq;
    if (path === null) { showError('Not a path: ' + location.hash + ' (expected #/steps/0/1/2)'); return; }
    fetch('/.view' + (path === '' ? '' : '/' + path)).then(function (r) {
      return r.text().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (seq !== loadSeq) return; // a later navigation won
      if (!res.ok) { showError(res.body); return; }
      view = JSON.parse(res.body);
      selected = firstEnabled(0, 1);
      render();
    }).catch(function (e) { if (seq === loadSeq) showError('The Explorer server does not answer (' + e + ').'); });
  }

  function showError(text) {
    view = null;
    el('error').hidden = false;
    el('error').textContent = text;
    clear(el('actions')); clear(el('system')); el('state').textContent = '';
    el('chart-card').hidden = true; el('history-card').hidden = true;
  }

  function render() {
    el('error').hidden = true;
    renderBreadcrumbs();
    renderActions();
    renderProperties();
    renderState();
    document.body.setAttribute('data-path', view.path); // (what is shown; tests wait on it)
  }

  function renderBreadcrumbs() {
    var nav = clear(el('breadcrumbs'));
    var steps = [{ label: 'Pre-init', path: '' }].concat(view.steps);
    // A lasso: crumb k + 1 shows the state of step k; the cycle starts at step view.cycle.start.
    var cycleCrumb = view.cycle ? view.cycle.start + 1 : -1;
    steps.forEach(function (s, k) {
      if (k > 0) nav.appendChild(make('span', { className: 'sep', text: '›' }));
      var label = (k === cycleCrumb ? '↻ ' : '') + s.label + (s.ignored ? ' (ignored)' : '');
      var crumb = k === steps.length - 1 ? make('span', { className: 'here', text: label, 'aria-current': 'step' }) : make('a', { href: hashOf(s.path), text: label });
      if (cycleCrumb >= 0 && k === cycleCrumb) crumb.classList.add('cycle-start');
      else if (cycleCrumb >= 0 && k > cycleCrumb) crumb.classList.add('in-cycle');
      nav.appendChild(crumb);
    });
    if (view.cycle) {
      nav.appendChild(make('span', { className: 'cycle-note', text: 'A lasso for "' + view.cycle.property + '": from step ' + view.cycle.start + ' (↻) the shaded steps repeat forever; this last state is the state of step ' + view.cycle.start + ' again.' }));
    }
  }

  function renderActions() {
    var list = clear(el('actions'));
    if (view.actions.length === 0) list.appendChild(make('li', { className: 'ignored', text: 'No actions: this state is terminal.' }));
    view.actions.forEach(function (a, k) {
      var path = view.path === '' ? String(a.actionIndex) : view.path + '/' + a.actionIndex;
      var li = make('li', { 'data-index': String(k) });
      if (a.ignored) {
        li.className = 'ignored';
        li.appendChild(make('span', { text: a.action }));
        li.appendChild(make('span', { className: 'note', text: '(ignored)' }));
      } else {
        li.appendChild(make('a', { href: hashOf(path), text: a.action }));
        if (a.outsideBoundary) li.appendChild(make('span', { className: 'note', text: '(outside the boundary: not explored)' }));
        if (a.outcome !== undefined) li.appendChild(make('details', {}, [make('summary', { text: 'outcome' }), make('pre', { text: a.outcome })]));
      }
      li.addEventListener('click', function () { selected = k; markSelected(); });
      list.appendChild(li);
    });
    markSelected();
  }

  function markSelected() {
    var items = el('actions').children;
    for (var i = 0; i < items.length; i++) items[i].classList.toggle('selected', i === selected && !!view && view.actions.length > 0);
  }

  function firstEnabled(from, direction) {
    if (!view) return 0;
    var n = view.actions.length;
    for (var k = 0; k < n; k++) {
      var i = ((from + direction * k) % n + n) % n;
      if (!view.actions[i].ignored) return i;
    }
    return Math.min(Math.max(from, 0), Math.max(n - 1, 0));
  }

  function renderState() {
    el('state-title').textContent = view.path === '' ? 'Choose an initial state' : 'Current state';
    el('state').textContent = view.state === undefined ? '' : view.state;
    el('state-details').hidden = view.state === undefined;
    var system = clear(el('system'));
    if (view.system) {
      var rows = view.system.actors.map(function (a) {
        return make('tr', { className: a.crashed ? 'crashed' : '' }, [
          make('th', { text: a.label + (a.crashed ? ' (crashed)' : '') }),
          make('td', { className: 'value', text: a.state }),
          make('td', { className: 'value', text: a.timers.length ? a.timers.join(', ') : '—' }),
          make('td', { className: 'value', text: a.storage === undefined ? '—' : a.storage }),
        ]);
      });
      system.appendChild(make('table', { className: 'system' }, [
        make('thead', {}, [make('tr', {}, [make('th', { text: 'actor' }), make('th', { text: 'state' }), make('th', { text: 'timers' }), make('th', { text: 'storage' })])]),
        make('tbody', {}, rows),
      ]));
      var msgs = view.system.network.messages;
      system.appendChild(make('h2', { text: 'Network (' + view.system.network.kind + '): ' + msgs.length + ' message' + (msgs.length === 1 ? '' : 's') + ' in flight' }));
      system.appendChild(make('ul', { className: 'network' }, msgs.map(function (m) { return make('li', { text: m.msg + '  ' + m.src + ' → ' + m.dst }); })));
    }
    el('chart-card').hidden = !view.chart;
    // The chart is SVG text made by the server from the model's own message formatting (escaped).
    el('chart').innerHTML = view.chart || '';
    var history = view.history;
    el('history-card').hidden = !history;
    if (history) {
      el('verdict').textContent = history.operations + ' operation' + (history.operations === 1 ? '' : 's') + ' so far: ' + history.verdicts.join('; ');
      var src = '/.timeline/' + view.path;
      var frame = el('timeline');
      // Replace the frame's page rather than navigate it: a frame navigation is a history entry
      // of its own, and the browser's back button would then step the frame, not the path.
      if (!frame.getAttribute('src')) frame.setAttribute('src', src);
      else if (frame.getAttribute('data-shown') !== src) frame.contentWindow.location.replace(src);
      frame.setAttribute('data-shown', src);
    }
  }

  // ---- properties and progress --------------------------------------------------------------

  // Plain symbols rather than emoji: they render without an emoji font.
  var ICON = { 'Counterexample found': '⚠', 'Counterexample found (a cycle)': '⚠', 'Example found': '✓', 'Safety holds': '✓', 'Liveness holds': '✓', 'Example not found': '⚠' };

  function renderProperties() {
    var list = clear(el('properties'));
    var props = view ? view.properties : [];
    if (props.length === 0) list.appendChild(make('li', { className: 'hint', text: 'This model has no properties.' }));
    props.forEach(function (p, i) {
      var summary = progress ? progress.summaries[i] : 'Searching';
      var found = progress && progress.discoveries ? progress.discoveries[i] : null;
      var discovery = progress ? (found ? found.discovery : null) : p.discovery;
      var cycleStart = found ? found.cycleStart : p.cycleStart;
      var icon = ICON[summary] || (/^Searching/.test(summary) ? '…' : '•');
      var li = make('li', { 'data-property': p.name }, [
        make('span', { className: 'prop-status', text: icon + ' ' + summary + ': ' }),
        make('span', { text: p.expectation + ' ' }),
        make('b', { text: p.name }),
      ]);
      if (p.here !== undefined) {
        var always = p.expectation === 'Always';
        var word = always ? (p.here ? 'holds here' : 'fails here') : (p.here ? 'true here' : 'false here');
        li.appendChild(make('span', { className: 'prop-here' + (always ? (p.here ? ' ok' : ' fails') : ''), text: word }));
      }
      if (discovery) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(make('a', { href: hashOf(discovery), className: 'discovery', text: 'Jump to discovery' }));
        li.appendChild(make('span', { className: 'hint', text: ' (' + discovery + (cycleStart !== undefined ? '; the cycle starts at step ' + cycleStart + ' and closes at the last state' : '') + ')' }));
      }
      list.appendChild(li);
    });
  }

  function poll() {
    fetch('/.progress').then(function (r) { return r.json(); }).then(function (p) {
      var before = progress ? JSON.stringify(progress.discoveries) + progress.phase : '';
      progress = p;
      el('model').textContent = p.model;
      el('phase').textContent = p.phase;
      el('phase').className = 'badge ' + p.phase;
      var rate = p.elapsed_ms > 0 ? Math.round(p.unique_state_count * 1000 / p.elapsed_ms) : 0;
      el('progress').textContent = 'states ' + p.state_count.toLocaleString('en-US') + ' · unique ' + p.unique_state_count.toLocaleString('en-US') +
        ' · max depth ' + p.max_depth + ' · pending ' + p.pending.toLocaleString('en-US') + ' · ' + rate.toLocaleString('en-US') + ' unique/s' +
        (p.phase === 'done' ? (p.complete ? ' · every state explored' : ' · stopped: every property has a discovery') : '');
      el('run').disabled = p.phase !== 'paused';
      el('pause').disabled = p.phase !== 'exploring';
      if (view && before !== JSON.stringify(p.discoveries) + p.phase) {
        renderProperties();
        // A lasso's cycle is marked once its verdict is known: show the path again if it is one.
        if (p.phase === 'done' && before !== '') load();
      }
      schedulePoll(p.phase === 'exploring' ? 1000 : 5000);
    }).catch(function () { schedulePoll(5000); });
  }
  function schedulePoll(ms) { clearTimeout(pollTimer); pollTimer = setTimeout(poll, ms); }

  function post(route) { fetch(route, { method: 'POST' }).then(function () { schedulePoll(0); }); }
  el('run').addEventListener('click', function () { post('/.runtocompletion'); });
  el('pause').addEventListener('click', function () { post('/.pause'); });

  // ---- keyboard and go-to-path --------------------------------------------------------------

  document.addEventListener('keydown', function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || ev.ctrlKey || ev.metaKey || ev.altKey || !view) return;
    if (ev.key === 'Enter' && (tag === 'A' || tag === 'BUTTON' || tag === 'SUMMARY')) return; // the browser follows it
    var n = view.actions.length;
    if ((ev.key === 'j' || ev.key === 'ArrowDown') && n > 0) { selected = firstEnabled((selected + 1) % n, 1); markSelected(); scrollToSelected(); ev.preventDefault(); }
    else if ((ev.key === 'k' || ev.key === 'ArrowUp') && n > 0) { selected = firstEnabled((selected - 1 + n) % n, -1); markSelected(); scrollToSelected(); ev.preventDefault(); }
    else if (ev.key === 'Enter' && n > 0 && !view.actions[selected].ignored) {
      go(view.path === '' ? String(view.actions[selected].actionIndex) : view.path + '/' + view.actions[selected].actionIndex);
      ev.preventDefault();
    } else if (ev.key === 'Backspace' && view.path !== '') { go(parent(view.path)); ev.preventDefault(); }
  });
  function scrollToSelected() {
    var item = el('actions').children[selected];
    if (item && item.scrollIntoView) item.scrollIntoView({ block: 'nearest' });
  }

  el('goto').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var text = el('goto-input').value.trim();
    var at = text.indexOf('#/steps');
    if (at >= 0) text = text.slice(at + 7);
    text = text.replace(/^\/+|\/+$/g, '');
    var error = el('goto-error');
    if (text !== '' && !/^[0-9]+(\/[0-9]+)*$/.test(text)) {
      error.hidden = false;
      error.textContent = 'A path is action indices separated by "/", e.g. 0/2/1 (got "' + el('goto-input').value.trim() + '").';
      return;
    }
    error.hidden = true;
    el('goto-input').blur();
    go(text);
  });

  window.addEventListener('hashchange', load);
  load();
  poll();
})();
