/* msc-graph explorer page: questions (named queries), read-only Cypher, table + graph, node evidence. */
(function () {
  "use strict";
  var meta = null;
  var current = null; // the selected named query
  var last = null; // the result on screen: {name, columns, rows}
  var termCache = {}; // label -> promise of [{id, name, synonyms, label}]
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

  function download(filename, href) {
    var a = el("a", { href: href, download: filename });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* ---- the list of questions ------------------------------------------------------- */
  function listQueries() {
    meta.queries.forEach(function (q) {
      var b = el("button", { type: "button", "data-query": q.name, title: q.description }, [
        document.createTextNode(q.question || q.description),
        el("small", { text: q.name })
      ]);
      b.addEventListener("click", function () { $("ask-reading").innerHTML = ""; selectQuery(q.name); });
      $(q.system ? "system-list" : "query-list").appendChild(el("li", {}, [b]));
    });
  }

  /* ---- parameter forms --------------------------------------------------------------- */
  function terms(label) {
    if (!termCache.hasOwnProperty(label)) {
      termCache[label] = api("/api/terms?label=" + encodeURIComponent(label));
    }
    return termCache[label];
  }

  function fillTerms(list, label) {
    terms(label).then(function (found) {
      var seen = {};
      found.forEach(function (t) {
        var what = label ? "" : t.label + " · ";
        if (!seen[t.name]) { seen[t.name] = 1; list.appendChild(el("option", { value: t.name, label: what + t.id })); }
        (t.synonyms || []).forEach(function (s) {
          if (!seen[s]) { seen[s] = 1; list.appendChild(el("option", { value: s, label: what + "synonym of " + t.name })); }
        });
      });
      list.setAttribute("data-loaded", String(found.length));
    }).catch(function () { list.setAttribute("data-loaded", "error"); });
  }

  function initialValue(p) {
    if (p.example !== null && p.example !== undefined) { return p.example; }
    return p.default !== null && p.default !== undefined ? p.default : "";
  }

  function paramInput(p) {
    var id = "param-" + p.name;
    var value = initialValue(p);
    var input, extra = null, kind;
    if (p.choices && p.choices.length) {
      var options = p.required ? [] : [el("option", { value: "", text: "(any)" })];
      p.choices.forEach(function (c) { options.push(el("option", { value: String(c), text: String(c) })); });
      input = el("select", { id: id, name: p.name }, options);
      input.value = value === null ? "" : String(value);
      kind = "one of " + p.choices.join(", ");
    } else if (p.type === "boolean") {
      input = el("select", { id: id, name: p.name }, [el("option", { value: "false", text: "no" }), el("option", { value: "true", text: "yes" })]);
      input.value = String(value === "" ? false : value);
      kind = "yes or no";
    } else {
      var numeric = p.type === "integer" || p.type === "float";
      input = el("input", { id: id, name: p.name, type: numeric ? "number" : "text" });
      if (p.type === "float") { input.step = "any"; }
      input.value = value === null ? "" : (Array.isArray(value) ? value.join(", ") : String(value));
      kind = p.type;
      if (p.label !== null && p.label !== undefined) {
        var listId = "terms-" + p.name;
        input.setAttribute("list", listId);
        input.setAttribute("placeholder", "type to search names and synonyms");
        extra = el("datalist", { id: listId });
        fillTerms(extra, p.label);
        kind = p.label ? "a term (" + p.label + "): name, id or synonym" : "any term: name, id or synonym";
      }
    }
    var need = p.required ? "required" : (p.default === null || p.default === undefined ? "optional" : "default " + String(p.default));
    var help = p.description + " — " + kind + ", " + need;
    var label = el("label", { "for": id, text: p.name.replace(/_/g, " ") });
    var row = el("div", { "class": "param" }, [label, input, el("div", { "class": "help", text: help })]);
    if (extra) { row.appendChild(extra); }
    return row;
  }

  function clearResults() {
    last = null;
    $("results").hidden = true;
    $("result-table").innerHTML = "";
    $("legend").innerHTML = "";
    $("row-count").textContent = "";
    if (window.mscCy) { window.mscCy.destroy(); window.mscCy = null; }
    var box = $("details");
    box.innerHTML = "";
    box.appendChild(el("p", { "class": "muted", text: "Click a node of the graph to see its properties and its evidence." }));
    setStatus("");
  }

  function selectQuery(name, values) {
    var q = meta.queries.filter(function (x) { return x.name === name; })[0];
    if (!q) { setStatus("no such query: " + name, true); return false; }
    current = q;
    clearResults();
    document.querySelectorAll("#sidebar li button").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-query") === name);
    });
    if (q.system) { $("system-queries").open = true; }
    $("welcome").hidden = true;
    $("query-panel").hidden = false;
    $("query-title").textContent = q.question || q.name;
    $("query-name").textContent = q.name;
    $("query-desc").textContent = q.description;
    var box = $("query-params");
    box.innerHTML = "";
    q.params.forEach(function (p) { box.appendChild(paramInput(p)); });
    Object.keys(values || {}).forEach(function (k) {
      var input = $("param-" + k);
      if (input) { input.value = values[k]; }
    });
    document.body.setAttribute("data-query", name);
    return true;
  }

  function runQuery(maxRows) {
    if (!current) { return; }
    var q = current;
    var params = {};
    q.params.forEach(function (p) {
      var v = $("param-" + p.name).value;
      if (v !== "") { params[p.name] = p.type === "list" ? v.split(",").map(function (x) { return x.trim(); }) : v; }
    });
    setHash(q.name, params);
    clearResults();
    setStatus("running " + q.name + " …");
    var body = { name: q.name, params: params };
    if (typeof maxRows === "number") { body.max_rows = maxRows; }
    api("/api/query", body).then(function (res) {
      if (current === q) { showResult(res, q.name); }
    }, function (e) { if (current === q) { setStatus(e.message, true); } });
  }

  function setHash(name, params) {
    history.replaceState(null, "", "#q=" + encodeURIComponent(name) + Object.keys(params).map(function (k) {
      return "&" + encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join(""));
  }

  function runCypher() {
    current = null;
    document.querySelectorAll("#sidebar li button").forEach(function (b) { b.classList.remove("active"); });
    clearResults();
    setStatus("running Cypher …");
    api("/api/cypher", { text: $("cypher-text").value, params: {} }).then(function (res) { showResult(res, "cypher"); },
      function (e) { setStatus(e.message, true); });
  }

  /* ---- plain-language questions (the router) --------------------------------------- */
  function formValues(params) {
    var out = {};
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined) { out[k] = Array.isArray(v) ? v.join(", ") : String(v); }
    });
    return out;
  }

  function showReading(r) {
    var box = $("ask-reading");
    box.innerHTML = "";
    var reading = r.reading || {};
    if (r.confident) {
      box.appendChild(el("p", { "class": "read-as", text: "Read as: " + (reading.question || r.name) +
        " (" + Math.round(100 * (r.confidence || 0)) + "% sure)" }));
      var parts = el("ul", { "class": "parts" });
      (reading.parts || []).forEach(function (p) { parts.appendChild(el("li", { text: "\u201c" + p.text + "\u201d: " + p.read_as })); });
      box.appendChild(parts);
      box.appendChild(el("code", { text: reading.command || r.command || "" }));
      return;
    }
    box.appendChild(el("p", { "class": "error", text: "Not sure how to read this: " + ((r.problems || []).join("; ") || "no reading fits") + "." }));
    box.appendChild(el("p", { "class": "muted", text: "Did you mean:" }));
    (r.readings || []).forEach(function (rd) {
      var b = el("button", { type: "button", "class": "secondary suggestion", "data-query": rd.query,
        title: rd.command, text: rd.question + (rd.missing && rd.missing.length ? " (give " + rd.missing.join(", ") + ")" : "") });
      b.addEventListener("click", function () {
        if (selectQuery(rd.query, formValues(rd.params)) && !(rd.missing && rd.missing.length)) { runQuery(); }
      });
      box.appendChild(b);
    });
  }

  function askQuestion(e) {
    e.preventDefault();
    var text = $("ask-text").value.trim();
    if (!text) { return; }
    $("ask-reading").innerHTML = "";
    setStatus("reading your question …");
    api("/api/question", { question: text }).then(function (r) {
      showReading(r);
      var values = formValues((r.reading || {}).params);
      if (r.confident && r.columns && selectQuery(r.name, values)) {
        setHash(r.name, values);
        showResult(r, r.name);
        setStatus("\u201c" + text + "\u201d \u2192 " + $("status").textContent);
      } else {
        clearResults(); // the previous answer does not answer this question
      }
    }, function (err) { setStatus(err.message, true); });
  }

  /* ---- results: table first, then graph --------------------------------------------- */
  function showResult(res, name) {
    var n = res.rows.length;
    last = { name: name, columns: res.columns, rows: res.rows };
    setStatus(n + " row" + (n === 1 ? "" : "s") + " in " + res.ms + " ms" +
      (res.truncated ? " (the first " + n + ": the answer has more)" : "") +
      (res.graph.truncated ? " — graph shows the first " + res.graph.nodes.length + " nodes" : ""));
    $("results").hidden = false;
    $("row-count").textContent = "(" + n + " row" + (n === 1 ? "" : "s") + (res.truncated ? ", the answer has more" : "") + ")";
    var more = $("more-rows");
    more.hidden = !(res.truncated && res.max_rows && name !== "cypher" && current && current.name === name);
    more.textContent = "Show up to " + (res.max_rows * 10).toLocaleString("en") + " rows";
    more.onclick = function () { runQuery(res.max_rows * 10); };
    var table = $("result-table");
    table.innerHTML = "";
    table.appendChild(el("thead", {}, [el("tr", {}, res.columns.map(function (c) { return el("th", { text: c }); }))]));
    var tbody = el("tbody");
    res.rows.forEach(function (row) {
      tbody.appendChild(el("tr", {}, res.columns.map(function (c) { return el("td", { text: cellText(row[c]) }); })));
    });
    if (!n) { tbody.appendChild(el("tr", {}, [el("td", { colspan: String(res.columns.length || 1), "class": "muted", text: "no rows" })])); }
    table.appendChild(tbody);
    drawGraph(res.graph);
  }

  function drawGraph(graph) {
    var labels = [];
    graph.nodes.forEach(function (nd) { if (labels.indexOf(nd.data.label) < 0) { labels.push(nd.data.label); } });
    MscGraph.legend($("legend"), meta.colors, labels);
    if (window.mscCy) { window.mscCy.destroy(); }
    $("graph").hidden = !graph.nodes.length;
    $("graph-note").textContent = graph.nodes.length ?
      "Click a node for its evidence; \u201cExpand neighbours\u201d there adds the claims about it." :
      "No node of the graph is named in these rows.";
    window.mscCy = MscGraph.render($("graph"), graph, showNode);
  }

  function csvCell(v) {
    var s = cellText(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; } // no spreadsheet formulas
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function downloadCsv() {
    if (!last) { return; }
    var lines = [last.columns.map(csvCell).join(",")];
    last.rows.forEach(function (r) { lines.push(last.columns.map(function (c) { return csvCell(r[c]); }).join(",")); });
    var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv" });
    download(last.name + ".csv", URL.createObjectURL(blob));
  }

  function downloadPng() {
    if (!window.mscCy || !last) { return; }
    download(last.name + ".png", window.mscCy.png({ full: true, scale: 2, bg: "#ffffff" }));
  }

  /* ---- node details and neighbours ---------------------------------------------------- */
  function expand(data, button) {
    button.disabled = true;
    button.textContent = "expanding …";
    api("/api/neighbours?label=" + encodeURIComponent(data.label) + "&id=" + encodeURIComponent(data.node_id)).then(function (g) {
      var cy = window.mscCy;
      var added = MscGraph.add(cy, g, data.id);
      var labels = [];
      cy.nodes().forEach(function (nd) { if (labels.indexOf(nd.data("label")) < 0) { labels.push(nd.data("label")); } });
      MscGraph.legend($("legend"), meta.colors, labels);
      button.textContent = added ? "added " + added + " node" + (added === 1 ? "" : "s") +
        " (" + g.claims + " claim" + (g.claims === 1 ? "" : "s") + (g.claims >= g.limit ? ", the first " + g.limit : "") + ")" :
        "no new neighbours";
    }, function (e) { button.textContent = e.message; });
  }

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
      var more = el("button", { type: "button", id: "expand", "class": "secondary" , text: "Expand neighbours" });
      more.addEventListener("click", function () { expand(data, more); });
      box.appendChild(more);
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
      if (selectQuery(q, values)) { runQuery(); }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("query-form").addEventListener("submit", function (e) { e.preventDefault(); runQuery(); });
    $("run-cypher").addEventListener("click", runCypher);
    $("download-csv").addEventListener("click", downloadCsv);
    $("download-png").addEventListener("click", downloadPng);
    $("ask-box").addEventListener("submit", askQuestion);
    api("/api/meta").then(function (m) {
      meta = m;
      var eng = m.engine || {};
      $("engine").textContent = [eng.backend, eng.graph, eng.engine || eng.version].filter(Boolean).join(" · ");
      $("ask-box").hidden = !m.router;
      listQueries();
      document.body.setAttribute("data-ready", "true");
      fromHash();
    }, function (e) { setStatus("cannot load the query list: " + e.message, true); });
  });
})();
