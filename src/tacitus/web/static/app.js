// Tacitus workbench: small enhancements over server-rendered pages. Every page works
// without this file. Text from the server is only ever inserted with textContent.
"use strict";

(function () {
  const page = document.body.dataset.page;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // Actor suggestions for every input bound to the #actor-names datalist.
  function actorSuggestions() {
    const list = document.getElementById("actor-names");
    if (!list) return;
    let timer = null;
    document.querySelectorAll('input[list="actor-names"]').forEach((input) => {
      input.addEventListener("input", () => {
        clearTimeout(timer);
        const q = input.value.trim();
        if (q.length < 2) return;
        timer = setTimeout(async () => {
          const res = await fetch("/api/actors?" + new URLSearchParams({ q: q, limit: "15" }));
          if (!res.ok) return;
          const body = await res.json();
          list.replaceChildren(...body.actors.map((a) => { const o = el("option"); o.value = a.name; return o; }));
        }, 200);
      });
    });
  }

  // Event table: drop-downs filter as soon as they change.
  function eventTable() {
    const form = document.getElementById("filters");
    if (!form) return;
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.requestSubmit()));
  }

  // Article view: clicking an event marks its evidence sentence and words in the text.
  function articleView() {
    const items = document.querySelectorAll(".event-item");
    const segs = Array.from(document.querySelectorAll("#article-text .seg"));
    function select(id) {
      items.forEach((li) => li.classList.toggle("active", li.dataset.eventId === id));
      let first = null;
      segs.forEach((s) => {
        const on = s.dataset.sent.split(" ").includes(id) || s.dataset.ev.split(" ").includes(id);
        s.classList.toggle("active", on);
        if (on && !first) first = s;
      });
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
      const url = new URL(window.location.href);
      url.searchParams.set("event", id);
      history.replaceState(null, "", url);
    }
    items.forEach((li) => {
      li.addEventListener("click", (ev) => {
        if (ev.target.closest("a") && !ev.target.closest("a.pick")) return; // other links navigate
        ev.preventDefault();
        select(li.dataset.eventId);
      });
    });
    const chosen = new URL(window.location.href).searchParams.get("event");
    if (chosen) select(chosen);
  }

  // Map: clicking a point opens a popup with its counts; a second click follows the link.
  function mapView() {
    const popup = document.getElementById("map-popup");
    const svg = document.getElementById("world-map");
    if (!popup || !svg) return;
    const names = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
    let current = null;
    svg.querySelectorAll("a.point").forEach((a) => {
      a.addEventListener("click", (ev) => {
        if (current === a) return; // second click: follow the link to the table
        ev.preventDefault();
        svg.querySelectorAll("a.point.selected").forEach((p) => p.classList.remove("selected"));
        a.classList.add("selected");
        current = a;
        const title = a.dataset.name + (a.dataset.country ? " (" + a.dataset.country + ")" : "");
        const list = el("ul");
        a.dataset.quads.split(" ").filter(Boolean).forEach((pair) => {
          const [q, n] = pair.split(":");
          const li = el("li", n + " " + (names[q] || "unknown"));
          li.prepend(el("span", "", "key q" + q), " ");
          list.append(li);
        });
        const link = el("a", a.dataset.total === "1" ? "Show this event" : "Show these " + a.dataset.total + " events");
        link.href = a.getAttribute("href");
        popup.replaceChildren(el("h3", title), list, link);
        const box = a.querySelector("circle").getBoundingClientRect();
        const frame = popup.parentElement.getBoundingClientRect();
        popup.style.left = Math.round(box.right - frame.left + 6) + "px";
        popup.style.top = Math.round(box.top - frame.top) + "px";
        popup.hidden = false;
      });
    });
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") { popup.hidden = true; current = null; } });
  }

  // Paste page: extract in place through the JSON API.
  function extractPage() {
    const form = document.getElementById("extract-form");
    const table = document.getElementById("extract-results");
    const error = document.getElementById("extract-error");
    const status = document.getElementById("extract-status");
    if (!form) return;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const body = { text: data.get("text") };
      if (data.get("title")) body.title = data.get("title");
      if (data.get("published")) body.published = data.get("published");
      error.hidden = true;
      status.textContent = "reading…";
      try {
        const res = await fetch("/api/extract", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        });
        const out = await res.json();
        if (!res.ok) throw new Error(out.message || res.statusText);
        renderEvents(out.events);
        status.textContent = out.n_events + " event" + (out.n_events === 1 ? "" : "s");
      } catch (err) {
        status.textContent = "";
        error.textContent = String(err.message || err);
        error.hidden = false;
      }
    });

    function renderEvents(events) {
      const tbody = table.querySelector("tbody");
      const rows = events.map((e) => {
        const tr = el("tr");
        const type = el("td", e.event_type);
        if (e.negated) type.append(" ", el("span", "not", "flag neg"));
        if (e.modality && e.modality !== "actual") type.append(" ", el("span", e.modality, "flag mod"));
        const quad = el("td");
        quad.append(el("span", e.quad_class, "quad q" + e.quad_class));
        tr.append(type, quad, el("td", e.actor ? e.actor.name : ""), el("td", e.recipient ? e.recipient.name : ""),
          el("td", e.date || ""), el("td", e.location ? e.location.name : ""), el("td", e.evidence.trigger),
          el("td", e.evidence.sentence, "small"));
        return tr;
      });
      if (!rows.length) {
        const td = el("td", "No event found in this text.", "empty");
        td.colSpan = 8;
        const tr = el("tr");
        tr.append(td);
        rows.push(tr);
      }
      tbody.replaceChildren(...rows);
      table.hidden = false;
    }
  }

  actorSuggestions();
  if (page === "events") eventTable();
  if (page === "article") articleView();
  if (page === "map") mapView();
  if (page === "extract") extractPage();
})();
