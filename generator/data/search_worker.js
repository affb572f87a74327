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
// one field only. A word that matches nothing as typed finds the terms a few edits away ("Bagheri" finds
// "Baqeri"), below every page found by the words as typed (`nearTerms`).
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

// The query's clauses: {term, presence: +1 required, -1 prohibited, 0 optional, field or null, prefix,
// quoted}. As in Material, words in quotation marks are all required, and they and the words with `+` or
// `-` are matched as they are. Of the others, only the last word of the query is a prefix (not once a
// space follows it): the one still being typed. Material makes every other word a prefix too, where
// "20" of "20 March 2025" found "2025". A word ending in `*` (Lunr's wildcard) is a prefix anywhere.
// A quoted word is taken as written, never for a near spelling (`nearTerms`).
function parse(state, query) {
  const clauses = [];
  const words = [];
  query.split(/"([^"]+)"/g).forEach((part, i) => {
    const quoted = (i & 1) === 1;
    for (const word of part.split(/\s+/).filter(Boolean))
      words.push({ word: quoted && !/^[+-]/.test(word) ? "+" + word : word, quoted });
  });
  const typing = !/\s$/.test(query);
  words.forEach(({ word: part, quoted }, at) => {
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
      { term, presence, field, prefix: i === terms.length - 1 && (starred || (last && !presence)), quoted }));
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

// Near spellings. Names are transliterated in several ways: the texts write "Baqeri", "Teheran",
// "Sergey", a reader types "Bagheri", "Tehran", "Sergei". A word that matches no term as typed (nor,
// being typed, any term it begins) matches the terms within a few edits of it (Damerau-Levenshtein: a
// letter changed, added or left out, or two neighbours swapped), scored apart so that they rank below
// every page found by the words as typed (`search`). How near:
// - Words under NEAR_SHORTEST letters get none: one edit from a short word is another word as often as a
//   spelling ("Iran" and "Iraq", "Mali" and "Bali").
// - Numbers get none, nor are terms with digits offered: "2024" for "2025" is another fact, not a typo.
// - One edit up to NEAR_TWO_EDITS - 1 letters ("Sergei", "Tehran", "Toshkent"); two from there: a
//   transliteration often writes one letter as two ("gh" for "q": "Bagheri" is two edits from "Baqeri",
//   "kh" for "h", "ou" for "u"), and a longer word leaves enough letters in common to stay its own.
// - At most NEAR_TERMS terms, nearest first, then the most frequent (the usual spelling of a name): a
//   word of 7 letters can be two edits from a dozen terms of a large digest.
// - A word in quotation marks, or excluded with `-`, is taken as written.
const NEAR_SHORTEST = 5, NEAR_TWO_EDITS = 7, NEAR_TERMS = 5;
const DIGIT = /\p{N}/u;

function editsAllowed(clause) {
  const { term } = clause;
  if (clause.quoted || term.length < NEAR_SHORTEST || DIGIT.test(term)) return 0;
  return term.length < NEAR_TWO_EDITS ? 1 : 2;
}

// The terms near a clause's word, nearest first: [{term, edits}]. The edits are counted as
// Damerau-Levenshtein's, in its usual "optimal string alignment" form (a swapped pair is not edited
// again), a row of the table per letter of the term. The terms are sorted, so a term shares its first
// letters with the one before, and their rows are not counted again: the list is walked as a trie. Once
// every entry of a row is over `most`, no term that begins with those letters is near (a swap that skips
// a row never costs less than an entry of that row), and they are all skipped with a binary search. Terms longer than the word by more than `most` are never near; their
// rows beyond that length are not counted.
function nearTerms(state, clause) {
  const most = editsAllowed(clause);
  if (!most) return [];
  const { terms, postings } = state.index, word = clause.term, m = word.length;
  const deepest = m + most;
  const rows = Array.from({ length: deepest + 1 }, () => new Int32Array(m + 1));
  for (let j = 0; j <= m; j++) rows[0][j] = j;
  const near = [];
  let last = "", counted = 0;  // rows[1..counted] hold the edits of `last`'s first letters
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i], end = Math.min(term.length, deepest);
    let same = 0;
    while (same < counted && same < term.length && term.charCodeAt(same) === last.charCodeAt(same)) same++;
    let skipped = false;
    for (let d = same + 1; d <= end && !skipped; d++) {
      const row = rows[d], back = rows[d - 1], twoBack = rows[Math.max(0, d - 2)];
      const here = term.charCodeAt(d - 1), before = d > 1 ? term.charCodeAt(d - 2) : -1;
      let least = row[0] = d;
      for (let j = 1; j <= m; j++) {
        const there = word.charCodeAt(j - 1);
        let edits = Math.min(back[j] + 1, row[j - 1] + 1, back[j - 1] + (here === there ? 0 : 1));
        if (before === there && j > 1 && here === word.charCodeAt(j - 2)) edits = Math.min(edits, twoBack[j - 2] + 1);
        row[j] = edits;
        if (edits < least) least = edits;
      }
      counted = d;
      if (least > most) {
        skipped = true;
        i = lowerBound(terms, term.slice(0, d) + "\uffff") - 1;
      }
    }
    last = term;
    if (skipped || Math.abs(term.length - m) > most) continue;
    const edits = rows[term.length][m];
    if (edits <= most && !DIGIT.test(term)) near.push({ term, edits, pages: postings[i].length, i });
  }
  near.sort((a, b) => a.edits - b.edits || b.pages - a.pages || a.i - b.i);
  return near.slice(0, NEAR_TERMS).map(({ term, edits }) => ({ term, edits }));
}

// Document number -> score for a clause by its near terms (`match` of each as a whole word), and the
// fewest edits of a near term each document holds; `held` gets the near terms each holds.
function matchNear(state, clause, near, held) {
  const scores = new Map(), edits = new Map();
  for (const term of near) {
    for (const [doc, score] of match(state, { ...clause, term: term.term, prefix: false })) {
      scores.set(doc, Math.max(scores.get(doc) || 0, score));
      edits.set(doc, Math.min(edits.get(doc) ?? Infinity, term.edits));
      (held.get(doc) || held.set(doc, new Set()).get(doc)).add(term.term);
    }
  }
  return { scores, edits };
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

// The words a page was found by, as Material takes them: `true` for each word found (it links the page
// with them, `?h=`, for the opened page to mark them), `false` for each not (shown as missing). A word
// found by its near spellings gives those the page holds: "Bagheri" opens the page with `?h=baqeri`.
function foundBy(clauses, held) {
  const terms = {};
  for (const c of clauses) {
    const near = (c.near || []).filter(term => held.has(term));
    if (near.length) for (const term of near) terms[term] = true;
    else terms[c.term] = held.has(c.term);
  }
  return terms;
}

function search(state, query) {
  const clauses = parse(state, query);
  const positive = clauses.filter(c => c.presence >= 0);
  if (!positive.length) return { items: [], suggest: [] };
  // Pages found by a word as typed, and (`nearTotal`, `nearMatched`, `nearEdits`) by near spellings of
  // words that matched nothing as typed: scored apart, these only order pages that are equal by the first.
  const total = new Map(), matched = new Map();
  const nearTotal = new Map(), nearMatched = new Map(), nearEdits = new Map();
  const hits = new Map();
  const excluded = new Set();
  const required = [];
  const shown = [];  // the clauses whose words the results mark: a word's near terms in its place
  for (const clause of clauses) {
    let scores = match(state, clause);
    if (clause.presence < 0) { for (const doc of scores.keys()) excluded.add(doc); continue; }
    let sum = total, count = matched;
    if (scores.size) {
      shown.push(clause);
      for (const doc of scores.keys()) (hits.get(doc) || hits.set(doc, new Set()).get(doc)).add(clause.term);
    } else {
      const near = nearTerms(state, clause);
      clause.near = near.map(n => n.term);
      shown.push(...(near.length ? clause.near.map(term => ({ ...clause, term, prefix: false })) : [clause]));
      const byNear = matchNear(state, clause, near, hits);
      scores = byNear.scores;
      for (const [doc, edits] of byNear.edits) nearEdits.set(doc, (nearEdits.get(doc) || 0) + edits);
      sum = nearTotal, count = nearMatched;
    }
    if (clause.presence > 0) required.push(scores);
    for (const [doc, score] of scores) {
      sum.set(doc, (sum.get(doc) || 0) + score);
      count.set(doc, (count.get(doc) || 0) + 1);
    }
  }
  const marked = marker(shown);
  const found = [];
  for (const doc of new Set([...total.keys(), ...nearTotal.keys()])) {
    if (excluded.has(doc) || required.some(scores => !scores.has(doc))) continue;
    const boost = state.docs[doc].boost || 1;
    found.push({
      doc, matched: matched.get(doc) || 0, score: (total.get(doc) || 0) * boost,
      nearMatched: nearMatched.get(doc) || 0, nearEdits: nearEdits.get(doc) || 0,
      nearScore: (nearTotal.get(doc) || 0) * boost,
    });
  }
  // Near spellings count only between pages the words as typed found equally well: never above a page
  // they found better, and a page found only so comes after every page they found. Among those, the
  // fewer edits first, whatever the field ("Bagheri": a text's "Bageri", one edit away, before a title's
  // "Baqeri", two). Equally good results, the newest first (they came in the order of their paths:
  // "Putin" and "+tags:iran" began with 2016), by the dates the index holds (generator/search_index.py).
  const dates = state.index.dates || [];
  found.sort((a, b) => b.matched - a.matched || b.score - a.score || b.nearMatched - a.nearMatched ||
    a.nearEdits - b.nearEdits || b.nearScore - a.nearScore || (dates[b.doc] || 0) - (dates[a.doc] || 0));

  // One group per page: the page itself first. Only the first results are marked up: Material shows
  // ten at a time, and "a" matches every page.
  const groups = new Map(), heldByPage = new Map();
  const byLocation = state.byLocation;
  for (const { doc, score, nearScore } of found) {
    const source = state.docs[doc];
    const page = source.location.split("#")[0];
    const mark = groups.size < MARKED ? marked : null;
    const item = {
      ...source, title: highlight(source.title, mark), text: highlight(source.text, mark),
      score: score + nearScore, terms: foundBy(positive, hits.get(doc)),
    };
    if (!groups.has(page)) groups.set(page, []), heldByPage.set(page, new Set());
    groups.get(page).push(item);
    for (const term of hits.get(doc)) heldByPage.get(page).add(term);
  }
  // A page found only by its sections (a hand-written page's) is added unscored, with the words its
  // sections were found by: Material links the page's title with those (`?h=`) for the opened page to
  // mark them, and with none (`terms: {}`, as Material's own worker adds it) the page marked nothing.
  for (const [page, items] of groups) {
    if (!items.some(item => item.location === page) && byLocation.has(page)) {
      items.unshift({ ...byLocation.get(page), score: 0, terms: foundBy(positive, heldByPage.get(page)) });
    }
  }
  return { items: [...groups.values()], suggest: suggest(state, positive, found), marker: marked, clauses: shown };
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
const TEXT_START = '<div class="digest-article-text"', RELATED_START = '<h2 id="related-coverage';

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
