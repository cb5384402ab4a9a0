// Draws the benchmark charts from the JSON data block. Marks the body when done (data-charts-rendered) or when a
// chart failed (data-chart-error), so a headless browser test can tell a drawn page from a blank one.
(function () {
  'use strict';

  // One colour per policy, the same in every chart; ringmaster and the oracle keep theirs whatever the order.
  var NAMED = { ringmaster: '#0969da', oracle: '#1a7f37', naive: '#cf222e', sustained: '#bf8700' };
  var SPARE = ['#8250df', '#1b7c83', '#e16f24', '#bf3989', '#57606a', '#4d2d00'];

  function colours(policies) {
    var out = {};
    var spare = 0;
    policies.forEach(function (p) {
      out[p] = NAMED[p] || SPARE[spare++ % SPARE.length];
    });
    return out;
  }

  function sessions(v) {
    return v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US');
  }

  function percent(v) {
    return v === null || v === undefined ? '–' : v.toFixed(1) + ' %';
  }

  // Log axis ticks at 1, 2, 5 × powers of ten only, written in full: Chart.js's default labels crowd.
  function logTicks(value) {
    var lead = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
    return [1, 2, 5].some(function (d) { return Math.abs(lead - d) < 1e-6; }) ? sessions(value) : '';
  }

  function panel(container, heading, label) {
    var section = document.createElement('section');
    var h = document.createElement('h3');
    h.textContent = heading;
    var box = document.createElement('div');
    box.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', label);
    box.appendChild(canvas);
    section.appendChild(h);
    section.appendChild(box);
    container.appendChild(section);
    return { section: section, canvas: canvas };
  }

  function note(section, text) {
    var p = document.createElement('p');
    p.className = 'note';
    p.textContent = text;
    section.appendChild(p);
  }

  function tradeOffChart(data, chart, colour) {
    var place = panel(document.getElementById('trade-off'), chart.traffic + ' traffic',
      'false-halt rate against exposure to ' + data.tradeOffScenario + ', ' + chart.traffic + ' traffic');
    if (chart.offScale.length) {
      note(place.section, 'zero exposure, below the log axis: ' + chart.offScale.join(', '));
    }
    if (chart.missing.length) {
      note(place.section, 'no healthy or ' + data.tradeOffScenario + ' result: ' + chart.missing.join(', '));
    }
    var maxX = Math.max.apply(null, [1].concat(chart.points.map(function (p) { return p.x; })));
    var ys = chart.points.map(function (p) { return p.y; });
    return new Chart(place.canvas, {
      type: 'scatter',
      data: {
        datasets: chart.points.map(function (p) {
          return {
            label: p.policy,
            data: [{ x: p.x, y: p.y }],
            pointRadius: 7,
            pointHoverRadius: 9,
            pointStyle: p.policy === 'ringmaster' ? 'rectRot' : 'circle',
            backgroundColor: colour[p.policy],
            borderColor: '#fff',
            borderWidth: 1.5,
            clip: false
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: 'linear', min: 0, suggestedMax: Math.ceil(maxX * 1.1),
            title: { display: true, text: 'worst false-halt rate on healthy scenarios' },
            ticks: { callback: function (v) { return v + ' %'; } }
          },
          y: {
            type: 'logarithmic',
            // Room above and below so no point sits on the frame.
            min: ys.length ? Math.min.apply(null, ys) / 2 : undefined,
            max: ys.length ? Math.max.apply(null, ys) * 2 : undefined,
            title: { display: true, text: 'mean exposure on ' + data.tradeOffScenario + ' (sessions)' },
            ticks: { callback: logTicks, autoSkip: false }
          }
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ': false-halt ' + percent(ctx.raw.x) + ' · exposure ' + sessions(ctx.raw.y);
              }
            }
          }
        }
      }
    });
  }

  // Draws each bar's median as a dark tick across it and its mean as a diamond: the bar alone is min to p95.
  var marks = {
    id: 'benchMarks',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) {
          return;
        }
        meta.data.forEach(function (bar, j) {
          var v = ds.spread[j];
          if (!v) {
            return;
          }
          var half = bar.width / 2;
          ctx.save();
          if (v.median > 0) {
            var my = y.getPixelForValue(v.median);
            ctx.strokeStyle = '#1f2328';
            ctx.lineWidth = 2;
            ctx.beginPath();
            ctx.moveTo(bar.x - half, my);
            ctx.lineTo(bar.x + half, my);
            ctx.stroke();
          }
          if (v.mean > 0) {
            var cy = y.getPixelForValue(v.mean);
            var r = Math.max(3, Math.min(5, half));
            ctx.fillStyle = '#fff';
            ctx.strokeStyle = '#1f2328';
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(bar.x, cy - r);
            ctx.lineTo(bar.x + r, cy);
            ctx.lineTo(bar.x, cy + r);
            ctx.lineTo(bar.x - r, cy);
            ctx.closePath();
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        });
      });
    }
  };

  // A log axis cannot start at zero: a run caught before any session counts from one session.
  function floor(v) {
    return Math.max(1, v);
  }

  function distributionChart(data, chart, colour) {
    var place = panel(document.getElementById('distributions'), chart.scenario, 'exposure on ' + chart.scenario);
    return new Chart(place.canvas, {
      type: 'bar',
      data: {
        labels: data.traffic,
        datasets: chart.series.map(function (s) {
          return {
            label: s.policy,
            spread: s.values,
            data: s.values.map(function (v) {
              if (!v || v.p95 === null) {
                return null;
              }
              var low = v.min === null ? (v.mean === null ? v.p95 : Math.min(v.mean, v.p95)) : v.min;
              return [floor(low), floor(v.p95)];
            }),
            backgroundColor: colour[s.policy] + '99',
            borderColor: colour[s.policy],
            borderWidth: 1,
            borderSkipped: false
          };
        })
      },
      plugins: [marks],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: {
            type: 'logarithmic',
            title: { display: true, text: 'exposure (sessions)' },
            ticks: { callback: logTicks }
          }
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var v = ctx.dataset.spread[ctx.dataIndex];
                return [
                  ctx.dataset.label + ' (' + v.runs + ' runs)',
                  'min ' + sessions(v.min) + ' · median ' + sessions(v.median),
                  'mean ' + sessions(v.mean) + ' · p95 ' + sessions(v.p95) + ' · max ' + sessions(v.max),
                  'missed-bad ' + percent(v.missedBad === null ? null : v.missedBad * 100)
                ];
              }
            }
          }
        }
      }
    });
  }

  ringmasterRender(function (data, attempt) {
    var colour = colours(data.policies);
    data.tradeOff.forEach(function (c) { attempt(function () { tradeOffChart(data, c, colour); }); });
    data.distributions.forEach(function (c) { attempt(function () { distributionChart(data, c, colour); }); });
  });
}());
