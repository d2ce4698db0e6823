// Sends the statement to POST /v1/check and lists the answer, one section per relation.
"use strict";

const RELATIONS = ["matching", "corroborating", "conflicting", "related"];

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function result(item) {
  const card = element("article");
  const cite = item.citation || {};
  card.append(element("blockquote", cite.quote || (item.claim || {}).text));
  card.append(element("p", item.explanation));
  const meta = [cite.publisher, cite.title, cite.published, "score " + Number(item.score).toFixed(2)];
  const line = element("p", meta.filter(Boolean).join(" · "), "meta");
  if (cite.url) {
    const link = element("a", " source");
    link.href = cite.url;
    line.append(link);
  }
  card.append(line);
  return card;
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("check");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { statement: form.statement.value };
    if (form.as_of.value) body.as_of = form.as_of.value;
    status.textContent = "Checking…";
    results.replaceChildren();
    const response = await fetch("/v1/check", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = (answer.error || {}).message || "The check failed.";
      return;
    }
    const total = RELATIONS.reduce((n, r) => n + answer[r].length, 0);
    status.textContent = total ? "" : "Nothing in the claim base concerns this statement.";
    for (const relation of RELATIONS) {
      if (!answer[relation].length) continue;
      const section = element("section");
      section.append(element("h2", relation));
      answer[relation].forEach((item) => section.append(result(item)));
      results.append(section);
    }
  });
});
