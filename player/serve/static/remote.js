// The conductor's remote: the state, the current and next step, the notes, and big buttons.
// A button pressed twice within the guard counts once (the clicker's double-press guard; the
// server keeps the same guard for every remote together).
"use strict";
const GUARD_MS = 300;
function controls(on) {
  HK.control = on;
  for (const b of document.querySelectorAll("#pad button")) b.disabled = !on;
  $("#pinform").hidden = on;
  $("#viewer").hidden = on;
}
function draw(v) {
  const s = $("#state");
  s.textContent = v.state_text; s.dataset.state = v.state;
  $("#stepno").textContent = w("step", { n: v.step + 1, count: v.count });
  $("#title").textContent = v.title;
  $("#line").textContent = v.line || "";
  $("#next").textContent = v.next;
  const notes = $("#notes");
  notes.replaceChildren();
  const list = v.notes && v.notes.length ? v.notes : (HK.control ? [w("no_notes")] : []);
  for (const n of list) notes.append(el("li", "", n));
}
controls(false);
$("#pinform").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const r = await post("/api/pin", { pin: $("#pin").value.trim() });
  $("#pin").value = "";
  if (r.ok) { controls(true); say(""); HK.source.close(); listen(); } else say(r.data.error);
});
for (const b of document.querySelectorAll("#pad button")) {
  b.addEventListener("click", async () => {
    if (b.dataset.busy) return;
    b.dataset.busy = "1";
    setTimeout(() => { delete b.dataset.busy; }, GUARD_MS);
    const r = await post("/api/intent", { action: b.dataset.action });
    if (!r.ok) { say(r.data.error); if (r.status === 403 || r.status === 401) controls(false); } else say("");
  });
}
start(draw);
