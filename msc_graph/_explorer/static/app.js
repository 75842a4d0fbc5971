/* msc-graph explorer page: named queries, read-only Cypher, table + graph, node evidence. */
(function () {
  "use strict";
  var meta = null;
  var current = null; // the selected named query
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function cellText(v) {
    if (v === null || v === undefined) { return ""; }
    if (Array.isArray(v)) { return v.map(cellText).join("; "); }
    if (typeof v === "object") {
      if (v._labels) { return "(" + v._labels.join(":") + " " + (v.name || v.id || "") + ")"; }
      if (v._type) { return "[" + v._type + "]"; }
      return JSON.stringify(v);
    }
    return String(v);
  }

  function setStatus(text, isError) {
    var s = $("status");
    s.textContent = text;
    s.className = isError ? "error" : "";
  }

  function api(path, body) {
    var opts = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    };
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.error || ("HTTP " + r.status)); }
        return data;
      });
    });
  }

  /* ---- named queries ---------------------------------------------------------------- */
  function listQueries() {
    var ul = $("query-list");
    meta.queries.forEach(function (q) {
      var b = el("button", { type: "button", "data-query": q.name, title: q.description }, [
        document.createTextNode(q.name),
        el("small", { text: q.params.length ? q.params.map(function (p) { return p.name; }).join(", ") : "no parameters" })
      ]);
      b.addEventListener("click", function () { selectQuery(q.name); });
      ul.appendChild(el("li", {}, [b]));
    });
  }

  function paramInput(p) {
    var id = "param-" + p.name;
    var value = p.example !== null && p.example !== undefined ? p.example : (p.default !== null ? p.default : "");
    var input;
    if (p.type === "boolean") {
      input = el("select", { id: id, name: p.name }, [el("option", { value: "false", text: "false" }), el("option", { value: "true", text: "true" })]);
      input.value = String(value === "" ? false : value);
    } else {
      input = el("input", { id: id, name: p.name, type: (p.type === "integer" || p.type === "float") ? "number" : "text" });
      if (p.type === "float") { input.step = "any"; }
      input.value = value === null ? "" : String(value);
      if (p.label) {
        var listId = "terms-" + p.name;
        input.setAttribute("list", listId);
        var dl = el("datalist", { id: listId });
        api("/api/terms?label=" + encodeURIComponent(p.label)).then(function (terms) {
          terms.forEach(function (t) { dl.appendChild(el("option", { value: t.id, text: t.name })); });
        }).catch(function () {});
        input.after = dl;
      }
    }
    var help = p.type + (p.required ? ", required" : ", default " + String(p.default)) + " — " + p.description;
    var row = el("div", { "class": "param" }, [el("label", { "for": id, text: p.name }), input, el("div", { "class": "help", text: help })]);
    if (input.after) { row.appendChild(input.after); }
    return row;
  }

  function selectQuery(name, values) {
    current = meta.queries.filter(function (q) { return q.name === name; })[0];
    if (!current) { setStatus("no such query: " + name, true); return; }
    document.querySelectorAll("#query-list button").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-query") === name);
    });
    $("query-panel").hidden = false;
    $("query-title").textContent = current.name;
    $("query-desc").textContent = current.description;
    var box = $("query-params");
    box.innerHTML = "";
    current.params.forEach(function (p) { box.appendChild(paramInput(p)); });
    Object.keys(values || {}).forEach(function (k) {
      var input = $("param-" + k);
      if (input) { input.value = values[k]; }
    });
  }

  function runQuery() {
    if (!current) { return; }
    var params = {};
    current.params.forEach(function (p) {
      var v = $("param-" + p.name).value;
      if (v !== "") { params[p.name] = v; }
    });
    var hash = "q=" + encodeURIComponent(current.name) + Object.keys(params).map(function (k) {
      return "&" + encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("");
    history.replaceState(null, "", "#" + hash);
    setStatus("running " + current.name + " …");
    api("/api/query", { name: current.name, params: params }).then(showResult, function (e) { setStatus(e.message, true); });
  }

  function runCypher() {
    setStatus("running Cypher …");
    api("/api/cypher", { text: $("cypher-text").value, params: {} }).then(showResult, function (e) { setStatus(e.message, true); });
  }

  /* ---- results ---------------------------------------------------------------------- */
  function showResult(res) {
    var n = res.rows.length;
    setStatus(n + " row" + (n === 1 ? "" : "s") + " in " + res.ms + " ms" +
      (res.truncated ? " (truncated at the row cap)" : "") +
      (res.graph.truncated ? " — graph shows the first " + res.graph.nodes.length + " nodes" : ""));
    $("results").hidden = false;
    var table = $("result-table");
    table.innerHTML = "";
    table.appendChild(el("thead", {}, [el("tr", {}, res.columns.map(function (c) { return el("th", { text: c }); }))]));
    var tbody = el("tbody");
    res.rows.forEach(function (row) {
      tbody.appendChild(el("tr", {}, res.columns.map(function (c) { return el("td", { text: cellText(row[c]) }); })));
    });
    table.appendChild(tbody);
    var labels = [];
    res.graph.nodes.forEach(function (nd) { if (labels.indexOf(nd.data.label) < 0) { labels.push(nd.data.label); } });
    MscGraph.legend($("legend"), meta.colors, labels);
    if (window.mscCy) { window.mscCy.destroy(); }
    window.mscCy = MscGraph.render($("graph"), res.graph, showNode);
  }

  /* ---- node details ----------------------------------------------------------------- */
  function showNode(data) {
    var box = $("details");
    box.innerHTML = "";
    box.appendChild(el("p", { "class": "muted", text: "loading " + data.id + " …" }));
    api("/api/node?label=" + encodeURIComponent(data.label) + "&id=" + encodeURIComponent(data.node_id)).then(function (d) {
      box.innerHTML = "";
      var chip = el("span", { "class": "chip", text: d.label });
      chip.style.background = meta.colors[d.label];
      chip.style.color = MscGraph.textColor(meta.colors[d.label]);
      box.appendChild(el("h3", { text: d.properties.name || d.id }));
      box.appendChild(chip);
      var dl = el("dl");
      Object.keys(d.properties).sort().forEach(function (k) {
        dl.appendChild(el("dt", { text: k }));
        dl.appendChild(el("dd", { text: cellText(d.properties[k]) }));
      });
      box.appendChild(dl);
      box.appendChild(el("h3", { text: "Evidence: " + d.claims.length + " claim" + (d.claims.length === 1 ? "" : "s") }));
      d.claims.forEach(function (c) {
        var div = el("div", { "class": "claim" });
        div.appendChild(el("b", { text: c.name }));
        var tags = el("div");
        tags.appendChild(el("span", { "class": "tag", text: c.evidence }));
        tags.appendChild(el("span", { "class": c.demonstrated ? "tag" : "tag hyp", text: c.demonstrated ? "demonstrated" : "hypothesis" }));
        (c.settings || []).forEach(function (s) { tags.appendChild(el("span", { "class": "tag", text: s })); });
        if (c.via) { tags.appendChild(el("span", { "class": "tag", text: c.via + (c.roles ? " (" + c.roles.join(", ") + ")" : "") })); }
        div.appendChild(tags);
        (c.rows || []).forEach(function (r) {
          div.appendChild(el("div", { "class": "row", text: "Table " + r.table + ", row " + r.row + ": " +
            [r.studies, r.sources, r.function, r.modes, r.reference].join(" | ") }));
        });
        (c.quotes || []).forEach(function (q) { div.appendChild(el("blockquote", { text: q })); });
        (c.notes || []).forEach(function (nt) { div.appendChild(el("div", { "class": "muted", text: "Note: " + nt })); });
        box.appendChild(div);
      });
    }, function (e) { box.innerHTML = ""; box.appendChild(el("p", { "class": "error", text: e.message })); });
  }

  /* ---- start ------------------------------------------------------------------------ */
  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h) { return; }
    var values = {};
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { values[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
    });
    if (values.q) {
      var q = values.q;
      delete values.q;
      selectQuery(q, values);
      runQuery();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("query-form").addEventListener("submit", function (e) { e.preventDefault(); runQuery(); });
    $("run-cypher").addEventListener("click", runCypher);
    api("/api/meta").then(function (m) {
      meta = m;
      var eng = m.engine || {};
      $("engine").textContent = [eng.backend, eng.graph, eng.version].filter(Boolean).join(" · ");
      listQueries();
      document.body.setAttribute("data-ready", "true");
      fromHash();
    }, function (e) { setStatus("cannot load the query list: " + e.message, true); });
  });
})();
