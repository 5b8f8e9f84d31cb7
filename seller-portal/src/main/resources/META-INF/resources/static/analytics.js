// Draws the analytics page's charts from the figures the page carries (#analytics-data): money arrives in minor
// units and is shown in dollars. Each chart marks itself data-rendered="true" once drawn (the browser tests wait on it).
(function () {
  var source = document.getElementById('analytics-data');
  if (!source || !window.echarts) { return; }
  var d = JSON.parse(source.textContent);
  var dollars = function (values) { return values.map(function (v) { return v / 100; }); };
  var money = { type: 'value', name: 'USD', axisLabel: { formatter: '${value}' } };
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(Object.assign({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 60 },
      xAxis: { type: 'category', data: d.periods } }, option));
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }
  draw('chart-sales', {
    yAxis: [money, { type: 'value', name: 'orders', minInterval: 1 }],
    series: [{ name: 'Sales', type: 'bar', data: dollars(d.gmv) },
             { name: 'Orders', type: 'line', yAxisIndex: 1, data: d.orders }]
  });
  draw('chart-returns', {
    yAxis: [money, { type: 'value', name: 'items', minInterval: 1 }],
    series: [{ name: 'Refunds', type: 'bar', data: dollars(d.refunds) },
             { name: 'Returned items', type: 'line', yAxisIndex: 1, data: d.returnedItems }]
  });
  draw('chart-payouts', { yAxis: money, series: [{ name: 'Payouts', type: 'bar', data: dollars(d.payouts) }] });
})();
