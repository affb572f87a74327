// Search worker for a large digest: answers Material's search worker messages from a term index
// built with the site (generator/search_index.py), instead of building a lunr index in the browser
// before the first result (1.5-2.5 s at 10,000 articles; docs/performance.md). The index holds the
// words of every article's whole text and notes; Material's search_index.json, which its page script
// downloads whole, only the titles, summaries and names shown in results.
//
// Material's page script still downloads search/search_index.json and sends its `docs` here with
// the SETUP message; they are what results show. The messages (Material 9.8.1,
// src/templates/assets/javascripts/integrations/search/worker/message):
//   SETUP  {type: 0, data: {config, docs, options}} -> READY {type: 1}
//   QUERY  {type: 2, data: "query text"}            -> RESULT {type: 3, data: {items, suggest}}
// `items` holds one list per page (the page first, then its sections), best page first.
//
// Queries: words are matched as prefixes, as in Material's search ("azer" finds Azerbaijan). A page
// matching more of the words ranks first, then by field (tags over titles over text, Material's
// boosts), rarer words weighing more, and by the page's own boost. `+word` requires a word, `-word`
// excludes it, and `tags:word`, `title:word` or `text:word` look in one field only.
//
// Passages: a result shows what Material's index holds of its page (the English summary). When that
// holds none of the words searched for (they are in the Indonesian text or a note), the worker answers
// at once with it, then, unless another query comes within PASSAGE_DELAY, fetches the first pages
// shown (from the site itself, as a reader's click would; the browser may keep them for that click) and
// answers again with the passage of each that holds a word.

"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MARKED = 100;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

// Fetched as soon as the worker starts, while the page script fetches search_index.json.
const indexUrl = new URL("digest_index.json", self.location.href);
const loading = fetch(indexUrl).then(response => response.json());

function lowerBound(terms, term) {
  let low = 0, high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (terms[middle] < term) low = middle + 1; else high = middle;
  }
  return low;
}

// Each list of postings is written as its first number and the differences between the next ones
// (generator/search_index.py): summed here, once.
function decode(postings) {
  for (const list of postings)
    for (let i = 1; i < list.length; i++) list[i] += list[i - 1];
}

function setup({ config, docs }, index) {
  decode(index.postings);
  const fields = Object.entries(index.fields).map(([name, { bit, boost }]) => ({ name, bit, boost }));
  return { docs, index, fields, separator: new RegExp(config.separator) };
}

function tokens(state, text) {
  return text.toLowerCase().split(state.separator).map(t => t.replace(EDGES, "")).filter(Boolean);
}

// The query's clauses: {term, presence: +1 required, -1 prohibited, 0 optional, field or null}.
// As in Material, words in quotation marks are all required.
function parse(state, query) {
  const clauses = [];
  const parts = query.split(/"([^"]+)"/g).map((part, i) => i & 1 ? part.replace(/(^|\s+)(?=[^\s+-])/g, "$1+") : part);
  for (let part of parts.join(" ").trim().split(/\s+/)) {
    let presence = 0;
    if (part.startsWith("+")) { presence = 1; part = part.slice(1); }
    else if (part.startsWith("-")) { presence = -1; part = part.slice(1); }
    let field = null;
    const colon = part.indexOf(":");
    if (colon > 0 && state.fields.some(f => f.name === part.slice(0, colon))) {
      field = part.slice(0, colon);
      part = part.slice(colon + 1);
    }
    for (const term of tokens(state, part.replace(/[*~^]\d*$/, "")))
      clauses.push({ term, presence, field });
  }
  return clauses;
}

// Document number -> score for one clause: the boosts of the fields it occurs in, weighted by rarity.
function match(state, clause) {
  const { terms, postings, count } = state.index;
  const fields = clause.field ? state.fields.filter(f => f.name === clause.field) : state.fields;
  const mask = fields.reduce((m, f) => m | f.bit, 0);
  const scores = new Map();
  for (let i = lowerBound(terms, clause.term); i < terms.length && terms[i].startsWith(clause.term); i++) {
    const list = postings[i];
    const rarity = Math.log(1 + count / list.length) * (terms[i] === clause.term ? 1 : 0.5);
    for (const code of list) {
      const bits = code & 7 & mask;
      if (!bits) continue;
      let boost = 0;
      for (const f of fields) if (bits & f.bit) boost += f.boost;
      const doc = code >>> 3;
      scores.set(doc, Math.max(scores.get(doc) || 0, boost * rarity));
    }
  }
  return scores;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Mark the words that start with a query term, outside of tags and character references.
function highlight(value, marker) {
  if (!marker || typeof value !== "string") return value;
  return value.split(/(<[^>]*>|&#?\w+;)/)
    .map((part, i) => i & 1 ? part : part.replace(marker, "$1<mark>$2</mark>"))
    .join("");
}

function search(state, query) {
  const clauses = parse(state, query);
  const positive = clauses.filter(c => c.presence >= 0);
  if (!positive.length) return { items: [], suggest: [] };
  const total = new Map(), matched = new Map(), hits = new Map();
  const excluded = new Set();
  const required = [];
  for (const clause of clauses) {
    const scores = match(state, clause);
    if (clause.presence < 0) { for (const doc of scores.keys()) excluded.add(doc); continue; }
    if (clause.presence > 0) required.push(scores);
    for (const [doc, score] of scores) {
      total.set(doc, (total.get(doc) || 0) + score);
      matched.set(doc, (matched.get(doc) || 0) + 1);
      (hits.get(doc) || hits.set(doc, new Set()).get(doc)).add(clause.term);
    }
  }
  const marker = new RegExp(
    "(^|[^\\p{L}\\p{N}])(" + positive.map(c => escapeRegExp(c.term)).join("|") + ")", "giu");
  const found = [];
  for (const [doc, score] of total) {
    if (excluded.has(doc) || required.some(scores => !scores.has(doc))) continue;
    const source = state.docs[doc];
    found.push({ doc, matched: matched.get(doc), score: score * (source.boost || 1) });
  }
  found.sort((a, b) => b.matched - a.matched || b.score - a.score);

  // One group per page: the page itself first (added unscored if only a section matched).
  // Only the first results are marked up: Material shows ten at a time, and "a" matches every page.
  const groups = new Map();
  const byLocation = state.byLocation;
  for (const { doc, score } of found) {
    const source = state.docs[doc];
    const page = source.location.split("#")[0];
    const terms = {};
    for (const c of positive) terms[c.term] = hits.get(doc).has(c.term);
    const mark = groups.size < MARKED ? marker : null;
    const item = { ...source, title: highlight(source.title, mark), text: highlight(source.text, mark), score, terms };
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(item);
  }
  for (const [page, items] of groups) {
    if (!items.some(item => item.location === page) && byLocation.has(page))
      items.unshift({ ...byLocation.get(page), score: 0, terms: {} });
  }
  return { items: [...groups.values()], suggest: suggest(state, positive, found), marker };
}

// For Material's search.suggest: the title words of the best match that complete the query's words.
function suggest(state, clauses, found) {
  for (const { doc } of found.slice(0, 20)) {
    const words = tokens(state, state.docs[doc].title.replace(/<[^>]*>/g, " "));
    const completed = clauses.map(c => words.find(word => word.startsWith(c.term)));
    if (completed.every(Boolean)) return completed;
  }
  return [];
}

// Passages: the text of a page's content, and the words around the first word searched for.
const PASSAGES = 10;                 // the results Material shows first
const PASSAGE_BEFORE = 60, PASSAGE_AFTER = 140;  // characters around the word
const KEPT_PAGES = 50;               // page texts kept for the next queries
const PASSAGE_DELAY = 150;           // ms: a query typed over is not worth its pages
const pageTexts = new Map();
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function plainText(html) {
  const start = html.indexOf("<article"), end = html.lastIndexOf("</article>");
  if (start < 0 || end < start) return "";
  return html.slice(start, end)
    .replace(/<(script|style|svg|nav)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<a class="headerlink"[^>]*>[^<]*<\/a>/g, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : +name.slice(1);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

function pageText(location) {
  const page = location.split("#")[0];
  if (!pageTexts.has(page)) {
    if (pageTexts.size >= KEPT_PAGES) pageTexts.delete(pageTexts.keys().next().value);
    const url = new URL(page, new URL("../", self.location.href));
    // A page that could not be fetched (offline for a moment) is tried again by the next query.
    const text = fetch(url).then(response => response.ok ? response.text() : "")
      .then(plainText, () => { pageTexts.delete(page); return ""; });
    pageTexts.set(page, text);
  }
  return pageTexts.get(page);
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// The words around the first match of `marker` in `text`, cut at spaces, marked; null if none.
function passage(text, marker) {
  marker.lastIndex = 0;
  const found = marker.exec(text);
  if (!found) return null;
  const at = found.index + found[1].length;
  let start = Math.max(0, at - PASSAGE_BEFORE), end = Math.min(text.length, at + PASSAGE_AFTER);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < at ? space + 1 : at;
  }
  if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), at + found[2].length);
  const words = escapeHtml(text.slice(start, end));
  return `<p>${start > 0 ? "… " : ""}${highlight(words, marker)}${end < text.length ? " …" : ""}</p>`;
}

// The result again, with passages for the first pages whose title and teaser show no word searched for.
async function withPassages(result) {
  const pages = result.items.slice(0, PASSAGES).map(items => items[0])
    .filter(item => !item.location.includes("#") && !/<mark>/.test(`${item.title} ${item.text || ""}`));
  if (!pages.length || !result.marker) return null;
  const passages = await Promise.all(pages.map(item => pageText(item.location).then(text => passage(text, result.marker))));
  let changed = false;
  pages.forEach((item, i) => { if (passages[i]) { item.text = passages[i]; changed = true; } });
  return changed ? result : null;
}

let state, queries = 0;
addEventListener("message", async ev => {
  const message = ev.data;
  if (message.type === SETUP) {
    let index;
    try {
      index = await loading;
      if (index.count !== message.data.docs.length) {
        // A digest_index.json cached from another build than search_index.json: fetch it again.
        index = await fetch(indexUrl, { cache: "reload" }).then(response => response.json());
      }
    } catch (err) {
      // Answer every query with no result rather than leave the search box waiting.
      console.error(`Search index ${indexUrl} could not be loaded`, err);
      index = { count: 0, fields: {}, terms: [], postings: [] };
    }
    state = setup(message.data, index);
    state.byLocation = new Map(message.data.docs.map(doc => [doc.location, doc]));
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const query = ++queries;
    let result;
    try {
      result = search(state, message.data);
    } catch (err) {
      console.warn(`Invalid query: ${message.data}`, err);
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    const { marker, ...data } = result;
    postMessage({ type: RESULT, data });
    await new Promise(resolve => setTimeout(resolve, PASSAGE_DELAY));
    if (query !== queries) return;
    const again = await withPassages(result);
    if (again && query === queries) postMessage({ type: RESULT, data });
  }
});
