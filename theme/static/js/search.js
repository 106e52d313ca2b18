/*
 * Search for the council's public record, in the browser, with lunr.js.
 *
 * The engine (Analyzer, Engine) is the browser twin of
 * plugins/transparency/search/search_index.py (analysis) and search_query.py
 * (querying); the parity tests run both over the same index and expect the
 * same answers. Words are stemmed by the Snowball Romanian stemmer of
 * lunr-languages (lunr.ro.js, vendored beside lunr.min.js), as snowballstemmer
 * does in the build. Queries add synonyms (the manifest's), the citation of a
 * number and a year (`45 2025` → `45/2025`) and, for a word found nowhere, the
 * closest terms of its shard; results are ranked by how many query words they
 * match, then by lunr's score times the document's kind weight and recency. The index is sharded (docs/search.md): a query downloads the
 * manifest, the filter files it uses, the term shards it needs, the lengths
 * of the documents their entries name and the records of the results it
 * shows; it computes lunr's BM25 weights from the term frequencies, lengths
 * and the manifest's corpus statistics, and loads the entries of its terms
 * into a real lunr.Index. Every file but the manifest is named by its
 * content. Queries are built clause by clause (never parsed), so no input
 * can raise a lunr query error.
 *
 * The page script (at the end) drives /cautare/: the form, the address
 * query string (?q=…&tip=…), the result list, the live count, the feed link.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.CouncilSearch = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // search_index.TOKEN_RE: letters, or a digit then letters and digits; digits joined by / . , stay one token.
  var TOKEN_RE = /(?:(?:(?![0-9])[\p{L}\p{N}])+|[0-9][\p{L}\p{N}]*)(?:(?<=[0-9])[/.,](?=[0-9])[\p{L}\p{N}]+)*/gu;
  // Words of the original (unfolded) text, for highlighting.
  var WORD_RE = /[\p{L}\p{N}\p{M}]+(?:(?<=[0-9])[/.,](?=[0-9])[\p{L}\p{N}\p{M}]+)*/gu;
  var MARKS_RE = /\p{Mn}/gu;
  var NON_ASCII_RE = /[^\x00-\x7f]/;
  var STEMMABLE_RE = /^[a-z]+$/;
  var DIGIT_RE = /^[0-9]$/;
  var PREFIX_MIN = 4;
  var PREFIX_BOOST = 0.25;
  var SYNONYM_BOOST = 0.5;
  var CITATION_BOOST = 3;
  var FUZZY_BOOST = 0.5;
  var FUZZY_MAX = 2;
  var FUZZY_MIN = 4;
  var NUMBER_RE = /^[0-9]{1,4}$/;
  var YEAR_RE = /^(?:19|20)[0-9]{2}$/;
  var FACETS = ['tip', 'an', 'stare', 'tema', 'comisie'];

  /* Fold and lower-case, like search_index.normalise: decomposing and
   * dropping combining marks folds ă â î ș ş ț ţ (and é, ö…) to base letters;
   * `letters` maps the few Latin letters that do not decompose (ł → l). */
  function normalise(text, letters, lettersRe) {
    var lower = String(text).toLowerCase();
    if (!NON_ASCII_RE.test(lower)) return lower;
    var folded = lower.normalize('NFD').replace(MARKS_RE, '').normalize('NFC');
    return lettersRe ? folded.replace(lettersRe, function (c) { return letters[c]; }) : folded;
  }

  function codePoints(text) {
    return NON_ASCII_RE.test(text) ? Array.from(text).length : text.length;
  }

  /* `snowball(word)` → the Snowball Romanian stem of a folded word (see snowballOf). */
  function Analyzer(settings, snowball) {
    var letters = Object.keys(settings.letters || {});
    this.letters = settings.letters || {};
    this.lettersRe = letters.length ? new RegExp('[' + letters.join('') + ']', 'gu') : null;
    this.stopWords = new Set(settings.stopWords);
    if (settings.stemmer !== 'snowball-ro' || typeof snowball !== 'function') {
      throw new Error('the Romanian stemmer (lunr.ro.js) is missing');
    }
    this.snowball = snowball;
    this.afterSnowball = settings.afterSnowball;
    this.finalVowels = settings.finalVowels;
    this.finalCuts = settings.finalCuts;
    this.alternations = settings.alternations;
    this.minStem = settings.minStem;
    this.maxToken = settings.maxToken;
    this.synonyms = settings.synonyms || {};
    this.stems = new Map();
  }

  /* lunr-languages' Romanian stemmer as a function of a word (`lunr` with lunr.ro registered). */
  function snowballOf(lunr) {
    if (!lunr || !lunr.ro || typeof lunr.ro.stemmer !== 'function') return null;
    return function (word) { return lunr.ro.stemmer(new lunr.Token(word, {})).toString(); };
  }

  Analyzer.prototype.tokens = function (text) {
    return normalise(text, this.letters, this.lettersRe).match(TOKEN_RE) || [];
  };

  /* search_index.stem: Snowball, then one after-Snowball suffix or up to finalCuts final vowels,
   * then the vowel alternations. */
  Analyzer.prototype.stem = function (token) {
    if (token.length <= this.minStem || !STEMMABLE_RE.test(token)) return token;
    var known = this.stems.get(token);
    if (known !== undefined) return known;
    var found = this.snowball(token), cut = false, i;
    for (i = 0; i < this.afterSnowball.length; i++) {
      var suffix = this.afterSnowball[i];
      if (found.endsWith(suffix) && found.length - suffix.length >= this.minStem + 2) {
        found = found.slice(0, found.length - suffix.length);
        cut = true;
        break;
      }
    }
    for (i = 0; !cut && i < this.finalCuts; i++) {
      if (found.length > this.minStem + 1 && this.finalVowels.indexOf(found[found.length - 1]) >= 0) {
        found = found.slice(0, -1);
      }
    }
    this.alternations.forEach(function (pair) { found = found.split(pair[0]).join(pair[1]); });
    this.stems.set(token, found);
    return found;
  };

  Analyzer.prototype.keep = function (token) {
    var length = codePoints(token);
    return length <= this.maxToken && (length > 1 || DIGIT_RE.test(token)) && !this.stopWords.has(token);
  };

  /* The index terms of a text, in order (with repeats). */
  Analyzer.prototype.terms = function (text) {
    var self = this;
    return this.tokens(text).filter(function (t) { return self.keep(t); })
      .map(function (t) { return self.stem(t); });
  };

  /* The distinct terms of a query, in the order typed. */
  Analyzer.prototype.words = function (text) {
    return Array.from(new Set(this.terms(text)));
  };

  /* Split `text` into [{text, mark}] pieces, marking the words a query matched. */
  Analyzer.prototype.highlight = function (text, words) {
    var self = this, exact = new Set(words), pieces = [], last = 0, match;
    var prefixes = words.filter(isPrefixable);
    WORD_RE.lastIndex = 0;
    while ((match = WORD_RE.exec(text)) !== null) {
      var hit = self.terms(match[0]).some(function (term) {
        return exact.has(term) || prefixes.some(function (p) { return term.startsWith(p); });
      });
      if (!hit) continue;
      if (match.index > last) pieces.push({ text: text.slice(last, match.index), mark: false });
      pieces.push({ text: match[0], mark: true });
      last = match.index + match[0].length;
    }
    if (last < text.length) pieces.push({ text: text.slice(last), mark: false });
    return pieces;
  };

  function isPrefixable(word) {
    return word.length >= PREFIX_MIN && STEMMABLE_RE.test(word);
  }

  /* search_query.clauses: one clause per (term, prefix); a term reached twice keeps the larger
   * boost and stands for the words of both. */
  function clauses(words, synonyms) {
    var found = new Map();
    function add(term, prefix, boost, covers) {
      var key = (prefix ? '*' : '=') + term, old = found.get(key);
      if (old) {
        boost = Math.max(old.boost, boost);
        covers = Array.from(new Set(old.covers.concat(covers))).sort(function (a, b) { return a - b; });
      }
      found.set(key, { term: term, prefix: prefix, boost: boost, covers: covers });
    }
    words.forEach(function (word, position) {
      add(word, false, 1, [position]);
      if (isPrefixable(word)) add(word, true, PREFIX_BOOST, [position]);
      var others = synonyms && Object.prototype.hasOwnProperty.call(synonyms, word) ? synonyms[word] : [];
      others.forEach(function (other) { add(other, false, SYNONYM_BOOST, [position]); });
    });
    for (var i = 0; i + 1 < words.length; i++) {
      if (NUMBER_RE.test(words[i]) && YEAR_RE.test(words[i + 1])) {
        add(words[i] + '/' + words[i + 1], false, CITATION_BOOST, [i, i + 1]);
      }
    }
    return Array.from(found.values());
  }

  /* search_query.distance: optimal string alignment, capped at limit + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost);
        if (before !== null && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], before[j - 2] + 1);
        }
      }
      before = row;
      row = current;
      if (Math.min.apply(null, row) > limit) return limit + 1;
    }
    return Math.min(row[b.length], limit + 1);
  }

  function compareCodeUnits(a, b) {
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  /* search_query.corrections: the terms of `entries` closest to a misspelt word. */
  function corrections(word, entries) {
    var limit = word.length <= 5 ? 1 : 2, scored = [];
    entries.forEach(function (entry) {
      var term = entry[0];
      if (term === word || !STEMMABLE_RE.test(term)) return;
      var edits = distance(word, term, limit);
      if (FUZZY_MIN <= term.length && term.length < word.length && word.length <= term.length + 3) {
        edits = Math.min(edits, distance(word.slice(0, term.length), term, limit));
      }
      if (edits > limit) return;
      var docs = 0;
      for (var f = 2; f < entry.length; f += 2) docs += Math.floor(entry[f].length / 2);
      scored.push([edits, -docs, term]);
    });
    scored.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]) || compareCodeUnits(a[2], b[2]); });
    return scored.slice(0, FUZZY_MAX).map(function (s) { return s[2]; });
  }

  function lastAtMost(keys, key) {
    var low = 0, high = keys.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (keys[middle] <= key) low = middle + 1; else high = middle;
    }
    return low - 1;
  }

  /* The shards that may hold a clause's term (or, for a prefix, its expansions). */
  function shardRange(boundaries, clause) {
    var first = lastAtMost(boundaries, clause.term);
    var last = clause.prefix ? lastAtMost(boundaries, clause.term + '\uffff') : first;
    var found = [];
    for (var i = Math.max(first, 0); i <= last; i++) found.push(i);
    return found;
  }

  function byTerm(a, b) {
    return a[0] < b[0] ? -1 : (a[0] > b[0] ? 1 : 0);
  }

  /* Whether a clause finds this index term (equal, or for a prefix clause, starting with it). */
  function matches(term, planned) {
    return planned.some(function (c) { return term === c.term || (c.prefix && term.startsWith(c.term)); });
  }

  /* [field, doc, term frequency] of a shard entry [term, field, [doc delta, tf, …], …]. */
  function postings(entry) {
    var found = [];
    for (var f = 1; f < entry.length; f += 2) {
      var flat = entry[f + 1], doc = 0;
      for (var i = 0; i < flat.length; i += 2) {
        doc += flat[i];
        found.push([entry[f], doc, flat[i + 1]]);
      }
    }
    return found;
  }

  /* lunr's Builder: BM25 with a field boost, three decimals (search_query.weight). */
  function weight(idf, tf, length, average, boost, k1, b) {
    var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
    score *= boost;
    return Math.round(score * 1000) / 1000;
  }

  /* Shard entries → a lunr serialized index (what lunr.Index.load reads), the weights
   * computed from the manifest's statistics and `lengths` ('field/chunk' → its length file). */
  function serialized(entries, manifest, lengths) {
    var fields = manifest.fields, count = manifest.docs, size = manifest.lengths.size;
    var averages = manifest.totals.map(function (total) { return count ? total / count : 0; });
    var inverted = [], vectors = new Map();
    entries.slice().sort(byTerm).forEach(function (entry, index) {
      var found = postings(entry), posting = { _index: index };
      var x = (count - found.length + 0.5) / (found.length + 0.5), idf = Math.log(1 + Math.abs(x));
      fields.forEach(function (name) { posting[name] = {}; });
      found.forEach(function (p) {
        var field = p[0], doc = p[1], ref = fields[field] + '/' + doc;
        posting[fields[field]][doc] = {};
        var length = lengths.get(field + '/' + Math.floor(doc / size))[doc % size];
        if (!vectors.has(ref)) vectors.set(ref, []);
        vectors.get(ref).push(index, weight(idf, p[2], length, averages[field], manifest.boosts[field],
          manifest.k1, manifest.b));
      });
      inverted.push([entry[0], posting]);
    });
    var fieldVectors = [];
    vectors.forEach(function (elements, ref) { fieldVectors.push([ref, elements]); });
    return { version: manifest.lunr, fields: fields, fieldVectors: fieldVectors, invertedIndex: inverted,
             pipeline: [] };
  }

  function rankKey(hit) {
    return Math.floor(hit[1] * 1e6 + 0.5);
  }

  /* [doc, score, words matched]: more words first, then the rounded score, then the newest. */
  function byRank(a, b) {
    return ((b[2] || 0) - (a[2] || 0)) || (rankKey(b) - rankKey(a)) || (b[0] - a[0]);
  }

  /* search_query.ranking_score (same operations, same order). */
  function rankingScore(score, doc, kind, rank, count) {
    var weight = Object.prototype.hasOwnProperty.call(rank.weights, kind) ? rank.weights[kind] : 1;
    return score * weight * (1 + rank.recency * doc / Math.max(count - 1, 1));
  }

  /* `fetchJson(path)` → Promise of the parsed file, path relative to the index folder. */
  function Engine(fetchJson, lunr) {
    this.fetchJson = fetchJson;
    this.lunr = lunr;
    this.fetched = [];
    this.cache = new Map();
    this.manifest = null;
    this.analyzer = null;
  }

  Engine.prototype.json = function (path) {
    var cache = this.cache;
    if (!cache.has(path)) {
      this.fetched.push(path);
      cache.set(path, this.fetchJson(path).catch(function (error) {
        cache.delete(path);  // a failed download is tried again next time
        throw error;
      }));
    }
    return cache.get(path);
  };

  Engine.prototype.file = function (kind, name) {
    return this.json(kind + '/' + name + '.json');
  };

  Engine.prototype.ready = function () {
    var self = this;
    return this.json('manifest.json').then(function (manifest) {
      self.manifest = manifest;
      self.analyzer = self.analyzer || new Analyzer(manifest.analysis, snowballOf(self.lunr));
      return self;
    });
  };

  /* Ranked hits [[doc, score]…] for a query and filters ({tip: …, an: …}),
   * with the records of the first page. */
  Engine.prototype.search = async function (text, filters) {
    await this.ready();
    var words = this.analyzer.words(text);
    var allowed = await this.filtered(filters || {});
    var hits, corrected = [], ranked = null;
    if (words.length) {
      ranked = await this.ranked(words, corrected);
      hits = ranked.filter(function (h) { return !allowed || allowed.has(h[0]); });
    } else if (allowed) {
      hits = Array.from(allowed).sort(function (a, b) { return b - a; }).map(function (d) { return [d, 0]; });
    } else {
      hits = [];
    }
    var records = await this.records(hits.slice(0, this.manifest.page).map(function (h) { return h[0]; }));
    return { words: words, hits: hits, records: records, corrected: corrected,
             matched: ranked && ranked.map(function (h) { return h[0]; }) };
  };

  Engine.prototype.records = async function (docs) {
    var size = this.manifest.records.size, files = this.manifest.records.files, self = this;
    var chunks = await Promise.all(docs.map(function (doc) {
      return self.file('d', files[Math.floor(doc / size)]);
    }));
    return docs.map(function (doc, i) { return chunks[i][doc % size]; });
  };

  /* How many results each filter option would keep: {facet: {value: count}}. `matched`: the
   * documents the words match, before filters (null: no words, every document). The counts of
   * a facet take the other facets' chosen filters into account, not its own. Reads every
   * filter file (about 32 kB compressed at 10,000 documents), after the results are shown. */
  Engine.prototype.facetCounts = async function (matched, filters) {
    var manifest = this.manifest, self = this, sets = {}, counts = {};
    await Promise.all(FACETS.map(async function (name) {
      var values = manifest.facets[name] || {}, names = Object.keys(values);
      var files = await Promise.all(names.map(function (value) { return self.file('f', values[value]); }));
      sets[name] = new Map(names.map(function (value, i) {
        var doc = 0, docs = new Set();
        files[i].forEach(function (step) { doc += step; docs.add(doc); });
        return [value, docs];
      }));
    }));
    var base = matched ? new Set(matched) : null;
    FACETS.forEach(function (name) {
      var allowed = base;
      FACETS.forEach(function (other) {
        if (other === name || !filters[other]) return;
        var docs = sets[other].get(filters[other]) || new Set();
        allowed = new Set(Array.from(allowed || docs).filter(function (d) { return docs.has(d); }));
      });
      counts[name] = {};
      sets[name].forEach(function (docs, value) {
        var n = 0;
        if (allowed) allowed.forEach(function (d) { if (docs.has(d)) n++; }); else n = docs.size;
        counts[name][value] = n;
      });
    });
    return counts;
  };

  Engine.prototype.filtered = async function (filters) {
    var allowed = null;
    for (var i = 0; i < FACETS.length; i++) {
      var name = FACETS[i], value = filters[name];
      if (!value) continue;
      var values = this.manifest.facets[name] || {}, docs = new Set();
      if (Object.prototype.hasOwnProperty.call(values, value)) {
        var steps = await this.file('f', values[value]), doc = 0;
        steps.forEach(function (step) { doc += step; docs.add(doc); });
      }
      allowed = allowed === null ? docs : new Set(Array.from(allowed).filter(function (d) { return docs.has(d); }));
    }
    return allowed;
  };

  Engine.prototype.ranked = async function (words, corrected) {
    var planned = clauses(words, this.analyzer.synonyms), lunr = this.lunr;
    var index = await this.lunrIndex(planned, words, corrected);
    var results = index.query(function (query) {
      planned.forEach(function (clause) {
        query.term(clause.term, {
          usePipeline: false,
          boost: clause.boost,
          wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          presence: lunr.Query.presence.OPTIONAL
        });
      });
    });
    var docs = Array.from(new Set(results.map(function (r) { return Number(r.ref); }))).sort(function (a, b) { return a - b; });
    var kinds = await this.kinds(docs), rank = this.manifest.rank, count = this.manifest.docs;
    return results.map(function (r) {
      var doc = Number(r.ref), covered = new Set();
      Object.keys(r.matchData.metadata).forEach(function (term) {
        planned.forEach(function (clause) {
          if (matches(term, [clause])) clause.covers.forEach(function (p) { covered.add(p); });
        });
      });
      return [doc, rankingScore(r.score, doc, kinds.get(doc), rank, count), covered.size];
    }).sort(byRank).map(function (h) { return [h[0], h[1]]; });
  };

  /* Each document's kind letter (manifest `rank`), from the files covering `docs` (sorted). */
  Engine.prototype.kinds = async function (docs) {
    var size = this.manifest.rank.size, files = this.manifest.rank.files, self = this;
    var chunks = await Promise.all(docs.map(function (doc) { return self.file('k', files[Math.floor(doc / size)]); }));
    return new Map(docs.map(function (doc, i) { return [doc, chunks[i][doc % size]]; }));
  };

  /* A lunr.Index over the entries of the clauses' terms (their shards, then the lengths
   * of the documents they name). A word no clause finds gets clauses for its corrections
   * among the entries of its shard (added to `planned` and `corrected`). */
  Engine.prototype.lunrIndex = async function (planned, words, corrected) {
    var manifest = this.manifest, shards = manifest.shards, wanted = new Set(), self = this;
    planned.forEach(function (clause) { shardRange(shards.first, clause).forEach(function (i) { wanted.add(i); }); });
    var chosen = Array.from(wanted).sort(function (a, b) { return a - b; });
    var shardFiles = await Promise.all(chosen.map(function (i) { return self.file('s', shards.files[i]); }));
    var loaded = new Map(chosen.map(function (i, n) { return [i, shardFiles[n]]; })), found = new Set();
    chosen.forEach(function (i) {
      loaded.get(i).forEach(function (entry) {
        planned.forEach(function (clause) {
          if (matches(entry[0], [clause])) clause.covers.forEach(function (p) { found.add(p); });
        });
      });
    });
    (words || []).forEach(function (word, position) {
      if (found.has(position) || word.length < FUZZY_MIN || !STEMMABLE_RE.test(word)) return;
      var near = [];
      shardRange(shards.first, { term: word, prefix: false }).forEach(function (i) {
        near = near.concat(loaded.get(i));
      });
      corrections(word, near).forEach(function (term) {
        if (planned.some(function (c) { return c.term === term && !c.prefix; })) return;
        planned.push({ term: term, prefix: false, boost: FUZZY_BOOST, covers: [position] });
        if (corrected) corrected.push(term);
      });
    });
    var entries = [];
    chosen.forEach(function (i) {
      loaded.get(i).forEach(function (entry) { if (matches(entry[0], planned)) entries.push(entry); });
    });
    var size = manifest.lengths.size, pairs = new Map();
    entries.forEach(function (entry) {
      postings(entry).forEach(function (p) {
        var chunk = Math.floor(p[1] / size);
        pairs.set(p[0] + '/' + chunk, [p[0], chunk]);
      });
    });
    var needed = Array.from(pairs.values()).sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]); });
    var files = await Promise.all(needed.map(function (pair) {
      return self.file('l', manifest.lengths.files[pair[0]][pair[1]]);
    }));
    var lengths = new Map(needed.map(function (pair, i) { return [pair[0] + '/' + pair[1], files[i]]; }));
    return this.lunr.Index.load(serialized(entries, manifest, lengths));
  };

  /* ---- the page: /cautare/ ---------------------------------------------- */

  function count(n) {
    if (n === 0) return 'Niciun rezultat';
    if (n === 1) return 'Un rezultat';
    var rest = n % 100;
    return n + (rest >= 1 && rest <= 19 ? ' rezultate' : ' de rezultate');
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function marked(analyzer, text, words) {
    return analyzer.highlight(text || '', words).map(function (piece) {
      return piece.mark ? element('mark', {}, [piece.text]) : document.createTextNode(piece.text);
    });
  }

  function resultItem(analyzer, record, words) {
    var meta = [element('span', { 'class': 'result-type' }, [record.k])];
    if (record.s) {
      meta.push(' · ', element('span', { 'class': 'status-inline status-' + record.s, 'data-status': record.s },
        [record.sl]));
    }
    if (record.d) meta.push(' · ', element('time', { datetime: record.d }, [record.dt]));
    if (record.c) meta.push(' · ', element('span', { 'class': 'result-citation' }, marked(analyzer, record.c, words)));
    if (record.p) meta.push(' · din ', element('a', { href: record.p, 'class': 'result-parent' }, [record.pt]));
    return element('li', {}, [
      element('h3', { 'class': 'h3' }, [element('a', { href: record.u }, marked(analyzer, record.t, words))]),
      element('p', { 'class': 'meta' }, meta),
      element('p', { 'class': 'snippet' }, marked(analyzer, record.x, words))
    ]);
  }

  function SearchPage(form) {
    var self = this;
    this.form = form;
    this.input = form.querySelector('[name="q"]');
    this.status = document.querySelector('[data-search-status]');
    this.heading = document.querySelector('[data-search-heading]');
    this.list = document.querySelector('[data-search-results]');
    this.section = this.list.closest('section') || this.list;
    this.more = document.querySelector('[data-search-more]');
    this.feed = document.querySelector('[data-search-feed]');
    this.empty = document.querySelector('[data-search-empty]');
    this.order = form.querySelector('[name="ordine"]');
    form.querySelectorAll('select option').forEach(function (option) {
      option.setAttribute('data-label', option.textContent.trim());
    });
    var base = form.getAttribute('data-index');
    this.engine = new Engine(function (path) {
      return fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + path);
        return response.json();
      });
    }, window.lunr);
    this.shown = 0;
    this.current = null;
    // The form and the results' section: hidden until now, since without JavaScript they do nothing.
    document.querySelectorAll('[data-search-js]').forEach(function (node) { node.hidden = false; });
    function apply(moveFocus) {
      var params = self.params();
      var address = location.pathname + (params.toString() ? '?' + params.toString() : '');
      if (address !== location.pathname + location.search) history.pushState(null, '', address);
      self.run(moveFocus);
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply(true);
    });
    // A filter or the order applies as it changes; the focus stays on it (the count is announced).
    form.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', function () { apply(false); });
    });
    this.more.addEventListener('click', function () { self.showMore(); });
    window.addEventListener('popstate', function () { self.fill(); self.run(false); });
    this.fill();
    this.run(false);
  }

  /* The form's values as a query string, without empty fields. */
  SearchPage.prototype.params = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, key) {
      if (String(value).trim()) params.append(key, String(value).trim());
    });
    return params;
  };

  SearchPage.prototype.fill = function () {
    var params = new URLSearchParams(location.search), form = this.form;
    this.input.value = params.get('q') || '';
    FACETS.concat(['ordine']).forEach(function (name) {
      var select = form.querySelector('[name="' + name + '"]');
      if (!select) return;
      var value = params.get(name) || '';
      select.value = Array.from(select.options).some(function (o) { return o.value === value; }) ? value : '';
    });
  };

  /* Each filter option's label with the number of results it would keep ("" counts: plain labels). */
  SearchPage.prototype.showCounts = function (counts) {
    var form = this.form;
    FACETS.forEach(function (name) {
      var select = form.querySelector('[name="' + name + '"]');
      if (!select) return;
      Array.from(select.options).forEach(function (option) {
        var label = option.getAttribute('data-label');
        if (!option.value) { option.textContent = label; return; }
        var n = counts && counts[name] ? counts[name][option.value] || 0 : null;
        option.textContent = n === null ? label : label + ' (' + n + ')';
      });
    });
  };

  /* The empty state: a link to the same words without filters (with how many it finds), the listings. */
  SearchPage.prototype.showEmpty = function (found, text, filters) {
    var unfiltered = this.empty.querySelector('[data-search-unfiltered]');
    var filtered = Object.keys(filters).length > 0;
    this.empty.hidden = found.hits.length > 0;
    unfiltered.hidden = !(filtered && text);
    if (filtered && text) {
      var link = unfiltered.querySelector('a'), n = found.matched ? found.matched.length : 0;
      link.href = location.pathname + '?' + new URLSearchParams({ q: text }).toString();
      link.textContent = 'Căutați „' + text + '” fără filtre (' + count(n).toLowerCase() + ')';
    }
  };

  SearchPage.prototype.filters = function () {
    var form = this.form, filters = {};
    FACETS.forEach(function (name) {
      var select = form.querySelector('[name="' + name + '"]');
      if (select && select.value) filters[name] = select.value;
    });
    return filters;
  };

  SearchPage.prototype.showFeed = function () {
    var form = this.form, feed = this.feed, chosen = null;
    ['tema', 'comisie', 'stare', 'tip'].some(function (name) {
      var select = form.querySelector('[name="' + name + '"]');
      var option = select && select.selectedIndex > 0 ? select.options[select.selectedIndex] : null;
      if (option && option.getAttribute('data-feed')) chosen = option;
      return chosen !== null;
    });
    feed.hidden = chosen === null;
    if (chosen) {
      var link = feed.querySelector('a');
      link.href = chosen.getAttribute('data-feed');
      link.textContent = 'Flux Atom: ' + chosen.textContent.trim();
    }
  };

  SearchPage.prototype.run = async function (moveFocus) {
    var text = this.input.value.trim(), filters = this.filters(), token = {};
    this.current = token;
    this.list.replaceChildren();
    this.more.hidden = true;
    this.empty.hidden = true;
    this.showFeed();
    if (!text && !Object.keys(filters).length) {
      this.heading.hidden = true;
      this.showCounts(null);
      this.status.textContent = moveFocus ? 'Scrieți ce căutați sau alegeți un filtru.' : '';
      return;
    }
    this.status.textContent = 'Se caută…';
    this.section.setAttribute('aria-busy', 'true');
    try {
      var found = await this.engine.search(text, filters);
      if (this.current !== token) return;
      if (this.order && this.order.value === 'data') {  // newest first: documents are numbered by date
        found.hits = found.hits.slice().sort(function (a, b) { return b[0] - a[0]; });
        found.records = await this.engine.records(found.hits.slice(0, this.engine.manifest.page)
          .map(function (h) { return h[0]; }));
        if (this.current !== token) return;
      }
      this.found = found;
      this.shown = 0;
      this.heading.hidden = false;
      if (text && !found.words.length) {
        this.status.textContent = 'Căutarea „' + text + '” conține doar cuvinte prea scurte sau prea frecvente. ' +
          'Încercați alte cuvinte.';
      } else {
        this.status.textContent = count(found.hits.length) + (text ? ' pentru „' + text + '”' : '') +
          (Object.keys(filters).length ? ' (cu filtrele alese)' : '') + '.';
      }
      this.append(found.records);
      this.showEmpty(found, text, filters);
      if (moveFocus) this.heading.focus();
      this.section.removeAttribute('aria-busy');
      var counts = null;
      try {
        counts = await this.engine.facetCounts(found.matched, filters);
      } catch (error) {  // the results stand; the options keep their plain labels
        counts = null;
      }
      if (this.current === token) this.showCounts(counts);
      return;
    } catch (error) {
      if (this.current !== token) return;
      this.status.textContent = 'Căutarea nu a funcționat (' + error.message + '). Reîncercați sau folosiți listele de mai jos.';
    }
    this.section.removeAttribute('aria-busy');
  };

  SearchPage.prototype.append = function (records) {
    var analyzer = this.engine.analyzer, words = this.found.words, list = this.list;
    var items = records.map(function (record) { return resultItem(analyzer, record, words); });
    items.forEach(function (item) { list.appendChild(item); });
    this.shown += records.length;
    this.more.hidden = this.shown >= this.found.hits.length;
    return items;
  };

  SearchPage.prototype.showMore = async function () {
    var page = this.engine.manifest.page, found = this.found, records;
    var docs = found.hits.slice(this.shown, this.shown + page).map(function (h) { return h[0]; });
    try {
      records = await this.engine.records(docs);
    } catch (error) {
      this.status.textContent = 'Rezultatele următoare nu au putut fi încărcate (' + error.message + '). Reîncercați.';
      return;
    }
    if (this.found !== found) return;
    var items = this.append(records);
    if (items.length) items[0].querySelector('a').focus();
  };

  function boot() {
    var form = document.querySelector('[data-search-form]');
    if (form && window.lunr) new SearchPage(form);
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    else boot();
  }

  return { Analyzer: Analyzer, Engine: Engine, normalise: normalise, clauses: clauses, shardRange: shardRange,
           serialized: serialized, weight: weight, count: count, distance: distance, corrections: corrections,
           snowballOf: snowballOf };
}));
