/*
 * The practitioners' chat page. Plain JavaScript, no build step, no network
 * access beyond the page's own server.
 *
 * It speaks the REST semantics of the `web` channel: POST `webhook` with
 * {sender, message} and render the list of bot messages that comes back:
 * text (bold, lists and links only), buttons, and the assessment payload
 * {assessment, display, facts} as a card.
 *
 * Safety: message text is never parsed as HTML. Every node is built with
 * createElement / textContent.
 *
 * The sender id, the transcript and any message not yet delivered live in
 * sessionStorage, so a reload carries on and closing the tab forgets them.
 */
"use strict";

(function () {
  const STORAGE_KEY = "safeguarding-chat/v1";
  // Plain words: a message starting with "/" is read as text, never as a command.
  const START_MESSAGE = "start assessment";
  const SLOW_AFTER_MS = 8000;
  const GIVE_UP_AFTER_MS = 60000;
  const LEVEL_ORDER = ["universal", "additional", "complex", "significant", "immediate"];
  /** A session id the server signed (POST session); other ids are refused. */
  const SIGNED_SENDER = /^web-[0-9a-f]{32}-[0-9a-f]{24}$/;

  const $ = (id) => document.getElementById(id);
  const ui = {
    transcript: $("transcript"),
    form: $("composer"),
    input: $("message-input"),
    send: $("send"),
    typing: $("typing"),
    typingText: $("typing-text"),
    error: $("error"),
    errorText: $("error-text"),
    retry: $("retry"),
    status: $("status"),
    frontDoor: $("front-door"),
    emergencyNumber: $("emergency-number"),
    newConversation: $("new-conversation"),
    start: $("start"),
    confirmNew: $("confirm-new"),
    confirmYes: $("confirm-new-yes"),
    confirmNo: $("confirm-new-no"),
  };

  let config = { levels: {}, front_door: {} };
  let state = loadState();
  let busy = false;

  // ---- state ------------------------------------------------------------

  function freshState() {
    return { sender: null, entries: [], pending: null };
  }

  /** Start a conversation: the server issues the (signed) sender id. */
  async function ensureSession(signal) {
    if (state.sender) return state.sender;
    const res = await fetch("session", { method: "POST", signal: signal, credentials: "same-origin" });
    if (!res.ok) throw new Error("status " + res.status);
    const body = await res.json();
    if (!body || typeof body.sender !== "string" || !SIGNED_SENDER.test(body.sender)) {
      throw new Error("unexpected session");
    }
    state.sender = body.sender;
    saveState();
    return state.sender;
  }

  /** A random id for one send: a Retry repeats it, so the answer lands once. */
  function newMessageId() {
    const bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return "m-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function loadState() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
      if (saved && Array.isArray(saved.entries)) {
        if (typeof saved.sender !== "string" || !SIGNED_SENDER.test(saved.sender)) saved.sender = null;
        return saved;
      }
    } catch (e) {
      /* storage unavailable or corrupt: start afresh */
    }
    return freshState();
  }

  function saveState() {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      /* private mode or full: the conversation still works, it just won't survive a reload */
    }
  }

  // ---- small DOM helpers ----------------------------------------------------

  /** Create an element with a class and optional text content. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function announce(text) {
    ui.status.textContent = "";
    window.setTimeout(() => {
      ui.status.textContent = text;
    }, 50);
  }

  function humanize(id) {
    if (id === "unknown") return "Not known";
    const s = String(id).replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function factLabel(fact) {
    const label = config.fact_labels && config.fact_labels[fact];
    return label ? humanize(label) : humanize(fact);
  }

  /** A definition list of facts: "Age — 7". */
  function factList(facts, assumed) {
    const dl = el("dl", "card__facts");
    for (const [fact, value] of Object.entries(facts)) {
      dl.appendChild(el("dt", null, factLabel(fact)));
      const shown = humanize(value) + (assumed && fact in assumed ? " (assumed: not asked)" : "");
      dl.appendChild(el("dd", null, shown));
    }
    return dl;
  }

  function levelLabel(level, display) {
    const fromConfig = config.levels && config.levels[level] && config.levels[level].label;
    return fromConfig || (display && display.level_label) || humanize(level);
  }

  // ---- rich text: bold, lists, links; nothing else ----------------------------

  const INLINE = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

  function safeHref(url) {
    return /^(https?:|mailto:|tel:)/i.test(url) ? url : null;
  }

  function link(text, href) {
    const a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.appendChild(el("span", "visually-hidden", " (opens in a new tab)"));
    return a;
  }

  /** Append `text` to `parent`, turning **bold** and links into nodes. */
  function appendInline(parent, text, allowBold = true) {
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined && allowBold) {
        const strong = el("strong");
        appendInline(strong, m[1], false);
        parent.appendChild(strong);
      } else if (m[2] !== undefined && safeHref(m[3])) {
        parent.appendChild(link(m[2], m[3]));
      } else if (m[4] !== undefined) {
        parent.appendChild(link(m[4], m[4]));
      } else {
        parent.appendChild(document.createTextNode(m[0]));
      }
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Build paragraphs and lists from plain text with a little markdown. */
  function richText(text) {
    const root = el("div", "rich");
    let list = null;
    let para = null;
    for (const line of String(text).split(/\r?\n/)) {
      const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        const tag = bullet ? "UL" : "OL";
        if (!list || list.tagName !== tag) {
          list = el(tag.toLowerCase());
          root.appendChild(list);
        }
        const item = el("li");
        appendInline(item, (bullet || numbered)[1]);
        list.appendChild(item);
        para = null;
      } else if (!line.trim()) {
        list = null;
        para = null;
      } else {
        list = null;
        if (para) {
          para.appendChild(el("br"));
        } else {
          para = el("p");
          root.appendChild(para);
        }
        appendInline(para, line);
      }
    }
    return root;
  }

  // ---- rendering --------------------------------------------------------------

  /** Rebuild the whole transcript (at start and for a new conversation). */
  function renderAll() {
    ui.transcript.replaceChildren(...state.entries.map((entry, i) => renderEntry(entry, i)));
    showStart();
  }

  /** The "Start an assessment" button shows only while nothing has been said. */
  function showStart() {
    ui.start.hidden = state.entries.length > 0;
  }

  /** Add the entry at `index` to the end of the transcript. */
  function appendEntry(index) {
    ui.transcript.appendChild(renderEntry(state.entries[index], index));
  }

  /** Redraw the entry at `index` in place (a user message whose status changed, a card). */
  function refreshEntry(index) {
    const old = ui.transcript.querySelector('[data-index="' + index + '"]');
    if (old) old.replaceWith(renderEntry(state.entries[index], index));
  }

  /** Disable every button of choices not yet answered: the user moved on. */
  function closeOpenChoices() {
    state.entries.forEach((entry, index) => {
      if (entry.kind === "bot" && entry.message && entry.message.buttons && entry.chosen === undefined) {
        entry.chosen = null;
        refreshEntry(index);
      }
    });
  }

  function renderEntry(entry, index) {
    const item = el("li", "message message--" + entry.kind);
    item.dataset.index = String(index);
    const who = el("span", "visually-hidden", entry.kind === "user" ? "You said: " : "Assistant: ");
    item.appendChild(who);
    if (entry.kind === "user") {
      item.appendChild(el("p", "message__text", entry.text));
      if (entry.status === "sending") item.appendChild(el("p", "message__status", "Sending…"));
      if (entry.status === "failed") {
        item.classList.add("message--failed");
        item.appendChild(el("p", "message__status", "Not sent yet: use Retry below."));
      }
      if (entry.status === "not_saved") {
        item.classList.add("message--failed");
        item.appendChild(el("p", "message__status", "Not saved: use Retry below to send it again."));
      }
      return item;
    }
    const msg = entry.message || {};
    if (Array.isArray(msg.folded)) {
      const details = el("details", "folded");
      details.appendChild(el("summary", null, "The decision written out as text"));
      msg.folded.forEach((text) => details.appendChild(richText(text)));
      item.appendChild(details);
    }
    if (typeof msg.text === "string" && msg.text) item.appendChild(richText(msg.text));
    if (Array.isArray(msg.buttons) && msg.buttons.length) item.appendChild(renderButtons(entry));
    if (msg.image && safeHref(msg.image)) item.appendChild(link("Open the image", msg.image));
    const custom = msg.custom;
    if (custom && typeof custom === "object" && custom.assessment) {
      item.classList.add("message--card");
      item.appendChild(renderCard(custom, index));
    } else if (custom && typeof custom === "object" && typeof custom.text === "string") {
      item.appendChild(richText(custom.text));
    }
    return item;
  }

  function renderButtons(entry) {
    const group = el("div", "choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Choose an answer");
    entry.message.buttons.forEach((button, i) => {
      const title = String(button.title || button.payload || "");
      const b = el("button", "button choice", title);
      b.type = "button";
      if (entry.chosen !== undefined) {
        b.disabled = true;
        if (entry.chosen === i) {
          b.classList.add("choice--chosen");
          b.setAttribute("aria-pressed", "true");
        }
      }
      b.addEventListener("click", () => chooseButton(entry, i));
      group.appendChild(b);
    });
    return group;
  }

  function chooseButton(entry, i) {
    if (busy || state.pending || entry.chosen !== undefined) {
      if (state.pending) showPendingHint();
      return;
    }
    const button = entry.message.buttons[i];
    entry.chosen = i;
    refreshEntry(state.entries.indexOf(entry));
    ui.input.focus({ preventScroll: true });
    const payload = String(button.payload || button.title || "");
    send(payload, String(button.title || payload), "button");
  }

  // ---- the assessment card ----------------------------------------------------

  function section(title, body) {
    const s = el("section", "card__section");
    s.appendChild(el("h3", "card__heading", title));
    s.appendChild(body);
    return s;
  }

  /** A list of strings as <ul>/<ol> items. */
  function textList(tag, className, items) {
    const list = el(tag, className);
    items.forEach((text) => list.appendChild(el("li", null, text)));
    return list;
  }

  function renderHeader(a, d, index) {
    const level = LEVEL_ORDER.includes(a.level) ? a.level : "unknown";
    const rank = LEVEL_ORDER.indexOf(a.level) + 1;
    const urgent = d.emergency && d.emergency.title ? d.emergency : null;
    const head = el("header", "card__header");
    head.appendChild(el("p", "card__kicker", "Decision"));
    const title = el("h2", "card__level");
    title.id = "card-title-" + index;
    title.tabIndex = -1;
    if (rank > 0) title.appendChild(el("span", "card__badge", "Level " + rank + " of 5"));
    title.appendChild(el("span", "card__label", urgent ? urgent.title : d.level_label || levelLabel(level, d)));
    head.appendChild(title);
    if (d.level_meaning) head.appendChild(el("p", "card__meaning", d.level_meaning));
    if (d.timescale) {
      const when = el("p", "card__timescale");
      when.appendChild(el("strong", null, "When: "));
      when.appendChild(document.createTextNode(d.timescale));
      head.appendChild(when);
    }
    const range = a.range || {};
    if (range.highest && range.highest !== range.lowest) {
      const highest = (d.range_labels && d.range_labels.highest) || levelLabel(range.highest);
      const p = el("p", "card__range");
      p.appendChild(document.createTextNode("Could be as high as "));
      p.appendChild(el("strong", null, highest));
      p.appendChild(document.createTextNode(" if what is not yet known turns out to be concerning."));
      head.appendChild(p);
    }
    return head;
  }

  /** 999 for an ambulance (or the police), and the first steps while help comes. */
  function renderEmergency(urgent) {
    const box = el("section", "card__emergency");
    box.setAttribute("aria-label", "What to do now");
    box.appendChild(el("p", "card__call", urgent.call));
    const steps = Array.isArray(urgent.first_steps) ? urgent.first_steps : [];
    if (steps.length) {
      box.appendChild(el("h3", "card__heading", urgent.first_steps_heading || "While help comes"));
      box.appendChild(textList("ol", "card__first-steps", steps));
    }
    if (urgent.then) box.appendChild(el("p", "card__then", urgent.then));
    return box;
  }

  /** "Changed: attendance 85% → 45%" for each answer changed since the last decision. */
  function renderChanges(changes) {
    const box = el("div", "card__changes");
    changes.forEach((c) => {
      const p = el("p", "card__change");
      p.appendChild(el("strong", null, "Changed: "));
      p.appendChild(document.createTextNode(c.label + " " + c.from + " → " + c.to));
      box.appendChild(p);
    });
    return box;
  }

  /** Every gap: what to find out, who to ask, and what it could raise the level to. */
  function renderGaps(a, d) {
    const items = Array.isArray(d.find_out)
      ? d.find_out
      : (Array.isArray(a.gaps) ? a.gaps : []).map((g) => ({ fact: g.fact, label: humanize(g.fact), ask: g.ask, who: "" }));
    const list = el("ul", "card__gaps");
    for (const gap of items) {
      const item = el("li");
      item.appendChild(el("strong", "card__gap-label", humanize(gap.label || gap.fact)));
      if (gap.who) item.appendChild(el("span", "card__who", " — " + gap.who));
      if (gap.ask) item.appendChild(el("span", "card__why", gap.ask));
      const reach = gap.could_reach_label;
      if (reach) item.appendChild(el("span", "card__raise", "Could raise the level to " + reach + "."));
      list.appendChild(item);
    }
    return list;
  }

  function renderReasons(a, d) {
    const fired = Array.isArray(d.reasons) ? d.reasons : Array.isArray(a.fired) ? a.fired : [];
    const list = el("ul", "card__reasons");
    for (const rule of fired) {
      const known = (config.rules && config.rules[rule.rule]) || {};
      const item = el("li");
      const details = el("details");
      const summary = el("summary");
      summary.appendChild(el("span", null, rule.title || known.title || humanize(rule.rule)));
      summary.appendChild(el("span", "card__reason-level", " (" + (rule.level_label || levelLabel(rule.level)) + ")"));
      details.appendChild(summary);
      const explanation = rule.explanation || known.explanation;
      if (explanation) details.appendChild(el("p", "card__explanation", explanation));
      if (Array.isArray(rule.because) && rule.because.length) {
        details.appendChild(el("p", "card__small-heading", "Because"));
        details.appendChild(textList("ul", "card__because", rule.because));
      } else if (rule.because && typeof rule.because === "object" && Object.keys(rule.because).length) {
        details.appendChild(el("p", "card__small-heading", "Because"));
        details.appendChild(factList(rule.because));
      }
      if (Array.isArray(rule.evidence) && rule.evidence.length) {
        details.appendChild(textList("ul", "card__evidence", rule.evidence.map((q) => "You said: “" + q + "”")));
      }
      const sources = (Array.isArray(a.fired) ? a.fired : []).find((f) => f.rule === rule.rule);
      const ids = sources && Array.isArray(sources.sources) ? sources.sources : [];
      if (ids.length) {
        details.appendChild(el("p", "card__small-heading", "Sources"));
        const ul = el("ul", "card__sources");
        for (const id of ids) {
          const source = (config.sources && config.sources[id]) || {};
          const li = el("li");
          li.appendChild(el("span", "card__citation", source.citation || id));
          if (source.summary) li.appendChild(el("span", "card__source-summary", " " + source.summary));
          ul.appendChild(li);
        }
        details.appendChild(ul);
      }
      details.appendChild(el("p", "card__rule-id", "Rule " + rule.rule));
      item.appendChild(details);
      list.appendChild(item);
    }
    return list;
  }

  /** "You" first (the reporter's own service, with what they do), then the other agencies. */
  function renderAgencies(a, d) {
    const list = el("ul", "card__agencies");
    const you = Array.isArray(d.you) ? d.you : [];
    const names = d.agency_names || {};
    const contacts = Array.isArray(d.contacts)
      ? d.contacts
      : (Array.isArray(a.agencies) ? a.agencies : []).map((g) => ({
          id: g.id,
          name: names[g.id] || humanize(g.id),
          when_words: humanize(g.when || ""),
          why: g.why,
        }));
    for (const entry of you) {
      const item = el("li", "card__you");
      item.appendChild(el("strong", null, entry.name));
      if (entry.when_words) item.appendChild(el("span", "card__when", " — " + entry.when_words));
      item.appendChild(el("span", "card__why card__does", entry.does || entry.why || ""));
      list.appendChild(item);
    }
    for (const entry of contacts) {
      const item = el("li");
      item.appendChild(el("strong", null, entry.name));
      if (entry.when_words) item.appendChild(el("span", "card__when", " — " + entry.when_words));
      if (entry.why) item.appendChild(el("span", "card__why", entry.why));
      list.appendChild(item);
    }
    return list;
  }

  /** Every recorded answer, each with a Change button that sends its change text. */
  function renderAnswers(answers) {
    const list = el("dl", "card__answers");
    for (const answer of answers) {
      list.appendChild(el("dt", null, humanize(answer.label)));
      const dd = el("dd");
      dd.appendChild(el("span", "card__answer", answer.shown));
      if (answer.change) {
        const b = el("button", "button button--small button--secondary", "Change");
        b.type = "button";
        b.appendChild(el("span", "visually-hidden", " " + answer.label));
        b.addEventListener("click", () => send(answer.change, answer.change, "button"));
        dd.appendChild(b);
      }
      list.appendChild(dd);
    }
    return list;
  }

  function renderCard(payload, index) {
    const a = payload.assessment || {};
    const d = payload.display || {};
    const level = LEVEL_ORDER.includes(a.level) ? a.level : "unknown";
    const card = el("article", "card level-" + level);
    card.setAttribute("aria-labelledby", "card-title-" + index);
    card.appendChild(renderHeader(a, d, index));
    if (d.emergency && d.emergency.call) card.appendChild(renderEmergency(d.emergency));
    if (Array.isArray(d.changes) && d.changes.length) card.appendChild(renderChanges(d.changes));

    const range = a.range || {};
    const gapsFirst = d.find_out_first !== undefined ? d.find_out_first : range.highest && range.highest !== range.lowest;
    const hasGaps = (Array.isArray(d.find_out) ? d.find_out : a.gaps || []).length > 0;
    if (hasGaps && gapsFirst) {
      const s = section("What to find out first", renderGaps(a, d));
      s.classList.add("card__section--first");
      card.appendChild(s);
    }
    if ((Array.isArray(a.fired) && a.fired.length) || (Array.isArray(d.reasons) && d.reasons.length)) {
      card.appendChild(section("Why", renderReasons(a, d)));
    }
    if ((Array.isArray(a.agencies) && a.agencies.length) || (Array.isArray(d.you) && d.you.length)) {
      card.appendChild(section("Who to involve, and when", renderAgencies(a, d)));
    }
    if (hasGaps && !gapsFirst) card.appendChild(section("What to find out", renderGaps(a, d)));

    const steps = Array.isArray(a.next_steps) ? a.next_steps : [];
    if (steps.length) card.appendChild(section("What to do next", textList("ol", "card__steps", steps)));

    const front = d.front_door || config.front_door || {};
    const medicalOnly =
      d.emergency && d.emergency.kind === "medical" &&
      !(Array.isArray(a.agencies) && a.agencies.some((g) => g.id === "childrens_social_care"));
    if ((front.name || front.phone) && !medicalOnly) {
      const p = el("p", "card__front-door");
      p.appendChild(el("strong", null, "Front door: "));
      p.appendChild(document.createTextNode([front.name, front.phone].filter(Boolean).join(", ")));
      if (front.out_of_hours) p.appendChild(document.createTextNode("; out of hours " + front.out_of_hours));
      card.appendChild(p);
    }

    card.appendChild(renderCardActions(card, d.summary || ""));

    if (d.summary) {
      const details = el("details", "card__summary");
      details.appendChild(el("summary", null, "Referral summary (text that “Copy summary” copies)"));
      const box = el("div", "card__summary-text");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Referral summary");
      if (d.summary_main) {
        const main = el("div", "card__summary-main");
        String(d.summary_main)
          .split(/\n\s*\n/)
          .forEach((block) => main.appendChild(el("p", "card__summary-block", block)));
        box.appendChild(main);
        if (d.summary_appendix) box.appendChild(el("div", "card__summary-appendix", d.summary_appendix));
      } else {
        box.appendChild(el("div", "card__summary-main", d.summary));
      }
      details.appendChild(box);
      card.appendChild(details);
    }
    if (Array.isArray(d.answers) && d.answers.length) {
      const details = el("details", "card__facts-used");
      details.appendChild(el("summary", null, "Your answers (change any of them)"));
      details.appendChild(renderAnswers(d.answers));
      card.appendChild(details);
    } else if (payload.facts && typeof payload.facts === "object") {
      const details = el("details", "card__facts-used");
      details.appendChild(el("summary", null, "Facts this decision used"));
      details.appendChild(factList(payload.facts, d.assumed_facts));
      card.appendChild(details);
    }
    if (a.policy_version) card.appendChild(el("p", "card__policy", "Rules version " + a.policy_version));
    return card;
  }

  function renderCardActions(card, summary) {
    const actions = el("div", "card__actions");
    const copy = el("button", "button", "Copy summary");
    copy.type = "button";
    const print = el("button", "button button--secondary", "Print");
    print.type = "button";
    const confirm = el("p", "card__confirm");
    confirm.setAttribute("role", "status");
    copy.addEventListener("click", () => copySummary(card, summary, confirm));
    print.addEventListener("click", () => printCard(card));
    if (!summary) copy.disabled = true;
    actions.append(copy, print, confirm);
    return actions;
  }

  async function copySummary(card, summary, confirm) {
    confirm.textContent = "";
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(summary);
        copied = true;
      } catch (e) {
        copied = false;
      }
    }
    if (!copied) copied = copyWithSelection(summary);
    if (copied) {
      confirm.textContent = "Summary copied. Paste it into your referral.";
      return;
    }
    const details = card.querySelector(".card__summary");
    const pre = card.querySelector(".card__summary-text");
    if (details && pre) {
      details.open = true;
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      pre.focus();
    }
    confirm.textContent =
      "Could not copy automatically. The summary is selected below: press Ctrl+C to copy it.";
  }

  /** The old way to copy, for pages on plain http where navigator.clipboard is missing. */
  function copyWithSelection(text) {
    const area = el("textarea", "offscreen");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function printCard(card) {
    const closed = Array.from(card.querySelectorAll("details")).filter((d) => !d.open);
    closed.forEach((d) => (d.open = true));
    document.body.classList.add("print-card");
    const item = card.closest("li") || card;
    item.classList.add("is-printing");
    const restore = () => {
      document.body.classList.remove("print-card");
      item.classList.remove("is-printing");
      closed.forEach((d) => (d.open = false));
      window.removeEventListener("afterprint", restore);
    };
    window.addEventListener("afterprint", restore);
    window.print();
  }

  // ---- talking to the server -----------------------------------------------------

  function setBusy(value) {
    busy = value;
    ui.send.disabled = value;
    ui.send.setAttribute("aria-disabled", String(value));
    ui.typing.hidden = !value;
    ui.typingText.textContent = "The assistant is answering…";
    if (value) ui.typing.scrollIntoView({ block: "nearest" });
  }

  function showError(text) {
    ui.errorText.textContent = text;
    ui.error.hidden = false;
  }

  function hideError() {
    ui.error.hidden = true;
    ui.errorText.textContent = "";
  }

  function showPendingHint() {
    showError("Your earlier message has not been sent yet. Press Retry to send it, then carry on.");
  }

  /** Add the user's message to the transcript and deliver it. */
  function send(message, shown, via) {
    if (busy) return false;
    if (state.pending) {
      showPendingHint();
      return false;
    }
    closeOpenChoices();
    state.entries.push({ kind: "user", text: shown, status: "sending" });
    state.pending = {
      message: message,
      index: state.entries.length - 1,
      via: via,
      id: newMessageId(),
    };
    saveState();
    appendEntry(state.pending.index);
    showStart();
    deliver();
    return true;
  }

  async function deliver() {
    const pending = state.pending;
    if (!pending || busy) return;
    hideError();
    setBusy(true);
    state.entries[pending.index].status = "sending";
    refreshEntry(pending.index);
    const controller = new AbortController();
    const slow = window.setTimeout(() => {
      ui.typingText.textContent = "Still working: the assistant is slow to answer…";
    }, SLOW_AFTER_MS);
    const giveUp = window.setTimeout(() => controller.abort(), GIVE_UP_AFTER_MS);
    let replies;
    if (!pending.id) pending.id = newMessageId();
    try {
      const sender = await ensureSession(controller.signal);
      const res = await fetch("webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          sender: sender,
          message: pending.message,
          message_id: pending.id,
        }),
        signal: controller.signal,
        credentials: "same-origin",
      });
      if (res.status === 403) state.sender = null; // session not known: Retry starts a new one
      if (res.status === 503) {
        // The turn was not saved (store or action server down): say so, keep the answer.
        window.clearTimeout(slow);
        window.clearTimeout(giveUp);
        const said = await res.json().catch(() => []);
        notSaved(pending, Array.isArray(said) ? said : []);
        return;
      }
      if (!res.ok) throw new Error("status " + res.status);
      replies = await res.json();
      if (!Array.isArray(replies)) throw new Error("unexpected answer");
    } catch (error) {
      window.clearTimeout(slow);
      window.clearTimeout(giveUp);
      state.entries[pending.index].status = "failed";
      saveState();
      setBusy(false);
      refreshEntry(pending.index);
      showError(
        (error && error.name === "AbortError"
          ? "The assistant took too long to answer."
          : "The assistant cannot be reached just now.") +
          " Your message is kept: press Retry to send it again."
      );
      return;
    }
    window.clearTimeout(slow);
    window.clearTimeout(giveUp);
    state.entries[pending.index].status = "sent";
    state.pending = null;
    refreshEntry(pending.index);
    for (const message of arrange(replies)) {
      state.entries.push({ kind: "bot", message: message });
      appendEntry(state.entries.length - 1);
    }
    saveState();
    setBusy(false);
    afterReplies(replies, pending.via);
  }

  /** Show why a message was not saved; it stays pending for Retry (same message_id). */
  function notSaved(pending, said) {
    state.entries[pending.index].status = "not_saved";
    for (const message of said) {
      if (message && typeof message.text === "string") {
        state.entries.push({ kind: "bot", message: { text: message.text } });
        appendEntry(state.entries.length - 1);
      }
    }
    saveState();
    setBusy(false);
    refreshEntry(pending.index);
    showError("Your message was not saved. It is kept: press Retry to send it again.");
  }

  function isCard(message) {
    const custom = message && message.custom;
    return Boolean(custom && typeof custom === "object" && custom.assessment);
  }

  /**
   * Put a decision card first in its batch of replies, and fold the plain
   * texts of that batch (the same decision written out for text-only
   * channels) into one collapsed "as text" message after it.
   */
  function arrange(replies) {
    const cards = replies.filter(isCard);
    if (!cards.length) return replies;
    const plain = (m) =>
      !isCard(m) && typeof m.text === "string" && !(m.buttons && m.buttons.length) && !m.custom && !m.image;
    const texts = replies.filter(plain).map((m) => m.text);
    const others = replies.filter((m) => !isCard(m) && !plain(m));
    return cards.concat(texts.length ? [{ folded: texts }] : [], others);
  }

  /** Announce the replies and put focus where the next action is. */
  function afterReplies(replies, via) {
    if (!replies.length) {
      announce("The assistant did not answer. Try again or rephrase.");
      ui.input.focus();
      return;
    }
    const levelOf = (custom) => (custom.display && custom.display.level_label) || custom.assessment.level;
    const spoken = replies
      .map((m) => (isCard(m) ? "Decision: " + levelOf(m.custom) + "." : m.text || ""))
      .filter(Boolean)
      .join(" ");
    if (spoken) announce("Assistant: " + spoken.replace(/\*\*/g, ""));
    const items = Array.from(ui.transcript.children).slice(-arrange(replies).length);
    const last = items[items.length - 1];
    const cardTitle = items.map((li) => li.querySelector(".card__level")).find(Boolean);
    const firstChoice = last && last.querySelector(".choice:not([disabled])");
    if (cardTitle) {
      cardTitle.focus();
    } else if (via === "button" && firstChoice) {
      firstChoice.focus();
    } else {
      ui.input.focus();
    }
    if (!cardTitle) (last || ui.transcript).scrollIntoView({ block: "nearest" });
  }

  // ---- controls -----------------------------------------------------------------

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text) {
      ui.input.focus();
      return;
    }
    if (send(text, text, "text")) ui.input.value = "";
  });

  ui.start.addEventListener("click", () => {
    ui.input.focus({ preventScroll: true });
    send(START_MESSAGE, "Start an assessment", "button");
  });

  ui.retry.addEventListener("click", () => {
    deliver();
  });

  ui.newConversation.addEventListener("click", () => {
    if (!state.entries.length && !state.pending) {
      startAfresh();
      return;
    }
    ui.confirmNew.hidden = false;
    ui.confirmYes.focus();
  });

  ui.confirmNo.addEventListener("click", () => {
    ui.confirmNew.hidden = true;
    ui.newConversation.focus();
  });

  ui.confirmYes.addEventListener("click", startAfresh);

  /** Forget this conversation (telling the server), and start a new one. */
  function startAfresh() {
    const old = state.sender;
    if (old && state.entries.length) {
      // Confirmed by the person: the server deletes the old conversation at once.
      fetch("forget", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: old }),
        keepalive: true,
      }).catch(() => {});
    }
    state = freshState();
    saveState();
    hideError();
    ui.confirmNew.hidden = true;
    ui.input.value = "";
    renderAll();
    announce("New conversation started.");
    ui.start.focus();
  }

  async function loadConfig() {
    try {
      const res = await fetch("config", { credentials: "same-origin" });
      if (!res.ok) return;
      config = await res.json();
    } catch (e) {
      return;
    }
    const front = config.front_door || {};
    if (front.emergency) ui.emergencyNumber.textContent = front.emergency;
    if (front.name || front.phone) {
      ui.frontDoor.replaceChildren();
      ui.frontDoor.appendChild(document.createTextNode("Worried about a child today? Contact "));
      ui.frontDoor.appendChild(el("strong", null, front.name || "your children's services front door"));
      if (front.phone) {
        ui.frontDoor.appendChild(document.createTextNode(" on "));
        const tel = el("a", null, front.phone);
        tel.href = "tel:" + String(front.phone).replace(/[^\d+]/g, "");
        ui.frontDoor.appendChild(tel);
      }
      if (front.out_of_hours) {
        ui.frontDoor.appendChild(document.createTextNode(" (out of hours: " + front.out_of_hours + ")"));
      }
      ui.frontDoor.appendChild(document.createTextNode("."));
      ui.frontDoor.hidden = false;
    }
    state.entries.forEach((entry, index) => {
      if (entry.message && entry.message.custom && entry.message.custom.assessment) refreshEntry(index);
    });
  }

  // ---- start ----------------------------------------------------------------------

  renderAll();
  if (state.pending) {
    state.entries[state.pending.index].status = "failed";
    saveState();
    refreshEntry(state.pending.index);
    showError("Your last message may not have been sent. Press Retry to send it.");
  }
  loadConfig();
})();
