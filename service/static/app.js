// The page's only script (no inline code, CSP 'self'): Enter checks the statement; the article form posts
// to POST /v1/documents and lists the claims taken from the article. Text is only ever set as text.
"use strict";

const RELATIONS = {
  matching: { label: "Matching", symbol: "●" },
  corroborating: { label: "Corroborating", symbol: "■" },
  conflicting: { label: "Conflicting", symbol: "◆" },
  related: { label: "Related", symbol: "▲" },
};

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function number(value) {
  return value === null || value === undefined ? null : Number(value).toLocaleString("en-US");
}

// The sentence with its figure marked, from the quantity's offsets inside the sentence.
function quote(text, quantity) {
  const block = element("blockquote");
  let start = -1;
  let end = -1;
  if (quantity && quantity.text) {
    start = text.slice(quantity.start, quantity.end) === quantity.text ? quantity.start : text.indexOf(quantity.text);
    end = start + quantity.text.length;
  }
  if (start < 0) {
    block.textContent = text;
    return block;
  }
  block.append(document.createTextNode(text.slice(0, start)));
  block.append(element("mark", text.slice(start, end), "figure"));
  block.append(document.createTextNode(text.slice(end)));
  return block;
}

function reading(claim) {
  const q = claim.quantity;
  const parts = [
    ["Attributor", claim.attributor ? claim.attributor.canonical : "none found"],
    ["Figure", q ? `${q.text} · ${q.qualifier} · interval [${number(q.low) ?? "0"}, ${number(q.high) ?? "∞"}]` : "no figure"],
    ["Subject", claim.subject || "not recognised"],
    ["Place", claim.location || "not stated"],
    ["Time", claim.time && claim.time.start ? claim.time.start + (claim.forecast ? " · forecast" : "") : "not stated"],
  ];
  const list = element("dl", null, "reading");
  for (const [name, value] of parts) {
    const row = element("div");
    row.append(element("dt", name), element("dd", value));
    list.append(row);
  }
  return list;
}

function relationsList(relations) {
  const list = element("ul", null, "relations");
  for (const item of relations) {
    const look = RELATIONS[item.relation] || { label: item.relation, symbol: "" };
    const entry = element("li");
    entry.append(element("span", `${look.symbol} ${look.label}: `, `tag ${item.relation}`));
    entry.append(document.createTextNode(item.explanation + " "));
    if (item.also && item.also.length) {
      entry.append(document.createTextNode(`(also quoted ${item.also.length}× more in that article) `));
    }
    const cite = item.citation || {};
    if (cite.document_id) {
      const link = element("a", "show in document");
      link.href = `/documents/${encodeURIComponent(cite.document_id)}#q-${encodeURIComponent(item.claim.id)}`;
      entry.append(link);
    }
    list.append(entry);
  }
  return list;
}

function showIngested(answer, target) {
  target.replaceChildren();
  const link = element("a", "Open the stored article with its claims marked");
  link.href = `/documents/${encodeURIComponent(answer.id)}`;
  target.append(element("p", null, "meta"));
  target.lastChild.append(link);
  const list = element("ol", null, "results");
  for (const claim of answer.claims) {
    const card = element("li", null, "ingested-claim");
    card.dataset.claim = claim.id;
    card.append(quote(claim.text, claim.quantity), reading(claim));
    const links = element("p", null, "meta");
    const inDocument = element("a", "show in document");
    inDocument.href = `/documents/${encodeURIComponent(answer.id)}#q-${encodeURIComponent(claim.id)}`;
    const check = element("a", "check this sentence");
    check.href = `/?statement=${encodeURIComponent(claim.text.slice(0, 2000))}`;
    links.append(inDocument, document.createTextNode(" · "), check);
    card.append(links);
    if (claim.relations && claim.relations.length) card.append(relationsList(claim.relations));
    list.append(card);
  }
  target.append(list);
}

function setUpCheck() {
  const form = document.getElementById("check");
  if (!form) return;
  const box = form.querySelector("textarea");
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (box.value.trim()) form.requestSubmit();
    }
  });
  form.addEventListener("submit", () => {
    form.querySelector("button").disabled = true;
  });
  // After a check the answer is what the reader wants next; screen readers land on its heading.
  const heading = document.getElementById("answer-heading");
  if (heading) heading.focus({ preventScroll: false });
}

function setUpIngest() {
  const form = document.getElementById("ingest");
  if (!form) return;
  const status = document.getElementById("ingest-status");
  const target = document.getElementById("ingested");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { text: form.elements.text.value };
    for (const name of ["title", "publisher", "published", "url"]) {
      const value = form.elements[name].value.trim();
      if (value) body[name] = value;
    }
    const button = form.querySelector("button");
    button.disabled = true;
    status.textContent = "Adding the article…";
    target.replaceChildren();
    try {
      const response = await fetch("/v1/documents", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${form.elements.key.value.trim()}` },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        const error = answer.error || {};
        const details = error.details && Object.keys(error.details).length
          ? " " + Object.entries(error.details).map(([field, why]) => `${field}: ${[].concat(why).join(" ")}`).join("; ")
          : "";
        status.textContent = (error.message || `The article was not added (HTTP ${response.status}).`) + details;
        return;
      }
      const n = answer.claims.length;
      status.textContent = `${answer.created ? "Added" : "Already stored"}: ${n} claim${n === 1 ? "" : "s"} taken from the article.`;
      showIngested(answer, target);
    } catch (problem) {
      status.textContent = "The service could not be reached: " + problem.message;
    } finally {
      button.disabled = false;
    }
  });
}

function setUpDraft() {
  const form = document.getElementById("draft-form");
  if (!form) return;
  form.addEventListener("submit", () => {
    form.querySelector("button").disabled = true;
  });
  const heading = document.getElementById("draft-heading");
  if (heading && !window.location.hash) heading.focus({ preventScroll: false });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpCheck();
  setUpIngest();
  setUpDraft();
});

// A page restored from the back/forward cache keeps its disabled button otherwise.
window.addEventListener("pageshow", () => {
  for (const button of document.querySelectorAll("form button")) button.disabled = false;
});
