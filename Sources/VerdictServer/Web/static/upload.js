// Upload: each chosen or dropped file is posted to POST /api/v1/dossiers (the session cookie
// authenticates), and its result listed with a link to the report.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload-form");
  var input = document.getElementById("files");
  var drop = document.getElementById("drop");
  var results = document.getElementById("results");
  var asOf = document.getElementById("as-of");
  var statusText = { compliant: "合规 compliant", noncompliant: "不合规 noncompliant", incomplete: "待补充 incomplete" };

  function item(file, cls, text, href) {
    var li = document.createElement("li");
    li.className = cls;
    var name = document.createElement("b");
    name.textContent = file.name + "：";
    li.appendChild(name);
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      li.appendChild(a);
    } else {
      li.appendChild(document.createTextNode(text));
    }
    results.appendChild(li);
  }

  function send(file) {
    var url = "/api/v1/dossiers?name=" + encodeURIComponent(file.name);
    if (asOf && asOf.value) url += "&as-of=" + encodeURIComponent(asOf.value);
    return file.arrayBuffer().then(function (bytes) {
      return fetch(url, { method: "POST", headers: { "Content-Type": "application/xml" }, body: bytes, credentials: "same-origin" });
    }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    }).then(function (r) {
      if (r.status === 201) {
        var d = (r.body.report && r.body.report.dossiers && r.body.report.dossiers[0]) || {};
        item(file, "ok", "已保存 stored · " + (d.id || "") + " · " + (statusText[d.status] || d.status || "") + " → 查看报告 view the report", "/dossiers/" + encodeURIComponent(r.body.id));
      } else {
        var errors = (r.body.report && r.body.report.errors) || r.body.errors || [];
        var why = r.body.error || (errors[0] && ((errors[0].line ? "第 " + errors[0].line + " 行：" : "") + errors[0].message)) || ("HTTP " + r.status);
        item(file, "bad", "未保存 not stored：" + why);
      }
    }).catch(function (e) { item(file, "bad", "未保存 not stored：" + e); });
  }

  function sendAll(files) {
    var chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (f) { chain = chain.then(function () { return send(f); }); });
    return chain.then(function () { document.body.setAttribute("data-uploaded", String(results.children.length)); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (input.files.length === 0) { input.focus(); return; }
    sendAll(input.files).then(function () { input.value = ""; });
  });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer && e.dataTransfer.files.length) sendAll(e.dataTransfer.files); });
});
