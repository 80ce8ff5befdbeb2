import StalemateAnalysis

/// The page at `/`. The dashboard of issue 11 will replace it; until then it says what the
/// server offers and where it is described.
enum Page {
    static let index = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Stalemate</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        code { background: #f3f3f3; padding: 0 .2em; }
        </style>
        </head>
        <body>
        <h1>Stalemate \(StalemateVersion.current)</h1>
        <p>This server answers the HTTP API described by <a href="/openapi.json"><code>/openapi.json</code></a>
        (docs/api.md in the repository): the bundled scenarios (<a href="/api/scenarios"><code>/api/scenarios</code></a>),
        scenario validation, jobs with their progress as Server-Sent Events and their results in the
        JSON of the command line, and the results store (<a href="/api/experiments"><code>/api/experiments</code></a>).</p>
        <p>The interactive dashboard is not built yet.</p>
        </body>
        </html>
        """
}
