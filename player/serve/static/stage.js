// The pianist's tablet: the console's pianist part (key, tempo, bar, the section with chords
// over each line, the count-in, what comes next), from the same view as every page.
"use strict";
function chordLine(text, chords) {
  let out = "";
  for (const [at, name] of chords) {
    while (out.length < at) out += " ";
    if (out.length > at && out.length) out += " ";
    out += name;
  }
  return out;
}
function draw(v) {
  const st = v.stage;
  const s = $("#state");
  s.textContent = v.state_text; s.dataset.state = v.state;
  $("#title").textContent = v.title;
  $("#key").textContent = st.key || "–";
  $("#bpm").textContent = st.bpm ? st.bpm + (st.meter ? "  " + st.meter : "") : "–";
  $("#tempo").textContent = st.tempo;
  $("#bar").textContent = st.bar || "–";
  $("#lead").textContent = st.lead;
  const ci = $("#countin");
  ci.hidden = st.count_in === null || st.count_in === undefined;
  ci.textContent = ci.hidden ? "" : w("count_in") + "  " + st.count_in;
  $("#partlabel").textContent = st.part_label;
  $("#intro").textContent = [st.intro, st.ending].filter(Boolean).join(" · ");
  $("#round").textContent = st.round;
  const part = $("#part");
  part.replaceChildren();
  for (const ln of st.part) {
    const row = el("div", "pl");
    row.dataset.state = ln.state;
    row.append(el("span", "bar", String(ln.bar)));
    if (ln.chords.length) row.append(el("span", "chords", chordLine(ln.text, ln.chords)));
    row.append(el("span", "words", ln.text));
    part.append(row);
  }
  $("#nextsection").textContent = st.next_section;
  $("#next").textContent = [v.next].concat(st.next_steps.slice(1)).join("  ·  ");
}
start(draw);
