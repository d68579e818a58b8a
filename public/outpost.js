// Outpost's one script. The page is complete without it: every <time> already says its moment in UTC, and
// every status is in the HTML as published. This shows those moments in the reader's own zone (and as
// "5 minutes ago" where marked `data-relative`), marks a status stale once its data is too old, and keeps the
// regions marked `data-live` true while the page stays open, from the page as published now.
(function () {
  'use strict';

  // The page's language, in the reader's variant if any (en-US for an English page).
  var locale = document.documentElement.lang || undefined;
  (navigator.languages || []).some(function (l) {
    return l.split('-')[0] === String(locale).split('-')[0] && (locale = l);
  });

  var localFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  var relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
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

  // Live status

  /** The longest the page waits between polls after repeated failures. */
  var MAX_BACKOFF_MS = 600000;

  /**
   * Marks as stale every element whose status was confirmed longer ago than its `data-stale-at` allows (the
   * monitor's results older than two intervals, lib/status/stale.ts): it stops looking green, and the words the
   * page keeps hidden for this (`data-when-stale`) show. A page whose pinger has stopped says so by itself.
   */
  function markStale(now) {
    var marked = document.querySelectorAll('[data-stale-at]');
    for (var i = 0; i < marked.length; i++) {
      var at = Date.parse(marked[i].getAttribute('data-stale-at'));
      if (isNaN(at) || now.getTime() <= at) continue;
      marked[i].classList.add('stale');
      var words = marked[i].querySelectorAll('[data-when-stale]');
      for (var j = 0; j < words.length; j++) words[j].hidden = false;
    }
  }

  /** A persistent polite live region, so a screen reader hears a change of status in a region that was replaced. */
  function announcer() {
    var node = document.getElementById('live-note');
    if (!node) {
      node = document.createElement('p');
      node.id = 'live-note';
      node.className = 'sr-only';
      node.setAttribute('role', 'status');
      document.body.appendChild(node);
    }
    return node;
  }

  /** What a region says its status is, for the announcement: its heading or its first badge. */
  function statusWords(region) {
    var words = region.querySelector('h2, .badge');
    return words ? words.textContent.trim() : '';
  }

  /**
   * Keeps every `data-live` region true while the page is open: polls the page itself (a 304 when unchanged) at
   * `data-poll` and puts in each region whose published HTML changed, the markup a reader without JavaScript gets
   * on reload. Errors back off exponentially; a hidden tab does not poll.
   */
  function startLive() {
    var regions = document.querySelectorAll('[data-live]');
    var pace = document.querySelector('[data-poll]');
    if (regions.length === 0 || !pace || !window.fetch || !window.DOMParser) return;
    var pollMs = Math.max(2, Number(pace.getAttribute('data-poll')) || 30) * 1000;
    // The published HTML of each region, before this script changed its times: what a new page is compared with.
    var published = {};
    for (var i = 0; i < regions.length; i++) published[regions[i].getAttribute('data-live')] = regions[i].outerHTML;
    var failures = 0;
    var lastPoll = 0;
    var timer = null;
    var lastText = null;

    function schedule(ms) {
      clearTimeout(timer);
      timer = setTimeout(poll, ms);
    }

    function apply(text) {
      var fresh = new DOMParser().parseFromString(text, 'text/html');
      var next = fresh.querySelectorAll('[data-live]');
      var names = Object.keys(published).sort().join();
      var nextNames = Array.prototype.map.call(next, function (r) { return r.getAttribute('data-live'); }).sort().join();
      var main = document.querySelector('main');
      var changed = [];
      if (names !== nextNames && main && fresh.querySelector('main')) {
        main.innerHTML = fresh.querySelector('main').innerHTML;
        changed.push(main);
        published = {};
        main.querySelectorAll('[data-live]').forEach(function (r) { published[r.getAttribute('data-live')] = r.outerHTML; });
      } else {
        for (var i = 0; i < next.length; i++) {
          var name = next[i].getAttribute('data-live');
          if (published[name] === next[i].outerHTML) continue;
          var current = document.querySelector('[data-live="' + name + '"]');
          if (!current) continue;
          var node = document.importNode(next[i], true);
          published[name] = next[i].outerHTML;
          var before = statusWords(current);
          current.replaceWith(node);
          changed.push(node);
          var after = statusWords(node);
          if (after && after !== before) announcer().textContent = after;
        }
      }
      changed.forEach(function (node) { localizeTimes(node); });
      markStale(new Date());
    }

    function poll() {
      if (document.hidden) return;
      lastPoll = Date.now();
      fetch(location.pathname, { cache: 'no-cache', credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(location.pathname + ': HTTP ' + response.status);
          return response.text();
        })
        .then(function (text) {
          failures = 0;
          if (text !== lastText) {
            lastText = text;
            apply(text);
          }
          schedule(pollMs);
        })
        .catch(function () {
          failures += 1;
          schedule(Math.min(pollMs * Math.pow(2, failures), MAX_BACKOFF_MS));
        })
        .then(function () {
          window.outpost.pollsDone += 1;
        });
    }

    document.addEventListener('visibilitychange', function () {
      if (document.hidden) clearTimeout(timer);
      else schedule(Math.max(0, pollMs - (Date.now() - lastPoll)));
    });
    schedule(pollMs);
  }

  function start() {
    startLive();
    localizeTimes(document);
    markStale(new Date());
    setInterval(function () {
      if (document.hidden) return;
      refreshRelativeTimes(document);
      markStale(new Date());
    }, 10000);
  }

  // pollsDone: polls answered (or failed) and the next one scheduled, so tests know when to move the clock.
  window.outpost = { localizeTimes: localizeTimes, refreshRelativeTimes: refreshRelativeTimes, relativeText: relativeText, markStale: markStale, pollsDone: 0 };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
