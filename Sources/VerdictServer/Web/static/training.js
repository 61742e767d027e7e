// Training room: one slide at a time, keyboard navigation, answers and law revealed on demand,
// and the what-if panel (POST /training/{procedure}/what-if judges a changed copy, never stored).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var room = document.getElementById("training");
  if (!room) return;
  room.classList.add("js");
  var slides = Array.prototype.slice.call(room.querySelectorAll(".slide"));
  var progress = document.getElementById("progress");
  var current = 0;

  function show(i, focus) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle("current", k === current); });
    progress.textContent = (current + 1) + " / " + slides.length;
    room.setAttribute("data-current", slides[current].getAttribute("data-slide"));
    if (history.replaceState) history.replaceState(null, "", "#" + slides[current].id);
    if (focus !== false) slides[current].focus();
  }
  function byId(id) {
    for (var k = 0; k < slides.length; k++) if (slides[k].id === id) return k;
    return -1;
  }
  function toggle(selector) {
    var d = slides[current].querySelector(selector);
    if (d) d.open = !d.open;
  }
  document.getElementById("prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  room.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.step-link") : null;
    if (a) { e.preventDefault(); show(byId(a.getAttribute("href").slice(1))); }
  });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || e.altKey || e.ctrlKey || e.metaKey) return;
    var onSummary = tag === "summary" || tag === "button" || tag === "a";
    switch (e.key) {
      case "ArrowRight": case "PageDown": case "n": show(current + 1); break;
      case "ArrowLeft": case "PageUp": case "p": show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case " ": if (onSummary) return; toggle("details.answer"); break;
      case "l": case "L": toggle("details.law"); break;
      case "t": case "T": show(0); break;
      case "w": case "W": show(byId("slide-whatif")); break;
      default: return;
    }
    e.preventDefault();
  });
  var start = byId(location.hash.slice(1));
  show(start >= 0 ? start : 0, false);

  // What if.
  var form = document.getElementById("whatif-form");
  if (!form) return;
  var field = document.getElementById("whatif-field");
  var value = document.getElementById("whatif-value");
  var result = document.getElementById("whatif-result");
  var hint = document.getElementById("whatif-hint");
  var hints = { date: "YYYY-MM-DD", vote: "yes / no / abstain（同意 / 反对 / 弃权）", area: "㎡，例如 95.40" };
  function prefill() {
    var o = field.options[field.selectedIndex];
    if (!o) return;
    value.value = o.getAttribute("data-value");
    hint.textContent = hints[o.getAttribute("data-kind")] || "";
  }
  field.addEventListener("change", prefill);
  prefill();

  function cell(row, text, cls) {
    var td = document.createElement("td");
    if (cls) {
      var s = document.createElement("span");
      s.className = "outcome " + cls;
      s.textContent = text;
      td.appendChild(s);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
  }
  function table(head, rows) {
    var t = document.createElement("table");
    t.className = "list";
    var tr = document.createElement("tr");
    head.forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; tr.appendChild(th); });
    var thead = document.createElement("thead"); thead.appendChild(tr); t.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) { tbody.appendChild(r); });
    t.appendChild(tbody);
    return t;
  }
  function render(data) {
    result.textContent = "";
    if (data.error) {
      var p = document.createElement("p"); p.className = "error"; p.textContent = data.error; result.appendChild(p);
      return;
    }
    var s = document.createElement("p");
    s.className = "whatif-status";
    s.textContent = "卷宗状态 dossier status：" + data.status.beforeLabel + " → " + data.status.afterLabel;
    result.appendChild(s);
    var changed = 0;
    var rows = data.steps.map(function (st) {
      var tr = document.createElement("tr");
      if (st.changed) { tr.className = "changed"; changed++; }
      cell(tr, st.number + ". " + st.title);
      cell(tr, st.before + (st.beforeDue ? "（" + st.beforeDue + "）" : ""), st.beforeCss);
      cell(tr, st.after + (st.afterDue ? "（" + st.afterDue + "）" : ""), st.afterCss);
      return tr;
    });
    result.appendChild(table(["步骤 step", "原来 before", "修改后 after"], rows));
    var f = data.findings.map(function (x) {
      var tr = document.createElement("tr");
      cell(tr, x.title + (x.subject ? "（" + x.subject + "）" : ""));
      cell(tr, x.before);
      cell(tr, x.after, x.afterCss);
      cell(tr, x.message);
      return tr;
    });
    var h = document.createElement("h3");
    h.textContent = f.length ? "改变的结论 findings that changed (" + f.length + ")" : "没有结论改变 no finding changed";
    result.appendChild(h);
    if (f.length) result.appendChild(table(["结论 finding", "原来 before", "修改后 after", "说明 message"], f));
    room.setAttribute("data-whatif-changed", String(changed + f.length));
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    result.textContent = "判断中…… judging…";
    fetch(form.getAttribute("action"), {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ dossier: room.getAttribute("data-dossier"), field: field.value, value: value.value })
    }).then(function (r) { return r.json(); }).then(render)
      .catch(function (err) { result.textContent = "出错了 error: " + err; });
  });
});
