// The supervisors' dashboard: ECharts drawn from the page's #dashboard-data (DashboardCharts, as
// JSON in a data attribute: the Content-Security-Policy allows no inline script).
// Clicking a bar or a slice opens what it counts: a part of the area (drill-down) or a list.
// The current month stays live: /dashboard/events says "changed" when a visit or case in the area
// changes (the server sends at most one a few seconds), and the page then fetches
// /dashboard/figures and redraws the charts and numbers in place, without a reload.
(function () {
  const holder = document.getElementById('dashboard-data');
  let d = JSON.parse(holder.dataset.charts);
  window.TANFANG_DASHBOARD = d;
  window.TANFANG_LIVE = holder.dataset.live === 'true';
  window.TANFANG_REFRESHES = 0;
  const L = d.labels;
  const charts = {};
  const links = {};

  const target = { symbol: 'none', lineStyle: { color: '#c62828', type: 'dashed' },
    label: { formatter: L.target }, data: [{ yAxis: 100 }] };

  // Every chart's option and click links from one set of figures.
  function options(d) {
    return {
      'chart-parts': [{
        grid: { left: 48, right: 16, bottom: 64 },
        xAxis: { type: 'category', data: d.parts.names, axisLabel: { rotate: 30, interval: 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ name: L.rate, type: 'bar', data: d.parts.rates, markLine: target }]
      }, d.parts.links],
      'chart-trend': [{
        grid: { left: 48, right: 16, bottom: 32 },
        xAxis: { type: 'category', data: d.trend.months },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ name: L.rate, type: 'line', data: d.trend.rates, connectNulls: false, markLine: target }]
      }, null],
      'chart-half': [{
        grid: { left: 48, right: 16, bottom: 32 },
        xAxis: { type: 'category', data: d.half.names },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ name: L.rate, type: 'bar', data: d.half.rates, markLine: target }]
      }, d.half.links],
      'chart-kinds': [{
        series: [{ type: 'pie', radius: '65%', data: d.kinds }]
      }, d.kinds.map(function (k) { return k.link; })],
      'chart-cases': [{
        grid: { left: 40, right: 16, bottom: 72 },
        xAxis: { type: 'category', data: d.cases.names, axisLabel: { rotate: 30, interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: L.cases, type: 'bar', data: d.cases.counts }]
      }, d.cases.links],
      'chart-calls': [{
        series: [{ type: 'pie', radius: '65%', data: d.calls }]
      }, d.calls.map(function (k) { return k.link; })],
      'chart-needs': [{
        legend: { data: [L.heard, L.followed] },
        grid: { left: 40, right: 16, bottom: 48 },
        xAxis: { type: 'category', data: d.needs.names, axisLabel: { interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: L.heard, type: 'bar', data: d.needs.heard },
          { name: L.followed, type: 'bar', data: d.needs.followed }
        ]
      }, d.needs.links]
    };
  }

  const first = options(d);
  Object.keys(first).forEach(function (id) {
    const c = echarts.init(document.getElementById(id));
    c.setOption(Object.assign({ animation: false, tooltip: {} }, first[id][0]));
    links[id] = first[id][1];
    c.on('click', function (p) {
      const url = links[id] && links[id][p.dataIndex];
      if (url) { window.location.href = url; }
    });
    charts[id] = c;
  });
  window.TANFANG_CHARTS = charts;

  function apply(body) {
    d = body.charts;
    window.TANFANG_DASHBOARD = d;
    const next = options(d);
    Object.keys(next).forEach(function (id) {
      charts[id].setOption(next[id][0]);
      links[id] = next[id][1];
    });
    Object.keys(body.numbers).forEach(function (id) {
      const el = document.getElementById(id);
      if (el) { el.textContent = body.numbers[id]; }
    });
    window.TANFANG_REFRESHES++;
  }

  let loading = false;
  let again = false;
  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(holder.dataset.figures, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body && body.charts) { apply(body); } })
      .then(function () {
        return holder.dataset.uncovered
          ? fetch(holder.dataset.uncovered, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
            .then(function (r) { return r.ok ? r.text() : null; })
          : null;
      })
      .then(function (html) {
        // the table of uncovered elders, redrawn from the server's own fragment
        const table = document.getElementById('uncovered-list');
        if (html && table) {
          table.outerHTML = html;
          window.TANFANG_UNCOVERED_REFRESHES = (window.TANFANG_UNCOVERED_REFRESHES || 0) + 1;
        }
      })
      .catch(function () { /* the next change tries again */ })
      .finally(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  if (window.TANFANG_LIVE && window.EventSource && holder.dataset.stream) {
    const source = new EventSource(holder.dataset.stream);
    source.addEventListener('ready', function () { window.TANFANG_STREAM_READY = true; });
    source.addEventListener('changed', refresh);
  }
})();
