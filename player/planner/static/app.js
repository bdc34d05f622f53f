// The planner's page: plain JavaScript, no build step, nothing from the network but this server.
"use strict";
const $ = (id) => document.getElementById(id);
let W = {};                                   // the page's words, from the server's catalog
const w = (key, fields) => (W[key] || key).replace(/\{(\w+)\}/g, (_, k) => (fields && k in fields ? fields[k] : ""));
const FIELDS = {
  song: ["verses", "tempo_scale", "transpose", "backing", "title", "note"],
  exercise: ["repeats", "tempo_scale", "title", "note"],
  text: ["value", "subtitle", "duration", "note"],
  pause: ["value", "duration", "note"],
  video: ["value", "duration", "note"],
};
const FILTERS = [["", "filter_all"], ["warmup", "filter_warmup"], ["song", "filter_song"], ["hymn", "filter_hymn"],
                 ["season-christmas", "filter_christmas"], ["season-spring", "filter_spring"]];
const state = { title: "", steps: [], name: "", base: "", tag: "", report: null, titles: {} };

async function api(path, body, raw) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
                                          body: raw ? body : JSON.stringify(body) };
  const res = await fetch(path, opts);
  const kind = res.headers.get("content-type") || "";
  const data = kind.startsWith("application/json") ? await res.json() : await res.blob();
  return { status: res.status, data };
}
function debounce(fn, ms) { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; }
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const kid of kids) if (kid) e.append(kid);
  return e;
}

// ---------------------------------------------------------------- the library
async function loadLibrary() {
  const q = encodeURIComponent($("search").value), tag = encodeURIComponent(state.tag);
  const { data } = await api(`/api/library?q=${q}&tag=${tag}`);
  const list = $("items");
  list.replaceChildren();
  for (const item of data.items) {
    state.titles[item.kind + ":" + item.id] = item.title;
    const meta = [w("kind_" + item.kind), item.length, item.key && `${w("key")} ${item.key}`,
                  item.tempo && `${w("tempo")} ${Math.round(item.tempo)}`].filter(Boolean).join(" · ");
    list.append(el("li", { class: item.problems.length ? "bad" : "", "data-id": item.id },
      el("div", { class: "what" }, el("div", { text: item.title }),
         el("div", { class: "meta", text: item.problems.length ? `${meta} · ${w("has_problems")}` : meta })),
      el("button", { text: w("add"), "aria-label": `${w("add")}: ${item.title}`,
                     on: { click: () => addStep({ kind: item.kind, value: item.id }) } })));
  }
  $("found").textContent = data.count ? w("found", { count: data.count }) : w("nothing_found");
}
function drawFilters() {
  const box = $("filters");
  box.replaceChildren();
  for (const [tag, key] of FILTERS) {
    box.append(el("button", { class: state.tag === tag ? "on" : "", "aria-pressed": String(state.tag === tag), text: w(key),
                              on: { click: () => { state.tag = tag; drawFilters(); loadLibrary(); } } }));
  }
}

// ---------------------------------------------------------------- the session
function blank(kind, value) {
  const s = { kind, value: value || "", origin: null };
  for (const f of ["title", "subtitle", "verses", "repeats", "tempo_scale", "transpose", "duration", "backing", "note"]) s[f] = "";
  return s;
}
function addStep(partial) {
  state.steps.push(Object.assign(blank(partial.kind, partial.value), partial));
  drawSteps(); changed();
}
function move(i, to) {
  if (to < 0 || to >= state.steps.length || to === i) return;
  const [s] = state.steps.splice(i, 1);
  state.steps.splice(to, 0, s);
  drawSteps(); changed();
}
function stepName(s) {
  if (s.kind === "song" || s.kind === "exercise") return state.titles[s.kind + ":" + s.value] || s.value;
  return s.value || w("kind_" + s.kind);
}
function field(s, f, i) {
  const label = w(f === "value" ? "field_value_" + (s.kind === "video" ? "video" : "text") : "field_" + f);
  let input;
  if (f === "backing") {
    input = el("select", {});
    for (const v of ["", "midi", "audio", "none"]) input.append(el("option", { value: v, text: w("backing_" + (v || "default")) }));
    input.value = s.backing || "";
  } else if (f === "note") {
    input = el("textarea", { rows: "2" }); input.value = s.note || "";
  } else {
    input = el("input", {}); input.value = s[f] || "";
  }
  input.setAttribute("data-field", f);
  input.addEventListener("input", () => { s[f] = input.value; if (f === "value") drawNames(); changed(); });
  input.addEventListener("change", () => { s[f] = input.value; changed(); });
  return el("label", {}, el("span", { text: label }), input);
}
function drawNames() {
  document.querySelectorAll("#steps .step").forEach((li, i) => { li.querySelector(".name").textContent = stepName(state.steps[i]); });
}
// dragging by the grip with pointer events: a mouse, a pen and a finger on a touch screen alike
let dragFrom = null;
function stepUnder(e) {
  const hit = document.elementFromPoint(e.clientX, e.clientY);
  const li = hit && hit.closest("#steps .step");
  return li ? Number(li.dataset.index) : null;
}
function startDrag(e, i) {
  e.preventDefault();
  dragFrom = i;
  const items = document.querySelectorAll("#steps .step");
  items[i].classList.add("dragging");
  const over = (ev) => { const j = stepUnder(ev); items.forEach((li, k) => li.classList.toggle("over", k === j && j !== i)); };
  const up = (ev) => {
    document.removeEventListener("pointermove", over); document.removeEventListener("pointerup", up);
    const j = stepUnder(ev); const from = dragFrom; dragFrom = null;
    items.forEach((li) => li.classList.remove("over", "dragging"));
    if (j !== null) move(from, j);
  };
  document.addEventListener("pointermove", over); document.addEventListener("pointerup", up);
}
function drawSteps() {
  const list = $("steps");
  list.replaceChildren();
  state.steps.forEach((s, i) => {
    const li = el("li", { class: "step", "data-index": String(i) },
      el("div", { class: "head" },
        el("span", { class: "grip", "aria-hidden": "true", text: "⠿" }),
        el("span", { class: "num", text: w("step", { n: i + 1 }) }),
        el("span", { class: "kind quiet", text: w("kind_" + s.kind) }),
        el("span", { class: "name", text: stepName(s) }),
        el("span", { class: "time" }),
        el("button", { class: "up", text: "▲ " + w("up"), on: { click: () => move(i, i - 1) } }),
        el("button", { class: "down", text: "▼ " + w("down"), on: { click: () => move(i, i + 1) } }),
        el("button", { class: "show", text: w("preview"), on: { click: () => preview(i) } }),
        el("button", { class: "remove", text: w("remove"), on: { click: () => { state.steps.splice(i, 1); drawSteps(); changed(); } } })),
      el("div", { class: "fields" }, ...(FIELDS[s.kind] || []).map((f) => field(s, f, i))),
      el("div", { class: "problems", "aria-live": "polite" }));
    li.querySelector(".grip").addEventListener("pointerdown", (e) => startDrag(e, i));
    list.append(li);
  });
  $("empty").hidden = state.steps.length > 0;
  showReport(state.report);
}
function page() { return { title: state.title, steps: state.steps }; }
function body(extra) { return Object.assign({ name: state.name, base: state.base, session: page() }, extra || {}); }
const changed = debounce(check, 350);
async function check() {
  $("status").textContent = w("checking"); $("status").className = "";
  const { data } = await api("/api/check", body());
  if (data.report) { state.report = data.report; showReport(data.report); }
  else { $("status").textContent = data.error; $("status").className = "bad"; }
}
function fieldOf(path, step) {              // "steps[2].verses[1]" → "verses"; the kind's own key → "value"
  const m = /^steps\[\d+\]\.(\w+)/.exec(path);
  if (!m) return null;
  return m[1] === step.kind ? "value" : m[1];
}
function showReport(report) {
  const have = Number($("have").value) || 0;
  const items = document.querySelectorAll("#steps .step");
  let count = 0;
  items.forEach((li, i) => {
    const r = report && report.steps[i];
    const box = li.querySelector(".problems");
    box.replaceChildren();
    li.querySelectorAll("[data-field]").forEach((input) => input.classList.remove("wrong"));
    for (const p of (r && r.problems) || []) {
      const own = p.path && p.path.startsWith(`steps[${i}]`);
      const f = own ? fieldOf(p.path, state.steps[i]) : null;
      const input = f && li.querySelector(`[data-field=${f}]`);
      if (input) input.classList.add("wrong");
      const label = input ? input.previousElementSibling.textContent + ": " : "";
      box.append(el("p", { text: label + p.message + (own ? "" : ` (${p.file}:${p.line})`) }));
    }
    count += r ? r.problems.length : 0;
    li.classList.toggle("bad", !!(r && r.problems.length));
    li.querySelector(".time").textContent = r && r.time ? `${w("planned")} ${r.time}` : "";
  });
  const general = $("general");
  general.replaceChildren();
  for (const p of (report && report.problems) || []) {
    const at = p.step !== null && p.step !== undefined ? w("step", { n: p.step + 1 }) + ": " : "";
    general.append(el("p", { text: at + (p.step === null ? p.text : p.message) }));
  }
  count += report ? report.problems.length : 0;
  if (!report) return;
  const minutes = report.total / 60;
  let total = w("total", { total: report.total_time, have });
  if (have) total += " – " + (minutes > have ? w("over", { minutes: Math.ceil(minutes - have) }) : w("left", { minutes: Math.floor(have - minutes) }));
  $("total").textContent = total;
  $("status").textContent = count ? w("problems", { count }) : w("all_ok");
  $("status").className = count ? "bad" : "ok";
}
async function save(replace) {
  $("saved").textContent = ""; $("saved").className = "";
  const { status, data } = await api("/api/save", body({ replace: !!replace }));
  if (status === 409) { if (confirm(w("replace_question", { name: state.name || data.error }))) return save(true); return; }
  if (data.report) { state.report = data.report; showReport(data.report); }
  $("saved").textContent = status === 200 ? data.message : data.error;
  $("saved").className = status === 200 ? "ok" : "bad";
  if (status === 200) { state.name = data.name; state.base = data.name; await listFiles(data.name); }
}
async function preview(i) {
  const { status, data } = await api("/api/preview", body({ step: i }));
  if (status !== 200) { $("saved").textContent = data.error; $("saved").className = "bad"; return; }
  $("preview").src = URL.createObjectURL(data);
  $("preview").alt = stepName(state.steps[i]);
  $("preview-box").hidden = false;
}
async function listFiles(chosen) {
  const { data } = await api("/api/sessions");
  const sel = $("files");
  sel.replaceChildren();
  for (const n of data.sessions) sel.append(el("option", { value: n, text: n }));
  if (chosen) sel.value = chosen;
}
async function openFile(name) {
  const { status, data } = await api(`/api/session?name=${encodeURIComponent(name)}`);
  if (status !== 200) { $("saved").textContent = data.error; $("saved").className = "bad"; return; }
  state.name = data.name; state.base = data.name; state.title = data.session.title; state.steps = data.session.steps;
  $("title").value = state.title;
  $("broken").hidden = !data.broken;
  $("broken-text").textContent = data.broken ? data.text : "";
  state.report = data.report; drawSteps(); showReport(data.report);
}

// ---------------------------------------------------------------- the song editor
const song = { backing: "", beatSeconds: null, taps: [], lines: [], tapping: false, started: 0, audioOk: false };
function songForm() {
  return { text: $("s-text").value, title: $("s-title").value, credits: $("s-credits").value, meter: $("s-meter").value,
           tempo: $("s-tempo").value, key: $("s-key").value, taps: song.taps };
}
const songChanged = debounce(buildSong, 400);
async function buildSong() {
  if (!$("s-text").value.trim()) return;
  const { status, data } = await api("/api/song/build", { song: songForm(), backing: song.backing });
  const box = $("s-problems");
  box.replaceChildren();
  if (status !== 200) { box.append(el("p", { text: data.error })); return; }
  for (const p of data.problems) box.append(el("p", { text: p }));
  song.lines = data.lines;
  $("s-estimate").textContent = data.time ? w(song.taps.length && !data.estimated ? "song_tapped" : "song_estimated", { time: data.time }) : "";
  drawLines();
}
function drawLines() {
  const list = $("s-lines");
  list.replaceChildren();
  song.lines.forEach((l, i) => list.append(el("li", { class: song.tapping && i === song.taps.length ? "now" : "" },
    el("span", { text: l.text }), song.taps[i] !== undefined ? el("span", { class: "at", text: w("tap_at", { beat: (song.taps[i] + 1).toFixed(1).replace(".", ",") }) }) : null)));
  $("tap-count").textContent = w("tap_count", { done: song.taps.length, lines: song.lines.length });
}
function beatAt(t) {                         // seconds of the backing → beat, on the rendered beat map
  const b = song.beatSeconds;
  if (!b || b.length < 2) return t * (Number($("s-tempo").value) || 100) / 60;
  let i = 0;
  while (i + 2 < b.length && b[i + 1] <= t) i++;
  return i + (t - b[i]) / (b[i + 1] - b[i]);
}
function now() {
  const a = $("s-audio");
  return song.audioOk && !a.paused ? a.currentTime : (performance.now() - song.started) / 1000 * (Number($("s-scale").value) || 1);
}
async function startTapping() {
  song.taps = []; song.tapping = true;
  const a = $("s-audio");
  a.currentTime = 0;
  a.playbackRate = Math.min(1, Math.max(0.5, Number($("s-scale").value) || 1));
  song.started = performance.now();
  try { await a.play(); song.audioOk = true; } catch (e) { song.audioOk = false; }
  $("tap").disabled = false; $("tap-stop").disabled = false; $("tap").focus();
  drawLines();
}
function tap() {
  if (!song.tapping) return;
  song.taps.push(Math.round(beatAt(now()) * 100) / 100);
  if (song.taps.length >= song.lines.length) stopTapping(); else drawLines();
}
function stopTapping() {
  song.tapping = false; $("s-audio").pause();
  $("tap").disabled = true; $("tap-stop").disabled = true;
  drawLines(); buildSong();
}
async function uploadMidi(file) {
  const { status, data } = await api(`/api/song/backing?name=${encodeURIComponent(file.name)}`, await file.arrayBuffer(), true);
  const box = $("s-problems");
  if (status !== 200) { box.replaceChildren(el("p", { text: data.error })); return; }
  song.backing = data.token; song.beatSeconds = data.beat_seconds;
  $("s-audio").src = data.wav;
  $("tap-start").disabled = false;
  buildSong();
}
async function saveSong(replace) {
  $("s-saved").textContent = ""; $("s-saved").className = "";
  const { status, data } = await api("/api/song/save", { song: songForm(), backing: song.backing, replace: !!replace });
  if (status === 409) { if (confirm(w("replace_question", { name: data.error }))) return saveSong(true); return; }
  $("s-saved").textContent = status === 200 ? data.message : data.error;
  $("s-saved").className = status === 200 ? "ok" : "bad";
  if (status === 200) loadLibrary();
}

// ---------------------------------------------------------------- start
function tabs(which) {
  $("view-session").hidden = which !== "session"; $("view-song").hidden = which !== "song";
  $("tab-session").classList.toggle("on", which === "session"); $("tab-song").classList.toggle("on", which === "song");
}
async function start() {
  W = (await api("/api/words")).data;
  document.querySelectorAll("[data-w]").forEach((e) => { e.textContent = w(e.dataset.w); });
  document.querySelectorAll("[data-wp]").forEach((e) => { e.placeholder = w(e.dataset.wp); e.setAttribute("aria-label", w(e.dataset.wp)); });
  document.title = w("app_title");
  drawFilters();
  $("search").addEventListener("input", debounce(loadLibrary, 200));
  $("title").addEventListener("input", () => { state.title = $("title").value; changed(); });
  $("have").value = localStorage.getItem("helsekor-have") || $("have").value;
  $("have").addEventListener("input", () => { localStorage.setItem("helsekor-have", $("have").value); showReport(state.report); });
  $("add-text").addEventListener("click", () => addStep({ kind: "text" }));
  $("add-pause").addEventListener("click", () => addStep({ kind: "pause", value: w("kind_pause"), duration: "15min" }));
  $("add-video").addEventListener("click", () => addStep({ kind: "video" }));
  $("save").addEventListener("click", () => save(false));
  $("open").addEventListener("click", () => openFile($("files").value));
  $("new").addEventListener("click", () => { Object.assign(state, { title: "", steps: [], name: "", base: "", report: null });
                                            $("title").value = ""; $("broken").hidden = true; drawSteps(); $("general").replaceChildren(); });
  $("preview-close").addEventListener("click", () => { $("preview-box").hidden = true; });
  $("tab-session").addEventListener("click", () => tabs("session"));
  $("tab-song").addEventListener("click", () => tabs("song"));
  for (const id of ["s-text", "s-title", "s-credits", "s-meter", "s-tempo", "s-key"]) $(id).addEventListener("input", () => { song.taps = []; songChanged(); });
  $("s-midi").addEventListener("change", (e) => e.target.files[0] && uploadMidi(e.target.files[0]));
  $("tap-start").addEventListener("click", startTapping);
  $("tap").addEventListener("click", tap);
  $("tap-stop").addEventListener("click", stopTapping);
  $("s-save").addEventListener("click", () => saveSong(false));
  document.addEventListener("keydown", (e) => { if (song.tapping && e.code === "Space" && e.target.tagName !== "BUTTON") { e.preventDefault(); tap(); } });
  await Promise.all([loadLibrary(), listFiles()]);
  drawSteps();
  document.body.dataset.ready = "1";
}
start();
