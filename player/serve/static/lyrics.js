// Lyrics in the hand: the current and the next line, huge and high-contrast, the text size set
// here with two buttons (kept on this device), a calm card between songs. Nothing here can
// change the show.
"use strict";
let size = Number(localStorage.getItem("hk_size") || "11");
function setSize(s) {
  size = Math.max(4, Math.min(20, s));
  localStorage.setItem("hk_size", String(size));
  document.body.style.setProperty("--size", size + "vw");
}
$("#bigger").addEventListener("click", () => setSize(size + 1.5));
$("#smaller").addEventListener("click", () => setSize(size - 1.5));
setSize(size);
function draw(v) {
  const singing = v.singing && !v.blank;
  $("#song").hidden = !singing;
  $("#card").hidden = singing;
  if (singing) {
    $("#section").textContent = v.section;
    $("#line").textContent = v.line;
    $("#nextline").textContent = v.next_line;
  } else if (v.blank) {
    $("#cardtitle").textContent = w("between");
    $("#cardtext").textContent = w("blanked");
    $("#cardnext").textContent = "";
  } else {
    $("#cardtitle").textContent = v.title || w("between");
    $("#cardtext").textContent = v.card.breath || v.card.call || v.card.countdown || v.card.subtitle || "";
    $("#cardnext").textContent = v.next;
  }
}
start(draw);
