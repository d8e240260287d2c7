// veille desk: the map, the timeline and review actions. No framework, no CDN: Leaflet and
// topojson-client come from /vendor (installed from npm by make).
const Desk = (() => {
  const COLORS = { strike: "#c0392b", deployment: "#2471a3", threat: "#d68910" };
  const readOnly = () => document.body.dataset.readOnly === "true";

  function esc(text) {
    const div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function token() {
    let t = localStorage.getItem("veille-token");
    if (!t) {
      t = window.prompt("The desk's token (printed at its first start, stored beside the database):");
      if (t) localStorage.setItem("veille-token", t.trim());
    }
    return t;
  }

  async function post(url, body) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Veille-Token": token() || "" },
      body: JSON.stringify(body || {}),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status === 401) localStorage.removeItem("veille-token");
      throw new Error(data.detail || res.statusText);
    }
    return data;
  }

  function filterQuery(form) {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v) params.set(k, v);
    return params.toString();
  }

  // Crimea: Natural Earth draws it with Russia; the desk draws it as Ukraine's, hatched as
  // held by Russia (the polygon of Russia's that holds Simferopol)
  function inside(pt, ring) {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < (xj - xi) * (pt[1] - yi) / (yj - yi) + xi) c = !c;
    }
    return c;
  }

  function borders(map, world) {
    const fc = topojson.feature(world, world.objects.countries);
    const russia = fc.features.find(f => f.properties.name === "Russia");
    let crimea = null;
    if (russia && russia.geometry.type === "MultiPolygon") {
      const i = russia.geometry.coordinates.findIndex(p => inside([34.1, 44.95], p[0]));
      if (i >= 0) crimea = russia.geometry.coordinates.splice(i, 1)[0];
    }
    L.geoJSON(fc, { style: { color: "#777", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
    if (crimea) {
      L.geoJSON({ type: "Feature", properties: { name: "Crimea (Ukraine, under Russian control)" },
                  geometry: { type: "Polygon", coordinates: crimea } },
                { style: { color: "#777", weight: 1, fillColor: "#e6d5c3", fillOpacity: 1, dashArray: "3 3" } })
        .bindTooltip("Crimea: Ukraine, under Russian control").addTo(map);
    }
  }

  async function map() {
    const form = document.getElementById("filters");
    const status = document.getElementById("status");
    const list = document.getElementById("country-level");
    let layer = null, leaflet = null;
    if (window.L) {
      leaflet = L.map("map", { worldCopyJump: true }).setView([49, 34], 5);
      try {
        const world = await (await fetch("/vendor/world-atlas/countries-50m.json")).json();
        borders(leaflet, world);
      } catch (err) { status.textContent = "no borders: " + err.message; }
    }
    async function load() {
      status.textContent = "loading…";
      const res = await fetch("/api/events?" + filterQuery(form));
      const data = await res.json();
      if (!res.ok) { status.textContent = data.detail || "error"; return; }
      const points = data.features.filter(f => f.geometry);
      const countryLevel = data.features.filter(f => !f.geometry);
      list.innerHTML = countryLevel.map(f => {
        const p = f.properties;
        return `<li class="country-event"><a href="/event/${esc(p.fused_id)}">${esc(p.date || "undated")} ${esc(p.type)} ${esc(p.country || "")}</a> ${esc(p.launched ?? "")}</li>`;
      }).join("");
      if (leaflet) {
        if (layer) layer.remove();
        layer = L.layerGroup(points.map(f => {
          const p = f.properties;
          const [lon, lat] = f.geometry.coordinates;
          const marker = L.circleMarker([lat, lon], {
            radius: 5 + 3 * Math.sqrt(p.reports || 1), color: p.actor_side === "UA" ? "#1a5276" : "#333",
            weight: 2, fillColor: COLORS[p.type] || "#888", fillOpacity: .75,
            dashArray: p.location_precision === "admin1" ? "4 3" : null, className: "event-marker",
          });
          marker.bindPopup(`<a href="/event/${esc(p.fused_id)}">${esc(p.date || "undated")} · ${esc(p.type)} · ${esc(p.place || p.admin1)}</a><br>${esc(p.reports)} report(s)` +
                           (p.launched != null ? `<br>launched ${esc(p.launched)}` : ""));
          return marker;
        })).addTo(leaflet);
      }
      document.body.dataset.markers = points.length;
      status.textContent = `${data.features.length} events (${countryLevel.length} country-level)`;
    }
    form.addEventListener("submit", e => { e.preventDefault(); load(); });
    const ingest = document.getElementById("ingest-form");
    if (ingest) ingest.addEventListener("submit", async e => {
      e.preventDefault();
      const out = document.getElementById("ingest-status");
      const notes = document.getElementById("ingest-notices");
      const files = await Promise.all([...ingest.elements.files.files].map(
        f => f.text().then(content => ({ name: f.name, content }))));
      try {
        let job = await post("/api/ingest", { text: ingest.elements.text.value,
          id: ingest.elements.id.value || null, published: ingest.elements.published.value || null, files });
        while (!["done", "failed"].includes(job.state)) {
          out.textContent = `${job.state}… ${job.read}${job.total ? "/" + job.total : ""} articles`;
          await new Promise(r => setTimeout(r, 700));
          job = await (await fetch("/api/ingest/" + job.id)).json();
        }
        out.textContent = job.state === "done"
          ? `read ${job.read} articles, ${job.events} events, ${job.skipped} skipped, ${job.warnings} warnings`
          : "failed: " + job.error;
        notes.innerHTML = job.notices.map(n => `<li>${esc(n)}</li>`).join("");
        await load();
      } catch (err) { out.textContent = err.message; }
    });
    await load();
  }

  function timeline() {
    for (const a of document.querySelectorAll(".day-link")) {
      a.addEventListener("click", e => {
        e.preventDefault();
        const ul = document.getElementById("day-events");
        ul.innerHTML = a.dataset.ids.split(",").filter(Boolean)
          .map(id => `<li><a href="/event/${esc(id)}">${esc(id)}</a></li>`).join("");
      });
    }
  }

  function bindUndo() {
    for (const b of document.querySelectorAll("button.undo")) {
      b.addEventListener("click", async () => {
        try { const d = await post(`/api/review/${b.dataset.id}/undo`, {}); go(d); }
        catch (err) { alert(err.message); }
      });
    }
  }

  function go(decision) {
    if (decision.now && location.pathname.startsWith("/event/")) location.href = "/event/" + decision.now;
    else location.reload();
  }

  function event() {
    if (readOnly()) return;
    const fused = location.pathname.split("/").pop();
    for (const b of document.querySelectorAll("button.act")) {
      b.addEventListener("click", async () => {
        const body = { action: b.dataset.action, event_key: b.dataset.key || null, fused_id: fused };
        if (body.action === "move") {
          body.target = prompt("Move this report to which fused event? (its id, F...)");
          if (!body.target) return;
        }
        if (body.action === "correct") {
          body.field = prompt("Which figure? (launched, intercepted, hit, killed, injured, date)");
          if (!body.field) return;
          const raw = prompt(`The right value of ${body.field}:`);
          if (raw === null) return;
          body.value = body.field === "date" ? raw : (raw === "" ? null : Number(raw));
          body.reason = prompt("Why?");
          if (!body.reason) return;
        }
        try { go(await post("/api/review", body)); } catch (err) { alert(err.message); }
      });
    }
    bindUndo();
  }

  function review() { if (!readOnly()) bindUndo(); }

  return { map, timeline, event, review, esc };
})();
