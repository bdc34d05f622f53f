// The room's pages: words from the catalog (/api/words), joining with the session's code,
// the live view over server-sent events (/api/events) and, on the remote, intents.
// A lost connection says so and comes back by itself. No page reads or writes files.
"use strict";
const HK = { words: {}, token: null, view: null, control: false, onview: () => {}, seen: 0 };
window.HK = HK;

function w(key, fields) {
  let text = HK.words[key] || key;
  for (const [k, v] of Object.entries(fields || {})) text = text.split("{" + k + "}").join(String(v));
  return text;
}
function $(sel) { return document.querySelector(sel); }
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function say(message) { const m = $("#message"); if (m) { m.textContent = message || ""; m.hidden = !message; } }

async function post(url, body) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Token": HK.token || "" },
                               body: JSON.stringify(body) });
  let data = {};
  try { data = await r.json(); } catch (e) { data = {}; }
  return { ok: r.ok, status: r.status, data };
}

function code() {
  const given = new URLSearchParams(location.search).get("c");
  if (given) sessionStorage.setItem("hk_code", given.toUpperCase());
  return sessionStorage.getItem("hk_code") || "";
}

async function join() {
  const c = code();
  if (!c) { location.href = "/"; return false; }
  const r = await post("/api/join", { code: c });
  if (!r.ok) {
    say(r.data.error || "");
    if (r.status === 403) { sessionStorage.removeItem("hk_code"); setTimeout(() => { location.href = "/"; }, 1500); }
    return false;
  }
  HK.token = r.data.token;
  HK.control = false;
  return true;
}

function lost(on) {
  const b = $("#lost");
  if (b) b.hidden = !on;
  document.body.dataset.live = on ? "0" : "1";
}

function listen() {
  const source = new EventSource("/api/events?t=" + encodeURIComponent(HK.token));
  source.onopen = () => lost(false);
  source.onmessage = (ev) => {
    const view = JSON.parse(ev.data);
    HK.view = view;
    HK.seen += 1;
    document.body.dataset.step = String(view.step);
    HK.onview(view);
  };
  source.onerror = () => {
    lost(true);
    if (source.readyState === EventSource.CLOSED) {     // refused (a new server, a new token): join again
      setTimeout(async () => { if (await join()) { HK.reopened = (HK.reopened || 0) + 1; listen(); } else setTimeout(listen, 2000); }, 1000);
    }
  };
  HK.source = source;
}

async function start(onview) {
  HK.onview = onview;
  HK.words = await (await fetch("/api/words")).json();
  document.documentElement.lang = HK.words.lang || document.documentElement.lang;
  for (const e of document.querySelectorAll("[data-w]")) e.textContent = w(e.dataset.w);
  for (const e of document.querySelectorAll("[data-wlabel]")) e.setAttribute("aria-label", w(e.dataset.wlabel));
  document.title = w("title");
  if (await join()) listen();
  document.body.dataset.ready = "1";
}
