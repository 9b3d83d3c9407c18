// sitrep dashboard. Article text and every other value from the database is untrusted:
// it only ever reaches the page through textContent / DOM nodes, never innerHTML, and the
// server's Content-Security-Policy forbids inline script. Offsets from the API are
// Unicode code points, so text is sliced as Array.from(text), not by UTF-16 units.
'use strict';
(function () {
  const $ = (sel) => document.querySelector(sel);
  const state = { cursor: null, map: null, circles: null, plot: null, trend: [], selectedRow: null };
  const FILTERS = ['country', 'admin1', 'since', 'until', 'type', 'actor', 'min_fatalities', 'query'];

  // A DOM element with text children only (strings become text nodes).
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === 'class') e.className = v;
        else if (k === 'dataset') Object.assign(e.dataset, v);
        else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
        else e[k] = v;
      }
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function showError(msg) { $('#error').textContent = msg || ''; }

  async function api(path, params) {
    const qs = params ? new URLSearchParams(params).toString() : '';
    const r = await fetch('/api/' + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: 'unreadable answer (' + r.status + ')' }));
    if (!r.ok) {
      const err = new Error(body.error + (body.help ? ' — ' + body.help : ''));
      err.status = r.status;
      throw err;
    }
    return body;
  }

  function filters() {
    const f = {};
    const form = $('#filters');
    for (const k of FILTERS) {
      const v = (form.elements[k].value || '').trim();
      if (v !== '') f[k] = v;
    }
    return f;
  }

  const fmtDeaths = (n) => (n === null || n === undefined) ? el('span', { class: 'unknown' }, 'unknown') : String(n);

  // ---------- map ----------
  async function initMap() {
    const map = L.map('map', { attributionControl: false, worldCopyJump: true, zoomSnap: 0.5 }).setView([30, 30], 2);
    state.map = map;
    try {
      const topo = await (await fetch('/assets/vendor/world-atlas/countries-50m.json')).json();
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: '#8a9aa8', weight: 0.7, fillColor: '#f7f5ef', fillOpacity: 1 } }).addTo(map);
    } catch (e) {
      showError('country outlines could not be loaded: ' + e.message);
    }
    state.provinces = L.layerGroup().addTo(map);
    state.provinceLayers = new Map();
    state.circles = L.layerGroup().addTo(map);
    $('#map-note').textContent = 'circle area ∝ incidents; Natural Earth country and province outlines, no tiles';
  }

  // Province outlines of the countries on the map, fetched once per country; the
  // province in the filter is shaded.
  const norm = (s) => (s || '').normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  function styleProvince(feature) {
    const picked = norm(filters().admin1);
    const on = picked && norm(feature.properties && feature.properties.name) === picked;
    return { color: '#b0bcc6', weight: 0.6, fillColor: '#e8dcc0', fillOpacity: on ? 0.8 : 0 };
  }
  async function drawProvinces(codes) {
    for (const code of codes.slice(0, 12)) {
      if (state.provinceLayers.has(code)) continue;
      state.provinceLayers.set(code, null);
      try {
        const r = await fetch('/assets/admin1/' + encodeURIComponent(code) + '.json');
        if (!r.ok) continue;
        const topo = await r.json();
        const layer = L.geoJSON(topojson.feature(topo, topo.objects.admin1), { interactive: false, style: styleProvince });
        layer.addTo(state.provinces);
        state.provinceLayers.set(code, layer);
      } catch (e) {
        showError('province outlines for ' + code + ' could not be loaded: ' + e.message);
      }
    }
    let n = 0;
    for (const layer of state.provinceLayers.values()) {
      if (!layer) continue;
      layer.setStyle(styleProvince);
      n += layer.getLayers().length;
    }
    document.body.dataset.mapProvinces = String(n);
  }

  function drawPlaces(items) {
    state.circles.clearLayers();
    let n = 0;
    const pts = [];
    for (const p of items) {
      if (p.latitude === null || p.longitude === null) continue;
      const r = 4 + 4 * Math.sqrt(p.events);
      const c = L.circleMarker([p.latitude, p.longitude], {
        radius: r, color: '#a8322b', weight: 1, fillColor: '#d9534f', fillOpacity: 0.45, className: 'place-circle',
      });
      const name = [p.location, p.admin1, p.country].filter(Boolean).join(', ') || 'unnamed place';
      const box = el('div', { class: 'place-label' },
        el('strong', null, name), el('br'),
        p.events + ' incidents, ' + p.fatalities + ' deaths reported' + (p.unknown_fatalities ? ' (' + p.unknown_fatalities + ' with unknown toll)' : ''));
      if (p.admin1) {
        box.append(el('br'), el('button', { type: 'button', on: { click: () => { setFilter('admin1', p.admin1); if (p.country) setFilter('country', p.country); reload(); } } }, 'Filter to ' + p.admin1));
      }
      c.bindPopup(box);
      c.addTo(state.circles);
      pts.push([p.latitude, p.longitude]);
      n++;
    }
    if (pts.length) state.map.fitBounds(L.latLngBounds(pts).pad(0.4), { maxZoom: 7 });
    document.body.dataset.mapCircles = String(n);
    const codes = [...new Set(items.map((p) => p.country).filter(Boolean))];
    drawProvinces(codes);
  }

  function setFilter(k, v) {
    const f = $('#filters').elements[k];
    if (f.tagName === 'SELECT' && ![...f.options].some((o) => o.value === v)) f.append(el('option', { value: v }, v));
    f.value = v;
  }

  function fillProvinces(items) {
    const sel = $('#admin1');
    const keep = sel.value;
    const names = [...new Set(items.map((p) => p.admin1).filter(Boolean))].sort();
    sel.replaceChildren(el('option', { value: '' }, 'any'), ...names.map((n) => el('option', { value: n }, n)));
    if (keep) setFilter('admin1', keep);
  }

  // ---------- timeline ----------
  function periodStart(label) {
    const [y, m, d] = label.split('-').map(Number);
    return Date.UTC(y, m - 1, d || 1) / 1000;
  }
  function periodEnd(label, bucket) {
    const s = new Date(periodStart(label) * 1000);
    if (bucket === 'week') s.setUTCDate(s.getUTCDate() + 6);
    else { s.setUTCMonth(s.getUTCMonth() + 1); s.setUTCDate(0); }
    return s.toISOString().slice(0, 10);
  }
  const isoDay = (label) => new Date(periodStart(label) * 1000).toISOString().slice(0, 10);

  function drawTrend(t) {
    const box = $('#timeline');
    state.trend = t.series;
    state.bucket = t.bucket;
    const xs = t.series.map((p) => periodStart(p.period));
    const ev = t.series.map((p) => p.events);
    const deaths = t.series.map((p) => p.fatalities);
    document.body.dataset.trendPoints = String(xs.length);
    $('#trend-note').textContent = 'Counting ' + t.unit + (t.unit === 'incidents' ? ' (reports of one incident across outlets count once, with its figure)' : ' (reports)') +
      '. Deaths sum the known tolls only.' + (t.undated ? ' ' + t.undated + ' undated not shown.' : '');
    if (state.plot) { state.plot.destroy(); state.plot = null; }
    box.replaceChildren();
    if (!xs.length) { box.append(el('p', { class: 'muted' }, 'No dated events match.')); return; }
    const width = Math.max(300, box.clientWidth || 600);
    const opts = {
      width, height: 220,
      cursor: { drag: { x: true, y: false, setScale: false } },
      scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.1)] }, d: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.1)] } },
      series: [
        {},
        { label: t.unit, stroke: '#2f6fb0', fill: 'rgba(47,111,176,0.35)', paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } },
        { label: 'deaths', stroke: '#c0392b', width: 2, scale: 'd', points: { show: true, size: 5 } },
      ],
      axes: [{}, { label: t.unit }, { side: 1, scale: 'd', label: 'deaths', grid: { show: false } }],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 3) return;
          const lo = u.posToVal(u.select.left, 'x');
          const hi = u.posToVal(u.select.left + u.select.width, 'x');
          const inside = state.trend.filter((p) => { const x = periodStart(p.period); return x >= lo - 1 && x <= hi; });
          u.setSelect({ left: 0, width: 0 }, false);
          if (!inside.length) return;
          setFilter('since', isoDay(inside[0].period));
          setFilter('until', periodEnd(inside[inside.length - 1].period, state.bucket));
          reload();
        }],
      },
    };
    state.plot = new uPlot(opts, [xs, ev, deaths], box);
  }

  // ---------- events table ----------
  async function loadEvents(append) {
    const params = Object.assign(filters(), { limit: '50' });
    if (append && state.cursor) params.cursor = state.cursor;
    const page = await api('events', params);
    const tbody = $('#events tbody');
    if (!append) tbody.replaceChildren();
    for (const e of page.items) {
      const tr = el('tr', { dataset: { id: String(e.id), doc: e.doc_id, admin1: e.admin1 || '' }, on: { click: () => openEvent(e, tr) } },
        el('td', null, e.event_date || '—'), el('td', null, e.iso2 || ''), el('td', null, e.admin1 || ''),
        el('td', null, e.location || ''), el('td', null, e.sub_event_type || e.event_type),
        el('td', null, e.actor1 || ''), el('td', null, e.actor2 || ''),
        el('td', { class: 'num' }, fmtDeaths(e.fatalities)), el('td', null, e.source || ''));
      tbody.append(tr);
    }
    state.cursor = page.next_cursor;
    $('#more').hidden = !page.next_cursor;
    document.body.dataset.eventRows = String(tbody.children.length);
    $('#events-note').textContent = tbody.children.length + (page.next_cursor ? '+ shown' : ' shown');
  }

  // ---------- incident and article ----------
  async function openEvent(e, tr) {
    if (state.selectedRow) state.selectedRow.classList.remove('selected');
    if (tr) { tr.classList.add('selected'); state.selectedRow = tr; }
    showError('');
    try {
      const [inc, doc] = await Promise.all([
        e.incident_id ? api('incidents/' + encodeURIComponent(e.incident_id)) : Promise.resolve(null),
        api('documents/' + encodeURIComponent(e.doc_id))]);
      if (inc) showIncident(inc);
      showArticle(doc);
      focusEvidence(e.id);
    } catch (err) { showError(err.message); }
  }

  // Deep link: #doc=ID opens that article.
  async function openFromHash() {
    const m = /^#doc=(.+)$/.exec(location.hash);
    if (!m) return;
    try { showArticle(await api('documents/' + encodeURIComponent(decodeURIComponent(m[1])))); } catch (err) { showError(err.message); }
  }

  function showIncident(inc) {
    $('#incident').hidden = false;
    $('#incident-id').textContent = inc.incident_id + ' · ' + inc.n_reports + ' report' + (inc.n_reports === 1 ? '' : 's');
    const span = inc.fatalities_low === inc.fatalities_high ? fmtDeaths(inc.fatalities) :
      inc.fatalities_low + '–' + inc.fatalities_high;
    const facts = el('p', null,
      (inc.event_date || 'date unknown') + ' · ' + [inc.location, inc.admin1, inc.country].filter(Boolean).join(', ') + ' · ' +
      inc.event_type + ' / ' + inc.sub_event_type + ' · ' + (inc.actor1 || '?') + (inc.actor2 ? ' vs ' + inc.actor2 : '') + ' · deaths: ', span,
      inc.claimed_fatalities !== null && inc.claimed_fatalities !== undefined ? ' · claimed: ' + inc.claimed_fatalities : '',
      inc.disputed ? ' · disputed' : '');
    const rows = inc.reports.map((r) => el('tr', null,
      el('td', null, r.publisher || '—'), el('td', null, r.published || ''),
      el('td', { class: 'num' }, fmtDeaths(r.fatalities), r.overtaken ? ' (overtaken)' : ''),
      el('td', null, r.modality || ''),
      el('td', null, el('a', { href: '#doc=' + encodeURIComponent(r.doc_id)}, r.doc_id))));
    const table = el('table', { class: 'reports' },
      el('thead', null, el('tr', null, el('th', null, 'Outlet'), el('th', null, 'Published'), el('th', null, 'Deaths'), el('th', null, 'Modality'), el('th', null, 'Report'))),
      el('tbody', null, ...rows));
    $('#incident-body').replaceChildren(facts, table);
  }

  function marksOf(doc) {
    const m = [];
    const add = (list, cls, label) => { for (const x of list || []) m.push({ start: x.start, end: x.end, cls, label: label(x) }); };
    add(doc.times, 'm-time', (t) => 'time ' + t.type + ' = ' + t.value);
    add(doc.places, 'm-place', (p) => 'place ' + p.name + (p.admin1 ? ', ' + p.admin1 : '') + (p.country ? ' (' + p.country + ')' : ''));
    add(doc.entities, 'm-entity', (e) => e.kind + ' ' + (e.canonical || e.text));
    add(doc.counts, 'm-count', (c) => c.kind + ' ' + (c.low === c.high ? c.low : c.low + '–' + c.high));
    add(doc.quotes, 'm-quote', (q) => q.kind + ' quote' + (q.speaker ? ' by ' + q.speaker.name : ', speaker unknown'));
    for (const ev of doc.stored_events || []) {
      for (const s of ev.evidence || []) m.push({ start: s.start, end: s.end, cls: 'm-evidence', label: 'evidence of event ' + ev.id, ev: ev.id });
    }
    return m;
  }

  function showArticle(doc) {
    $('#article').hidden = false;
    $('#article-title').textContent = doc.title || doc.id;
    const meta = [doc.publisher, doc.published, doc.id].filter(Boolean).join(' · ');
    const metaBox = $('#article-meta');
    metaBox.replaceChildren(meta);
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      metaBox.append(' · ', el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, 'source'));
    }
    const chars = Array.from(doc.text || '');
    const n = chars.length;
    const marks = marksOf(doc).filter((x) => x.end > x.start && x.start < n).map((x) => Object.assign(x, { end: Math.min(x.end, n) }));
    const cuts = new Set([0, n]);
    for (const x of marks) { cuts.add(x.start); cuts.add(x.end); }
    const bounds = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i], b = bounds[i + 1];
      const text = chars.slice(a, b).join('');
      const cover = marks.filter((x) => x.start <= a && x.end >= b);
      if (!cover.length) { frag.append(document.createTextNode(text)); continue; }
      const span = el('span', { class: [...new Set(cover.map((x) => x.cls))].join(' '), title: cover.map((x) => x.label).join('\n') }, text);
      const evs = cover.filter((x) => x.ev !== undefined).map((x) => x.ev);
      if (evs.length) span.dataset.ev = evs.join(' ');
      frag.append(span);
    }
    $('#article-text').replaceChildren(frag);
    const list = $('#article-events');
    list.replaceChildren(...(doc.stored_events || []).map((ev) => el('li', { dataset: { id: String(ev.id) }, on: { click: () => focusEvidence(ev.id) } },
      (ev.event_date || 'undated') + ' · ' + (ev.sub_event_type || ev.event_type) + ' · ' + [ev.location, ev.admin1].filter(Boolean).join(', ') + ' · deaths: ',
      fmtDeaths(ev.fatalities))));
    document.body.dataset.articleMarks = String($('#article-text').querySelectorAll('span').length);
  }

  function focusEvidence(id) {
    for (const s of document.querySelectorAll('#article-text .m-active')) s.classList.remove('m-active');
    const hits = document.querySelectorAll('#article-text [data-ev~="' + Number(id) + '"]');
    for (const s of hits) s.classList.add('m-active');
    if (hits.length) hits[0].scrollIntoView({ block: 'center' });
    document.body.dataset.focused = String(id);
    document.body.dataset.focusedSpans = String(hits.length);
  }

  // ---------- compare ----------
  async function compare(ev) {
    if (ev) ev.preventDefault();
    const f = $('#compare').elements;
    const base = filters();
    delete base.since; delete base.until;
    const period = (s, u) => Object.assign({}, base, s ? { since: s } : {}, u ? { until: u } : {});
    try {
      const [a, b] = await Promise.all([
        api('summary', period(f.a_since.value, f.a_until.value)),
        api('summary', period(f.b_since.value, f.b_until.value)),
      ]);
      const change = (x, y) => {
        if (!x) return el('td', null, y ? 'new' : '');
        const pct = Math.round(100 * (y - x) / x);
        return el('td', { class: pct > 0 ? 'up' : pct < 0 ? 'down' : '' }, (pct > 0 ? '+' : '') + pct + '%');
      };
      const row = (name, x, y) => el('tr', null, el('td', null, name), el('td', { class: 'num' }, String(x)), el('td', { class: 'num' }, String(y)), change(x, y));
      const types = [...new Set([...Object.keys(a.by_type), ...Object.keys(b.by_type)])].sort();
      $('#compare-table').replaceChildren(
        el('thead', null, el('tr', null, el('th', null, ''), el('th', null, 'A'), el('th', null, 'B'), el('th', null, 'change'))),
        el('tbody', null,
          row(a.unit, a.total.events, b.total.events),
          row('deaths (known tolls)', a.total.fatalities, b.total.fatalities),
          row('unknown tolls', a.total.unknown_fatalities, b.total.unknown_fatalities),
          ...types.map((t) => row(t, (a.by_type[t] || { events: 0 }).events, (b.by_type[t] || { events: 0 }).events))));
    } catch (err) { showError(err.message); }
  }

  function takePeriod(which) {
    const f = $('#filters').elements, c = $('#compare').elements;
    c[which + '_since'].value = f.since.value;
    c[which + '_until'].value = f.until.value;
  }

  // ---------- wiring ----------
  function exportLinks() {
    const qs = new URLSearchParams(filters()).toString();
    $('#csv').href = '/api/events.csv' + (qs ? '?' + qs : '');
    $('#geojson').href = '/api/events.geojson' + (qs ? '?' + qs : '');
  }

  async function reload() {
    showError('');
    document.body.dataset.ready = '0';
    exportLinks();
    const f = filters();
    try {
      const provinceScope = Object.assign({}, f);
      delete provinceScope.admin1;
      const [places, scope, trend] = await Promise.all([
        api('places', f), api('places', provinceScope), api('trends', Object.assign({}, f, { bucket: $('#bucket').value })),
      ]);
      fillProvinces(scope.items);
      drawPlaces(places.items);
      drawTrend(trend);
      state.cursor = null;
      await loadEvents(false);
    } catch (err) { showError(err.message); }
    document.body.dataset.ready = '1';
  }

  async function start() {
    try {
      const s = await api('stats');
      $('#stats').textContent = s.documents + ' documents · ' + s.events + ' events' + (s.ingest ? ' · ingest enabled' : ' · read-only');
    } catch (err) { showError(err.message); }
    await initMap();
    $('#filters').addEventListener('submit', (e) => { e.preventDefault(); reload(); });
    $('#admin1').addEventListener('change', reload);
    $('#reset').addEventListener('click', () => { $('#filters').reset(); reload(); });
    $('#bucket').addEventListener('change', async () => {
      try { drawTrend(await api('trends', Object.assign(filters(), { bucket: $('#bucket').value }))); } catch (err) { showError(err.message); }
    });
    $('#more').addEventListener('click', () => loadEvents(true).catch((err) => showError(err.message)));
    $('#compare').addEventListener('submit', compare);
    $('#take-a').addEventListener('click', () => takePeriod('a'));
    $('#take-b').addEventListener('click', () => takePeriod('b'));
    window.addEventListener('hashchange', openFromHash);
    await reload();
    await openFromHash();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
