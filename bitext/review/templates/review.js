// The review page's pair list: filters, sorting and paging over the embedded JSON.
// Every piece of run data reaches the page through textContent or a form control's
// value, never through HTML parsing, so it always shows as text.
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }
  function readJson(id) { return JSON.parse(byId(id).textContent); }

  var run = readJson("review-run");
  var pairs = readJson("review-pairs");
  var items = run.items;
  var LOW = run.thresholds.low;
  var MID = run.thresholds.mid;

  var controls = {
    search: byId("f-search"),
    item: byId("f-item"),
    term: byId("f-term"),
    termStatus: byId("f-term-status"),
    origin: byId("f-origin"),
    show: byId("f-show"),
    maxScore: byId("f-max-score"),
    sort: byId("f-sort"),
    pageSize: byId("f-page-size")
  };
  var list = byId("pair-list");
  var page = 0;
  var shown = [];
  var folded = null;

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function option(value, label) {
    var node = document.createElement("option");
    node.value = value;
    node.textContent = label;
    return node;
  }

  function reviewScore(pair) {
    return typeof pair.quality === "number" ? pair.quality : pair.score;
  }

  function tone(score) {
    if (score < LOW) { return "low"; }
    return score < MID ? "mid" : "high";
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Accent- and case-folded text of each pair, made on the first search only.
  function haystack(index) {
    if (folded === null) { folded = new Array(pairs.length); }
    var text = folded[index];
    if (text === undefined) {
      var pair = pairs[index];
      text = fold(pair.fr + "\n" + pair.en + "\n" + pair.id + "\n" + items[pair.item].id);
      folded[index] = text;
    }
    return text;
  }

  function termProblems(pair) {
    var count = 0;
    (pair.terms || []).forEach(function (term) { count += term.status === "missing" ? 10 : term.status === "repaired" ? 1 : 0; });
    return count;
  }

  function readFilters() {
    var maxScore = parseFloat(controls.maxScore.value);
    return {
      words: fold(controls.search.value.trim()).split(/\s+/).filter(Boolean),
      item: controls.item.value === "" ? -1 : Number(controls.item.value),
      term: controls.term.value,
      termStatus: controls.termStatus.value,
      origin: controls.origin.value,
      show: controls.show.value,
      maxScore: isNaN(maxScore) ? null : maxScore
    };
  }

  function keep(index, filters) {
    var pair = pairs[index];
    if (filters.item !== -1 && pair.item !== filters.item) { return false; }
    if (filters.show === "kept" && pair.rejected !== undefined) { return false; }
    if (filters.show === "rejected" && pair.rejected === undefined) { return false; }
    if (filters.origin && (pair.origin || "unknown") !== filters.origin) { return false; }
    if (filters.maxScore !== null && !(reviewScore(pair) < filters.maxScore)) { return false; }
    if (filters.term || filters.termStatus) {
      var found = (pair.terms || []).some(function (term) {
        return (!filters.term || term.id === filters.term) && (!filters.termStatus || term.status === filters.termStatus);
      });
      if (!found) { return false; }
    }
    if (filters.words.length) {
      var text = haystack(index);
      for (var i = 0; i < filters.words.length; i += 1) {
        if (text.indexOf(filters.words[i]) === -1) { return false; }
      }
    }
    return true;
  }

  var comparators = {
    "score-asc": function (a, b) { return reviewScore(pairs[a]) - reviewScore(pairs[b]) || a - b; },
    "score-desc": function (a, b) { return reviewScore(pairs[b]) - reviewScore(pairs[a]) || a - b; },
    "item": function (a, b) { return a - b; },
    "terms": function (a, b) {
      return termProblems(pairs[b]) - termProblems(pairs[a]) || reviewScore(pairs[a]) - reviewScore(pairs[b]) || a - b;
    }
  };

  function select() {
    var filters = readFilters();
    var chosen = [];
    for (var index = 0; index < pairs.length; index += 1) {
      if (keep(index, filters)) { chosen.push(index); }
    }
    chosen.sort(comparators[controls.sort.value] || comparators["score-asc"]);
    return chosen;
  }

  // The text with each located term wrapped in a <mark>; overlapping spans are skipped.
  function fillText(container, text, terms, side) {
    var spans = (terms || []).filter(function (term) { return term[side]; }).map(function (term) {
      return { start: term[side][0], end: term[side][1], term: term };
    }).sort(function (a, b) { return a.start - b.start; });
    var position = 0;
    spans.forEach(function (span) {
      if (span.start < position || span.end > text.length) { return; }
      if (span.start > position) { container.appendChild(document.createTextNode(text.slice(position, span.start))); }
      var mark = make("mark", "term term-" + span.term.status, text.slice(span.start, span.end));
      mark.title = span.term.id + " (" + span.term.status + "): " + span.term.target;
      mark.setAttribute("data-term", span.term.id);
      container.appendChild(mark);
      position = span.end;
    });
    if (position < text.length) { container.appendChild(document.createTextNode(text.slice(position))); }
  }

  function scoreBadge(label, value, title) {
    if (typeof value !== "number") {
      var none = make("span", "badge none", label + " —");
      none.title = title + ": not estimated";
      return none;
    }
    var badge = make("span", "badge tone-" + tone(value), label + " " + value.toFixed(2));
    badge.title = title;
    return badge;
  }

  function renderPair(index) {
    var pair = pairs[index];
    var item = items[pair.item];
    var row = make("li", "pair tone-" + tone(reviewScore(pair)) + (pair.rejected !== undefined ? " is-rejected" : ""));
    row.setAttribute("data-index", String(index));
    var head = make("div", "pair-head");
    var score = scoreBadge("align", pair.score, "alignment score");
    score.classList.add("score");
    head.appendChild(score);
    var quality = scoreBadge("quality", pair.quality, "quality estimate");
    quality.classList.add("quality");
    head.appendChild(quality);
    head.appendChild(make("span", "bead", pair.bead));
    head.appendChild(make("span", "origin", pair.origin || "origin unknown"));
    var link = make("button", "item-link mono", item.id);
    link.type = "button";
    link.title = "show this item only";
    link.setAttribute("data-item-index", String(pair.item));
    head.appendChild(link);
    head.appendChild(make("span", "pair-id mono", pair.id));
    if (pair.rejected !== undefined) { head.appendChild(make("span", "badge reason", "rejected: " + pair.rejected)); }
    row.appendChild(head);
    var sides = make("div", "sides");
    var french = make("p", "fr");
    french.lang = "fr";
    fillText(french, pair.fr, pair.terms, "fr");
    var english = make("p", "en");
    english.lang = "en";
    fillText(english, pair.en, pair.terms, "en");
    sides.appendChild(french);
    sides.appendChild(english);
    row.appendChild(sides);
    // Highlights carry each located term; chips name the ones the English lacks.
    var unplaced = (pair.terms || []).filter(function (term) { return term.status === "missing" || !term.en; });
    if (unplaced.length) {
      var chips = make("ul", "chips");
      unplaced.forEach(function (term) {
        var chip = make("li", "chip term-" + term.status, term.status + ": " + term.source + " → " + term.target);
        chip.title = "glossary entry " + term.id;
        chips.appendChild(chip);
      });
      row.appendChild(chips);
    }
    return row;
  }

  function pageSize() { return Number(controls.pageSize.value) || 50; }

  function renderPage() {
    var size = pageSize();
    var pages = Math.max(1, Math.ceil(shown.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    var rows = document.createDocumentFragment();
    shown.slice(page * size, page * size + size).forEach(function (index) { rows.appendChild(renderPair(index)); });
    list.replaceChildren(rows);
    byId("count").textContent = shown.length + " of " + pairs.length + " pairs";
    byId("page-info").textContent = "page " + (page + 1) + " of " + pages;
    byId("page-prev").disabled = page === 0;
    byId("page-next").disabled = page >= pages - 1;
  }

  function update() {
    shown = select();
    page = 0;
    renderItemPanel();
    renderPage();
    document.body.setAttribute("data-shown", String(shown.length));
  }

  function changeLine(change) {
    var line = make("li");
    line.appendChild(make("span", "kind", change.kind.replace(/_/g, " ")));
    var text = make("span");
    text.appendChild(make("del", null, change.before));
    text.appendChild(make("span", "arrow", "→"));
    if (change.after) { text.appendChild(make("ins", null, change.after)); } else { text.appendChild(make("span", "removed", "removed")); }
    line.appendChild(text);
    return line;
  }

  function renderItemPanel() {
    var panel = byId("item-panel");
    if (controls.item.value === "") {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    var item = items[Number(controls.item.value)];
    var parts = [make("h3", null, item.title || item.id)];
    var facts = item.id + " · " + (item.lang || "language unknown") + " · " + (item.sentences || 0) + " sentences · " +
      (item.pairs || 0) + " pairs kept, " + (item.rejected || 0) + " rejected";
    if (item.terms && item.terms.found) {
      facts += " · terms " + item.terms.canonical + "/" + item.terms.found + " canonical (" + (item.terms.repaired || 0) + " repaired)";
    }
    parts.push(make("p", "small", facts));
    parts.push(make("p", "small mono", item.path || ""));
    (item.wrong_terms || []).forEach(function (hit) {
      parts.push(make("p", "chip term-missing", "non-canonical: " + hit.source + " → " + hit.target));
    });
    var changes = item.changes || [];
    var details = make("details", "item-changes");
    details.open = changes.length <= 10;
    details.appendChild(make("summary", null, "Cleaning changes (" + changes.length + "): before → after"));
    var listNode = make("ul", "changes");
    changes.forEach(function (change) { listNode.appendChild(changeLine(change)); });
    details.appendChild(listNode);
    parts.push(details);
    panel.replaceChildren.apply(panel, parts);
    panel.hidden = false;
  }

  function renderItemTable() {
    var body = document.querySelector("#item-table tbody");
    if (body.childElementCount) { return; }
    var rows = document.createDocumentFragment();
    items.forEach(function (item, index) {
      var row = make("tr");
      var cell = make("td");
      var link = make("button", "item-link mono", item.id);
      link.type = "button";
      link.setAttribute("data-item-index", String(index));
      cell.appendChild(link);
      row.appendChild(cell);
      row.appendChild(make("td", null, item.title || ""));
      row.appendChild(make("td", null, item.lang || "?"));
      row.appendChild(make("td", null, item.pairs || 0));
      row.appendChild(make("td", null, item.rejected || 0));
      var terms = item.terms && item.terms.found ? item.terms.canonical + "/" + item.terms.found : "—";
      row.appendChild(make("td", null, terms));
      row.appendChild(make("td", null, (item.changes || []).length));
      rows.appendChild(row);
    });
    body.appendChild(rows);
  }

  function fillChoices() {
    items.forEach(function (item, index) {
      var label = item.id + (item.title ? " — " + item.title.slice(0, 60) : "") + " (" + (item.pairs || 0) + ")";
      controls.item.appendChild(option(String(index), label));
    });
    var terms = {};
    var origins = {};
    pairs.forEach(function (pair) {
      origins[pair.origin || "unknown"] = (origins[pair.origin || "unknown"] || 0) + 1;
      (pair.terms || []).forEach(function (term) { terms[term.id] = (terms[term.id] || 0) + 1; });
    });
    Object.keys(terms).sort().forEach(function (id) { controls.term.appendChild(option(id, id + " (" + terms[id] + ")")); });
    Object.keys(origins).sort().forEach(function (name) { controls.origin.appendChild(option(name, name + " (" + origins[name] + ")")); });
  }

  function showItem(index) {
    controls.item.value = String(index);
    update();
    byId("pairs").scrollIntoView();
  }

  var presets = {
    low: function () { controls.maxScore.value = String(LOW); controls.sort.value = "score-asc"; },
    missing: function () { controls.termStatus.value = "missing"; controls.sort.value = "terms"; },
    rejected: function () { controls.show.value = "rejected"; },
    repaired: function () { controls.termStatus.value = "repaired"; }
  };

  function resetFilters() {
    byId("filters").reset();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var indexed = target.closest("[data-item-index]");
    if (indexed) { showItem(Number(indexed.getAttribute("data-item-index"))); return; }
    var named = target.closest("[data-item]");
    if (named) {
      var wanted = named.getAttribute("data-item");
      var position = items.findIndex(function (item) { return item.id === wanted; });
      if (position !== -1) { showItem(position); }
      return;
    }
    var preset = target.closest("[data-preset]");
    if (preset && presets[preset.getAttribute("data-preset")]) {
      resetFilters();
      presets[preset.getAttribute("data-preset")]();
      update();
      byId("pairs").scrollIntoView();
    }
  });

  var typing = null;
  controls.search.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(update, 150);
  });
  [controls.item, controls.term, controls.termStatus, controls.origin, controls.show, controls.sort].forEach(function (control) {
    control.addEventListener("change", update);
  });
  controls.maxScore.addEventListener("input", update);
  controls.pageSize.addEventListener("change", function () { page = 0; renderPage(); });
  byId("filters").addEventListener("submit", function (event) { event.preventDefault(); update(); });
  byId("filters").addEventListener("reset", function () { window.setTimeout(update, 0); });
  byId("page-prev").addEventListener("click", function () { page -= 1; renderPage(); list.scrollIntoView(); });
  byId("page-next").addEventListener("click", function () { page += 1; renderPage(); list.scrollIntoView(); });
  byId("items-details").addEventListener("toggle", renderItemTable);

  fillChoices();
  update();
  performance.mark("review-ready");
  document.body.setAttribute("data-ready", "true");
}());
