// The staff desk (README "Escalation desk"): live countdowns on any page with a
// .countdowns container, and on the queue page a server-sent event stream that fetches the
// queue table again whenever a case changes. No framework: EventSource + fetch.
(function () {
  'use strict';

  // Server clock minus browser clock, so countdowns follow the server's time.
  var offset = 0;

  function container() {
    return document.querySelector('[data-server-now]');
  }

  function syncClock() {
    var c = container();
    if (c) {
      offset = Number(c.dataset.serverNow) - Date.now();
    }
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function duration(ms, daysLabel) {
    var s = Math.floor(ms / 1000);
    var days = Math.floor(s / 86400);
    s %= 86400;
    var text = pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60);
    return days > 0 ? daysLabel.replace('{0}', days) + text : text;
  }

  function tick() {
    var c = container();
    if (!c) {
      return;
    }
    var now = Date.now() + offset;
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Number(el.dataset.deadline) - now;
      var overdue = left < 0;
      var label = overdue ? c.dataset.labelOverdue : c.dataset.labelLeft;
      el.textContent = label.replace('{0}', duration(Math.abs(left), c.dataset.labelDays || '{0}d '));
      el.classList.toggle('overdue', overdue);
    });
  }

  // --- live queue --------------------------------------------------------------------------
  var fetching = false;
  var again = false;

  function refresh() {
    var queue = document.getElementById('queue');
    if (!queue) {
      return;
    }
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    fetch(queue.dataset.src + window.location.search, {
      credentials: 'same-origin',
      // Not remembered as the page to return to after a login.
      headers: {'X-Requested-With': 'XMLHttpRequest'}
    })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('queue ' + r.status);
        }
        return r.text().then(function (html) {
          return {html: html, redirected: r.redirected};
        });
      })
      .then(function (answer) {
        var html = answer.html;
        if (answer.redirected || html.trim().indexOf('<div id="queue"') !== 0) {
          // Signed out (the session ended): show the login page instead of a stale queue.
          window.location.reload();
          return;
        }
        var current = document.getElementById('queue');
        if (current) {
          current.outerHTML = html;
        }
        syncClock();
        tick();
        window.deskRefreshes = (window.deskRefreshes || 0) + 1;
      })
      .catch(function (e) {
        console.warn('desk: could not refresh the queue', e);
      })
      .finally(function () {
        fetching = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  function status(state) {
    var el = document.getElementById('live-status');
    if (el) {
      el.dataset.state = state;
      el.textContent = el.dataset['label' + state.charAt(0).toUpperCase() + state.slice(1)] || state;
    }
  }

  var retry = 1000;
  var source = null;

  function connect() {
    var queue = document.getElementById('queue');
    if (!queue || !window.EventSource) {
      return;
    }
    source = new EventSource(queue.dataset.stream);
    source.addEventListener('ready', function () {
      status('open');
      retry = 1000;
      // Catch up on whatever changed between rendering the page (or losing the stream) and now.
      refresh();
    });
    source.addEventListener('escalation', function (e) {
      var event = JSON.parse(e.data);
      event.receivedAt = new Date().toISOString();
      // Latency hook: publishedAt (server) vs receivedAt (browser) for the benchmark.
      window.deskLastEvent = event;
      window.deskEvents = (window.deskEvents || 0) + 1;
      document.dispatchEvent(new CustomEvent('desk:escalation', {detail: event}));
      refresh();
    });
    source.onerror = function () {
      status('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on some errors (a login page instead of a stream): retry ourselves.
        source.close();
        refresh(); // shows the login page if the session ended
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      }
    };
  }

  // --- resolve form: the six areas only matter for a visit with the elder -------------------
  function toggleAreas() {
    var outcome = document.getElementById('resolve-outcome');
    var areas = document.getElementById('resolve-areas');
    if (!outcome || !areas) {
      return;
    }
    var option = outcome.options[outcome.selectedIndex];
    var withElder = option && option.dataset.withElder === 'true';
    areas.classList.toggle('dimmed', !withElder && outcome.value !== '');
  }

  document.addEventListener('DOMContentLoaded', function () {
    syncClock();
    tick();
    setInterval(tick, 1000);
    connect();
    var outcome = document.getElementById('resolve-outcome');
    if (outcome) {
      outcome.addEventListener('change', toggleAreas);
      toggleAreas();
    }
  });
})();
