// Draws the example run from the JSON data block. Marks the body when done (data-charts-rendered) or when a
// chart failed (data-chart-error), so a headless browser test can tell a drawn page from a blank one.
(function () {
  'use strict';

  var VERDICT = { PASS: '#1a7f37', FAIL: '#cf222e', INCONCLUSIVE: '#8c959f' };
  var DECISION = {
    ADVANCE: '#0969da', COMPLETE: '#1a7f37', HALT: '#cf222e', ROLLBACK: '#cf222e', PAUSE: '#bf8700'
  };
  var QUIET = '#8c959f';

  function hoursAxis(data) {
    return {
      type: 'linear', min: 0, max: data.hours,
      title: { display: true, text: 'hours since start' }
    };
  }

  function number(v) {
    return v === null || v === undefined ? '–' : Number(v).toPrecision(4);
  }

  // Tooltips are one line per string: long decision summaries are cut into lines at word boundaries.
  function wrap(text, width) {
    var lines = [];
    var line = '';
    String(text).split(' ').forEach(function (word) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  function audienceChart(data) {
    var points = data.audience.slice();
    // The step holds its last value until the run ends, not only until the last tick sampled.
    if (points.length && points[points.length - 1].x < data.hours) {
      var last = points[points.length - 1];
      points.push({ x: data.hours, y: last.y, phase: last.phase });
    }
    return new Chart(document.getElementById('audience'), {
      type: 'line',
      data: {
        datasets: [{
          label: 'audience %',
          data: points,
          stepped: true,
          pointStyle: 'line',
          borderColor: '#0969da',
          backgroundColor: 'rgba(9, 105, 218, 0.08)',
          fill: 'origin',
          pointRadius: 0,
          borderWidth: 2
        }, {
          label: 'decisions',
          data: data.decisions,
          showLine: false,
          // The first and last decisions sit on the chart's edges: drawn whole rather than cut in half.
          clip: false,
          pointStyle: 'rectRot',
          pointRadius: 7,
          pointHoverRadius: 9,
          pointBackgroundColor: data.decisions.map(function (d) { return DECISION[d.decision] || QUIET; }),
          pointBorderColor: '#fff',
          borderColor: QUIET,
          backgroundColor: QUIET
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: true },
        scales: {
          x: hoursAxis(data),
          y: { min: 0, max: 100, title: { display: true, text: 'audience' }, ticks: { callback: function (v) { return v + ' %'; } } }
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: function (items) { return '+' + items[0].raw.x.toFixed(2) + ' h'; },
              label: function (ctx) {
                var raw = ctx.raw;
                if (ctx.datasetIndex === 1) {
                  return [raw.decision + ' in ' + raw.phase].concat(wrap(raw.summary, 90));
                }
                return 'audience ' + raw.y + ' % in ' + raw.phase;
              }
            }
          }
        }
      }
    });
  }

  function criterionChart(data, criterion) {
    var section = document.createElement('section');
    var heading = document.createElement('h3');
    heading.textContent = criterion.name;
    var box = document.createElement('div');
    box.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', criterion.name);
    box.appendChild(canvas);
    section.appendChild(heading);
    section.appendChild(box);
    document.getElementById('criteria').appendChild(section);

    var p = criterion.points;
    function series(key) {
      return p.map(function (pt) { return { x: pt.x, y: pt[key] }; });
    }
    return new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [{
          label: 'interval lower',
          data: series('lower'),
          borderColor: 'rgba(9, 105, 218, 0.35)',
          borderWidth: 1,
          pointRadius: 0,
          fill: false
        }, {
          label: 'always-valid interval',
          data: series('upper'),
          borderColor: 'rgba(9, 105, 218, 0.35)',
          backgroundColor: 'rgba(9, 105, 218, 0.15)',
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1'
        }, {
          label: 'estimate',
          data: series('estimate'),
          borderColor: '#0969da',
          borderWidth: 1.5,
          pointRadius: 2.5,
          pointBackgroundColor: p.map(function (pt) { return VERDICT[pt.verdict] || QUIET; }),
          pointBorderColor: p.map(function (pt) { return VERDICT[pt.verdict] || QUIET; }),
          fill: false
        }, {
          label: 'bound',
          data: series('bound'),
          borderColor: '#9a6700',
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          fill: false
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: hoursAxis(data) },
        plugins: {
          // The band is one legend entry: its lower edge is only there for the fill to reach down to.
          legend: { labels: { filter: function (item) { return item.datasetIndex !== 0; } } },
          tooltip: {
            filter: function (item) { return item.datasetIndex !== 0; },
            callbacks: {
              title: function (items) { return '+' + items[0].raw.x.toFixed(2) + ' h'; },
              label: function (ctx) {
                var pt = p[ctx.dataIndex];
                switch (ctx.datasetIndex) {
                  case 1: return 'interval [' + number(pt.lower) + ', ' + number(pt.upper) + ']';
                  case 2: return 'estimate ' + number(pt.estimate) + ' · ' + pt.verdict;
                  default: return 'bound ' + number(pt.bound);
                }
              }
            }
          }
        }
      }
    });
  }

  ringmasterRender(function (data, attempt) {
    attempt(function () { audienceChart(data); });
    data.criteria.forEach(function (c) { attempt(function () { criterionChart(data, c); }); });
  });
}());
