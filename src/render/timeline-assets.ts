/**
 * The inline CSS and script of the HTML reports. The timeline is drawn on a canvas, culled to the
 * visible range, so a 10,000-op history stays smooth; hover hit-testing is a binary search per lane.
 * Written as plain ES2017 in a string (no bundler, no network): the report is one file.
 */

export const REPORT_CSS = String.raw`
:root { --ok: #6DB6FE; --info: #FFAA26; --fail: #FEB5DA; --hl: #D62728; --ink: #1d232b; --muted: #5b6673; --line: #e3e7ec; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
header { padding: 16px 24px 12px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 0 0 8px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; margin-right: 8px; }
.badge.bad { background: #fde2e2; color: #9b1c1c; } .badge.good { background: #dcf5e3; color: #16653a; } .badge.unknown { background: #fff1d6; color: #8a5200; }
.meta { color: var(--muted); font-size: 13px; }
main { padding: 16px 24px; display: grid; gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.row { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(320px, 1fr); gap: 16px; }
@media (max-width: 900px) { .row { grid-template-columns: 1fr; } }
pre.words { white-space: pre-wrap; margin: 0; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.graph { overflow: auto; max-height: 520px; text-align: center; }
.graph svg { max-width: 100%; height: auto; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.toolbar button { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid #c9d1d9; background: #f6f8fa; border-radius: 6px; cursor: pointer; }
.toolbar button:hover { background: #eaeef2; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin-left: auto; flex-wrap: wrap; }
.legend i { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
#timeline-wrap { position: relative; overflow-y: auto; max-height: 70vh; border: 1px solid var(--line); border-radius: 6px; }
#timeline { display: block; width: 100%; cursor: grab; position: sticky; top: 0; }
#timeline.dragging { cursor: grabbing; }
#tip { position: fixed; pointer-events: none; background: #1d232b; color: #fff; padding: 8px 10px; border-radius: 6px; font-size: 12px; white-space: pre-wrap; max-width: 460px; display: none; z-index: 10; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
#tip b { color: #9fd0ff; }
table.ops { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 12px; }
table.ops td, table.ops th { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); }
ol.order { margin: 0; padding-left: 28px; columns: 3 260px; font-size: 13px; }
.hint { color: var(--muted); font-size: 12px; }
svg text { font-family: Helvetica, Arial, sans-serif; }
`;

/** Reads the JSON in #timeline-data and draws it on #timeline. */
export const TIMELINE_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('timeline-data').textContent);
  var canvas = document.getElementById('timeline');
  var wrap = canvas.parentElement;
  var spacer = document.getElementById('timeline-spacer');
  var tip = document.getElementById('tip');
  var ctx = canvas.getContext('2d');
  var ROW = 26, TOP = 26, LEFT = 92, BAR = 16;
  var COLOURS = ['#6DB6FE', '#FFAA26', '#FEB5DA'];
  var STATUS = ['ok', 'indeterminate', 'failed'];
  var span = data.max - data.min;
  var openEnd = data.max + Math.max(1, span * 0.02);
  var lanes = data.lanes.map(function () { return []; });
  var byId = {};
  data.ops.forEach(function (op) { lanes[op.l].push(op); byId[op.i] = op; });
  lanes.forEach(function (lane) { lane.sort(function (a, b) { return a.c - b.c; }); });
  var endOf = function (op) { return op.r === null ? openEnd : op.r; };
  // Where each op of the drawn order takes effect: as early as possible, never before the previous one.
  var points = [];
  var last = -Infinity;
  data.order.forEach(function (id) {
    var op = byId[id]; if (!op) return;
    var x = Math.min(Math.max(op.c + 0.5 * Math.min(1, endOf(op) - op.c), last), endOf(op));
    last = x; points.push({ x: x, op: op });
  });
  // The canvas is only as tall as the visible part (sticky at the top of the scrolling wrap); a
  // spacer gives the wrap its full height, and only the lanes in view are drawn, so thousands of
  // processes stay within the browser's canvas limits.
  var width = 0, fullHeight = TOP + data.lanes.length * ROW + 8, height = fullHeight, scroll = 0;
  function laneY(l) { return TOP + l * ROW - scroll; }
  function firstLane() { return Math.max(0, Math.floor(scroll / ROW)); }
  function lastLane() { return Math.min(lanes.length - 1, Math.floor((scroll + height - TOP) / ROW)); }
  var view = { from: data.min - span * 0.01, to: openEnd + span * 0.01 };
  var hovered = null;

  function resize() {
    var dpr = window.devicePixelRatio || 1;
    width = wrap.clientWidth;
    height = Math.min(fullHeight, Math.max(200, Math.floor(window.innerHeight * 0.7) - 2));
    spacer.style.height = (fullHeight - height) + 'px';
    scroll = wrap.scrollTop;
    canvas.style.height = height + 'px';
    canvas.width = Math.floor(width * dpr); canvas.height = Math.floor(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }
  function sx(t) { return LEFT + (t - view.from) / (view.to - view.from) * (width - LEFT - 8); }
  function tx(x) { return view.from + (x - LEFT) / (width - LEFT - 8) * (view.to - view.from); }

  function draw() {
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px Helvetica, Arial, sans-serif';
    ctx.textBaseline = 'middle';
    var first = firstLane(), last = lastLane();
    ctx.save();
    ctx.beginPath(); ctx.rect(0, TOP, width, height - TOP); ctx.clip();
    for (var l = first; l <= last; l++) {
      if (l % 2 === 0) { ctx.fillStyle = '#f7f9fb'; ctx.fillRect(LEFT, laneY(l), width - LEFT, ROW); }
    }
    ctx.restore();
    drawAxis(first, last);
    ctx.save();
    ctx.beginPath(); ctx.rect(LEFT, TOP - 4, width - LEFT, height - TOP + 4); ctx.clip();
    var px = (width - LEFT - 8) / (view.to - view.from);
    for (l = first; l <= last; l++) {
      var laneOps = lanes[l], yTop = laneY(l) + (ROW - BAR) / 2;
      for (var k = 0; k < laneOps.length; k++) {
        var op = laneOps[k];
        if (endOf(op) < view.from || op.c > view.to) continue;
        var x0 = sx(op.c), x1 = Math.max(sx(endOf(op)), x0 + 2);
        ctx.fillStyle = COLOURS[op.s];
        if (op.r === null) {
          var grad = ctx.createLinearGradient(x0, 0, x1, 0);
          grad.addColorStop(0, COLOURS[op.s]); grad.addColorStop(1, 'rgba(255,170,38,0.08)');
          ctx.fillStyle = grad;
        }
        ctx.fillRect(x0, yTop, x1 - x0, BAR);
        if (op.f & 3) {
          ctx.strokeStyle = '#D62728'; ctx.lineWidth = op.f & 2 ? 3 : 2;
          ctx.strokeRect(x0 + 1, yTop + 1, x1 - x0 - 2, BAR - 2);
        } else if (op.f & 4) {
          ctx.save(); ctx.setLineDash([4, 3]); ctx.strokeStyle = '#777777'; ctx.lineWidth = 1.5;
          ctx.strokeRect(x0 + 1, yTop + 1, x1 - x0 - 2, BAR - 2); ctx.restore();
        } else if (op === hovered) {
          ctx.strokeStyle = '#1d232b'; ctx.lineWidth = 1.5; ctx.strokeRect(x0 + 0.5, yTop + 0.5, x1 - x0 - 1, BAR - 1);
        }
        var label = op.t + (op.f & 2 ? '  \u2717' : '');
        if (x1 - x0 > 30) {
          ctx.fillStyle = '#1d232b';
          var room = x1 - x0 - 8, text = label;
          if (ctx.measureText(text).width > room) {
            while (text.length > 1 && ctx.measureText(text + '\u2026').width > room) text = text.slice(0, -1);
            text += '\u2026';
          }
          ctx.fillText(text, x0 + 4, yTop + BAR / 2 + 0.5);
        }
      }
    }
    drawOrder(px);
    ctx.restore();
  }

  function drawAxis(first, last) {
    ctx.save();
    ctx.beginPath(); ctx.rect(0, TOP, LEFT, height - TOP); ctx.clip();
    ctx.fillStyle = '#5b6673';
    for (var l = first; l <= last; l++) {
      var name = 'process ' + data.lanes[l];
      ctx.fillText(name.length > 13 ? name.slice(0, 12) + '\u2026' : name, 6, laneY(l) + ROW / 2);
    }
    ctx.restore();
    var range = view.to - view.from, step = Math.pow(10, Math.floor(Math.log10(range / 8)));
    if (range / step > 16) step *= 5; else if (range / step > 8) step *= 2;
    ctx.strokeStyle = '#e3e7ec'; ctx.lineWidth = 1;
    for (var t = Math.ceil(view.from / step) * step; t <= view.to; t += step) {
      var x = Math.round(sx(t)) + 0.5;
      if (x < LEFT) continue;
      ctx.beginPath(); ctx.moveTo(x, TOP - 6); ctx.lineTo(x, height); ctx.stroke();
      ctx.fillStyle = '#5b6673'; ctx.fillText(String(Math.round(t * 100) / 100), x + 3, 11);
    }
  }

  function drawOrder(px) {
    if (points.length === 0) return;
    // Thin out the path when zoomed far out: one vertex per pixel column is all the eye sees.
    ctx.strokeStyle = 'rgba(29,35,43,0.75)'; ctx.lineWidth = 1.5; ctx.beginPath();
    var lastX = -1e9, started = false;
    for (var k = 0; k < points.length; k++) {
      var p = points[k], x = sx(p.x), y = laneY(p.op.l) + ROW / 2;
      if (x < LEFT - 2000 || x > width + 2000) { started = false; continue; }
      if (started && Math.abs(x - lastX) < 0.5 && k < points.length - 1) continue;
      if (!started) { ctx.moveTo(x, y); started = true; } else ctx.lineTo(x, y);
      lastX = x;
    }
    ctx.stroke();
    if (px * (view.to - view.from) / Math.max(1, points.length) > 3 || points.length < 400) {
      ctx.fillStyle = '#1d232b';
      for (k = 0; k < points.length; k++) {
        var q = points[k], qx = sx(q.x);
        if (qx < LEFT || qx > width) continue;
        ctx.beginPath(); ctx.arc(qx, laneY(q.op.l) + ROW / 2, 2.5, 0, 6.3); ctx.fill();
      }
    }
    var failing = data.ops.filter(function (op) { return op.f & 2; })[0];
    if (failing) {
      var fx = sx(points.length ? Math.max(points[points.length - 1].x, failing.c) : failing.c), fy = laneY(failing.l) + ROW / 2;
      ctx.strokeStyle = '#D62728'; ctx.lineWidth = 2.5; ctx.beginPath();
      ctx.moveTo(fx - 5, fy - 5); ctx.lineTo(fx + 5, fy + 5); ctx.moveTo(fx + 5, fy - 5); ctx.lineTo(fx - 5, fy + 5); ctx.stroke();
    }
  }

  function opAt(x, y) {
    if (y < TOP) return null;
    var l = Math.floor((y - TOP + scroll) / ROW);
    if (l < 0 || l >= lanes.length || x < LEFT) return null;
    var t = tx(x), laneOps = lanes[l], lo = 0, hi = laneOps.length - 1, best = -1;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (laneOps[mid].c <= t) { best = mid; lo = mid + 1; } else hi = mid - 1; }
    var slack = 3 * (view.to - view.from) / (width - LEFT);
    for (var k = best; k >= 0 && k >= best - 3; k--) if (endOf(laneOps[k]) + slack >= t) return laneOps[k];
    if (best + 1 < laneOps.length && laneOps[best + 1].c - slack <= t) return laneOps[best + 1];
    return null;
  }

  function esc(s) { return String(s).replace(/[&<>]/g, function (c) { return c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'; }); }
  function showTip(op, ev) {
    var head = '<b>#' + op.i + ' ' + esc(op.t) + '</b>  process ' + esc(data.lanes[op.l]) + '\n' + STATUS[op.s] +
      ', called at ' + op.c + (op.r === null ? ', never returned' : ', returned at ' + op.r) +
      (op.f & 2 ? '\n\u2717 the failing op' : op.f & 1 ? '\nin the minimal core' : op.f & 4 ? '\nnamed by the explanation: outside the core, it may or may not have taken effect' : '');
    tip.innerHTML = head + (op.h ? '\n' + esc(op.h) : '');
    tip.style.display = 'block';
    var left = ev.clientX + 14, top = ev.clientY + 14;
    if (left + tip.offsetWidth > window.innerWidth - 8) left = ev.clientX - tip.offsetWidth - 14;
    if (top + tip.offsetHeight > window.innerHeight - 8) top = ev.clientY - tip.offsetHeight - 14;
    tip.style.left = left + 'px'; tip.style.top = top + 'px';
  }

  var drag = null;
  canvas.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, from: view.from, to: view.to }; canvas.classList.add('dragging'); });
  window.addEventListener('mouseup', function () { drag = null; canvas.classList.remove('dragging'); });
  canvas.addEventListener('mousemove', function (ev) {
    var rect = canvas.getBoundingClientRect();
    if (drag) {
      var dt = (ev.clientX - drag.x) / (width - LEFT - 8) * (drag.to - drag.from);
      view.from = drag.from - dt; view.to = drag.to - dt; tip.style.display = 'none'; draw(); return;
    }
    var op = opAt(ev.clientX - rect.left, ev.clientY - rect.top);
    if (op !== hovered) { hovered = op; draw(); }
    if (op) showTip(op, ev); else tip.style.display = 'none';
  });
  canvas.addEventListener('mouseleave', function () { tip.style.display = 'none'; if (hovered) { hovered = null; draw(); } });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), t = tx(ev.clientX - rect.left);
    if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) { var d = (ev.shiftKey ? ev.deltaY : ev.deltaX) / (width - LEFT) * (view.to - view.from); view.from += d; view.to += d; }
    else zoom(Math.exp(ev.deltaY * 0.0015), t);
  }, { passive: false });
  function zoom(factor, at) {
    var minSpan = 4;
    var newSpan = Math.max(minSpan, (view.to - view.from) * factor);
    var ratio = (at - view.from) / (view.to - view.from);
    view.from = at - ratio * newSpan; view.to = view.from + newSpan; draw();
  }
  function fit(from, to) { var pad = Math.max(1, (to - from) * 0.05); view.from = from - pad; view.to = to + pad; draw(); }
  window.stateright = {
    fitAll: function () { fit(data.min, openEnd); },
    fitCore: function () {
      var core = data.ops.filter(function (op) { return op.f; });
      if (core.length === 0) return;
      // A core cut short by the time bound can span the whole history: show the failing op's
      // neighbourhood instead (its 20 nearest ops in time).
      if (core.length > 200) {
        var failing = core.filter(function (op) { return op.f & 2; })[0];
        if (failing) {
          var near = data.ops.slice().sort(function (a, b) { return Math.abs(a.c - failing.c) - Math.abs(b.c - failing.c); }).slice(0, 20);
          core = near.concat([failing]);
        }
      }
      fit(Math.min.apply(null, core.map(function (op) { return op.c; })), Math.max.apply(null, core.map(function (op) { return op.r === null ? op.c + 2 : op.r; })));
    },
    zoomIn: function () { zoom(0.5, (view.from + view.to) / 2); },
    zoomOut: function () { zoom(2, (view.from + view.to) / 2); },
    view: view,
    pointOf: function (id) {
      var op = byId[id]; if (!op) return null;
      if (op.l < firstLane() + 1 || op.l > lastLane() - 1) { wrap.scrollTop = Math.max(0, op.l * ROW - (height - TOP) / 2); scroll = wrap.scrollTop; draw(); }
      wrap.scrollIntoView({ block: 'nearest' });
      var r = canvas.getBoundingClientRect();
      return { x: r.left + (sx(op.c) + Math.min(sx(endOf(op)), width - 4)) / 2, y: r.top + laneY(op.l) + ROW / 2 };
    },
  };
  document.querySelectorAll('[data-action]').forEach(function (b) { b.addEventListener('click', function () { window.stateright[b.getAttribute('data-action')](); }); });
  window.addEventListener('resize', resize);
  wrap.addEventListener('scroll', function () {
    if (wrap.scrollTop === scroll) return; // already drawn (pointOf scrolls and draws at once)
    scroll = wrap.scrollTop; tip.style.display = 'none'; draw();
  });
  resize();
  if (data.ops.some(function (op) { return op.f; }) && data.ops.length > 60) window.stateright.fitCore();
})();
`;
