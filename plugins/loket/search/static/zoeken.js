/* loket search: reads ?q=, looks the words up in the static index (search/index.py) and
   fills #zoekresultaten. Loads vocabulary.json once, then only the posting shards of the
   words it uses and the metadata shards of the results it shows. No other host, no storage.
   Language-neutral: stop words come from the index, interface text from the page. */
(function () {
  'use strict';

  var MAX_RESULTS = 20;
  var MAX_EXPANSIONS = 16; // index words one query word may stand for (typos, compounds)

  function normalise(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  // The same words as index.py's words(): 'ID-kaart' gives 'id', 'kaart' and 'idkaart'.
  function queryWords(text) {
    var out = [];
    (normalise(text).match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) || []).forEach(function (token) {
      var parts = token.split('-');
      if (parts.length > 1) out.push(parts.join('')); else out.push(token);
    });
    return out;
  }

  // Damerau-Levenshtein (optimal string alignment) distance, or max + 1 once it exceeds max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function allowedEdits(word) {
    return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
  }

  function Engine(base) {
    this.base = base;
    this.shards = {};
  }

  Engine.prototype.json = function (name) {
    if (!this.shards[name]) {
      this.shards[name] = fetch(new URL(name, this.base).href, { credentials: 'omit' }).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      });
    }
    return this.shards[name];
  };

  Engine.prototype.load = function () {
    var self = this;
    return this.json('vocabulary.json').then(function (v) {
      // words come front-coded (a capital letter = letters shared with the word before), stems delta-coded
      var words = [], previous = '', stems = [], stem = 0;
      (v.words.match(/[A-Z][^A-Z]*/g) || []).forEach(function (part) {
        previous = previous.slice(0, part.charCodeAt(0) - 65) + part.slice(1);
        words.push(previous);
      });
      v.stems.forEach(function (d) { stem += d; stems.push(stem); });
      v.words = words;
      v.stems = stems;
      self.v = v;
      self.wordIndex = new Map();
      v.words.forEach(function (w, i) { self.wordIndex.set(w, i); });
      self.stop = new Set(v.stopWords);
      return self;
    });
  };

  // What one query word stands for: [{stems: [id] or [id, id] (both parts of a compound), weight, word, typo}].
  Engine.prototype.expand = function (q) {
    var v = this.v, found = new Map(), exact = this.wordIndex.get(q);
    function add(stems, weight, word, typo) {
      var key = stems.join('+');
      var old = found.get(key);
      if (!old || old.weight < weight) found.set(key, { stems: stems, weight: weight, word: word, typo: typo });
    }
    if (exact !== undefined) add([v.stems[exact]], 1, q, false);
    // 'y' typed for 'ij' (huwelyk, rijbewys): as good as a match, and suggested
    var withIj = exact === undefined && q.indexOf('y') >= 0 ? this.wordIndex.get(q.replace(/y/g, 'ij')) : undefined;
    if (withIj !== undefined) add([v.stems[withIj]], 0.95, v.words[withIj], true);
    var edits = exact === undefined ? allowedEdits(q) : 0;
    for (var i = 0; i < v.words.length; i++) {
      var w = v.words[i];
      if (w === q) continue;
      if (q.length >= 4 && w.length > q.length && w.indexOf(q) >= 0) {
        // an index word that holds the query: 'vergunning' in 'kapvergunning'; a longer form of it ranks higher
        add([v.stems[i]], w.indexOf(q) === 0 && w.length - q.length <= 3 ? 0.9 : 0.7, w, false);
      } else if (w.length >= 4 && q.length > w.length && q.indexOf(w) >= 0 && !this.stop.has(w)) {
        // the other way round: 'kapvergunning' typed, 'vergunning' indexed
        add([v.stems[i]], 0.4 * w.length / q.length, w, false);
      } else if (edits && Math.abs(w.length - q.length) <= edits) {
        var d = distance(q, w, edits);
        if (d <= edits) add([v.stems[i]], 0.85 - 0.15 * d, w, true);
      }
    }
    // a compound of two index words: 'invalidenkaart' = 'invaliden' + 'kaart' (with a linking s or e between)
    if (exact === undefined && q.length >= 7) {
      for (var cut = 3; cut <= q.length - 3; cut++) {
        var head = q.slice(0, cut), tail = q.slice(cut);
        var h = this.wordIndex.get(head);
        if (h === undefined && /[se]$/.test(head)) h = this.wordIndex.get(head.slice(0, -1));
        var t = this.wordIndex.get(tail);
        if (h !== undefined && t !== undefined && !this.stop.has(head) && !this.stop.has(tail)) {
          add([v.stems[h], v.stems[t]], 0.75, head + ' ' + tail, false);
        }
      }
    }
    var list = Array.from(found.values());
    list.sort(function (a, b) {
      return b.weight - a.weight || v.df[b.stems[0]] - v.df[a.stems[0]];
    });
    return list.slice(0, MAX_EXPANSIONS);
  };

  Engine.prototype.postings = function (stem) {
    var v = this.v;
    return this.json('p' + (stem % v.postingShards) + '.json').then(function (shard) {
      var list = shard[String(stem)] || [], scores = new Map(), doc = 0;
      for (var i = 0; i < list.length; i += 2) { doc += list[i]; scores.set(doc, list[i + 1]); }
      return scores;
    });
  };

  // Per query word: document → best score over what the word stands for.
  Engine.prototype.wordScores = function (expansions) {
    var self = this;
    var stems = [];
    expansions.forEach(function (e) { e.stems.forEach(function (s) { if (stems.indexOf(s) < 0) stems.push(s); }); });
    return Promise.all(stems.map(function (s) { return self.postings(s); })).then(function (lists) {
      var byStem = new Map();
      stems.forEach(function (s, i) { byStem.set(s, lists[i]); });
      var scores = new Map();
      expansions.forEach(function (e) {
        var first = byStem.get(e.stems[0]);
        first.forEach(function (score, doc) {
          for (var k = 1; k < e.stems.length; k++) {
            var other = byStem.get(e.stems[k]).get(doc);
            if (other === undefined) return;
            score = Math.min(score, other);
          }
          var s = score * e.weight;
          if (!(scores.get(doc) >= s)) scores.set(doc, s);
        });
      });
      return scores;
    });
  };

  Engine.prototype.search = function (text) {
    var self = this;
    var all = queryWords(text);
    var meaningful = all.filter(function (w) { return !self.stop.has(w); });
    var qwords = meaningful.length ? meaningful : all;
    qwords = qwords.filter(function (w, i) { return qwords.indexOf(w) === i; }).slice(0, 8);
    var expansions = qwords.map(function (w) { return self.expand(w); });
    return Promise.all(expansions.map(function (e) { return self.wordScores(e); })).then(function (perWord) {
      var total = new Map(), matched = new Map();
      perWord.forEach(function (scores) {
        scores.forEach(function (s, doc) {
          total.set(doc, (total.get(doc) || 0) + s);
          matched.set(doc, (matched.get(doc) || 0) + 1);
        });
      });
      // All query words matching outranks some: the summed score times the squared share of
      // words matched, so a document missing one of two words needs four times the score. A
      // strong match of a rare word still beats weak matches of both ('bankstel weg').
      var n = perWord.length, final = new Map();
      total.forEach(function (s, doc) { var share = matched.get(doc) / n; final.set(doc, s * share * share); });
      var ranked = Array.from(final.keys()).sort(function (a, b) {
        return final.get(b) - final.get(a) || a - b;
      });
      var suggestions = self.suggest(qwords, expansions, ranked.length === 0);
      return self.documents(ranked.slice(0, MAX_RESULTS)).then(function (docs) {
        return { count: ranked.length, results: docs, suggestions: suggestions };
      });
    });
  };

  // "Bedoelde u …?": the query with each unknown word replaced by the closest, most used index word.
  Engine.prototype.suggest = function (qwords, expansions, nothing) {
    var self = this, v = this.v, changed = false;
    var words = qwords.map(function (q, i) {
      if (self.wordIndex.has(q)) return q;
      var typo = expansions[i].filter(function (e) { return e.typo; })[0];
      if (typo) { changed = true; return typo.word; }
      if (!nothing) return q;
      var best = null, bestD = 4, bestDf = -1;
      for (var k = 0; k < v.words.length; k++) {
        var d = distance(q, v.words[k], 3);
        var df = v.df[v.stems[k]];
        if (d < bestD || (d === bestD && df > bestDf)) { best = v.words[k]; bestD = d; bestDf = df; }
      }
      if (best && bestD <= 3) { changed = true; return best; }
      return q;
    });
    return changed ? [words.join(' ')] : [];
  };

  Engine.prototype.documents = function (ids) {
    var self = this, per = this.v.documentsPerShard;
    return Promise.all(ids.map(function (id) {
      return self.json('d' + Math.floor(id / per) + '.json').then(function (shard) {
        var d = shard[id % per];
        return { url: d[0], title: d[1], summary: d[2], online: d[3], kind: d[4] };
      });
    }));
  };

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function siteRoot(rootEl) {
    // data-index is relative to this page and ends in '<index_dir>/'; result URLs are relative to the site root
    return new URL(rootEl.getAttribute('data-root') || '../', location.href);
  }

  function render(rootEl, t, query, outcome) {
    var status = document.getElementById('zoekstatus');
    var list = document.getElementById('zoekresultaten');
    var hints = document.getElementById('zoeksuggesties');
    var root = siteRoot(rootEl);
    list.textContent = '';
    hints.textContent = '';
    var n = outcome.count;
    status.textContent = format(n === 0 ? t.count_none : n === 1 ? t.count_one : t.count_many, { n: n, q: query });
    if (outcome.suggestions.length) {
      var p = el('p', { 'class': 'loket-zoeksuggestie' }, t.did_you_mean + ' ');
      outcome.suggestions.forEach(function (s, i) {
        if (i) p.appendChild(document.createTextNode(', '));
        var a = el('a', { href: '?q=' + encodeURIComponent(s) }, s);
        p.appendChild(a);
      });
      p.appendChild(document.createTextNode('?'));
      hints.appendChild(p);
    }
    if (n === 0) {
      var none = el('p', {}, t.no_results_hint + ' ');
      none.appendChild(el('a', { href: rootEl.getAttribute('data-az') }, t.az));
      none.appendChild(document.createTextNode('.'));
      hints.appendChild(none);
    }
    outcome.results.forEach(function (d) {
      var li = el('li', { 'class': 'loket-zoekresultaat' });
      var link = el('a', { href: new URL(d.url, root).href, 'class': 'loket-zoekresultaat__link' }, d.title);
      li.appendChild(link);
      if (d.summary) li.appendChild(el('p', { 'class': 'loket-zoekresultaat__samenvatting' }, d.summary));
      var label = d.online ? t['online_' + d.online] : t['kind_' + d.kind];
      if (label) {
        if (!d.summary) li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', { 'class': d.online ? 'loket-status loket-status--' + d.online : 'loket-zoekresultaat__soort' }, label));
      }
      list.appendChild(li);
    });
  }

  function start() {
    var rootEl = document.getElementById('loket-zoeken');
    if (!rootEl) return;
    var t = JSON.parse(document.getElementById('loket-zoeken-teksten').textContent);
    var query = (new URLSearchParams(location.search).get('q') || '').trim().slice(0, 200);
    var input = document.getElementById('loket-zoekopdracht');
    var status = document.getElementById('zoekstatus');
    if (input) input.value = query;
    if (!query) { status.textContent = t.empty; return; }
    document.title = query + ' - ' + document.title;
    status.textContent = t.loading;
    var engine = new Engine(new URL(rootEl.getAttribute('data-index'), location.href));
    engine.load().then(function (e) { return e.search(query); }).then(function (outcome) {
      render(rootEl, t, query, outcome);
      rootEl.setAttribute('data-klaar', 'ja');
    }).catch(function () {
      rootEl.setAttribute('data-klaar', 'fout');
      status.textContent = t.error + ' ' + t.az + '.';
      var hints = document.getElementById('zoeksuggesties');
      hints.textContent = '';
      hints.appendChild(el('a', { href: rootEl.getAttribute('data-az') }, t.az));
    });
  }

  window.loketZoeken = { Engine: Engine, queryWords: queryWords, distance: distance };
  start();
}());
