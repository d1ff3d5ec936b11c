/*
 * Kanalregister in the browser: "Ist dieser Account echt?" and the overview's filters.
 *
 * Plain ES2020, no dependencies, no build step. Everything works without this file: the
 * overview shows the full grouped list, the verify page explains how to check by hand.
 *
 * canonicalize() is a port of kanalregister/urls.py and follows its steps one by one; it is
 * driven only by the rules table the build exports (assets/kanalregister/index.json), and
 * the shared vectors in tests/fixtures/url_vectors.yml run against both implementations.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // The canonical form of a profile URL or handle (port of urls.py)
  // ---------------------------------------------------------------------------------------

  const WHITESPACE = " \t\n\r\f\v";
  const FORBIDDEN = /[\x00-\x20\x7f\\]/;
  const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):([\s\S]*)$/;
  const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
  const DEFAULT_PORTS = { https: 443, http: 80, "": 443 };
  // Characters Python's quote() leaves alone with urls.py's safe set; all others become %XX.
  const PATH_SAFE = new Set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/!$%&'()*+,:;=@[]^|",
  );
  const DOT = new Set([".", "%2e"]);
  const DOT_DOT = new Set(["..", ".%2e", "%2e.", "%2e%2e"]);
  const PLACEHOLDER = /\{([^{}]*)\}/g;

  const compiled = new Map();
  const prepared = new WeakMap();

  function regex(pattern) {
    // The registry only holds patterns that JavaScript and Python read alike (platforms.py).
    let re = compiled.get(pattern);
    if (!re) {
      re = new RegExp(pattern);
      compiled.set(pattern, re);
    }
    return re;
  }

  function fullmatch(pattern, text) {
    // Patterns are anchored with ^ and $; without the m flag that is a full match.
    return regex(pattern).exec(text);
  }

  function strip(text) {
    let start = 0;
    let end = text.length;
    while (start < end && WHITESPACE.includes(text[start])) start += 1;
    while (end > start && WHITESPACE.includes(text[end - 1])) end -= 1;
    return text.slice(start, end);
  }

  function problem(code, extra) {
    return Object.assign({ problem: code }, extra || {});
  }

  function normaliseHost(host, prefixes) {
    host = strip(host).toLowerCase().replace(/\.+$/, "");
    for (const prefix of prefixes) {
      if (host.startsWith(prefix) && host.slice(prefix.length).includes(".")) {
        return host.slice(prefix.length);
      }
    }
    return host;
  }

  function prepare(rules) {
    let ready = prepared.get(rules);
    if (ready) return ready;
    const prefixes = rules.host_prefixes || ["www.", "m.", "mobile."];
    const hostIndex = new Map();
    for (const platform of rules.platforms) {
      for (const host of [...platform.hosts, ...platform.aliases]) {
        // A platform's own host is never taken over by a later entry.
        if (!hostIndex.has(host)) hostIndex.set(host, platform);
      }
    }
    ready = { rules, prefixes, hostIndex };
    prepared.set(rules, ready);
    return ready;
  }

  function fill(template, match, named) {
    return template.replace(PLACEHOLDER, (_, key) => {
      if (/^[0-9]+$/.test(key)) return (match && match[Number(key)]) || "";
      return (named && named[key]) || "";
    });
  }

  function profileUrl(platform, account) {
    let user = account;
    let server = "";
    const at = account.lastIndexOf("@");
    if (at >= 0) {
      user = account.slice(0, at);
      server = account.slice(at + 1);
    }
    return fill(platform.profile_url, null, { account, user, server });
  }

  function utf8Percent(char) {
    return Array.from(new TextEncoder().encode(char), (byte) =>
      "%" + byte.toString(16).toUpperCase().padStart(2, "0"),
    ).join("");
  }

  function quotePath(path) {
    let out = "";
    for (const char of path) out += PATH_SAFE.has(char) ? char : utf8Percent(char);
    return out;
  }

  function removeDotSegments(path) {
    // Browsers resolve "." and ".." (also percent-encoded) before requesting a path.
    const segments = path.split("/").slice(1);
    const kept = [];
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      const lower = segment.toLowerCase();
      if (DOT_DOT.has(lower)) {
        if (kept.length) kept.pop();
      } else if (!DOT.has(lower)) {
        kept.push(segment);
        return;
      }
      if (last) kept.push("");
    });
    return "/" + kept.join("/");
  }

  function unquote(text) {
    // Python's unquote(errors="replace"): %XX inside runs of ASCII, decoded as UTF-8.
    if (!text.includes("%")) return text;
    const decoder = new TextDecoder("utf-8");
    return text.replace(/[\x00-\x7f]+/g, (run) => {
      const bytes = [];
      for (let i = 0; i < run.length; i += 1) {
        const hex = run.slice(i + 1, i + 3);
        if (run[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else {
          bytes.push(run.charCodeAt(i));
        }
      }
      return decoder.decode(new Uint8Array(bytes));
    });
  }

  function parseQuery(query) {
    // parse_qsl(keep_blank_values=True), keeping the first value of each key.
    const values = new Map();
    for (const part of query.split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      const key = unquote(name.replace(/\+/g, " "));
      if (!values.has(key)) values.set(key, unquote(value.replace(/\+/g, " ")));
    }
    return values;
  }

  function splitUrl(rest) {
    // urllib.parse.urlsplit("https:" + rest) for a rest that starts with "//".
    let delim = rest.length;
    for (const char of "/?#") {
      const at = rest.indexOf(char, 2);
      if (at >= 0) delim = Math.min(delim, at);
    }
    const netloc = rest.slice(2, delim);
    let tail = rest.slice(delim);
    let query = "";
    const hash = tail.indexOf("#");
    if (hash >= 0) tail = tail.slice(0, hash);
    const mark = tail.indexOf("?");
    if (mark >= 0) {
      query = tail.slice(mark + 1);
      tail = tail.slice(0, mark);
    }
    // Python refuses brackets (IPv6) it cannot read and reads the rest as no host name:
    // either way the text is not a profile URL.
    if (netloc.includes("[") || netloc.includes("]")) return null;
    if (!isAscii(netloc)) {
      const bare = netloc.replace(/[@:#?]/g, "");
      const normal = bare.normalize("NFKC");
      if (normal !== bare && /[/?#@:]/.test(normal)) return null;
    }
    const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
    const colon = hostinfo.indexOf(":");
    const hostname = colon < 0 ? hostinfo : hostinfo.slice(0, colon);
    const portText = colon < 0 ? "" : hostinfo.slice(colon + 1);
    let port = null;
    if (portText) {
      if (!/^[0-9]+$/.test(portText)) return null;
      port = Number(portText);
      if (port > 65535) return null;
    }
    return { netloc, hostname: hostname.toLowerCase(), port, path: tail, query };
  }

  function isAscii(text) {
    return /^[\x00-\x7f]*$/.test(text);
  }

  function toHost(hostname, prefixes) {
    let host = hostname.toLowerCase().replace(/\.+$/, "");
    if (!isAscii(host)) {
      // IDNA through the browser's own URL parser; Python's codec refuses the same
      // ASCII characters and labels longer than 63 characters.
      if (/[\x00-\x2c\x2f\x3a-\x60\x7b-\x7f]/.test(host)) return null;
      try {
        host = new URL("http://" + host + "/").hostname;
      } catch (error) {
        return null;
      }
      if (host.split(".").some((label) => label.length < 1 || label.length > 63)) return null;
    }
    // An IP address is no platform, and numeric last labels are how browsers spot one.
    if (!HOST.test(host) || /^[0-9]+$/.test(host.slice(host.lastIndexOf(".") + 1))) return null;
    return normaliseHost(host, prefixes);
  }

  function platformFor(host, ready, websiteHosts) {
    let platform = ready.hostIndex.get(host) || null;
    if (platform && platform.organisation_hosts && websiteHosts === null) return null;
    const own =
      websiteHosts !== null &&
      websiteHosts.some((h) => normaliseHost(h, ready.prefixes) === host);
    if (!platform && own) {
      platform = ready.rules.platforms.find((p) => p.organisation_hosts) || null;
    }
    return platform;
  }

  function ownerBySuffix(host, rules) {
    for (const platform of rules.platforms) {
      if (platform.organisation_hosts) continue;
      const owned = [...platform.hosts, ...platform.aliases, ...platform.non_profile_hosts];
      if (
        platform.non_profile_hosts.includes(host) ||
        owned.some((h) => host.endsWith("." + h))
      ) {
        return platform;
      }
    }
    return null;
  }

  function readForms(platform, host, path, query, scheme) {
    for (const form of platform.forms) {
      let subject = path;
      const pairs = form.query.filter((key) => query.has(key)).map((k) => k + "=" + query.get(k));
      if (pairs.length) subject += "?" + pairs.join("&");
      const match = fullmatch(form.pattern, subject);
      if (!match) continue;
      if (platform.reserved.includes((match[1] || "").toLowerCase())) {
        return problem("not-a-profile", { platform: platform.id, host });
      }
      let account = fill(form.account, match, { host });
      if (form.case_insensitive) account = account.toLowerCase();
      return { platform: platform.id, account, url: profileUrl(platform, account), scheme };
    }
    return null;
  }

  function readUrl(raw, ready, websiteHosts, scheme) {
    const rules = ready.rules;
    const match = SCHEME.exec(raw);
    let found;
    let rest;
    // "instagram.com:443/x" looks like a scheme but is a host with a port.
    if (match && !match[1].includes(".")) {
      found = match[1].toLowerCase();
      if (found !== "http" && found !== "https") return problem("bad-scheme", { scheme: found });
      rest = match[2];
      if (!rest.startsWith("//")) return problem("not-a-url");
    } else {
      found = "";
      rest = raw.startsWith("//") ? raw : "//" + raw;
    }
    scheme = scheme === null ? found : scheme;
    const parts = splitUrl(rest);
    if (parts === null) return problem("not-a-url");
    // A user name before the host ("…@host") disguises the real host.
    if (parts.netloc.includes("@")) return problem("not-a-url", { reason: "userinfo" });
    const host = toHost(parts.hostname, ready.prefixes);
    if (host === null) return problem("not-a-url");
    if (parts.port !== null && parts.port !== DEFAULT_PORTS[scheme]) {
      return problem("unknown-host", { host });
    }
    const path = quotePath(removeDotSegments(parts.path)).replace(/\/+$/, "");
    const query = parseQuery(parts.query);
    const platform = platformFor(host, ready, websiteHosts);
    if (platform && platform.organisation_hosts) {
      // An organisation may run its own Mastodon server on one of its domains.
      for (const candidate of rules.platforms) {
        const result = candidate.any_host && readForms(candidate, host, path, query, scheme);
        if (result) return result;
      }
    }
    if (platform) {
      return (
        readForms(platform, host, path, query, scheme) ||
        problem("not-a-profile", { platform: platform.id, host })
      );
    }
    const owner = ownerBySuffix(host, rules);
    if (owner) return problem("not-a-profile", { platform: owner.id, host });
    for (const candidate of rules.platforms) {
      const result = candidate.any_host && readForms(candidate, host, path, query, scheme);
      if (result) return result;
    }
    return problem("unknown-host", { host });
  }

  /**
   * The canonical form of a profile URL or "@user@server" handle: {platform, account, url,
   * scheme}, or {problem: code} with the codes of urls.py.
   */
  function canonicalize(text, rules, websiteHosts) {
    const ready = prepare(rules);
    const raw = strip(String(text));
    if (!raw || FORBIDDEN.test(raw)) return problem("not-a-url");
    for (const platform of rules.platforms) {
      const match = platform.address && fullmatch(platform.address.pattern, raw);
      if (match) return readUrl(fill(platform.address.url, match), ready, null, "");
    }
    if (raw.startsWith("@")) return problem("ambiguous-handle");
    return readUrl(raw, ready, Array.from(websiteHosts || []), null);
  }

  /** Every {platform, account} whose handle rule accepts a bare "@name", in registry order. */
  function handleCandidates(text, rules) {
    const raw = strip(String(text));
    const found = [];
    for (const platform of rules.platforms) {
      const match = platform.handle && fullmatch(platform.handle, raw);
      if (!match) continue;
      const account = platform.handle_case_insensitive ? match[1].toLowerCase() : match[1];
      if (!platform.reserved.includes(account.toLowerCase().replace(/^@+/, ""))) {
        found.push({ platform: platform.id, account });
      }
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------
  // Verification against the index (same answers as kanalregister/verify.py)
  // ---------------------------------------------------------------------------------------

  // A bare word ("musterstadt") and a name ("Stadt Musterstadt"), as verify.py reads them.
  const WORD = /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}_.-]*$/u;
  const NAME = /^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}_ .,&'’\-–]*$/u;
  const EMAIL = /^[^@\s/:]+@[^@\s/:]+\.[^@\s/:.]+$/;
  const MIN_NAME = 3;
  const MIN_LABEL = 4;

  function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      const current = [i];
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
      }
      previous = current;
    }
    return previous[b.length];
  }

  function accountName(account) {
    // The user part of "user@server": the same name on another server is the classic fake.
    const lower = account.toLowerCase();
    const at = lower.lastIndexOf("@");
    return at > 0 ? lower.slice(0, at) : lower.replace(/^@+/, "");
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  /** The verify data of an index, prepared once: published, planned and by key. */
  function lookup(index) {
    let ready = prepared.get(index);
    if (ready) return ready;
    const all = index.accounts || [];
    const byKey = new Map();
    const planned = new Map();
    for (const entry of all) {
      const key = entry.platform + "\u0000" + entry.account;
      (entry.status === "planned" ? planned : byKey).set(key, entry);
    }
    const published = all.filter((e) => e.status !== "planned");
    // Accounts the city reported as impersonations (channels/_faelschungen.yml).
    const fakes = new Map((index.fakes || []).map((f) => [f.platform + "\u0000" + f.account, f]));
    ready = { byKey, planned, published, all, fakes, emails: new Set(index.emails || []) };
    prepared.set(index, ready);
    return ready;
  }

  function similarAccounts(canonical, published) {
    // Running official accounts a look-alike imitates: same platform, a name at most two
    // edits away, or one that contains the official name.
    const wanted = accountName(canonical.account);
    return published.filter((entry) => {
      if (entry.platform !== canonical.platform || entry.status === "archived") return false;
      if (entry.account === canonical.account) return false;
      const official = accountName(entry.account);
      return editDistance(official, wanted) <= 2 || (official.length >= 5 && wanted.includes(official));
    });
  }

  function withSuccessors(entry, data) {
    const successors = (entry.successors || []).map((n) => data.all[n]).filter(Boolean);
    return Object.assign({}, entry, { successors });
  }

  function verdict(query, answer, reading, extra) {
    return Object.assign({ query: shownQuery(query), answer, reading, canonical: null, problem: null, candidates: [],
      matches: [], similar: [], lookalike: false, known_email: false, own_domain: false }, extra);
  }

  function forAccount(query, canonical, reading, data) {
    const key = canonical.platform + "\u0000" + canonical.account;
    const match = data.byKey.get(key);
    if (match) {
      const answer = match.status === "archived" ? "archived" : "official";
      return verdict(query, answer, reading, { canonical, matches: [withSuccessors(match, data)] });
    }
    const planned = data.planned.get(key);
    if (planned) return verdict(query, "planned", reading, { canonical, matches: [planned] });
    const similar = similarAccounts(canonical, data.published);
    const fake = data.fakes.get(key);
    if (fake) return verdict(query, "known-fake", reading, { canonical, similar, fake });
    return verdict(query, "not-listed", reading, { canonical, similar, lookalike: similar.length > 0 });
  }

  function byHandle(query, handle, reading, problem, data, rules, local) {
    const candidates = handleCandidates(handle, rules);
    const keys = candidates.map((c) => c.platform + "\u0000" + c.account);
    if (local !== false) {
      // Mastodon shows accounts of its own server as "@user": "@stadt" may be ours there.
      const user = handle.replace(/^@+/, "").toLowerCase();
      for (const entry of data.published) {
        if (entry.platform === "mastodon" && accountName(entry.account) === user) {
          keys.push(entry.platform + "\u0000" + entry.account);
        }
      }
    }
    const matches = keys.filter((k) => data.byKey.has(k)).map((k) => withSuccessors(data.byKey.get(k), data));
    if (matches.length) {
      const running = matches.some((m) => m.status !== "archived");
      return verdict(query, running ? "only-on" : "archived", reading, { problem, candidates, matches });
    }
    const planned = keys.filter((k) => data.planned.has(k)).map((k) => data.planned.get(k));
    if (planned.length) return verdict(query, "planned", reading, { problem, candidates, matches: planned });
    if (!candidates.length) return verdict(query, "unusable", reading, { problem });
    const similar = [];
    for (const c of candidates) {
      for (const m of similarAccounts(c, data.published)) similar.push(m);
    }
    return verdict(query, "not-listed", reading, { problem, candidates, similar,
      lookalike: similar.length > 0 });
  }

  function byName(query, problem, data) {
    const wanted = words(query);
    const found = data.published.filter((e) =>
      words(e.name).includes(wanted) || words(e.unit || "").includes(wanted));
    const matches = [
      ...found.filter((e) => e.status !== "archived"),
      ...found.filter((e) => e.status === "archived"),
    ].map((e) => withSuccessors(e, data));
    let answer = "not-listed";
    if (matches.length) answer = matches[0].status === "archived" ? "archived" : "only-on";
    return verdict(query, answer, "name", { problem, matches });
  }

  function contentOwner(query, rules, hosts) {
    // The account a post or profile-tab URL belongs to, where the platform puts it first in
    // the path ("…/musterstadt/reels/", "…/@name/post/…").
    let base = query.split("#")[0].split("?")[0].replace(/\/+$/, "");
    const scheme = base.indexOf("://");
    const first = base.indexOf("/", scheme >= 0 ? scheme + 3 : 0);
    if (first < 0) return null;
    for (;;) {
      const cut = base.lastIndexOf("/");
      if (cut <= first) return null;
      base = base.slice(0, cut);
      const result = canonicalize(base, rules, hosts);
      if (!result.problem) return result;
    }
  }

  function lookalikeHost(query, rules, hosts) {
    // An unknown host that names a platform or the city ("evil-twitter.com").
    const host = query.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split("/")[0];
    const names = [];
    for (const platform of rules.platforms) names.push(...platform.hosts, ...platform.aliases);
    names.push(...hosts);
    return names.some((h) => {
      const labels = h.split(".");
      const label = labels.length > 1 ? labels[labels.length - 2] : "";
      return label.length >= MIN_LABEL && host.includes(label);
    });
  }

  /**
   * The answer for a text (see verify.py): "official" (paused channels too), "only-on",
   * "archived", "planned", "known-fake", "not-listed" (with lookalike), "email" or "unusable"; how it was read; the canonical
   * form; the matching index entries (with their successors); similar official accounts.
   */
  // The input as the result text quotes it. A shared link (?konto=…) chooses that input, so
  // every space but the plain one (U+00A0, U+2000–U+200A, U+202F …), controls and format
  // characters are shown as \u escapes, and a long input is cut: the answer cannot be made
  // to read like a sentence of ours.
  function shownQuery(text) {
    const visible = text.replace(/(?! )[\p{C}\p{Z}]/gu,
      (c) => "\\u" + c.codePointAt(0).toString(16).padStart(4, "0"));
    return visible.length > 80 ? visible.slice(0, 79) + "…" : visible;
  }

  function verify(text, index) {
    const rules = index.rules;
    const hosts = index.website_hosts || [];
    const data = lookup(index);
    const query = strip(String(text));
    const result = canonicalize(query, rules, hosts);
    if (!result.problem) {
      if (EMAIL.test(query) && !data.byKey.has(result.platform + "\u0000" + result.account)) {
        const domain = query.slice(query.lastIndexOf("@") + 1).toLowerCase().replace(/^www\./, "");
        return verdict(query, "email", "email", { known_email: data.emails.has(query.toLowerCase()),
          own_domain: hosts.includes(domain) });
      }
      return forAccount(query, result, "profile", data);
    }
    const code = result.problem;
    if (code === "not-a-profile" || code === "unknown-host") {
      const owner = contentOwner(query, rules, hosts);
      if (owner) return forAccount(query, owner, "content", data);
    }
    if (code === "ambiguous-handle") return byHandle(query, query, "handle", result, data, rules);
    if ((code === "not-a-url" || code === "unknown-host") && WORD.test(query)) {
      // A bare word is a handle if the register has it as one, else a name.
      const answer = byHandle(query, "@" + query, "word", result, data, rules, false);
      if (answer.matches.length) return answer;
      if (code === "not-a-url") {
        if (query.length < MIN_NAME) return answer;
        const named = byName(query, result, data);
        return named.matches.length ? named : byHandle(query, "@" + query, "word", result, data, rules);
      }
    }
    if (code === "not-a-url" && NAME.test(query) && query.length >= MIN_NAME) {
      return byName(query, result, data);
    }
    if (code === "unknown-host") {
      return verdict(query, "not-listed", "profile", { problem: result,
        lookalike: lookalikeHost(query, rules, hosts) });
    }
    return verdict(query, "unusable", "profile", { problem: result });
  }

  // ---------------------------------------------------------------------------------------
  // The verify widget: every form.kr-verify
  // ---------------------------------------------------------------------------------------

  const STATUS_LABELS = {
    active: "offizieller Kanal",
    temporary: "offizieller Kanal (befristet)",
    emergency_only: "offizieller Kanal, nur für Warnungen – im Notfall 112",
    archived: "ehemals offizieller Kanal",
    planned: "geplant, noch nicht in Betrieb",
  };
  const PROBLEM_TEXTS = {
    "not-a-url":
      "Geben Sie die Adresse des Profils ein (z. B. https://www.instagram.com/name/), einen " +
      "Kontonamen wie @name oder @name@server, oder den Namen eines Kanals.",
    "bad-scheme": "Geprüft werden können nur Webadressen, die mit https:// oder http:// beginnen.",
    "not-a-profile":
      "Diese Adresse gehört zu {platform}, nennt aber kein Konto (sie zeigt zum Beispiel einen " +
      "Beitrag ohne Kontonamen oder eine Seite der Plattform). Tippen Sie im Beitrag auf den " +
      "Namen des Kontos und kopieren Sie den Link des Profils.",
    "ambiguous-handle": "Einen Kontonamen wie {query} kann es auf keiner Plattform geben.",
  };
  const LIST_LIMIT = 10;
  const indexes = new Map();

  function loadIndex(url) {
    if (!indexes.has(url)) {
      const request = fetch(url, { credentials: "same-origin" }).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      request.catch(() => indexes.delete(url));
      indexes.set(url, request);
    }
    return indexes.get(url);
  }

  // A Verbund's index is split by platform: the base file has the rules and names one part
  // per platform; only the parts the input can belong to are downloaded.
  const merged = new Map();

  function partsFor(index, text) {
    const query = strip(String(text));
    const rules = index.rules;
    const hosts = index.website_hosts || [];
    const result = canonicalize(query, rules, hosts);
    if (!result.problem) return [result.platform];
    if (result.problem === "not-a-profile" || result.problem === "unknown-host") {
      const owner = contentOwner(query, rules, hosts);
      if (owner) return [owner.platform];
      if (result.problem === "not-a-profile" && result.platform) return [result.platform];
    }
    if (result.problem === "ambiguous-handle") {
      return handleCandidates(query, rules).map((c) => c.platform).concat(["mastodon"]);
    }
    // A bare word or a channel's name: searched in every platform's part.
    return Object.keys(index.parts);
  }

  function withParts(index, text, indexUrl) {
    if (!index.parts) return Promise.resolve(index);
    const wanted = [...new Set(partsFor(index, text))].filter((p) => index.parts[p]).sort();
    const key = indexUrl + "\u0000" + wanted.join(" ");
    if (merged.has(key)) return Promise.resolve(merged.get(key));
    return Promise.all(wanted.map((p) => loadIndex(new URL(index.parts[p], indexUrl).href))).then((parts) => {
      const full = Object.assign({}, index, { accounts: parts.flatMap((p) => p.accounts || []),
        fakes: parts.flatMap((p) => p.fakes || []) });
      merged.set(key, full);
      return full;
    });
  }

  function germanDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? `${match[3]}.${match[2]}.${match[1]}` : iso || "";
  }

  function element(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  function safeLink(href) {
    // Only links the register itself would write: https, mailto, tel, or on this site.
    try {
      const url = new URL(href, document.baseURI);
      return ["https:", "mailto:", "tel:"].includes(url.protocol) || url.origin === location.origin
        ? url.href
        : null;
    } catch (error) {
      return null;
    }
  }

  function platformName(index, id) {
    const platform = index.rules.platforms.find((p) => p.id === id);
    return platform ? platform.name : id;
  }

  function shownAccount(index, platformId, account) {
    const platform = index.rules.platforms.find((p) => p.id === platformId);
    if (platformId === "mastodon" || (platform && platform.handle && !account.startsWith("@"))) {
      return "@" + account;
    }
    return account;
  }

  function joinNames(names) {
    return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " und " + names[names.length - 1];
  }

  function statusText(entry) {
    // In a Verbund every entry names the member whose register lists it.
    const of = entry.member ? ` von ${entry.member}` : "";
    if (entry.status === "paused" && entry.paused) {
      return `offizieller Kanal${of}, ruhend seit ${germanDate(entry.paused)}: keine Beiträge, ` +
        "Nachrichten werden nicht gelesen";
    }
    if (entry.status === "archived") {
      return `${of ? `ehemals offizieller Kanal${of}, ` : ""}nicht mehr betrieben seit ${germanDate(entry.archived)}`;
    }
    return (STATUS_LABELS[entry.status] || STATUS_LABELS.active).replace("offizieller Kanal", `offizieller Kanal${of}`);
  }

  /** Whose channels the answer speaks of: the city's, or a Verbund's members'. */
  function owners(index) {
    return index.verbund ? "eines Mitglieds des Verbunds" : "der Stadt";
  }

  function channelLine(index, entry, base) {
    const where = `${platformName(index, entry.platform)}: ${shownAccount(index, entry.platform, entry.account)}`;
    const name = entry.page
      ? element("a", { href: new URL(entry.page, base).href }, `„${entry.name}“`)
      : `„${entry.name}“`;
    return element("li", { className: `kr-verify__channel kr-verify__channel--${entry.status}` },
      element("strong", {}, where), " – ", name, ` – ${statusText(entry)}`);
  }

  function channelList(index, entries, base) {
    const list = element("ul", {}, ...entries.slice(0, LIST_LIMIT).map((e) => channelLine(index, e, base)));
    const more = entries.length - LIST_LIMIT;
    if (more > 0) {
      list.append(element("li", {}, `… und ${more} weitere in der `,
        element("a", { href: new URL("kanaele/", base).href }, "Übersicht der offiziellen Kanäle"), "."));
    }
    return list;
  }

  function overviewLink(base, text) {
    return element("p", {}, text || "Alle offiziellen Kanäle finden Sie in der ",
      element("a", { href: new URL("kanaele/", base).href }, "Übersicht der offiziellen Kanäle"), ".");
  }

  function reportHref(report, result) {
    // The prepared message names the checked input, so the team knows which account it is.
    const body = `Geprüfte Eingabe: ${result.query}\nGefunden auf: \nGeprüft am: ${new Date().toLocaleDateString("de-DE")}`;
    return `${report}${new URL(report).search ? "&" : "?"}body=${encodeURIComponent(body)}`;
  }

  function reportRoutes(form, result, base) {
    // A prepared e-mail with the checked input, the address as text, and the telephone.
    const report = form.dataset.report && safeLink(form.dataset.report);
    const phone = form.dataset.phone;
    if (!report && !phone) return null;
    const item = element("li", {}, "Informieren Sie uns, damit wir die Plattform verständigen und andere warnen können");
    if (report) {
      const mail = new URL(report);
      const href = reportHref(report, result);
      item.append(": ", element("a", { href, className: "kr-verify__report" }, "E-Mail mit Ihrer Eingabe schreiben"),
        ` (an ${decodeURIComponent(mail.pathname)})`);
    }
    if (phone) {
      item.append(report ? " oder telefonisch: " : ": ",
        element("a", { href: "tel:" + phone.replace(/[^+0-9]/g, "") }, phone));
    }
    item.append(".");
    return item;
  }

  function fakeAdvice(form, result, base) {
    // On /pruefen/ the steps stand below the form once: link them and put the input into
    // their prepared message instead of repeating them.
    const steps = document.getElementById("kr-was-tun");
    if (steps) {
      const mail = steps.querySelector("a.kr-report-mail");
      const report = form.dataset.report && safeLink(form.dataset.report);
      if (mail && report) mail.href = reportHref(report, result);
      return [element("p", { className: "kr-verify__next" }, "Was Sie jetzt tun können, steht unter ",
        element("a", { href: "#was-tun" }, "Was tun bei einem gefälschten Konto?"),
        " – die vorbereitete Nachricht an uns enthält Ihre Eingabe.")];
    }
    return [
      element("p", { className: "kr-verify__next" }, "Was Sie tun können:"),
      element("ul", { className: "kr-verify__advice" },
        element("li", {}, "Geben Sie dem Konto keine persönlichen Daten und klicken Sie keine Links an."),
        element("li", {}, "Melden Sie das Konto über die Meldefunktion der Plattform als Identitätsdiebstahl."),
        reportRoutes(form, result, base)),
    ];
  }

  function platformButtons(form, index, result) {
    // "Where did you see it?": one button per platform on which the name can exist.
    const seen = new Set((result.matches || []).map((m) => m.platform));
    const others = result.candidates.filter((c) => !seen.has(c.platform));
    if (!others.length) return null;
    const input = form.querySelector("input[name='konto']");
    const buttons = others.map((c) => {
      const platform = index.rules.platforms.find((p) => p.id === c.platform);
      const button = element("button", { type: "button", className: "md-button kr-verify__platform" }, platform.name);
      button.addEventListener("click", () => {
        input.value = profileUrl(platform, c.account);
        form.requestSubmit();
      });
      return button;
    });
    return element("div", { className: "kr-verify__platforms" },
      element("p", {}, "Auf einer anderen Plattform gesehen? Dann ist es nicht die Stadt. Prüfen Sie dort:"),
      ...buttons);
  }

  function headline(text) {
    return element("p", { className: "kr-verify__answer" }, element("strong", {}, text));
  }

  function describeInput(index, result) {
    if (result.canonical) {
      return `${shownAccount(index, result.canonical.platform, result.canonical.account)} ` +
        `(${platformName(index, result.canonical.platform)})`;
    }
    return result.query;
  }

  function renderParts(form, index, result, base) {
    const first = result.matches[0];
    const running = result.matches.filter((m) => m.status !== "archived");
    const content = result.reading === "content"
      ? element("p", {}, "Die Adresse zeigt einen Beitrag oder eine Unterseite dieses Kontos.") : null;
    switch (result.answer) {
      case "official":
        return [headline(first.member ? `Offizieller Kanal von ${first.member}` : "Offizieller Kanal"),
          element("p", {}, `${describeInput(index, result)} ist ein ${statusText(first)}: „${first.name}“.`),
          content,
          element("p", {}, element("a", { href: new URL(first.page, base).href, className: "kr-verify__page" },
            "Zur Seite des Kanals im Register"))];
      case "only-on": {
        const names = [...new Set(running.map((m) => platformName(index, m.platform)))];
        if (result.reading === "name") {
          return [headline(`Unter „${result.query}“ nur diese Kanäle offiziell`),
            element("p", {}, `Die Stadt betreibt unter diesem Namen nur die folgenden Kanäle. Jedes andere ` +
              "Konto mit diesem Namen ist nicht offiziell – vergleichen Sie den Kontonamen genau."),
            channelList(index, result.matches, base)];
        }
        const handle = result.query.startsWith("@") ? result.query : "@" + result.query;
        return [headline(`Nur auf ${joinNames(names)} offiziell`),
          element("p", {}, `${handle} ist nur auf diesen Plattformen ein Kanal ${owners(index)}:`),
          channelList(index, result.matches, base),
          element("p", {}, `Auf jeder anderen Plattform ist ${handle} nicht die Stadt.`),
          platformButtons(form, index, result)];
      }
      case "archived": {
        const parts = [headline(result.matches.length === 1
          ? `Ehemals offizieller Kanal${first.member ? ` von ${first.member}` : ""} – nicht mehr betrieben seit ${germanDate(first.archived)}`
          : "Ehemals offizielle Kanäle")];
        if (result.reading === "profile" || result.reading === "content") {
          parts.push(element("p", {}, `${describeInput(index, result)} – „${first.name}“ – wurde geschlossen. ` +
            `Was heute unter diesem Konto erscheint, stammt nicht von ${first.member || "der Stadt"}.`), content);
        } else {
          parts.push(element("p", {}, "Die Stadt hat diese Kanäle geschlossen. Was heute unter diesen Konten " +
            "erscheint, stammt nicht von ihr:"), channelList(index, result.matches, base));
          if (result.reading !== "name") parts.push(platformButtons(form, index, result));
        }
        const successors = [...new Map(result.matches.flatMap((m) => m.successors || [])
          .map((s) => [s.platform + s.account, s])).values()];
        if (successors.length) {
          parts.push(element("p", { className: "kr-verify__next" }, "Hier informiert die Stadt jetzt:"),
            channelList(index, successors, base));
        } else {
          parts.push(overviewLink(base, "Aktuelle Kanäle finden Sie in der "));
        }
        if (result.reading === "profile" || result.reading === "content") {
          parts.push(element("p", {}, element("a", { href: new URL(first.page, base).href, className: "kr-verify__page" },
            "Zur Seite des geschlossenen Kanals")));
        }
        return parts;
      }
      case "planned":
        return [headline("Noch nicht in Betrieb – derzeit nicht offiziell"),
          element("p", {}, `Die Stadt plant einen Kanal unter ${result.canonical ? describeInput(index, result)
            : `${shownAccount(index, first.platform, first.account)} (${platformName(index, first.platform)})`}, ` +
            "betreibt ihn aber noch nicht. Was dort heute erscheint, stammt nicht von der Stadt."),
          overviewLink(base, "Die Kanäle, die die Stadt heute betreibt, finden Sie in der ")];
      case "not-listed": {
        const what = describeInput(index, result);
        if (!result.lookalike) {
          return [headline(index.verbund ? "Bei keinem Mitglied eingetragen" : "Nicht offiziell"),
            element("p", {}, `${what} gehört nicht zu den offiziellen Kanälen ${owners(index)}. ` +
              "Es kann zum Beispiel ein privates Konto sein."),
            content,
            result.candidates.length ? platformButtons(form, index, result) : null,
            overviewLink(base)];
        }
        const parts = [headline(index.verbund ? "Bei keinem Mitglied eingetragen – Vorsicht, möglicherweise gefälscht"
          : "Nicht offiziell – Vorsicht, möglicherweise gefälscht"),
          element("p", {}, `${what} gehört nicht zu den offiziellen Kanälen ${owners(index)}.`)];
        if (result.problem && result.problem.problem === "unknown-host") {
          parts.push(element("p", {}, `Die Adresse ${result.problem.host} gehört zu keiner bekannten Plattform, ` +
            "ahmt aber den Namen einer Plattform oder der Stadt nach – ein häufiger Trick von Betrügern."));
        }
        if (result.similar.length) {
          parts.push(element("p", {}, "Es ähnelt diesem offiziellen Kanal:"), channelList(index, result.similar, base));
        }
        return parts.concat(fakeAdvice(form, result, base));
      }
      case "known-fake": {
        const fake = result.fake;
        const reporter = fake.member || "Die Stadt";
        const parts = [headline(fake.member ? `Bekannte Fälschung, gemeldet von ${fake.member} – nicht offiziell`
          : "Bekannte Fälschung – nicht offiziell"),
          element("p", {}, `${describeInput(index, result)} ist kein Kanal ${fake.member ? `von ${fake.member}` : "der Stadt"}. ${reporter} hat dieses ` +
            `Konto am ${germanDate(fake.reported)} der Plattform als Fälschung gemeldet` +
            (fake.removed ? `; die Plattform hat es am ${germanDate(fake.removed)} entfernt.` : ".")),
          element("p", {}, "Schreiben Sie dem Konto nicht, öffnen Sie keine Links daraus und geben Sie " +
            "ihm keine Daten.")];
        if (result.similar.length) {
          parts.push(element("p", {}, "Der offizielle Kanal ist:"), channelList(index, result.similar, base));
        }
        return parts.concat(fakeAdvice(form, result, base));
      }
      case "email": {
        const domain = result.query.slice(result.query.lastIndexOf("@") + 1);
        const where = result.known_email
          ? "Sie steht im Register als Kontaktadresse der Stadt."
          : result.own_domain
            ? `Sie endet auf ${domain}, eine Domain der Stadt.`
            : `Sie endet auf ${domain} – das ist keine Domain der Stadt.`;
        return [headline("Eine E-Mail-Adresse, kein Social-Media-Konto"),
          element("p", {}, `${result.query} ist eine E-Mail-Adresse. ${where}`),
          element("p", {}, "Hier prüfen Sie Social-Media-Konten. Ein Mastodon-Konto geben Sie mit @ am " +
            "Anfang ein, z. B. @name@server.")];
      }
      default: {
        const code = result.problem ? result.problem.problem : "not-a-url";
        const text = (PROBLEM_TEXTS[code] || PROBLEM_TEXTS["not-a-url"])
          // Function replacers: "$&" or "$'" in the input must not be read as patterns.
          .replace("{platform}", () => platformName(index, (result.problem && result.problem.platform) || ""))
          .replace("{query}", () => result.query);
        return [headline("Prüfung nicht möglich"), element("p", {}, text)];
      }
    }
  }

  const TONES = { official: "official", "only-on": "partial", archived: "archived", planned: "archived",
    "not-listed": "unknown", "known-fake": "fake", email: "unusable", unusable: "unusable" };

  function render(form, index, result, base) {
    const box = form.querySelector(".kr-verify__result");
    const tone = result.lookalike ? "fake" : TONES[result.answer];
    box.className = `kr-verify__result kr-verify__result--${tone}`;
    box.dataset.answer = result.answer;
    const parts = renderParts(form, index, result, base).filter(Boolean);
    if (index.today) {
      parts.push(element("p", { className: "kr-verify__stand" }, `Stand des Registers: ${germanDate(index.today)}`));
    }
    box.replaceChildren(...parts);
  }

  function renderEmpty(form) {
    const box = form.querySelector(".kr-verify__result");
    box.className = "kr-verify__result kr-verify__result--unusable";
    box.dataset.answer = "empty";
    box.replaceChildren(element("p", {}, element("strong", {}, "Bitte geben Sie etwas ein: "),
      "eine Profiladresse, einen Kontonamen wie @name oder den Namen eines Kanals."));
  }

  function renderFailure(form, base) {
    const box = form.querySelector(".kr-verify__result");
    box.className = "kr-verify__result kr-verify__result--unusable";
    box.dataset.answer = "error";
    box.replaceChildren(
      element("p", {}, element("strong", {}, "Das Register konnte nicht geladen werden.")),
      overviewLink(base, "Bitte prüfen Sie das Konto von Hand in der "),
    );
  }

  function isThisPage(form) {
    try {
      return new URL(form.action, location.href).pathname === location.pathname;
    } catch (error) {
      return false;
    }
  }

  function initVerify(form) {
    if (form.dataset.krReady) return;
    form.dataset.krReady = "1";
    const input = form.querySelector("input[name='konto']");
    const box = form.querySelector(".kr-verify__result");
    if (!input || !box || !form.dataset.index) return;
    // The form is hidden until this script runs: without it, a <noscript> text explains the check.
    form.hidden = false;
    const indexUrl = new URL(form.dataset.index, document.baseURI).href;
    // Page URLs in the index are relative to the site root, two levels above the index.
    const base = new URL("../../", indexUrl).href;

    function check() {
      const text = input.value;
      if (!strip(text)) {
        renderEmpty(form);
        input.focus();
        return;
      }
      box.dataset.answer = "pending";
      box.setAttribute("aria-busy", "true");
      loadIndex(indexUrl)
        .then((index) => withParts(index, text, indexUrl))
        .then((index) => render(form, index, verify(text, index), base))
        .catch(() => renderFailure(form, base))
        .finally(() => box.removeAttribute("aria-busy"));
      if (isThisPage(form)) {
        const url = new URL(location.href);
        url.searchParams.set("konto", strip(text));
        history.replaceState(history.state, "", url.href);
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      check();
    });
    const shared = new URLSearchParams(location.search).get("konto");
    if (shared && isThisPage(form)) {
      input.value = shared;
      check();
    }
  }

  // ---------------------------------------------------------------------------------------
  // The overview's filters: #kr-filters
  // ---------------------------------------------------------------------------------------

  const FILTERS = [
    { param: "mitglied", select: "kr-filter-member", values: (card) => [card.dataset.member] },
    { param: "plattform", select: "kr-filter-platform", values: (card) => [card.dataset.platform] },
    // A card names its unit and the unit's ancestors: a unit's filter includes its sub-units.
    { param: "einheit", select: "kr-filter-unit",
      values: (card) => (card.dataset.unit || "").split(" ").filter(Boolean) },
    { param: "thema", select: "kr-filter-topic",
      values: (card) => (card.dataset.topics || "").split(" ").filter(Boolean) },
    { param: "status", select: "kr-filter-state", values: (card) => [card.dataset.status] },
  ];

  function initFilters(form) {
    if (form.dataset.krReady) return;
    const filters = FILTERS.map((f) => Object.assign({ element: document.getElementById(f.select) }, f))
      .filter((f) => f.element);
    const search = document.getElementById("kr-filter-text");
    const status = document.getElementById("kr-filter-status");
    if (!filters.length || !document.querySelector("section.kr-group .kr-card")) return;
    form.dataset.krReady = "1";
    for (const filter of filters) {
      for (const option of filter.element.options) {
        // The option's name without the build-time count, e.g. "Instagram" of "Instagram (12)".
        if (!option.dataset.label) option.dataset.label = option.textContent.replace(/\s*\(\d+\)\s*$/, "");
      }
    }

    // Each row's values per filter and its text (name, account, unit), read on first use and
    // once: a large register has thousands of rows, and the build already shows them all with
    // their counts, so start-up touches none of them (issue 18).
    let groups = null;
    let cards = null;
    function prepare() {
      if (cards) return;
      cards = [];
      groups = Array.from(document.querySelectorAll("section.kr-group"), (node) => ({
        node, count: node.querySelector(".kr-count"), shown: 0 }));
      groups.forEach((group, index) => {
        for (const node of group.node.querySelectorAll(".kr-card")) {
          cards.push({ node, group: index, values: filters.map((f) => new Set(f.values(node))),
            text: words(node.textContent) });
        }
      });
    }
    form.addEventListener("focusin", prepare, { once: true });

    let terms = [];

    function passes(card, except) {
      return terms.every((t) => card.text.includes(t)) &&
        filters.every((f, i) => i === except || !f.element.value || card.values[i].has(f.element.value));
    }

    function apply(announce) {
      prepare();
      terms = search ? words(search.value).split(" ").filter(Boolean) : [];
      let shown = 0;
      for (const group of groups) group.shown = 0;
      // Only attributes change here: no layout is read inside the loops.
      for (const card of cards) {
        const visible = passes(card, -1);
        if (card.node.hidden === visible) card.node.hidden = !visible;
        if (visible) {
          shown += 1;
          groups[card.group].shown += 1;
        }
      }
      for (const group of groups) {
        if (group.node.hidden !== (group.shown === 0)) group.node.hidden = group.shown === 0;
        if (group.count) group.count.textContent = `(${group.shown})`;
      }
      filters.forEach((filter, i) => {
        // Counts for each choice given the other filters, as a faceted search shows them.
        const counts = new Map();
        let pool = 0;
        for (const card of cards) {
          if (!passes(card, i)) continue;
          pool += 1;
          for (const value of card.values[i]) counts.set(value, (counts.get(value) || 0) + 1);
        }
        for (const option of filter.element.options) {
          const count = option.value ? counts.get(option.value) || 0 : pool;
          option.textContent = `${option.dataset.label} (${count})`;
          option.disabled = count === 0 && !option.selected;
        }
      });
      const url = new URL(location.href);
      if (search && search.value.trim()) url.searchParams.set("suche", search.value.trim());
      else url.searchParams.delete("suche");
      for (const filter of filters) {
        if (filter.element.value) url.searchParams.set(filter.param, filter.element.value);
        else url.searchParams.delete(filter.param);
      }
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
      if (status && announce) {
        status.textContent = shown === 1 ? "1 Kanal gefunden" : `${shown} Kanäle gefunden`;
      }
    }

    const params = new URLSearchParams(location.search);
    let restored = false;
    for (const filter of filters) {
      const value = params.get(filter.param);
      if (value && Array.from(filter.element.options).some((o) => o.value === value)) {
        filter.element.value = value;
        restored = true;
      }
      filter.element.addEventListener("change", () => apply(true));
    }
    if (search) {
      const value = params.get("suche");
      if (value) {
        search.value = value;
        restored = true;
      }
      let timer = null;
      search.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => apply(true), 200);
      });
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      apply(true);
    });
    // "reset" fires before the form is reset; apply once the selects show their defaults.
    form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
    form.hidden = false;
    // A shared link (?plattform=…) filters at once; otherwise the built list and counts stand.
    if (restored) apply(true);
  }

  function init() {
    document.querySelectorAll("form.kr-verify").forEach(initVerify);
    const filters = document.getElementById("kr-filters");
    if (filters) initFilters(filters);
  }

  window.Kanalregister = { canonicalize, handleCandidates, verify, init };

  // Material's instant navigation swaps pages without reloading scripts: follow document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
