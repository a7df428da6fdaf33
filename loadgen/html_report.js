// The --html-report page's script (inlined by loadgen/html_report.cc after
// Chart.js). Reads the run from <script id="report-data">, draws every chart
// and table, then writes the outcome into #render-status (data-state "ok" or
// "error"), which the headless-Chromium test checks: every chart must have
// ink on its canvas, and no script error or blocked request may occur.
(function () {
  'use strict';
  const status = document.getElementById('render-status');
  const problems = [];
  window.addEventListener('error', (e) => problems.push('script error: ' + e.message));
  document.addEventListener('securitypolicyviolation', (e) => problems.push('blocked request: ' + e.blockedURI));

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  const fmt = (v, digits) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits ?? 3)) : String(v));
  const table = (head, rows) =>
    el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))),
       el('tbody', {}, ...rows.map((r) => el('tr', r.attrs || {}, ...r.cells.map((c) => el('td', {}, c))))));
  const section = (id, title, ...content) => {
    const s = el('section', { id }, el('h2', {}, title), ...content);
    document.getElementById('report').append(s);
    return s;
  };
  const charts = [];
  const chart = (sectionId, title, config) => {
    const canvas = el('canvas', { width: '960', height: '340', 'aria-label': title });
    section(sectionId, title, canvas);
    config.options = Object.assign({ animation: false, responsive: false, devicePixelRatio: 1 }, config.options);
    charts.push({ title, canvas, chart: new Chart(canvas.getContext('2d'), config) });
  };
  const colors = { p50: '#1f77b4', p99: '#d62728', sp50: '#2ca02c', sp99: '#ff7f0e', planned: '#7f7f7f', achieved: '#1f77b4', errors: '#d62728' };
  const line = (label, color, points, dashed) => ({
    label, data: points, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0,
    borderDash: dashed ? [6, 4] : [], showLine: true, fill: false,
  });

  try {
    const data = JSON.parse(document.getElementById('report-data').textContent);
    const s = data.summary;
    const points = (s.timeseries && s.timeseries.points) || [];
    const at = (p) => p.end_seconds;

    // Headline.
    document.getElementById('headline').textContent =
      (s.slo.passed ? 'PASS' : 'FAIL') + ': ' + fmt(s.achieved_rps, 1) + ' of ' + fmt(s.target_rps, 1) +
      ' actions/s, response p99 ' + fmt(s.response_time_ms.p99) + ' ms, ' + s.counts.errors + ' errors, ' +
      s.counts.completed + ' actions in ' + fmt(s.elapsed_seconds, 2) + ' s';
    document.getElementById('headline').className = s.slo.passed ? 'pass' : 'fail';

    // SLO table.
    const failingSeconds = points.filter((p) => !p.slo_passed).length;
    section('slo', 'SLOs (response time, from the intended send time)',
      table(['gate', 'observed', 'threshold', 'result'],
        s.slo.checks.map((c) => ({ attrs: { class: c.passed ? 'pass' : 'fail' },
                                   cells: [c.label, fmt(c.observed), fmt(c.threshold), c.passed ? 'PASS' : 'FAIL'] }))),
      el('p', {}, 'Buckets failing a per-bucket gate (p95, p99, error rate): ' + failingSeconds + ' of ' + points.length + '.'));

    chart('latency', 'Latency over time (ms)', {
      type: 'scatter',
      data: { datasets: [
        line('response p50', colors.p50, points.map((p) => ({ x: at(p), y: p.response_time_ms.p50 }))),
        line('response p99', colors.p99, points.map((p) => ({ x: at(p), y: p.response_time_ms.p99 }))),
        line('service p50', colors.sp50, points.map((p) => ({ x: at(p), y: p.service_time_ms.p50 })), true),
        line('service p99', colors.sp99, points.map((p) => ({ x: at(p), y: p.service_time_ms.p99 })), true),
      ] },
      options: { scales: { x: { type: 'linear', title: { display: true, text: 'seconds' } },
                           y: { title: { display: true, text: 'ms' }, beginAtZero: true } } },
    });

    chart('throughput', 'Throughput: planned vs achieved (actions/s)', {
      type: 'scatter',
      data: { datasets: [
        line('planned', colors.planned, points.map((p) => ({ x: at(p), y: p.planned_rps })), true),
        line('achieved', colors.achieved, points.map((p) => ({ x: at(p), y: p.achieved_rps }))),
        line('errors/s', colors.errors, points.map((p) => ({ x: at(p), y: p.errors / Math.max(1e-9, p.end_seconds - p.start_seconds) }))),
      ] },
      options: { scales: { x: { type: 'linear', title: { display: true, text: 'seconds' } },
                           y: { beginAtZero: true, title: { display: true, text: 'actions/s' } } } },
    });

    // HdrHistogram-style: x = 1 / (1 - percentile), both axes logarithmic.
    const ladder = (rows) => rows.map(([q, ms]) => ({ x: 1 / Math.max(1e-7, 1 - q / 100), y: Math.max(ms, 1e-4) }));
    chart('percentiles', 'Latency by percentile (ms, log axes)', {
      type: 'scatter',
      data: { datasets: [
        line('response time', colors.p99, ladder(data.percentiles.response)),
        line('service time', colors.sp50, ladder(data.percentiles.service), true),
      ] },
      options: { scales: {
        x: { type: 'logarithmic', title: { display: true, text: 'percentile' },
             ticks: { callback: (v) => { const q = 100 * (1 - 1 / v); const l = Math.log10(v);
                                         return Math.abs(l - Math.round(l)) < 1e-9 ? q.toFixed(Math.max(0, Math.round(l) - 2)) + '%' : ''; } } },
        y: { type: 'logarithmic', title: { display: true, text: 'ms' } } } },
    });

    const decisionNames = Object.keys(s.decisions);
    chart('decisions', 'Decision mix', {
      type: 'bar',
      data: { labels: decisionNames, datasets: [{ label: 'actions', data: decisionNames.map((d) => s.decisions[d]), backgroundColor: '#1f77b4' }] },
      options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { display: false } } },
    });

    if (data.stages && data.stages.length > 0) {
      chart('stages', 'Where the time goes (per-stage share of service time)', {
        type: 'bar',
        data: { labels: data.stages.map((st) => st.stage),
                datasets: [{ label: 'share of service time (%)', data: data.stages.map((st) => 100 * st.share), backgroundColor: '#2ca02c' }] },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true } }, plugins: { legend: { display: false } } },
      });
      document.getElementById('stages').append(table(['stage', 'share', 'p50 (µs)', 'p99 (µs)', 'samples'],
        data.stages.map((st) => ({ cells: [st.stage, fmt(100 * st.share, 1) + '%', fmt(st.p50_us, 1), fmt(st.p99_us, 1), st.samples] }))));
    }

    section('figures', 'Run', table(['figure', 'value'], [
      ['target rate (actions/s)', fmt(s.target_rps, 2)], ['achieved rate (actions/s)', fmt(s.achieved_rps, 2)],
      ['planned', s.counts.planned], ['completed', s.counts.completed], ['errors', s.counts.errors],
      ['late sends', s.counts.late_sends], ['not sent', s.counts.not_sent], ['violations', s.counts.violations_detected],
      ['duration (s)', fmt(s.duration_seconds, 2)], ['elapsed (s)', fmt(s.elapsed_seconds, 2)],
      ['response p50 / p99 / max (ms)', [s.response_time_ms.p50, s.response_time_ms.p99, s.response_time_ms.max].map((v) => fmt(v)).join(' / ')],
      ['service p50 / p99 / max (ms)', [s.service_time_ms.p50, s.service_time_ms.p99, s.service_time_ms.max].map((v) => fmt(v)).join(' / ')],
      ['interrupted', String(s.interrupted)], ['cut off at the send deadline', String(s.cut_off)],
    ].map((cells) => ({ cells }))));

    const flat = [];
    const walk = (prefix, v) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? prefix + '.' + k : k, x);
      else flat.push({ cells: [prefix, Array.isArray(v) ? v.join(' ') : String(v)] });
    };
    walk('', s.configuration);
    section('configuration', 'Configuration', table(['setting', 'value'], flat));
    section('build', 'Build and machine', table(['', 'value'], [
      ['git commit', s.version.git_commit], ['compiler', s.version.compiler], ['build mode', s.version.build_mode],
      ['started at', s.started_at], ['host', s.machine.hostname], ['cpus', s.machine.cpus],
      ['cpu model', s.machine.cpu_model], ['kernel', s.machine.kernel], ['load average at start', s.machine.load_average_at_start],
    ].map((cells) => ({ cells }))));

    // Every chart must have drawn something.
    for (const c of charts) {
      const px = c.canvas.getContext('2d').getImageData(0, 0, c.canvas.width, c.canvas.height).data;
      let ink = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) ink++;
      if (ink === 0) problems.push('chart "' + c.title + '" is blank');
      if (c.chart.data.datasets.every((d) => d.data.length === 0)) problems.push('chart "' + c.title + '" has no data');
    }
    status.dataset.charts = String(charts.length);
  } catch (e) {
    problems.push('exception: ' + (e && e.stack ? e.stack : e));
  }
  status.dataset.state = problems.length === 0 ? 'ok' : 'error';
  status.textContent = problems.length === 0 ? 'rendered ' + charts.length + ' charts' : problems.join('; ');
})();
