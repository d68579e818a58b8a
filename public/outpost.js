// Outpost's one script. The page is complete without it: every <time> already says its moment in UTC.
// This shows those moments in the reader's own zone, and as "5 minutes ago" where marked
// `data-relative`. Small named functions, so the live status poller can grow in this same file.
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
  ];

  /** The moment a <time> stands for, or null when its datetime does not parse. */
  function momentOf(el) {
    var ms = Date.parse(el.getAttribute('datetime') || '');
    return isNaN(ms) ? null : new Date(ms);
  }

  /** "5 minutes ago", "in 2 hours", "now": the largest unit that fits. */
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

  function start() {
    localizeTimes(document);
    setInterval(function () {
      refreshRelativeTimes(document);
    }, 60000);
  }

  window.outpost = { localizeTimes: localizeTimes, refreshRelativeTimes: refreshRelativeTimes, relativeText: relativeText };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
