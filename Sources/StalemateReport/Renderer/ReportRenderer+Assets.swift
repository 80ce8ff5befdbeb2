/// The inline stylesheet and scripts of a report. They use no external resource: system
/// fonts only, no web fonts, no network.
extension ReportRenderer {
    /// Screen and print styles. Text is black, charts scale to the page width, and in print
    /// each section stays on one page where it fits.
    static let stylesheet = """

        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
               color: #000; background: #fff; margin: 0 auto; max-width: 900px; padding: 16px 24px 40px;
               line-height: 1.45; }
        h1 { font-size: 1.6em; margin: 0.4em 0 0.1em; }
        h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #999; padding-bottom: 2px; }
        .subtitle { margin: 0 0 0.8em; color: #222; }
        dl.settings { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 2px 18px;
                      margin: 0.6em 0 1em; padding: 8px 12px; border: 1px solid #bbb; background: #f6f6f6; }
        dl.settings div { display: flex; flex-wrap: wrap; gap: 0 8px; }
        dl.settings dt { font-weight: 600; overflow-wrap: anywhere; min-width: 0; }
        dl.settings dt::after { content: ":"; }
        dl.settings dd { margin: 0; min-width: 10ch; overflow-wrap: anywhere; }
        .charts { display: flex; flex-direction: column; gap: 12px; }
        .charts-scatter { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); }
        svg.stalemate-chart { width: 100%; height: auto; max-width: 100%; display: block; }
        .charts-scatter svg.stalemate-chart { max-width: 440px; }
        svg.stalemate-chart text { fill: #000; }
        svg .axis { stroke: #000; stroke-width: 1; }
        svg .grid { stroke: #d9d9d9; stroke-width: 1; }
        svg .zero { stroke: #000; stroke-width: 1; stroke-dasharray: 4 3; }
        svg .row-shade { fill: #f2f2f2; }
        svg .tick, svg .legend, svg .value { font-size: 12px; }
        svg .axis-title { font-size: 13px; font-weight: 600; }
        svg .category { font-size: 12.5px; }
        svg .no-data { font-size: 15px; fill: #444; font-style: italic; }
        .caption { font-size: 0.95em; margin: 0.4em 0 0; color: #111; }
        .table-wrap { overflow-x: auto; }
        table.data-table { border-collapse: collapse; font-size: 0.92em; font-variant-numeric: tabular-nums; }
        table.data-table th, table.data-table td { border: 1px solid #bbb; padding: 3px 8px; text-align: left;
                                                   vertical-align: top; }
        table.data-table th { background: #eee; }
        footer { margin-top: 2em; font-size: 0.85em; color: #333; }
        .self-check { display: none; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          .report-section { break-inside: avoid; page-break-inside: avoid; }
          h2 { break-after: avoid; }
          dl.settings, table.data-table th { background: none; }
          svg.stalemate-chart { max-height: 9cm; }
          .charts-scatter { grid-template-columns: 1fr 1fr; }
        }

        """

    /// Runs first: counts uncaught errors, unhandled promise rejections and `console.error`
    /// calls, so the self-check can report them in the DOM.
    static let errorCounterScript = """

        (function () {
          var count = 0;
          window.stalemateErrorCount = function () { return count; };
          window.addEventListener("error", function () { count += 1; });
          window.addEventListener("unhandledrejection", function () { count += 1; });
          var original = console.error;
          console.error = function () { count += 1; return original.apply(console, arguments); };
        })();

        """

    /// Runs on load: every `svg.stalemate-chart` must have a non-empty bounding box and at
    /// least one `.mark` with a non-empty bounding box, and their number must match
    /// `data-charts-expected`. Results go to `document.body.dataset`: `chartsOk`
    /// ("true"/"false"), `chartCount`, `chartsFailed`, `consoleErrors`; each chart gets
    /// `data-ok` and `data-marks`.
    static let selfCheckScript = """

        window.addEventListener("load", function () {
          var body = document.body;
          var charts = document.querySelectorAll("svg.stalemate-chart");
          var failed = 0;
          for (var i = 0; i < charts.length; i += 1) {
            var svg = charts[i];
            var box = svg.getBoundingClientRect();
            var drawn = 0;
            var marks = svg.querySelectorAll(".mark");
            for (var j = 0; j < marks.length; j += 1) {
              var b = marks[j].getBBox();
              if (b.width > 0 || b.height > 0) { drawn += 1; }
            }
            var ok = box.width > 0 && box.height > 0 && drawn > 0;
            svg.setAttribute("data-marks", String(drawn));
            svg.setAttribute("data-ok", ok ? "true" : "false");
            if (!ok) { failed += 1; }
          }
          var expected = Number(body.getAttribute("data-charts-expected"));
          var errors = window.stalemateErrorCount ? window.stalemateErrorCount() : 0;
          var allOk = failed === 0 && charts.length === expected;
          body.dataset.chartCount = String(charts.length);
          body.dataset.chartsFailed = String(failed);
          body.dataset.consoleErrors = String(errors);
          body.dataset.chartsOk = allOk ? "true" : "false";
          var note = document.getElementById("self-check");
          if (note) {
            note.textContent = "Chart self-check: " + charts.length + " of " + expected + " charts found, " +
              (charts.length - failed) + " drawn" + (allOk ? " — all charts have visible content." :
              " — some charts are empty or missing.");
          }
        });

        """
}
