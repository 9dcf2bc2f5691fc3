// The supervisors' dashboard: ECharts drawn from window.TANFANG_DASHBOARD (DashboardCharts).
// Clicking a bar or a slice opens what it counts: a part of the area (drill-down) or a list.
(function () {
  const d = window.TANFANG_DASHBOARD;
  const L = d.labels;
  const charts = {};

  function chart(id, option, links) {
    const el = document.getElementById(id);
    const c = echarts.init(el);
    c.setOption(Object.assign({ animation: false, tooltip: {} }, option));
    if (links) {
      c.on('click', function (p) {
        const url = links[p.dataIndex];
        if (url) { window.location.href = url; }
      });
    }
    charts[id] = c;
    return c;
  }

  const target = { symbol: 'none', lineStyle: { color: '#c62828', type: 'dashed' },
    label: { formatter: L.target }, data: [{ yAxis: 100 }] };

  chart('chart-parts', {
    grid: { left: 48, right: 16, bottom: 64 },
    xAxis: { type: 'category', data: d.parts.names, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: L.rate, type: 'bar', data: d.parts.rates, markLine: target }]
  }, d.parts.links);

  chart('chart-trend', {
    grid: { left: 48, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: d.trend.months },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: L.rate, type: 'line', data: d.trend.rates, connectNulls: false, markLine: target }]
  });

  chart('chart-half', {
    grid: { left: 48, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: d.half.names },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: L.rate, type: 'bar', data: d.half.rates, markLine: target }]
  }, d.half.links);

  chart('chart-kinds', {
    series: [{ type: 'pie', radius: '65%', data: d.kinds }]
  }, d.kinds.map(function (k) { return k.link; }));

  chart('chart-cases', {
    grid: { left: 40, right: 16, bottom: 72 },
    xAxis: { type: 'category', data: d.cases.names, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: L.cases, type: 'bar', data: d.cases.counts }]
  }, d.cases.links);

  chart('chart-calls', {
    series: [{ type: 'pie', radius: '65%', data: d.calls }]
  }, d.calls.map(function (k) { return k.link; }));

  chart('chart-needs', {
    legend: { data: [L.heard, L.followed] },
    grid: { left: 40, right: 16, bottom: 48 },
    xAxis: { type: 'category', data: d.needs.names, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: L.heard, type: 'bar', data: d.needs.heard },
      { name: L.followed, type: 'bar', data: d.needs.followed }
    ]
  }, d.needs.links);

  window.TANFANG_CHARTS = charts;
  // The current month refreshes itself lightly: the page again every two minutes.
  if (window.TANFANG_LIVE) {
    setTimeout(function () { window.location.reload(); }, 120000);
  }
})();
