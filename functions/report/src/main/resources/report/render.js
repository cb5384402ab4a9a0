// Shared by every ringmaster report: draws each chart in its own try so one failure does not hide the rest,
// then tells a browser test how many charts were drawn (data-charts-rendered) and what failed (data-chart-error).
function ringmasterRender(drawAll) {
  var errors = [];
  var rendered = 0;
  function attempt(draw) {
    try {
      draw();
      rendered++;
    } catch (e) {
      errors.push(String(e && e.stack ? e.stack : e));
    }
  }
  try {
    // Without animation the first frame is the finished chart: screenshots and DOM dumps see it whole.
    Chart.defaults.animation = false;
    drawAll(JSON.parse(document.getElementById('data').textContent), attempt);
  } catch (e) {
    errors.push(String(e && e.stack ? e.stack : e));
  }
  document.body.dataset.chartsRendered = String(rendered);
  if (errors.length) {
    document.body.dataset.chartError = errors.join('\n');
  }
}
