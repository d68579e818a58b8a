// Outpost's one script. The page is complete without it: every <time> already says its moment in UTC.
// This shows those moments in the reader's own zone, and as "5 minutes ago" where marked
// `data-relative`. On the home page it also keeps the status live between builds: it polls /status.json
// (written by every build and by `outpost publish`) and updates the hooks marked `data-live`.
(function () {
  'use strict';

  var localFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  var relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  var units = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];

  /** The moment a <time> stands for, or null when its datetime does not parse. */
  function momentOf(el) {
    var ms = Date.parse(el.getAttribute('datetime') || '');
    return isNaN(ms) ? null : new Date(ms);
  }

  /** "5 minutes ago", "in 2 hours", "12 seconds ago", "now": the largest unit that fits. */
  function relativeText(date, now) {
    var seconds = Math.round((date.getTime() - now.getTime()) / 1000);
    for (var i = 0; i < units.length; i++) {
      var size = units[i][1];
      if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), units[i][0]);
    }
    return relativeFormat.format(0, 'second');
  }

  /** Rewrites every <time datetime> under root in the reader's zone (relative where marked); the UTC text stays as a tooltip. */
  function localizeTimes(root, now) {
    now = now || new Date();
    var times = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var date = momentOf(el);
      if (!date) continue;
      if (!el.hasAttribute('data-utc')) el.setAttribute('data-utc', el.textContent);
      var local = localFormat.format(date);
      if (el.hasAttribute('data-relative')) {
        el.textContent = relativeText(date, now);
        el.title = local;
      } else {
        el.textContent = local;
        el.title = el.getAttribute('data-utc');
      }
    }
  }

  /** Keeps relative times true while the page stays open. */
  function refreshRelativeTimes(root) {
    var times = root.querySelectorAll('time[datetime][data-relative]');
    var now = new Date();
    for (var i = 0; i < times.length; i++) {
      var date = momentOf(times[i]);
      if (date) times[i].textContent = relativeText(date, now);
    }
  }

  // ---- Live status ----------------------------------------------------------------------------------

  /** How often the home page asks for /status.json, and the longest it waits after repeated failures. */
  var POLL_MS = 30000;
  var MAX_BACKOFF_MS = 600000;

  /** A fresh copy of a badge the page rendered in its hidden `#live-looks`, by `data-look` key. */
  function look(key) {
    var looks = document.getElementById('live-looks');
    var holder = looks && looks.querySelector('[data-look="' + key + '"]');
    return holder ? holder.firstElementChild.cloneNode(true) : null;
  }

  /** Replaces a badge with the look for `key`, unless it already is that look. */
  function swapBadge(badge, key) {
    var fresh = look(key);
    if (badge && fresh && badge.outerHTML !== fresh.outerHTML) badge.replaceWith(fresh);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function timeEl(iso, relative) {
    var node = el('time');
    node.setAttribute('datetime', iso);
    if (relative) node.setAttribute('data-relative', '');
    return node;
  }

  /** The banner: words, tone and icon of the overall status (copied from the indicator's look). */
  function applyBanner(banner, status) {
    var heading = banner.querySelector('h2');
    var badge = look(status.stale && status.indicator === 'none' ? 'indicator:stale' : 'indicator:' + status.indicator);
    if (badge) {
      banner.className = banner.className.replace(/\btone-\S+/, (badge.className.match(/\btone-\S+/) || [''])[0]);
      var use = heading.querySelector('use');
      var icon = badge.querySelector('use');
      if (use && icon) use.setAttribute('href', icon.getAttribute('href'));
    }
    if (heading.lastChild.nodeType === 3) heading.lastChild.textContent = status.description;
    else heading.appendChild(document.createTextNode(status.description));
    var generated = banner.querySelector('[data-live="generated"]');
    generated.textContent = 'Updated ';
    generated.appendChild(timeEl(status.generatedAt, true));
  }

  function applyComponents(components) {
    components.forEach(function (c) {
      var row = document.querySelector('[data-component="' + c.id + '"]');
      if (!row) return;
      swapBadge(row.querySelector('.badge'), c.stale && c.status === 'operational' ? 'component:no-data' : 'component:' + c.status);
      var flags = row.querySelector('.flags');
      if (c.flags.length === 0) {
        if (flags) flags.remove();
      } else {
        if (!flags) flags = row.appendChild(el('p', 'flags'));
        flags.textContent = c.flags.join(' \u00b7 ');
      }
    });
  }

  /**
   * Makes `section` hold one card per item, in order: existing cards (by `data-<kind>` id) are updated,
   * new ones built, gone ones removed. A card made here has no link: its page comes with the next build.
   */
  function applyCards(section, kind, items, build, update) {
    var cards = {};
    section.querySelectorAll('[data-' + kind + ']').forEach(function (card) {
      cards[card.getAttribute('data-' + kind)] = card;
    });
    items.forEach(function (item) {
      var card = cards[item.id] || build(item);
      delete cards[item.id];
      update(card, item);
      section.appendChild(card);
    });
    Object.keys(cards).forEach(function (id) {
      cards[id].remove();
    });
    section.hidden = items.length === 0;
  }

  function newCard(kind, item) {
    var card = el('article', 'card');
    card.setAttribute('data-' + kind, item.id);
    card.appendChild(el('h3', '', item.title));
    return card;
  }

  function buildIncident(incident) {
    var card = newCard('incident', incident);
    card.appendChild(el('p', 'meta')).appendChild(look('impact:' + incident.impact) || el('span'));
    var meta = card.appendChild(el('p', 'meta'));
    meta.appendChild(el('strong')).setAttribute('data-live', 'status');
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(timeEl(incident.latest.at, true));
    card.appendChild(el('div', 'prose'));
    return card;
  }

  function updateIncident(card, incident) {
    var latest = incident.latest;
    var status = card.querySelector('[data-live="status"]');
    var time = status && status.parentNode.querySelector('time');
    var prose = card.querySelector('.prose');
    if (status) status.textContent = latest.words;
    if (time && time.getAttribute('datetime') !== latest.at) time.replaceWith(timeEl(latest.at, true));
    // Safe HTML: rendered by the same markdown renderer as the page, which escapes raw HTML.
    if (prose && prose.innerHTML.trim() !== latest.html) prose.innerHTML = latest.html;
  }

  function buildMaintenance(window) {
    var card = newCard('maintenance', window);
    var meta = card.appendChild(el('p', 'meta'));
    meta.appendChild(el('span', 'badge'));
    var span = meta.appendChild(el('span'));
    span.appendChild(timeEl(window.start));
    span.appendChild(document.createTextNode(' to '));
    span.appendChild(timeEl(window.end));
    return card;
  }

  function updateMaintenance(card, window) {
    swapBadge(card.querySelector('.badge'), 'maintenance:' + window.state);
  }

  /** Shows a snapshot from /status.json on the page. */
  function applyStatus(banner, status) {
    applyBanner(banner, status);
    applyComponents(status.components);
    var incidents = document.querySelector('[data-live="incidents"]');
    if (incidents) applyCards(incidents, 'incident', status.incidents, buildIncident, updateIncident);
    var maintenance = document.querySelector('[data-live="maintenance"]');
    if (maintenance) applyCards(maintenance, 'maintenance', status.maintenance, buildMaintenance, updateMaintenance);
    localizeTimes(document.querySelector('main') || document);
  }

  /**
   * Runs `fn` once the page is safe to change. A page that still carries Next's runtime is hydrated by
   * React, which throws away any change made to the DOM before it has claimed it; React marks each node it
   * has claimed, and the footer is claimed last. A page without the runtime runs `fn` at once.
   */
  function afterHydration(fn) {
    var tries = 0;
    (function wait() {
      var footer = document.querySelector('footer');
      var claimed = !window.__next_f || !footer || Object.keys(footer).some(function (key) {
        return key.indexOf('__reactFiber$') === 0;
      });
      if (claimed || ++tries > 100) fn();
      else setTimeout(wait, 50);
    })();
  }

  /**
   * Polls /status.json every POLL_MS while the tab is visible: `cache: 'no-cache'` makes the browser ask
   * with If-None-Match / If-Modified-Since, so an unchanged file costs a 304. Errors back off
   * exponentially up to MAX_BACKOFF_MS; a hidden tab does not poll, and polls again once shown.
   */
  function startLive() {
    var banner = document.querySelector('[data-live="banner"]');
    if (!banner || !window.fetch) return;
    banner.querySelector('h2').setAttribute('aria-live', 'polite');
    var shown = null;
    var failures = 0;
    var lastPoll = 0;
    var timer = null;

    function schedule(ms) {
      clearTimeout(timer);
      timer = setTimeout(poll, ms);
    }

    function poll() {
      if (document.hidden) return;
      lastPoll = Date.now();
      fetch('/status.json', { cache: 'no-cache' })
        .then(function (response) {
          if (!response.ok) throw new Error('status.json: HTTP ' + response.status);
          return response.json();
        })
        .then(function (status) {
          failures = 0;
          if (status.generatedAt !== shown) {
            applyStatus(banner, status);
            shown = status.generatedAt;
          }
          schedule(POLL_MS);
        })
        .catch(function () {
          failures += 1;
          schedule(Math.min(POLL_MS * Math.pow(2, failures), MAX_BACKOFF_MS));
        })
        .then(function () {
          window.outpost.pollsDone += 1;
        });
    }

    document.addEventListener('visibilitychange', function () {
      if (document.hidden) clearTimeout(timer);
      else schedule(Math.max(0, POLL_MS - (Date.now() - lastPoll)));
    });
    afterHydration(poll);
  }

  function start() {
    localizeTimes(document);
    setInterval(function () {
      if (!document.hidden) refreshRelativeTimes(document);
    }, 10000);
    startLive();
  }

  // pollsDone: polls answered (or failed) and the next one scheduled, so tests know when to move the clock.
  window.outpost = { localizeTimes: localizeTimes, refreshRelativeTimes: refreshRelativeTimes, relativeText: relativeText, pollsDone: 0 };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
