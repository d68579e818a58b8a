// Outpost's status widget (docs/widget.md): status.json beside this file, shown in a shadow root in each target.
// Stale or unreachable never looks green; every error is caught; one global, OutpostWidget.
(function (w, d) {
  'use strict';
  // Its own words: OutpostWidget.words if the host set them first, else status.json's (the site's language), else these.
  var ns = (w.OutpostWidget = w.OutpostWidget || {});
  var own = ns.words;
  var words = (ns.words = own || {
    checking: 'Checking status…',
    unavailable: 'Status unavailable',
    stale: 'Status not confirmed recently',
    old: 'may be out of date',
  });

  // lib/render/components/icons.tsx: a shape per state, never colour alone.
  var icons = {
    ok: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zM3.5 8.2 5 6.8l2 2 4-4 1.5 1.4L7 11.7z',
    degraded: 'M8 .6 15.8 15H.2zM7 5.5h2v5H7zm0 6.2h2v1.8H7z',
    partial: 'M8 0l8 8-8 8-8-8zM7 3.8h2v5.6H7zm0 6.6h2v1.8H7z',
    major: 'M4.7 0h6.6L16 4.7v6.6L11.3 16H4.7L0 11.3V4.7zM4.6 5.9l1.3-1.3L8 6.7l2.1-2.1 1.3 1.3L9.3 8l2.1 2.1-1.3 1.3L8 9.3l-2.1 2.1-1.3-1.3L6.7 8z',
    maintenance: 'M2.5 0h11A2.5 2.5 0 0 1 16 2.5v11a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 0 13.5v-11A2.5 2.5 0 0 1 2.5 0zM5 4v8h2V4zm4 0v8h2V4z',
    unknown: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zm0 1.8a6.2 6.2 0 1 1 0 12.4A6.2 6.2 0 0 1 8 1.8zM4.5 7h7v2h-7z',
  };
  var tones = ['ok', 'minor', 'major', 'critical', 'maintenance', 'neutral'];
  // app/outpost.css's colours; dark with the reader's system unless data-outpost-theme says.
  var dark = '{--f:#e6edf3;--b:#0d1117;--l:#3d444d;--a:#4493f8;--ok:#3fb950;--minor:#d29922;--major:#f0883e;--critical:#f85149;--maintenance:#58a6ff;--neutral:#9198a1}';
  var css =
    ':host{display:inline-block}.w{--f:#1f2328;--b:#fff;--l:#d1d9e0;--a:#0757ba;--ok:#1a7f37;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--maintenance:#0969da;--neutral:#59636e;' +
    'display:inline-flex;flex-wrap:wrap;align-items:center;gap:.2em .8em;padding:.3em .7em;border:1px solid var(--l);border-radius:.5em;background:var(--b);color:var(--f);line-height:1.4}' +
    '.w.dark' + dark + '@media(prefers-color-scheme:dark){.w:not(.light)' + dark + '}' +
    'a{color:inherit;text-decoration:none}a:hover{text-decoration:underline}a:focus-visible{outline:2px solid var(--a)}.i{color:var(--a)}' +
    '.s{display:inline-flex;align-items:center;gap:.4em;font-weight:600}svg{width:1em;height:1em}' +
    tones.map(function (t) {
      return '.' + t + '{fill:var(--' + t + ')}';
    }).join('');

  function look(icon, text) {
    return { tone: 'neutral', icon: icon, words: text };
  }

  /** What to show for status.json's JSON at `now` (the reader's clock), or null when it is not status.json. */
  function view(s, now) {
    var l = s && s.look;
    if (!l || tones.indexOf(l.tone) < 0 || typeof icons[l.icon] != 'string' || typeof l.words != 'string' || !s.incidents || isNaN(s.staleAt ? Date.parse(s.staleAt) : 0)) return null;
    var i = s.incidents[0];
    var v = { tone: l.tone, icon: l.icon, words: l.words, incident: i && /^[a-z0-9-]+$/.test(i.id) && typeof i.title == 'string' ? [i.id, i.title] : 0 };
    if (Date.parse(s.staleAt) < now) {
      // Past staleAt nothing has confirmed the status: never green then.
      if (v.tone == 'ok') v = look('unknown', words.stale);
      else v.note = words.old;
    }
    return v;
  }

  function el(parent, tag, attrs, text) {
    var e = tag == 'svg' || tag == 'path' ? d.createElementNS('http://www.w3.org/2000/svg', tag) : d.createElement(tag);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text) e.textContent = text;
    return parent.appendChild(e);
  }

  /** A widget in `target`: its show(view). */
  function widget(target, base, theme) {
    var root = target.shadowRoot || target.attachShadow({ mode: 'open' });
    var shown;
    try {
      // A constructed sheet is no inline style for the host page's Content-Security-Policy.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      el(root, 'style', {}, css);
    }
    var box = el(root, 'div', { class: 'w ' + theme, part: 'widget', 'aria-live': 'polite' });
    return function (v) {
      var key = JSON.stringify(v);
      if (key == shown) return;
      shown = key;
      box.textContent = '';
      var a = el(box, 'a', { class: 's ' + v.tone, href: base });
      el(el(a, 'svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true' }), 'path', { 'fill-rule': 'evenodd', d: icons[v.icon] });
      el(a, 'span', {}, v.words);
      if (v.incident) el(box, 'a', { class: 'i', href: base + 'incidents/' + v.incident[0] }, v.incident[1]);
      if (v.note) el(box, 'span', {}, v.note);
    };
  }

  function start(script) {
    var base = new URL('./', script.src).href;
    var at = script.getAttribute.bind(script);
    var shows = [];
    d.querySelectorAll(at('data-outpost-target') || '#outpost-status').forEach(function (t) {
      try {
        shows.push(widget(t, base, at('data-outpost-theme') || ''));
      } catch (e) {
        // No shadow root here (<a>, <ul>…): its own content stays.
      }
    });
    if (!shows.length || !w.fetch) return;
    var failures = 0;
    var timer;
    function show(v) {
      shows.forEach(function (s) {
        s(v);
      });
    }
    function next(seconds) {
      clearTimeout(timer);
      timer = setTimeout(poll, seconds * 1000);
    }
    function poll() {
      if (d.hidden) return;
      var abort = new AbortController();
      var slow = setTimeout(abort.abort.bind(abort), 15000);
      fetch(base + 'status.json', { cache: 'no-cache', credentials: 'omit', signal: abort.signal })
        .then(function (r) {
          return r.json();
        })
        .then(function (s) {
          if (!own && s && s.words) words = s.words;
          var v = view(s, Date.now());
          if (!v) throw 0;
          failures = 0;
          show(v);
          next(Math.min(300, Math.max(5, s.pollSeconds || 60)));
        })
        .catch(function () {
          // Unreachable, slow or not status.json: say so; ask again less and less often.
          show(look('unknown', words.unavailable));
          next(Math.min(600, 15 << ++failures));
        })
        .catch(function () {})
        .then(function () {
          clearTimeout(slow);
          ns.polls = (ns.polls || 0) + 1;
        });
    }
    show(look('unknown', words.checking));
    d.addEventListener('visibilitychange', function () {
      if (!d.hidden) next(0);
    });
    ns.refresh = poll;
    poll();
  }

  try {
    var script = d.currentScript;
    var go = function () {
      try {
        start(script);
      } catch (e) {}
    };
    if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', go);
    else go();
  } catch (e) {
    // Never the host page's problem.
  }
})(window, document);
