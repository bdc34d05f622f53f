// The door: the session's code (from the QR code's ?c= or typed), then a choice of page.
"use strict";
(async () => {
  const words = await (await fetch("/api/words")).json();
  for (const e of document.querySelectorAll("[data-w]")) e.textContent = words[e.dataset.w] || e.dataset.w;
  document.title = words.title;
  const msg = document.getElementById("message");
  async function tryCode(c) {
    const r = await fetch("/api/join", { method: "POST", headers: { "Content-Type": "application/json" },
                                         body: JSON.stringify({ code: c }) });
    const data = await r.json();
    if (!r.ok) { msg.textContent = data.error; msg.hidden = false; return; }
    sessionStorage.setItem("hk_code", c.toUpperCase());
    msg.hidden = true;
    document.getElementById("join").hidden = true;
    document.getElementById("pick").hidden = false;
    for (const page of ["lyrics", "stage", "remote"]) document.getElementById("to-" + page).href = "/" + page + "?c=" + encodeURIComponent(c.toUpperCase());
  }
  document.getElementById("join").addEventListener("submit", (ev) => { ev.preventDefault(); tryCode(document.getElementById("code").value.trim()); });
  const given = new URLSearchParams(location.search).get("c") || sessionStorage.getItem("hk_code");
  if (given) { document.getElementById("code").value = given; await tryCode(given); }
  document.body.dataset.ready = "1";
})();
