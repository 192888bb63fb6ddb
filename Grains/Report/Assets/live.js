// The live page's updates: server-sent events from /sweeps/ID/events carry the progress and the page's content,
// rendered on the server by the same code as report.html.
(function () {
  var source = new EventSource(window.location.pathname.replace(/\/$/, '') + '/events');
  source.addEventListener('update', function (e) {
    var update = JSON.parse(e.data);
    document.getElementById('progress-bar').style.width = update.percent.toFixed(1) + '%';
    document.getElementById('progress-text').textContent = update.progress;
    document.getElementById('eta').textContent = update.eta;
    document.getElementById('state').textContent = update.state;
    document.getElementById('content').innerHTML = update.content;
    if (update.finished) source.close();
  });
})();
