"""The pages for people: GET / (a statement checked, server-rendered, with its timeline), a stored
document with its quotes marked, and the timeline alone as SVG."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional
from urllib.parse import urlsplit

from flask import Blueprint, render_template, request
from flask_smorest import abort
from marshmallow import ValidationError

from schemas.drafts import DraftRequestSchema
from service import checker, drafts, inputs, timeline

from . import repository

bp = Blueprint("page", __name__)

# Script and style come from /static only; nothing inline runs, nothing is framed, nothing leaves the site.
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# The page shows more of each list than the API's default, so every mark of the timeline has its card.
PAGE_LIMIT = 50
STATEMENT_MAX = 2000
# The documents endpoint's limit, so the page refuses what the API refuses.
DRAFT_MAX = next(rule.max for rule in DraftRequestSchema().fields["text"].validators if getattr(rule, "max", None))

# Colour, shape and words for each relation: the colour is never the only sign.
GROUPS = [
    {"name": "matching", "label": "Matching", "symbol": "●", "shape": "circle", "color": "#1a7f37",
     "says": "the same source with the same figure"},
    {"name": "corroborating", "label": "Corroborating", "symbol": "■", "shape": "square", "color": "#0969da",
     "says": "another source with the same figure"},
    {"name": "conflicting", "label": "Conflicting", "symbol": "◆", "shape": "diamond", "color": "#cf222e",
     "says": "figures that cannot both be true"},
    {"name": "related", "label": "Related", "symbol": "▲", "shape": "triangle", "color": "#8a5a00",
     "says": "the same frame, neither agreeing nor conflicting: a bound, a forecast, an earlier figure"},
]
STYLE = {group["name"]: group for group in GROUPS}


@bp.after_request
def _secure(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@bp.after_app_request
def _static_not_sniffed(response):
    # The page's script and style must be taken for what they are declared, never guessed at.
    if request.endpoint == "static":
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def parts(text: str, ranges: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """`text` cut at the given (start, end, kind) ranges: [(kind, piece)], kind "" outside every range.

    Ranges that overlap one already taken, or fall outside the text, are dropped."""
    out, position = [], 0
    for start, end, kind in sorted(ranges):
        if start < position or end <= start or end > len(text):
            continue
        if start > position:
            out.append(("", text[position:start]))
        out.append((kind, text[start:end]))
        position = end
    if position < len(text):
        out.append(("", text[position:]))
    return out


def figure_ranges(text: str, quantity: Optional[dict], offset: int = 0) -> list[tuple[int, int, str]]:
    """Where a claim's figure sits in `text` (qualifier words apart from the number), shifted by `offset`."""
    if not quantity or not quantity.get("text"):
        return []
    start, end = quantity.get("start", 0), quantity.get("end", 0)
    if text[start:end] != quantity["text"]:
        start = text.find(quantity["text"])
        if start < 0:
            return []
        end = start + len(quantity["text"])
    words = quantity["text"]
    digit = next((i for i, ch in enumerate(words) if ch.isdigit()), 0)
    if quantity.get("qualifier") not in (None, "exact", "vague") and digit > 0:
        return [(offset + start, offset + start + digit, "qualifier"), (offset + start + digit, offset + end, "figure")]
    return [(offset + start, offset + end, "figure")]


def quote_parts(result: dict) -> list[tuple[str, str]]:
    claim = result["claim"]
    quote = (result.get("citation") or {}).get("quote") or claim["text"]
    return parts(quote, figure_ranges(quote, claim.get("quantity")) if quote == claim["text"] else [])


def web_address(url: Optional[str]) -> Optional[str]:
    """A stored url as a link target only when it is http(s): "javascript:" and the like stay text."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def interval(quantity: dict) -> str:
    def bound(value, infinite):
        return infinite if value is None else timeline.format_number(float(value))

    return f"[{bound(quantity.get('low'), '0')}, {bound(quantity.get('high'), '∞')}]"


def _form() -> tuple[str, str, Optional[date], Optional[str]]:
    statement = request.args.get("statement", "").strip()
    as_of_text = request.args.get("as_of", "").strip()
    as_of, problem = None, None
    if as_of_text:
        try:
            as_of = date.fromisoformat(as_of_text)
        except ValueError:
            problem = f"“As of” must be a date such as 2024-10-30, not {as_of_text!r}."
    if len(statement) > STATEMENT_MAX:
        problem = f"The statement is {len(statement):,} characters long; at most {STATEMENT_MAX:,} are checked."
    return statement, as_of_text, as_of, problem


@bp.route("/", methods=["GET"])
def index():
    """The statement box; with ?statement=… (and ?as_of=…) the answer and its timeline below it."""
    statement, as_of_text, as_of, problem = _form()
    answer, frames = None, []
    if statement and not problem:
        answer = checker.check(repository(), statement, as_of=as_of, limit=PAGE_LIMIT)
        frames = [{**frame, "chart": timeline.chart(frame)} for frame in timeline.frames(answer)]
    return render_template("index.html", statement=statement, as_of=as_of_text, problem=problem,
                           answer=answer, frames=frames, groups=GROUPS, style=STYLE,
                           quote_parts=quote_parts, interval=interval, web_address=web_address,
                           total=sum(len(answer[g["name"]]) for g in GROUPS) if answer else 0)


@bp.route("/timeline.svg", methods=["GET"])
def timeline_svg():
    """The first timeline of ?statement=… as a standalone SVG image."""
    statement, _, as_of, problem = _form()
    if not statement or problem:
        abort(422, message=problem or "Give the statement as ?statement=….")
    frames = timeline.frames(checker.check(repository(), statement, as_of=as_of, limit=PAGE_LIMIT))
    if not frames:
        abort(404, message="The statement has no figure, so it has no timeline.")
    chart = timeline.chart(frames[0])
    return render_template("timeline.svg", chart=chart, style=STYLE, groups=GROUPS), 200, \
        {"Content-Type": "image/svg+xml; charset=utf-8"}


def marked_text(text: str, claims: list) -> list[dict]:
    """The document text as pieces; each stored quote a piece with the ids of its claims and its figures marked."""
    spans: dict[tuple[int, int], dict] = {}
    for claim in claims:
        citation = claim.citation
        if citation is None or text[citation.start:citation.end] != citation.quote:
            continue
        span = spans.setdefault((citation.start, citation.end), {"ids": [], "figures": []})
        span["ids"].append(claim.id)
        quantity = claim.quantity.to_dict() if claim.quantity else None
        span["figures"] += figure_ranges(citation.quote, quantity, citation.start)
    pieces, position = [], 0
    for (start, end), span in sorted(spans.items()):
        if start < position:
            # a quote inside another one: keep its anchor on the piece that holds it
            pieces[-1]["ids"] += span["ids"]
            continue
        if start > position:
            pieces.append({"text": text[position:start]})
        figures = [(s - start, e - start, kind) for s, e, kind in span["figures"] if start <= s and e <= end]
        pieces.append({"ids": span["ids"], "parts": parts(text[start:end], figures)})
        position = end
    if position < len(text):
        pieces.append({"text": text[position:]})
    return pieces


@bp.route("/documents/<document_id>", methods=["GET"])
def document(document_id):
    """A stored article, its quotes marked; /documents/<id>#q-<claim id> scrolls to one of them."""
    repo = repository()
    stored = repo.document(document_id)
    if stored is None:
        abort(404, message=f"No document with id {document_id!r}.")
    claims = repo.claims_of(stored.id)
    return render_template("document.html", document=stored, claims=claims,
                           pieces=marked_text(stored.text, claims), interval=interval,
                           web_address=web_address)


# -- a draft -------------------------------------------------------------------------------------

# What a draft's figure is marked with: the strongest relation any stored claim has to its claim.
NO_RELATION = {"name": "none", "label": "Nothing stored", "symbol": "○", "says": "no stored claim concerns it"}


def draft_pieces(text: str, claims: list[dict]) -> list[dict]:
    """The draft as pieces; each claim's figure (qualifier included), or the sentence of a claim without
    one, a piece with the claim's number and its strongest relation."""
    figures, sentences = [], []
    for number, item in enumerate(claims, 1):
        kind = str(number)
        marks = figure_ranges(item["claim"]["text"], item["claim"].get("quantity"), item["start"])
        if marks:
            figures.append((min(s for s, _, _ in marks), max(e for _, e, _ in marks), kind))
        else:
            sentences.append((item["start"], item["end"], kind))
    # A sentence is marked as a whole only where no figure is: the figures are what the draft is checked for.
    ranges = figures + [(s, e, kind) for s, e, kind in sentences
                        if not any(fs < e and s < fe for fs, fe, _ in figures)]
    pieces = []
    for kind, piece in parts(text, ranges):
        if not kind:
            pieces.append({"text": piece})
            continue
        item = claims[int(kind) - 1]
        pieces.append({"text": piece, "claim": int(kind), "relation": drafts.strongest(item) or NO_RELATION["name"]})
    return pieces


def _draft_form() -> tuple[str, str, Optional[dict], Optional[str]]:
    """The posted draft, the as-of text, the validated fields or what is wrong with them."""
    text, as_of_text = request.form.get("text", ""), request.form.get("as_of", "").strip()
    if not text.strip():
        return text, as_of_text, None, "Paste the draft to check."
    if inputs.NUL in text or inputs.SURROGATE.search(text):
        return text, as_of_text, None, "The draft holds characters no article can: NUL or unpaired surrogates."
    try:
        fields = DraftRequestSchema().load({"text": text, **({"as_of": as_of_text} if as_of_text else {})})
    except ValidationError as error:
        if "as_of" in error.messages:
            return text, as_of_text, None, f"“As of” must be a date such as 2024-10-30, not {as_of_text!r}."
        return text, as_of_text, None, (f"The draft is {len(text):,} characters long; "
                                        f"at most {DRAFT_MAX:,} are checked.")
    return text, as_of_text, fields, None


@bp.route("/draft", methods=["GET", "POST"])
def draft():
    """Check a draft: the form; posted, the draft with each figure marked by its strongest relation, each
    mark a link to the cards of its claim (shown by :target, no script needed)."""
    text, as_of_text, answer, pieces, problem = "", "", None, [], None
    if request.method == "POST":
        text, as_of_text, fields, problem = _draft_form()
        if fields:
            answer = drafts.check_draft(repository(), fields["text"], as_of=fields["as_of"], limit=PAGE_LIMIT)
            pieces = draft_pieces(fields["text"], answer["claims"])
    return render_template("draft.html", text=text, as_of=as_of_text, problem=problem, answer=answer,
                           pieces=pieces, groups=GROUPS, style={**STYLE, "none": NO_RELATION},
                           strongest=drafts.strongest, draft_max=DRAFT_MAX, quote_parts=quote_parts,
                           interval=interval, web_address=web_address)
