// stancegraph explorer: search, entity view, neighbourhood graph,
// claims with evidence, statement text with the evidence highlighted,
// and a Gizmo console. Plain JavaScript, no dependencies.
(function () {
  "use strict";

  var STANCE_COLORS = { supports: "#1b9e4b", opposes: "#d62728", proposes: "#1f77b4", alignsWith: "#7f7f7f" };
  var SECTION_TITLES = { supports: "Supporters", opposes: "Opponents", proposes: "Proposers", alignsWith: "Aligned with it" };
  var SVGNS = "http://www.w3.org/2000/svg";

  function $(id) { return document.getElementById(id); }

  // el builds an element; text children become text nodes (never HTML).
  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "class") e.className = attrs[k];
      else if (k.slice(0, 5) === "data-") e.setAttribute(k, attrs[k]);
      else e[k] = attrs[k];
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function api(path, init) {
    return fetch(path, init).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          var err = new Error(body && body.error ? body.error : r.statusText);
          err.body = body;
          throw err;
        }
        return body;
      });
    });
  }

  function qs(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== undefined && params[k] !== ""; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
  }

  function showError(panel, err) {
    clear(panel).appendChild(el("p", { "class": "error" }, err.message));
    var extra = err.body && (err.body.suggestions || err.body.candidates);
    if (extra && extra.length) {
      var ul = el("ul", {});
      extra.forEach(function (s) {
        var a = el("a", { href: "#", "class": "suggestion-link" }, s.label + " (" + s.kind + ")");
        a.addEventListener("click", function (ev) { ev.preventDefault(); showEntity(s.iri); });
        ul.appendChild(el("li", {}, a));
      });
      panel.appendChild(el("p", {}, err.body.suggestions ? "Did you mean:" : "Which one?"));
      panel.appendChild(ul);
    }
  }

  // ---- search with autocomplete ----
  var timer = null, active = -1, current = [];
  var q = $("q"), list = $("suggestions");

  function renderSuggestions(matches) {
    current = matches;
    active = matches.length ? 0 : -1;
    clear(list);
    matches.forEach(function (m, i) {
      var li = el("li", { "class": "suggestion" + (i === 0 ? " active" : ""), "data-iri": m.iri, role: "option" },
        el("span", { "class": "label" }, m.label),
        el("span", { "class": "kind" }, m.kind + (m.claims ? " · " + m.claims : "")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      list.appendChild(li);
    });
  }

  function pick(i) {
    var m = current[i];
    if (!m) return;
    q.value = m.label;
    clear(list);
    showEntity(m.iri);
  }

  q.addEventListener("input", function () {
    clearTimeout(timer);
    var text = q.value.trim();
    if (!text) { clear(list); return; }
    timer = setTimeout(function () {
      api("/api/lookup?" + qs({ q: text, limit: 8 })).then(function (r) {
        if (q.value.trim() === text) renderSuggestions(r.matches);
      }).catch(function () { clear(list); });
    }, 120);
  });
  q.addEventListener("keydown", function (ev) {
    var items = list.children;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      ev.preventDefault();
      if (active >= 0) items[active].classList.remove("active");
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[active].classList.add("active");
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (active >= 0 && items.length) pick(active);
      else if (q.value.trim()) { clear(list); showEntity(q.value.trim()); }
    } else if (ev.key === "Escape") {
      clear(list);
    }
  });
  q.addEventListener("blur", function () { setTimeout(function () { clear(list); }, 150); });

  // ---- entity view ----
  function rowTable(rows, side, stanceCol) {
    var table = el("table", {}, el("thead", {}, el("tr", {},
      el("th", {}, side === "actor" ? "Actor" : "Target"),
      stanceCol ? el("th", {}, "Stance") : null,
      el("th", {}, "Claims"), el("th", {}, "First"), el("th", {}, "Last"))));
    var body = el("tbody", {});
    rows.forEach(function (r) {
      var who = side === "actor" ? r.actor : r.target;
      var tr = el("tr", { "class": "row", "data-actor": r.actor.iri, "data-target": r.target.iri, "data-stance": r.stance },
        el("td", {}, who.label, " ", el("span", { "class": "kind" }, who.kind)),
        stanceCol ? el("td", { "class": r.stance }, r.stance) : null,
        el("td", { "class": "n" }, r.count), el("td", {}, r.first || ""), el("td", {}, r.last || ""));
      tr.addEventListener("click", function () { showClaims({ actor: r.actor.iri, target: r.target.iri, stance: r.stance }); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  var currentEntity = null;

  function showEntity(name) {
    var panel = $("entity");
    clear(panel).appendChild(el("p", { "class": "hint" }, "Loading…"));
    return api("/api/explore?" + qs({ entity: name })).then(function (r) {
      currentEntity = r.entity;
      setHash({ entity: r.entity.iri });
      clear(panel);
      panel.appendChild(el("h2", { id: "entity-title" }, r.entity.label));
      panel.appendChild(el("p", { "class": "meta-list" }, r.entity.kind + " · " + r.entity.iri));
      if (r.memberOf && r.memberOf.length) {
        panel.appendChild(el("p", { "class": "meta-list" }, "Member of " + r.memberOf.map(function (m) { return m.label; }).join(", ")));
      }
      if (r.positions.length) {
        ["supports", "opposes", "proposes", "alignsWith"].forEach(function (s) {
          var rows = r.positions.filter(function (x) { return x.stance === s; });
          if (!rows.length) return;
          panel.appendChild(el("h3", { "class": s }, SECTION_TITLES[s] + " (" + rows.length + ")"));
          panel.appendChild(rowTable(rows, "actor", false));
        });
      }
      if (r.stances.length) {
        panel.appendChild(el("h3", {}, "Its stances (" + r.stances.length + ")"));
        panel.appendChild(rowTable(r.stances, "target", true));
      }
      if (r.speakers && r.speakers.length) {
        panel.appendChild(el("h3", {}, "Speakers (" + r.speakers.length + ")"));
        var ul = el("ul", {});
        r.speakers.forEach(function (s) { ul.appendChild(el("li", {}, s.delegation.label + " — " + s.statements + " statements")); });
        panel.appendChild(ul);
      }
      if (r.spoken && r.spoken.length) {
        panel.appendChild(el("h3", {}, "Stances taken here (" + r.spoken.length + ")"));
        panel.appendChild(rowTable(r.spoken, "target", true));
      }
      if (!r.positions.length && !r.stances.length && !(r.spoken && r.spoken.length)) {
        panel.appendChild(el("p", { "class": "hint" }, "No stances by or about it."));
      }
      return api("/api/graph?" + qs({ entity: r.entity.iri })).then(drawGraph);
    }).catch(function (err) { showError(panel, err); });
  }

  // ---- claims and statements ----
  function showClaims(f) {
    var panel = $("claims");
    clear(panel).appendChild(el("p", { "class": "hint" }, "Loading claims…"));
    return api("/api/claims?" + qs(f)).then(function (r) {
      clear(panel);
      var first = r.claims[0];
      var title = first ? first.actor.label + " " + first.stance + " " + first.target.label : "Claims";
      panel.appendChild(el("h2", { id: "claims-title" }, title + " (" + r.total + ")"));
      var ul = el("ul", { "class": "claim-list" });
      r.claims.forEach(function (c) {
        var li = el("li", { "class": "claim", "data-claim": c.iri || "", "data-statement": c.statement },
          el("div", { "class": "sentence" }, c.evidence || "(stance edge without evidence)"),
          el("div", { "class": "meta" }, [c.date, c.delegation ? "statement by " + c.delegation.label : "",
            "confidence " + c.confidence, c.modality, c.cue ? "cue “" + c.cue + "”" : ""].filter(Boolean).join(" · ")));
        li.style.borderLeftColor = STANCE_COLORS[c.stance] || "#ccd";
        li.addEventListener("click", function () { showStatement(c.statement, c.iri); });
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }).catch(function (err) { showError(panel, err); });
  }

  function showStatement(iri, claimIRI) {
    var panel = $("statement");
    clear(panel).appendChild(el("p", { "class": "hint" }, "Loading statement…"));
    return api("/api/statement?" + qs({ iri: iri })).then(function (st) {
      clear(panel);
      panel.appendChild(el("h2", {}, st.label || st.iri));
      var meta = [st.delegation && st.delegation.label, st.speaker && st.speaker.label, st.speakerTitle,
        st.forum && st.forum.label, st.session && st.session.label, st.date || st.year].filter(Boolean);
      panel.appendChild(el("p", { "class": "meta-list" }, meta.join(" · ")));
      var claim = null;
      st.claims.forEach(function (c) { if (c.iri && c.iri === claimIRI) claim = c; });
      var box = el("div", { id: "statement-text" });
      // Offsets count code points; JS strings are UTF-16, so split into
      // code points first.
      var cps = Array.from(st.text);
      if (claim && claim.start >= 0 && claim.end <= cps.length && claim.start < claim.end) {
        box.appendChild(document.createTextNode(cps.slice(0, claim.start).join("")));
        var mark = el("mark", { "data-claim": claim.iri, title: claim.actor.label + " " + claim.stance + " " + claim.target.label },
          cps.slice(claim.start, claim.end).join(""));
        box.appendChild(mark);
        box.appendChild(document.createTextNode(cps.slice(claim.end).join("")));
      } else {
        box.appendChild(document.createTextNode(st.text));
      }
      panel.appendChild(box);
      if (claim) {
        setHash({ entity: currentEntity ? currentEntity.iri : "", claim: claim.iri });
        var m = box.querySelector("mark");
        box.scrollTop = Math.max(0, m.offsetTop - box.offsetTop - box.clientHeight / 3);
      }
    }).catch(function (err) { showError(panel, err); });
  }

  // ---- force-directed neighbourhood ----
  function drawGraph(g) {
    var root = clear($("graph"));
    var W = 640, H = 420;
    var defs = svg("defs");
    Object.keys(STANCE_COLORS).forEach(function (s) {
      var m = svg("marker", { id: "arrow-" + s, viewBox: "0 0 10 10", refX: "19", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
      m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: STANCE_COLORS[s] }));
      defs.appendChild(m);
    });
    root.appendChild(defs);
    var idx = {};
    var nodes = g.nodes.map(function (n, i) {
      idx[n.iri] = i;
      var a = 2 * Math.PI * i / g.nodes.length;
      return { ref: n, x: i === 0 ? W / 2 : W / 2 + 160 * Math.cos(a), y: i === 0 ? H / 2 : H / 2 + 140 * Math.sin(a), vx: 0, vy: 0 };
    });
    var edges = g.edges.map(function (e) { return { e: e, s: idx[e.from.iri], t: idx[e.to.iri] }; });
    // A few hundred steps of a spring-electrical model; the center stays put.
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
          var d2 = Math.max(dx * dx + dy * dy, 25), f = 1800 / d2, d = Math.sqrt(d2);
          nodes[i].vx += f * dx / d; nodes[i].vy += f * dy / d;
          nodes[j].vx -= f * dx / d; nodes[j].vy -= f * dy / d;
        }
      }
      edges.forEach(function (l) {
        var a = nodes[l.s], b = nodes[l.t];
        var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1, f = (d - 120) * 0.02;
        a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
      });
      nodes.forEach(function (n, k) {
        n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
        if (k === 0) { n.vx = n.vy = 0; return; }
        n.x += Math.max(-20, Math.min(20, n.vx)) * cool; n.y += Math.max(-20, Math.min(20, n.vy)) * cool;
        n.vx *= 0.5; n.vy *= 0.5;
        n.x = Math.max(40, Math.min(W - 40, n.x)); n.y = Math.max(20, Math.min(H - 20, n.y));
      });
    }
    var pairCount = {};
    edges.forEach(function (l) {
      var key = Math.min(l.s, l.t) + "-" + Math.max(l.s, l.t);
      var k = pairCount[key] = (pairCount[key] || 0) + 1;
      var a = nodes[l.s], b = nodes[l.t];
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var bend = (k - 1) * 26 * (k % 2 ? 1 : -1);
      var cx = mx - dy / d * bend, cy = my + dx / d * bend;
      var path = svg("path", {
        "class": "edge " + l.e.stance, d: "M" + a.x + "," + a.y + " Q" + cx + "," + cy + " " + b.x + "," + b.y,
        stroke: STANCE_COLORS[l.e.stance], "marker-end": "url(#arrow-" + l.e.stance + ")",
        "data-from": l.e.from.iri, "data-to": l.e.to.iri, "data-stance": l.e.stance
      });
      if (l.e.stance === "alignsWith") path.setAttribute("stroke-dasharray", "5,4");
      var title = svg("title");
      title.textContent = l.e.from.label + " " + l.e.stance + " " + l.e.to.label + " (" + l.e.count + ")";
      path.appendChild(title);
      path.addEventListener("click", function () { showClaims({ actor: l.e.from.iri, target: l.e.to.iri, stance: l.e.stance }); });
      root.appendChild(path);
    });
    nodes.forEach(function (n, k) {
      var gEl = svg("g", { "class": "node" + (k === 0 ? " center" : ""), transform: "translate(" + n.x + "," + n.y + ")", "data-iri": n.ref.iri });
      gEl.appendChild(svg("circle", { r: k === 0 ? 11 : 7, fill: kindColor(n.ref.kind) }));
      var t = svg("text", { x: 10, y: 4 });
      t.textContent = n.ref.label.length > 34 ? n.ref.label.slice(0, 32) + "…" : n.ref.label;
      gEl.appendChild(t);
      var title = svg("title");
      title.textContent = n.ref.label + " (" + n.ref.kind + ")";
      gEl.appendChild(title);
      gEl.addEventListener("click", function () { if (k !== 0) showEntity(n.ref.iri); });
      root.appendChild(gEl);
    });
  }

  function kindColor(kind) {
    return { state: "#4e79a7", group: "#f28e2b", org: "#e15759", proposal: "#76b7b2", topic: "#59a14f", forum: "#edc948", unnamed: "#bab0ac" }[kind] || "#9c755f";
  }

  // ---- Gizmo console ----
  $("gizmo-run").addEventListener("click", function () {
    var out = $("gizmo-result");
    out.textContent = "Running…";
    api("/api/v2/query?lang=gizmo", { method: "POST", body: $("gizmo-query").value })
      .then(function (r) { out.textContent = JSON.stringify(r.result, null, 2); })
      .catch(function (err) { out.textContent = "Error: " + err.message; });
  });

  // ---- location hash: #entity=IRI&claim=IRI ----
  var lastHash = "";
  function setHash(p) {
    lastHash = "#" + qs(p);
    if (location.hash !== lastHash) location.hash = lastHash;
  }
  function fromHash() {
    if (location.hash === lastHash) return;
    var p = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) p[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    if (!p.entity) return;
    showEntity(p.entity).then(function () {
      if (p.claim) {
        var i = p.claim.lastIndexOf("/claim/");
        if (i > 0) showStatement(p.claim.slice(0, i), p.claim);
      }
    });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
