"""Statements in other languages than German and English: named, said to be not understood, still matched by meaning."""
import pytest

from service.nlp.language import UNDERSTOOD, identify_language, notice
from tests.conftest import AUTH

RUSSIAN = "Пентагон заявил, что в России находятся 10 000 северокорейских солдат."


def test_a_russian_statement_is_named_russian_with_a_notice_and_still_finds_its_english_version(client):
    stored = client.post("/v1/claims", headers=AUTH, json={
        "text": "The Pentagon said 10,000 North Korean soldiers are in Russia.", "publisher": "Wire",
        "published": "2024-10-28", "language": "en"})
    assert stored.status_code == 201
    body = client.post("/v1/check", json={"statement": RUSSIAN}).get_json()
    assert body["statement"]["language"] == "ru"
    assert "German and English" in body["notice"] and "Russian" in body["notice"]
    corroborating = [item["claim"]["id"] for item in body["corroborating"]]
    assert corroborating == [stored.get_json()["id"]]
    # the foreign words were not taken for the counted thing or a source
    assert body["statement"]["claims"][0]["subject_key"] is None
    assert body["statement"]["claims"][0]["quantity"]["value"] == 10000


def test_a_russian_statement_with_another_figure_conflicts_and_one_about_something_else_meets_neither(client):
    client.post("/v1/claims", headers=AUTH, json={
        "text": "The Pentagon said 10,000 North Korean soldiers are in Russia.", "publisher": "Wire",
        "published": "2024-10-28", "language": "en"})
    evacuated = client.post("/v1/claims", headers=AUTH, json={
        "text": "Authorities evacuated 10,000 residents in Russia's Belgorod region.", "publisher": "Other Wire",
        "published": "2024-10-28", "language": "en"}).get_json()["id"]
    body = client.post("/v1/check", json={"statement": RUSSIAN.replace("10 000", "12 000")}).get_json()
    assert [item["claim"]["text"][:12] for item in body["conflicting"]] == ["The Pentagon"]
    body = client.post("/v1/check", json={"statement": "Власти эвакуировали 10 000 жителей Белгородской области."}).get_json()
    assert [item["claim"]["id"] for item in body["corroborating"]] == [evacuated]
    assert body["conflicting"] == []


@pytest.mark.parametrize("statement, language", [
    ("US says 10,000 troops", "en"),
    ("Die USA sprechen von 10.000 Soldaten in Russland.", "de"),
])
def test_german_and_english_statements_carry_no_notice(client, statement, language):
    body = client.post("/v1/check", json={"statement": statement}).get_json()
    assert body["statement"]["language"] == language
    assert "notice" not in body


def test_a_given_language_is_the_reported_one(client):
    body = client.post("/v1/check", json={"statement": RUSSIAN, "language": "en"}).get_json()
    assert body["statement"]["language"] == "en"
    assert "notice" not in body


@pytest.mark.parametrize("text, code", [
    ("Україна отримала від союзників 500 танків, заявив міністр оборони.", "uk"),
    ("قال البنتاغون إن 10 آلاف جندي كوري شمالي موجودون في روسيا.", "ar"),
    ("五角大楼称约有一万名朝鲜士兵在俄罗斯。", "zh"),
    ("Pentagon, Rusya'da 10.000 Kuzey Koreli asker bulunduğunu açıkladı.", "tr"),
    ("Le Pentagone affirme que 10 000 soldats nord-coréens se trouvent en Russie.", "fr"),
    ("El Pentágono afirma que hay 10.000 soldados norcoreanos en Rusia.", "es"),
    ("Pentagon twierdzi, że w Rosji przebywa 10 tysięcy żołnierzy z Korei Północnej.", "pl"),
    # Short Latin-script texts that trigrams alone would give to another language stay German or English.
    ("Pentagon: 3000 Soldaten", "de"),
    ("USA warnen Nordkorea scharf", "de"),
    ("10.000", "und"),
])
def test_identified_languages(text, code):
    assert identify_language(text) == code


def test_the_notice_names_the_language_or_says_none_could_be_told():
    assert notice("en") == {} and notice("de") == {}
    assert "Ukrainian" in notice("uk")["notice"]
    assert "no language that could be told" in notice("und")["notice"]
    assert set(UNDERSTOOD) == {"de", "en"}
