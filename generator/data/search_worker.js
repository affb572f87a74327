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
// Queries: the last word, still being typed, is matched as a prefix too ("azer" finds Azerbaijan);
// the others, and words with `+` or `-` or in quotation marks, as they are (Material completes every
// word but those; here "20 March 2025" found "2025" for "20"). Diacritics are folded ("Teherán" finds
// "Teheran"). A page matching more of the words ranks first, then by field (tags over titles over text,
// Material's boosts), rarer words weighing more, and by the page's own boost; then the newest first.
// `+word` requires a word, `-word` excludes it, and `tags:word`, `title:word` or `text:word` look in
// one field only.
//
// Passages: a result shows what Material's index holds of its page (the English summary). When that
// does not show every word the page was found by (the others are in the Indonesian text or a note),
// the worker answers at once with it, then, unless another query comes within PASSAGE_DELAY, fetches
// the first pages shown (from the site itself, as a reader's click would; the browser may keep them for
// that click) and answers again with the passage of each that holds a word not shown: in place of a
// summary that shows no word searched for, below one that shows some.

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

// Diacritics folded, as generator/search_index.py folds the index's terms (`fold`): decomposed, without
// combining marks.
function fold(term) {
  return /[^\x00-\x7f]/.test(term) ? term.normalize("NFD").replace(/\p{M}/gu, "") : term;
}

// The terms of a text, as generator/search_index.py makes them; not `folded`, the words as written.
function tokens(state, text, folded = true) {
  const words = text.toLowerCase().split(state.separator).map(t => t.replace(EDGES, ""));
  return (folded ? words.map(fold) : words).filter(Boolean);
}

// The query's clauses: {term, presence: +1 required, -1 prohibited, 0 optional, field or null, prefix}.
// As in Material, words in quotation marks are all required, and they and the words with `+` or `-`
// are matched as they are. Of the others, only the last word of the query is a prefix (not once a
// space follows it): the one still being typed. Material makes every other word a prefix too, where
// "20" of "20 March 2025" found "2025". A word ending in `*` (Lunr's wildcard) is a prefix anywhere.
function parse(state, query) {
  const clauses = [];
  const parts = query.split(/"([^"]+)"/g).map((part, i) => i & 1 ? part.replace(/(^|\s+)(?=[^\s+-])/g, "$1+") : part);
  const words = parts.join(" ").trim().split(/\s+/);
  const typing = !/\s$/.test(query);
  words.forEach((part, at) => {
    let presence = 0;
    if (part.startsWith("+")) { presence = 1; part = part.slice(1); }
    else if (part.startsWith("-")) { presence = -1; part = part.slice(1); }
    let field = null;
    const colon = part.indexOf(":");
    if (colon > 0 && state.fields.some(f => f.name === part.slice(0, colon))) {
      field = part.slice(0, colon);
      part = part.slice(colon + 1);
    }
    const last = typing && at === words.length - 1, starred = /\*$/.test(part);
    const terms = tokens(state, part.replace(/[*~^]\d*$/, ""));
    terms.forEach((term, i) => clauses.push(
      { term, presence, field, prefix: i === terms.length - 1 && (starred || (last && !presence)) }));
  });
  return clauses;
}

// Document number -> score for one clause: the boosts of the fields it occurs in, weighted by rarity.
// A clause matches its term (and the term with an apostrophe after it: "iran" finds "Iran's", one
// term), and a prefix clause the terms it begins besides. Such a completion weighs half, and half of
// what the term itself weighs at most: "ask", on one page, had ranked that page by its rarity above the
// articles with "AS" (the United States), 744 of 1,000.
function match(state, clause) {
  const { terms, postings, count } = state.index;
  const fields = clause.field ? state.fields.filter(f => f.name === clause.field) : state.fields;
  const mask = fields.reduce((m, f) => m | f.bit, 0);
  const scores = new Map();
  const first = lowerBound(terms, clause.term);
  const rarityOf = i => Math.log(1 + count / postings[i].length);
  const exact = terms[first] === clause.term ? rarityOf(first) : Infinity;
  for (let i = first; i < terms.length && terms[i].startsWith(clause.term); i++) {
    const whole = terms[i].length === clause.term.length || terms[i][clause.term.length] === "'";
    if (!whole && !clause.prefix) continue;
    const list = postings[i];
    const rarity = Math.min(rarityOf(i), exact) * (whole ? 1 : 0.5);
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

// Each letter's class of the letters with diacritics that fold to it ("e": "eèéêë…"), for `marker`.
let variants = null;

function letter(char) {
  if (!variants) {
    variants = new Map();
    for (let code = 0xc0; code < 0x2000; code++) {  // Latin, Greek, Cyrillic and others, and their extensions
      const variant = String.fromCharCode(code), base = fold(variant.toLowerCase());
      if (base.length === 1 && base !== variant) variants.set(base, (variants.get(base) || base) + variant);
    }
  }
  return variants.has(char) ? `[${escapeRegExp(variants.get(char))}]` : escapeRegExp(char);
}

// The words that `clauses` match, to mark: a clause's term as a whole word ("as" not in "Aslan", "20"
// not in "2025"), a prefix clause's as the start of one too; written with or without diacritics.
function marker(clauses) {
  if (!clauses.length) return null;
  const words = [...clauses].sort((a, b) => b.term.length - a.term.length).map(c =>
    [...c.term].map(char => letter(char) + "\\p{M}*").join("") + (c.prefix ? "" : "(?![\\p{L}\\p{N}\\p{M}])"));
  return new RegExp("(^|[^\\p{L}\\p{N}])(" + words.join("|") + ")", "giu");
}

// Mark the words `marker` finds, outside of tags and character references.
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
  const marked = marker(positive);
  const found = [];
  for (const [doc, score] of total) {
    if (excluded.has(doc) || required.some(scores => !scores.has(doc))) continue;
    const source = state.docs[doc];
    found.push({ doc, matched: matched.get(doc), score: score * (source.boost || 1) });
  }
  // Equally good results, the newest first (they came in the order of their paths: "Putin" and
  // "+tags:iran" began with 2016), by the dates the index holds (generator/search_index.py).
  const dates = state.index.dates || [];
  found.sort((a, b) => b.matched - a.matched || b.score - a.score || (dates[b.doc] || 0) - (dates[a.doc] || 0));

  // One group per page: the page itself first. Only the first results are marked up: Material shows
  // ten at a time, and "a" matches every page.
  const groups = new Map();
  const byLocation = state.byLocation;
  for (const { doc, score } of found) {
    const source = state.docs[doc];
    const page = source.location.split("#")[0];
    const terms = {};
    for (const c of positive) terms[c.term] = hits.get(doc).has(c.term);
    const mark = groups.size < MARKED ? marked : null;
    const item = { ...source, title: highlight(source.title, mark), text: highlight(source.text, mark), score, terms };
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(item);
  }
  // A page found only by its sections (a hand-written page's) is added unscored, with the words its
  // sections were found by: Material links the page's title with those (`?h=`) for the opened page to
  // mark them, and with none (`terms: {}`, as Material's own worker adds it) the page marked nothing.
  for (const [page, items] of groups) {
    if (!items.some(item => item.location === page) && byLocation.has(page)) {
      const terms = {};
      for (const c of positive) terms[c.term] = items.some(item => item.terms[c.term]);
      items.unshift({ ...byLocation.get(page), score: 0, terms });
    }
  }
  return { items: [...groups.values()], suggest: suggest(state, positive, found), marker: marked, clauses: positive };
}

// For Material's search.suggest: the title words of the best match that complete the query's words.
function suggest(state, clauses, found) {
  for (const { doc } of found.slice(0, 20)) {
    const words = tokens(state, state.docs[doc].title.replace(/<[^>]*>/g, " "), false);
    const completed = clauses.map(c => words.find(word => fold(word).startsWith(c.term)));
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

// An article page's text and notes start here and end where its related coverage starts (generator/
// pages/article.py, generator/htmltext.py's RELATED_START): passages are not taken from the box of
// metadata before them ("Countries: 🇦🇫 Afghanistan…"), nor from the related coverage and source after.
const TEXT_START = '<div class="digest-article-text"', RELATED_START = '<h2 id="related-coverage">';

// The text of a page's content (an article's text and notes), a line per paragraph, heading or list
// item, without headerlinks, footnote numbers and their "↩": a passage is cut from one line (they ran
// from the text's last words into the next heading).
function plainText(html) {
  const textAt = html.indexOf(TEXT_START), relatedAt = textAt < 0 ? -1 : html.indexOf(RELATED_START, textAt);
  const start = textAt >= 0 ? textAt : html.indexOf("<article");
  const end = relatedAt >= 0 ? relatedAt : html.lastIndexOf("</article>");
  if (start < 0 || end < start) return "";
  return html.slice(start, end)
    .replace(/<(script|style|svg|nav)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<a class="(headerlink|footnote-backref)"[^>]*>[^<]*<\/a>|<sup id="fnref:[^>]*>[\s\S]*?<\/sup>/g, "")
    .replace(/<\/?(p|li|h[1-6]|div|ol|ul|hr|table|tr)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : +name.slice(1);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .split("\n").map(line => line.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n");
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

// The words around the first match in `text` of the first of `wanted` that matches (by default
// `marker`), in its line, cut at spaces, marked with `marker`; null if none.
function passage(text, marker, ...wanted) {
  let found = null;
  for (const regexp of wanted.length ? wanted : [marker]) {
    regexp.lastIndex = 0;
    if ((found = regexp.exec(text))) break;
  }
  if (!found) return null;
  const at = found.index + found[1].length;
  const first = text.lastIndexOf("\n", at) + 1;
  let last = text.indexOf("\n", at);
  if (last < 0) last = text.length;
  let start = Math.max(first, at - PASSAGE_BEFORE), end = Math.min(last, at + PASSAGE_AFTER);
  if (start > first) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < at ? space + 1 : at;
  }
  if (end < last) end = Math.max(text.lastIndexOf(" ", end), at + found[2].length);
  const words = escapeHtml(text.slice(start, end));
  return `<p>${start > first ? "… " : ""}${highlight(words, marker)}${end < last ? " …" : ""}</p>`;
}

// The result again, with passages for the first pages whose title and summary do not show every word
// they were found by (but words in tags: the result shows its tags): the words around the first word
// not shown. In place of a summary that shows no word searched for; below one that shows some, where
// "afghanistan Kelukokokoko" showed the summary with "Afghanistan", never the village in the text.
async function withPassages(result) {
  if (!result.marker) return null;
  const pages = [];
  for (const [item] of result.items.slice(0, PASSAGES)) {
    // A section shows its own text, and so does every section of a page added unscored (`search`):
    // Material shows no text for such a page, and its passage would cost a fetch for nothing.
    if (item.location.includes("#") || item.score === 0) continue;
    const shown = `${item.title} ${item.text || ""}`, words = shown.replace(/<[^>]*>/g, " ");
    const missing = result.clauses.filter(c => c.field !== "tags" && item.terms[c.term] && !marker([c]).test(words));
    if (!missing.length) continue;
    // A word the text holds as typed before one it begins: "AS" before "Astana".
    const wanted = [marker(missing.map(c => ({ ...c, prefix: false }))), marker(missing)];
    pages.push({ item, wanted, below: /<mark>/.test(shown) });
  }
  if (!pages.length) return null;
  const passages = await Promise.all(pages.map(({ item, wanted }) =>
    pageText(item.location).then(text => passage(text, result.marker, ...wanted))));
  let changed = false;
  pages.forEach(({ item, below }, i) => {
    if (!passages[i]) return;
    item.text = below ? item.text + passages[i] : passages[i];
    changed = true;
  });
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
    const { marker, clauses, ...data } = result;
    postMessage({ type: RESULT, data });
    await new Promise(resolve => setTimeout(resolve, PASSAGE_DELAY));
    if (query !== queries) return;
    const again = await withPassages(result);
    if (again && query === queries) postMessage({ type: RESULT, data });
  }
});
