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
    return at > 0 ? lower.slice(0, at) : lower;
  }

  function similarAccounts(canonical, accounts) {
    // Running official accounts a look-alike imitates: same platform, a name at most two
    // edits away, or one that contains the official name.
    const wanted = accountName(canonical.account);
    return accounts.filter((entry) => {
      if (entry.platform !== canonical.platform || entry.status === "archived") return false;
      if (entry.account === canonical.account) return false;
      const official = accountName(entry.account);
      return editDistance(official, wanted) <= 2 || (official.length >= 5 && wanted.includes(official));
    });
  }

  /**
   * One of four answers for a text: "official", "archived" (formerly official),
   * "not-listed" or "unusable", with the canonical form, the matching index entries, the
   * handle candidates that were looked up, similar official accounts and the problem.
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
    const accounts = index.accounts || [];
    const find = (platform, account) =>
      accounts.find((e) => e.platform === platform && e.account === account);
    const result = canonicalize(text, rules, index.website_hosts || []);
    const answer = { query: shownQuery(strip(String(text))), canonical: null, candidates: [], matches: [],
      similar: [], problem: null };
    if (!result.problem) {
      const match = find(result.platform, result.account);
      answer.canonical = result;
      answer.matches = match ? [match] : [];
      answer.similar = match ? [] : similarAccounts(result, accounts);
      answer.answer = !match ? "not-listed" : match.status === "archived" ? "archived" : "official";
      return answer;
    }
    answer.problem = result;
    if (result.problem === "ambiguous-handle") {
      answer.candidates = handleCandidates(text, rules);
      answer.matches = answer.candidates.map((c) => find(c.platform, c.account)).filter(Boolean);
      if (!answer.candidates.length) answer.answer = "unusable";
      else if (answer.matches.some((m) => m.status !== "archived")) answer.answer = "official";
      else answer.answer = answer.matches.length ? "archived" : "not-listed";
      return answer;
    }
    // A valid address on no known platform (evil-twitter.com) is certainly not ours.
    answer.answer = result.problem === "unknown-host" ? "not-listed" : "unusable";
    return answer;
  }

  // ---------------------------------------------------------------------------------------
  // The verify widget: every form.kr-verify
  // ---------------------------------------------------------------------------------------

  const STATUS_LABELS = {
    active: "offizieller Kanal",
    temporary: "offizieller Kanal (befristet)",
    emergency_only: "offizieller Kanal, nur für Notfälle",
    archived: "ehemals offizieller Kanal",
  };
  const PROBLEM_TEXTS = {
    "not-a-url":
      "Das ist keine vollständige Profiladresse. Öffnen Sie das Profil im Browser und kopieren " +
      "Sie die Adresse, z. B. https://www.instagram.com/name/, oder geben Sie ein " +
      "Mastodon-Konto als @name@server ein.",
    "bad-scheme": "Geprüft werden können nur Webadressen, die mit https:// oder http:// beginnen.",
    "not-a-profile":
      "Diese Adresse gehört zu {platform}, zeigt aber kein Profil (sondern zum Beispiel einen " +
      "Beitrag oder eine Seite der Plattform). Öffnen Sie das Profil und kopieren Sie dessen " +
      "Adresse.",
    "ambiguous-handle":
      "Einen Kontonamen wie {query} kann es auf keiner Plattform geben. Kopieren Sie die " +
      "Adresse des Profils aus dem Browser.",
  };
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

  function germanDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? `${match[3]}.${match[2]}.${match[1]}` : iso || "";
  }

  function element(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  function safeLink(href) {
    // Only links the register itself would write: https, mailto, or on this site.
    try {
      const url = new URL(href, document.baseURI);
      return ["https:", "mailto:"].includes(url.protocol) || url.origin === location.origin
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

  function channelLine(index, entry, base) {
    const page = element("a", { href: new URL(entry.page, base).href }, "Seite des Kanals");
    const status =
      entry.status === "archived"
        ? `ehemals offizieller Kanal – nicht mehr betrieben seit ${germanDate(entry.archived)}`
        : STATUS_LABELS[entry.status] || STATUS_LABELS.active;
    return element(
      "li", {},
      element("strong", {}, platformName(index, entry.platform)),
      `: „${entry.name}“ (${shownAccount(index, entry.platform, entry.account)}) – ${status} – `,
      page,
    );
  }

  function renderAdvice(form, base) {
    const report = form.dataset.report && safeLink(form.dataset.report);
    const list = element(
      "ul", { className: "kr-verify__advice" },
      element("li", {}, "Geben Sie dem Konto keine persönlichen Daten und klicken Sie keine Links an."),
      element("li", {}, "Melden Sie ein gefälschtes Konto über die Meldefunktion der Plattform als Identitätsdiebstahl."),
      report
        ? element("li", {}, element("a", { href: report, className: "kr-verify__report" },
          "Gefälschtes Konto an uns melden"), ", damit wir die Plattform verständigen und warnen können.")
        : null,
      element("li", {}, "Alle echten Kanäle finden Sie in der ",
        element("a", { href: new URL("kanaele/", base).href }, "Übersicht der offiziellen Kanäle"), "."),
    );
    const fragment = document.createDocumentFragment();
    fragment.append(element("p", {}, "Was Sie tun können:"), list);
    return fragment;
  }

  function render(form, index, result, base) {
    const box = form.querySelector(".kr-verify__result");
    const modifier = { official: "official", archived: "archived", "not-listed": "unknown",
      unusable: "unusable" }[result.answer];
    box.className = `kr-verify__result kr-verify__result--${modifier}`;
    box.dataset.answer = result.answer;
    const parts = [];
    const handle = result.problem && result.problem.problem === "ambiguous-handle";
    const first = result.matches[0];
    if (result.answer === "unusable") {
      const code = result.problem.problem;
      const text = (PROBLEM_TEXTS[code] || PROBLEM_TEXTS["not-a-url"])
        // Function replacers: "$&" or "$'" in the input must not be read as patterns.
        .replace("{platform}", () => platformName(index, result.problem.platform || ""))
        .replace("{query}", () => result.query);
      parts.push(element("p", { className: "kr-verify__answer" }, element("strong", {}, "Prüfung nicht möglich")));
      parts.push(element("p", {}, text));
    } else if (handle) {
      const title = { official: "Offizieller Kanal", archived: "Ehemals offizieller Kanal",
        "not-listed": "Nicht im Register" }[result.answer];
      parts.push(element("p", { className: "kr-verify__answer" }, element("strong", {}, title)));
      if (result.matches.length) {
        parts.push(element("p", {}, `Unter dem Namen ${result.query} sind diese Kanäle im Register:`));
        parts.push(element("ul", {}, ...result.matches.map((m) => channelLine(index, m, base))));
        parts.push(element("p", {}, `Auf anderen Plattformen ist ${result.query} kein offizieller ` +
          "Kanal. Sicherer ist die Prüfung der vollständigen Profiladresse."));
      } else {
        const names = [...new Set(result.candidates.map((c) => platformName(index, c.platform)))];
        parts.push(element("p", {}, `${result.query} ist auf keiner Plattform ein offizieller Kanal ` +
          `(geprüft: ${names.join(", ")}).`));
      }
      if (result.answer !== "official") parts.push(renderAdvice(form, base));
    } else if (result.answer === "official" || result.answer === "archived") {
      const shown = shownAccount(index, first.platform, first.account);
      const where = `„${first.name}“ (${shown} auf ${platformName(index, first.platform)})`;
      const page = element("a", { href: new URL(first.page, base).href, className: "kr-verify__page" },
        "Zur Seite des Kanals im Register");
      if (result.answer === "official") {
        const label = STATUS_LABELS[first.status] || STATUS_LABELS.active;
        parts.push(element("p", { className: "kr-verify__answer" }, element("strong", {}, "Offizieller Kanal")));
        parts.push(element("p", {}, `${where} ist ein ${label}.`));
      } else {
        parts.push(element("p", { className: "kr-verify__answer" }, element("strong", {},
          `Ehemals offizieller Kanal – nicht mehr betrieben seit ${germanDate(first.archived)}`)));
        parts.push(element("p", {}, `${where} wurde geschlossen. Was heute unter diesem Konto ` +
          "erscheint, stammt nicht von uns."));
      }
      parts.push(element("p", {}, page));
    } else {
      const what = result.canonical ? result.canonical.url : result.query;
      parts.push(element("p", { className: "kr-verify__answer" }, element("strong", {}, "Nicht im Register")));
      parts.push(element("p", {}, `${what} ist kein offizieller Kanal.`));
      if (result.problem && result.problem.problem === "unknown-host") {
        parts.push(element("p", {}, `Vorsicht: ${result.problem.host} ist die Adresse keiner ` +
          "bekannten Plattform. Betrüger ahmen Adressen gern nach (etwa instagram.com.beispiel.example)."));
      }
      if (result.similar.length) {
        parts.push(element("p", {}, "Offiziell ist dagegen:"));
        parts.push(element("ul", {}, ...result.similar.map((m) => channelLine(index, m, base))));
      }
      parts.push(renderAdvice(form, base));
    }
    box.replaceChildren(...parts);
  }

  function renderFailure(form, base) {
    const box = form.querySelector(".kr-verify__result");
    box.className = "kr-verify__result kr-verify__result--unusable";
    box.dataset.answer = "error";
    box.replaceChildren(
      element("p", {}, element("strong", {}, "Das Register konnte nicht geladen werden.")),
      element("p", {}, "Bitte prüfen Sie das Konto von Hand in der ",
        element("a", { href: new URL("kanaele/", base).href }, "Übersicht der offiziellen Kanäle"), "."),
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
    const indexUrl = new URL(form.dataset.index, document.baseURI).href;
    // Page URLs in the index are relative to the site root, two levels above the index.
    const base = new URL("../../", indexUrl).href;

    function check() {
      const text = input.value;
      if (!strip(text)) {
        box.replaceChildren();
        delete box.dataset.answer;
        return;
      }
      box.dataset.answer = "pending";
      box.setAttribute("aria-busy", "true");
      loadIndex(indexUrl)
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
    { param: "plattform", select: "kr-filter-platform", values: (card) => [card.dataset.platform] },
    { param: "einheit", select: "kr-filter-unit", values: (card) => [card.dataset.unit] },
    { param: "thema", select: "kr-filter-topic",
      values: (card) => (card.dataset.topics || "").split(" ").filter(Boolean) },
  ];

  function initFilters(form) {
    if (form.dataset.krReady) return;
    const filters = FILTERS.map((f) => Object.assign({ element: document.getElementById(f.select) }, f))
      .filter((f) => f.element);
    // Each card's values per filter, read once: a large register has thousands of cards.
    const cards = Array.from(document.querySelectorAll(".kr-card"), (node) => ({
      node, values: filters.map((f) => new Set(f.values(node))) }));
    const groups = Array.from(document.querySelectorAll("section.kr-group"));
    const status = document.getElementById("kr-filter-status");
    if (!filters.length || !cards.length) return;
    form.dataset.krReady = "1";
    for (const filter of filters) {
      for (const option of filter.element.options) {
        // The option's name without the build-time count, e.g. "Instagram" of "Instagram (12)".
        if (!option.dataset.label) option.dataset.label = option.textContent.replace(/\s*\(\d+\)\s*$/, "");
      }
    }

    function passes(card, except) {
      return filters.every((f, i) => i === except || !f.element.value || card.values[i].has(f.element.value));
    }

    function apply(announce) {
      let shown = 0;
      for (const card of cards) {
        const visible = passes(card, -1);
        card.node.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const group of groups) {
        const visible = group.querySelectorAll(".kr-card:not([hidden])").length;
        group.hidden = visible === 0;
        const count = group.querySelector(".kr-count");
        if (count) count.textContent = `(${visible})`;
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
    form.addEventListener("submit", (event) => event.preventDefault());
    // "reset" fires before the form is reset; apply once the selects show their defaults.
    form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
    form.hidden = false;
    apply(restored);
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
