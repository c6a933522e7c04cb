"""Each source's language is detected; sources not in English are imported but not mined."""

import pytest

from factcheck.models import Claim
from factcheck.pipeline.extract import mines
from sources.language import detect, resolve
from sources.readers import Document
from sources.services import import_document

SPANISH = (
    "El Parlamento de Lituania votó el martes por 107 votos a favor y 3 en contra abandonar "
    "la Convención de Ottawa, que prohíbe las minas antipersona, según informó la agencia."
)
ENGLISH = (
    "Lithuania's parliament voted 107 to 3 on Tuesday to leave the Ottawa Convention, which "
    "bans anti-personnel mines, the agency reported."
)
GERMAN = (
    "Das litauische Parlament hat am Dienstag mit 107 zu 3 Stimmen beschlossen, das "
    "Ottawa-Abkommen zu verlassen, das Antipersonenminen verbietet, meldete die Agentur."
)


@pytest.mark.parametrize(("text", "code"), [(SPANISH, "es"), (ENGLISH, "en"), (GERMAN, "de")])
def test_the_language_of_a_paragraph_is_detected(text, code):
    assert detect(text) == code


def test_a_text_too_short_to_tell_has_no_detected_language():
    assert detect("Merkel: yes.") is None


def test_the_declared_tag_is_kept_when_the_text_agrees_and_replaced_when_it_does_not():
    assert resolve("en-GB", "en") == "en-gb"
    assert resolve("en", "es") == "es"  # a site-wide lang attribute on a Spanish article
    assert resolve("fr", None) == "fr"
    assert resolve(None, None) == ""


@pytest.mark.parametrize(
    ("tag", "mined"), [("en", True), ("en-US", True), ("", True), ("es", False), ("de-AT", False)]
)
def test_english_and_unknown_languages_are_mined_others_are_not(tag, mined):
    assert mines(tag) is mined


def document(name: str, text: str, language: str | None = None) -> Document:
    return Document(
        origin=name, format="text", raw_text=text, text=text, title=name, language=language
    )


@pytest.mark.django_db
def test_a_spanish_article_is_imported_and_marked_but_not_mined():
    result = import_document(document=document("es.txt", SPANISH))
    assert result.source.language == "es"
    assert not Claim.objects.filter(source=result.source).exists()


@pytest.mark.django_db
def test_an_english_article_declared_as_another_language_is_still_mined():
    result = import_document(document=document("en.txt", ENGLISH, language="es"))
    assert result.source.language == "en"
    assert Claim.objects.filter(source=result.source).exists()
