/// The dashboard at `/`: one page, served by the binary (no network, no CDN). It builds its
/// levers from `POST /api/levers`, runs a compare job of the levers against the baseline on
/// every change (cancelling the stale one), follows it over `/api/jobs/{id}/events`, and
/// shows the job's report, drawn by the same code as `stalemate report`.
enum Page {
    static let dashboard = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Stalemate dashboard</title>
        <link rel="icon" href="data:,">
        <style>
        :root { --ink: #1d1d1f; --muted: #666; --line: #ddd; --accent: #2a5d9f; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; }
        header { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
        header h1 { font-size: 1.1rem; margin: 0; }
        header label { color: var(--muted); }
        main { display: grid; grid-template-columns: minmax(18rem, 26rem) 1fr; gap: 1rem; padding: 1rem; }
        aside { overflow-y: auto; max-height: calc(100vh - 5rem); }
        details { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .6rem; padding: .3rem .6rem; }
        summary { cursor: pointer; font-weight: 600; }
        .lever { display: grid; grid-template-columns: 1fr 5.5rem; gap: .1rem .5rem; margin: .45rem 0; }
        .lever label { font-size: .9rem; }
        .lever input[type=range] { grid-column: 1 / 3; width: 100%; }
        .lever .note { grid-column: 1 / 3; font-size: .78rem; color: var(--muted); }
        .lever.changed label { color: var(--accent); font-weight: 600; }
        .lever input[type=number] { width: 100%; }
        #status { color: var(--muted); min-height: 1.4em; }
        #status.error { color: var(--bad); }
        progress { width: 12rem; vertical-align: middle; }
        #editor { display: grid; grid-template-columns: 3.2rem 1fr; border: 1px solid var(--line); font: 12px/1.5 ui-monospace, monospace; max-height: 22rem; overflow: auto; }
        #gutter { margin: 0; padding: .3rem .3rem; text-align: right; color: #999; background: #f7f7f7; user-select: none; }
        #gutter .bad { color: #fff; background: var(--bad); }
        #yaml { border: 0; padding: .3rem; font: inherit; resize: vertical; min-height: 22rem; white-space: pre; overflow: hidden; }
        #problems { color: var(--bad); font-size: .85rem; padding-left: 1.2rem; }
        #report, #story-frame { width: 100%; border: 0; min-height: 40rem; }
        #story { margin-top: 1rem; }
        #stored { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .6rem; margin-bottom: 1rem; }
        #stored-pages.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
        #stored-pages iframe { width: 100%; border: 0; min-height: 30rem; }
        .story-controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
        #story-status.error { color: var(--bad); }
        #history table { border-collapse: collapse; font-size: .85rem; width: 100%; }
        #history td, #history th { border-bottom: 1px solid var(--line); padding: .15rem .3rem; text-align: left; }
        button { font: inherit; }
        @media (max-width: 60rem) { main { grid-template-columns: 1fr; } aside { max-height: none; } }
        @media print { header, aside, #status { display: none; } main { display: block; padding: 0; } }
        </style>
        </head>
        <body>
        <header>
          <h1>Stalemate</h1>
          <label>Scenario <select id="scenario"></select></label>
          <label>Runs per arm <input id="runs" type="number" min="100" max="100000" step="100" value="10000" style="width:6.5rem"></label>
          <label>Seed <input id="seed" type="number" min="0" value="1" style="width:6rem"></label>
          <button id="reset" type="button">Reset levers</button>
          <span id="status" role="status"></span>
          <a href="/openapi.json" style="margin-left:auto">API</a>
        </header>
        <main>
        <aside>
          <details id="yaml-panel">
            <summary>Scenario YAML (edit, paste or upload)</summary>
            <p><input id="upload" type="file" accept=".yaml,.yml,text/yaml"></p>
            <div id="editor"><pre id="gutter">1</pre><textarea id="yaml" spellcheck="false" aria-label="scenario YAML"></textarea></div>
            <ul id="problems"></ul>
          </details>
          <div id="levers"></div>
          <details id="history"><summary>Stored experiments</summary>
            <p><button id="compare-stored" type="button">Compare the two ticked</button> <button id="refresh-history" type="button">refresh</button></p>
            <div id="history-list">…</div>
          </details>
        </aside>
        <section>
          <div id="stored" hidden>
            <p><strong id="stored-title"></strong> <button id="stored-close" type="button">close</button></p>
            <div id="stored-pages"></div>
          </div>
          <iframe id="report" title="charts of the latest run"></iframe>
          <details id="story" open>
            <summary>One war's story</summary>
            <p class="story-controls">
              <label>Arm <select id="story-arm"><option value="baseline">baseline</option><option value="levers">with the levers moved</option></select></label>
              <label>Pick <select id="story-pick">
                <option value="run">run number…</option><option value="settled">the first settled war</option>
                <option value="ongoing">the first still at war</option><option value="defeatA">the first defeat of A</option>
                <option value="defeatB">the first defeat of B</option><option value="ceasefireHolding">the first young ceasefire</option>
              </select></label>
              <label>Run <input id="story-run" type="number" min="0" value="0" style="width:6rem"></label>
              <button id="tell" type="button">Tell its story</button>
              <span id="story-status" role="status"></span>
            </p>
            <iframe id="story-frame" title="one war's story"></iframe>
          </details>
        </section>
        </main>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        let scenarioName = "", yamlText = "", levers = [], current = null, validateTimer = 0, runTimer = 0;

        function status(text, error) { const s = $("status"); s.textContent = text; s.className = error ? "error" : ""; }

        async function api(path, options) {
          const response = await fetch(path, options);
          const type = response.headers.get("content-type") || "";
          const body = type.includes("json") ? await response.json() : await response.text();
          if (!response.ok) { const e = new Error(body.error || body || response.statusText); e.body = body; e.status = response.status; throw e; }
          return body;
        }

        function renderGutter(problems) {
          const lines = $("yaml").value.split("\n").length;
          const bad = new Map(problems.filter(p => p.line).map(p => [p.line, p.message]));
          const g = $("gutter"); g.textContent = "";
          for (let i = 1; i <= lines; i++) {
            const span = document.createElement("span");
            span.textContent = i + "\n";
            if (bad.has(i)) { span.className = "bad"; span.title = bad.get(i); }
            g.appendChild(span);
          }
          const list = $("problems"); list.textContent = "";
          for (const p of problems) {
            const li = document.createElement("li");
            li.textContent = (p.line ? "line " + p.line + ": " : "") + p.problem + ". Fix: " + p.fix;
            list.appendChild(li);
          }
        }

        async function validateNow() {
          const text = $("yaml").value;
          if (!text.trim()) { renderGutter([{ problem: "the scenario is empty", fix: "pick a bundled scenario or paste one" }]); return; }
          const v = await api("/api/validate", { method: "POST", body: text });
          renderGutter(v.problems);
          if (v.valid && text !== yamlText) { yamlText = text; await loadLevers(); scheduleRun(0); }
          if (!v.valid) status("the scenario has " + v.problems.length + " problem(s): see the YAML panel", true);
        }

        async function loadScenario(name) {
          scenarioName = name;
          const s = await api("/api/scenarios/" + encodeURIComponent(name));
          $("yaml").value = s.yaml; yamlText = s.yaml; renderGutter([]);
          await loadLevers(); scheduleRun(0);
        }

        async function loadLevers() {
          const set = await api("/api/levers", { method: "POST", body: yamlText });
          levers = [];
          const root = $("levers"); root.textContent = "";
          set.groups.forEach((group, i) => {
            const d = document.createElement("details"); if (i === 0 || group.title === "Sides") d.open = true;
            const s = document.createElement("summary"); s.textContent = group.title; d.appendChild(s);
            for (const lever of group.levers) { d.appendChild(leverControl(lever)); }
            root.appendChild(d);
          });
        }

        function leverControl(lever) {
          const box = document.createElement("div"); box.className = "lever";
          const id = "lever-" + levers.length;
          const label = document.createElement("label"); label.htmlFor = id; label.textContent = lever.label; box.appendChild(label);
          const entry = { lever, value: lever.value, box };
          if (lever.kind === "switch") {
            const check = document.createElement("input"); check.type = "checkbox"; check.id = id; check.checked = lever.value === 1;
            check.dataset.key = lever.key;
            check.addEventListener("change", () => { entry.value = check.checked ? 1 : 0; changed(entry); });
            box.appendChild(check); entry.inputs = [check];
          } else {
            const number = document.createElement("input"); number.type = "number";
            const range = document.createElement("input"); range.type = "range"; range.id = id; range.dataset.key = lever.key;
            for (const input of [number, range]) {
              input.min = lever.min; input.max = lever.max; input.step = lever.step; input.value = lever.value;
              input.addEventListener("input", () => {
                const x = Number(input.value); if (!Number.isFinite(x)) return;
                entry.value = x; (input === range ? number : range).value = x; changed(entry);
              });
            }
            box.appendChild(number); box.appendChild(range); entry.inputs = [number, range];
            const note = document.createElement("div"); note.className = "note";
            note.textContent = lever.unit + (lever.note ? "; " + lever.note : "");
            box.appendChild(note);
          }
          levers.push(entry);
          return box;
        }

        // A short pause lets a dragged slider settle; a newer change still cancels a running job.
        function changed(entry) { entry.box.classList.toggle("changed", entry.value !== entry.lever.value); scheduleRun(100); }

        function overrides() {
          const out = [];
          for (const { lever, value } of levers) {
            if (value === lever.value) continue;
            if (lever.kind === "switch") out.push(lever.key + "=" + (value ? "on" : "off"));
            else if (lever.from !== null && lever.from !== undefined) out.push(lever.key + "=" + value + "@" + lever.from + ":" + lever.to);
            else out.push(lever.key + "=" + value);
          }
          return out;
        }

        function scheduleRun(delay) { clearTimeout(runTimer); runTimer = setTimeout(run, delay); }

        async function cancelCurrent() {
          if (!current) return;
          const { id, events } = current; current = null; events.close();
          try { await api("/api/jobs/" + id, { method: "DELETE" }); } catch (e) { /* finished meanwhile */ }
        }

        async function run() {
          await cancelCurrent();
          const changes = overrides();
          const runs = Math.max(1, Number($("runs").value) || 10000), seed = Math.max(0, Number($("seed").value) || 0);
          const scenario = { name: scenarioName || "scenario.yaml", text: yamlText };
          const job = changes.length
            ? { kind: "compare", scenario, ensemble: { overrides: [], runs, seed }, variants: [{ name: "levers", overrides: changes }] }
            : { kind: "run", scenario, ensemble: { overrides: [], runs, seed } };
          const started = performance.now();
          let submitted;
          try { submitted = await api("/api/jobs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job) }); }
          catch (e) { status(e.message, true); return; }
          const events = new EventSource("/api/jobs/" + submitted.id + "/events");
          const mine = { id: submitted.id, events }; current = mine;
          status(changes.length ? "comparing " + changes.length + " change(s) with the baseline…" : "running the baseline…");
          events.addEventListener("state", async (message) => {
            if (current !== mine) return;
            const s = JSON.parse(message.data);
            if (s.status === "running" && s.total > 0) status((changes.length ? "comparing" : "running") + ": " + s.done + " of " + s.total + " runs");
            if (s.status === "complete") {
              events.close(); current = null;
              const computed = performance.now();
              const html = await api("/api/jobs/" + s.id + "/report");
              const fetched = performance.now();
              const frame = $("report");
              frame.onload = () => {
                frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + "px";
                const now = performance.now();
                // Where the time of the last update went, in ms (the latency benchmark reads it).
                document.body.dataset.timings = JSON.stringify({ job: computed - started, report: fetched - computed, draw: now - fetched });
                document.body.dataset.renderedAt = String(now); document.body.dataset.rendered = String(s.id);
              };
              frame.srcdoc = html;
              const seconds = ((performance.now() - started) / 1000).toFixed(2);
              status((changes.length ? "compared with the baseline: " + changes.join(", ") : "the baseline") + " (" + seconds + " s)");
              document.body.dataset.lastJob = String(s.id);
              loadHistory();
            } else if (s.status === "failed") { events.close(); current = null; status("the job failed: " + (s.error || ""), true); }
          });
        }

        async function tellStory() {
          const pick = $("story-pick").value, arm = $("story-arm").value;
          const runs = Math.max(1, Number($("runs").value) || 10000), seed = Math.max(0, Number($("seed").value) || 0);
          const request = { scenario: { name: scenarioName || "scenario.yaml", text: yamlText },
            ensemble: { overrides: arm === "levers" ? overrides() : [], runs, seed } };
          if (pick === "run") request.run = Math.max(0, Number($("story-run").value) || 0); else request.outcome = pick;
          const note = $("story-status"); note.className = ""; note.textContent = "telling…";
          try {
            const html = await api("/api/story/report", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
            const frame = $("story-frame");
            frame.onload = () => { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + "px"; };
            frame.srcdoc = html;
            const run = /one war, run (\d+)/.exec(html);
            if (run) { $("story-run").value = run[1]; document.body.dataset.storyRun = run[1]; }
            note.textContent = (arm === "levers" ? "with the levers moved" : "the baseline") + ", run " + (run ? run[1] : "?") +
              " (the same run number draws the same dice in both arms)";
          } catch (e) { note.className = "error"; note.textContent = e.message; }
        }

        let hasStore = true;

        async function loadHistory() {
          if (!hasStore) { $("history-list").textContent = "this server keeps no store (started with --no-store)"; return; }
          try {
            const h = await api("/api/experiments");
            const table = document.createElement("table");
            const head = table.insertRow();
            for (const title of ["", "id", "kind", "scenario", "status", "runs", ""]) { const th = document.createElement("th"); th.textContent = title; head.appendChild(th); }
            for (const e of h.experiments.slice(0, 30)) {
              const row = table.insertRow();
              const pick = document.createElement("input"); pick.type = "checkbox"; pick.value = e.id; pick.disabled = e.status !== "complete";
              pick.title = "tick two to compare their reports side by side";
              row.insertCell().appendChild(pick);
              for (const text of [e.id, e.kind, e.scenario, e.status, e.runs]) row.insertCell().textContent = text;
              const links = row.insertCell();
              if (e.status === "complete") {
                const open = document.createElement("button"); open.type = "button"; open.textContent = "open";
                open.addEventListener("click", () => showStored([e.id]));
                links.appendChild(open); links.append(" ");
              }
              const csv = document.createElement("a"); csv.href = "/api/experiments/" + e.id + "/export"; csv.textContent = "CSV";
              links.appendChild(csv);
            }
            $("history-list").textContent = ""; $("history-list").appendChild(table);
          } catch (e) { $("history-list").textContent = "the store cannot be read: " + e.message; }
        }

        async function showStored(ids) {
          try {
            const pages = await Promise.all(ids.map(id => api("/api/experiments/" + id + "/report")));
            const box = $("stored-pages"); box.textContent = ""; box.className = ids.length > 1 ? "pair" : "";
            pages.forEach((html, i) => {
              const frame = document.createElement("iframe"); frame.title = "stored experiment " + ids[i];
              frame.onload = () => { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + "px"; };
              frame.srcdoc = html; box.appendChild(frame);
            });
            $("stored-title").textContent = "Stored experiment" + (ids.length > 1 ? "s " : " ") + ids.join(" and ");
            $("stored").hidden = false; $("stored").scrollIntoView();
          } catch (e) { status(e.message, true); }
        }

        $("yaml").addEventListener("input", () => { renderGutter([]); clearTimeout(validateTimer); validateTimer = setTimeout(validateNow, 300); });
        $("upload").addEventListener("change", async () => {
          const file = $("upload").files[0]; if (!file) return;
          scenarioName = file.name; $("yaml").value = await file.text(); validateNow();
        });
        $("scenario").addEventListener("change", () => loadScenario($("scenario").value));
        $("reset").addEventListener("click", () => {
          for (const entry of levers) { entry.value = entry.lever.value; entry.box.classList.remove("changed");
            for (const input of entry.inputs) { if (input.type === "checkbox") input.checked = entry.value === 1; else input.value = entry.value; } }
          scheduleRun(0);
        });
        $("runs").addEventListener("change", () => scheduleRun(0));
        $("tell").addEventListener("click", tellStory);
        $("stored-close").addEventListener("click", () => { $("stored").hidden = true; $("stored-pages").textContent = ""; });
        $("refresh-history").addEventListener("click", loadHistory);
        $("compare-stored").addEventListener("click", () => {
          const ids = [...document.querySelectorAll("#history-list input:checked")].map(b => b.value);
          if (ids.length !== 2) { status("tick two complete experiments to compare them", true); return; }
          showStored(ids);
        });
        $("seed").addEventListener("change", () => scheduleRun(0));

        (async () => {
          try {
            hasStore = (await api("/api/health")).store;
            const list = await api("/api/scenarios");
            for (const s of list) { const o = document.createElement("option"); o.value = s.name; o.textContent = s.name + " — " + s.title; $("scenario").appendChild(o); }
            const query = new URLSearchParams(location.search);
            for (const key of ["runs", "seed"]) { if (query.get(key)) $(key).value = query.get(key); }
            const start = query.get("scenario") || (list.some(s => s.name === "kursk-2024") ? "kursk-2024" : list[0].name);
            $("scenario").value = start; await loadScenario(start); loadHistory(); tellStory();
          } catch (e) { status(e.message, true); }
        })();
        </script>
        </body>
        </html>
        """#
}
