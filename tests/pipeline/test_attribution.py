import pytest

from factcheck.pipeline.attribution import find_attribution


def attr(sentence):
    a = find_attribution(sentence)
    assert a is not None, sentence
    if a.speaker is not None:
        assert sentence[a.speaker_start : a.speaker_end] == a.speaker
    if a.quote is not None:
        assert sentence[a.quote_start : a.quote_end] == a.quote
    return a


def test_quote_then_speaker_with_appositive_role_and_medium():
    a = attr(
        "“We need them,” Marta Kowalska, Poland’s minister of digital affairs, told Radio Zet."
    )
    assert a.speaker == "Marta Kowalska"
    assert a.role == "Poland’s minister of digital affairs"
    assert (a.verb, a.medium) == ("tell", "Radio Zet")
    assert (a.quote, a.is_direct_quote) == ("We need them", True)


def test_inverted_said_after_a_quote():
    a = attr('"The treaty is dead," said Jan Novak, a Czech diplomat.')
    assert (a.speaker, a.role, a.verb) == ("Jan Novak", "a Czech diplomat", "say")


def test_according_to_a_titled_person_splits_the_role():
    a = attr("Output will double, according to Deputy Finance Minister Ilse Berg.")
    assert (a.speaker, a.role, a.verb) == ("Ilse Berg", "Deputy Finance Minister", "according_to")
    assert a.is_direct_quote is False


def test_according_to_an_institution_is_the_source_not_the_medium():
    a = attr("Stocks fell 4%, according to the Congressional Budget Office.")
    assert (a.speaker, a.medium) == ("the Congressional Budget Office", None)


def test_told_local_broadcaster_gives_the_outlet_as_medium():
    a = attr("Novak told local radio broadcaster RMF FM in an interview.")
    assert (a.speaker, a.medium) == ("Novak", "RMF FM")


def test_told_the_newspaper_keeps_the_article():
    assert attr("She told the New York Times that it failed.").medium == "the New York Times"


def test_told_reporters_has_no_medium():
    a = attr("The minister told reporters the plan was ready.")
    assert (a.speaker, a.medium) == ("The minister", None)


def test_statement_provided_to_an_outlet():
    a = attr("The ministry said in a statement provided to Breaking Defense that it agreed.")
    assert (a.speaker, a.verb, a.medium) == ("The ministry", "say", "Breaking Defense")


def test_said_on_a_weekday_is_not_a_medium():
    assert attr("The ministry said on Tuesday that it agreed.").medium is None


def test_list_of_countries_is_one_speaker():
    a = attr("After the vote, Estonia, Latvia, Lithuania, and Poland said they would stay.")
    assert a.speaker == "Estonia, Latvia, Lithuania, and Poland"


def test_noun_phrase_with_of_list_is_kept_whole():
    a = attr("The defense ministers of Finland, Sweden and Norway announced the plan.")
    assert (a.speaker, a.verb) == (
        "The defense ministers of Finland, Sweden and Norway",
        "announce",
    )


def test_role_first_then_name_between_commas():
    a = attr("Estonia’s defense minister, Hanno Pevkur, clarified that nothing changed.")
    assert (a.speaker, a.role, a.verb) == ("Hanno Pevkur", "Estonia’s defense minister", "clarify")


def test_parenthetical_they_said():
    a = attr("The move, they said, is a warning.")
    assert (a.speaker, a.verb) == ("they", "say")


def test_the_joint_statement_reads():
    a = attr("“We are ready,” the joint statement reads.")
    assert (a.speaker, a.verb, a.quote) == ("the joint statement", "read", "We are ready")


def test_reads_the_communique_inverted():
    a = attr("“We are ready to act now,” reads the joint communique.")
    assert (a.speaker, a.verb) == ("the joint communique", "read")


def test_read_as_a_plain_verb_is_not_attribution():
    assert find_attribution("She read the report twice.") is None


def test_as_x_put_it():
    a = attr("As one diplomat put it, the treaty is dead.")
    assert (a.speaker, a.verb) == ("one diplomat", "put")


def test_passive_announced_by():
    a = attr("The withdrawal was announced by the Polish government on Tuesday.")
    assert (a.speaker, a.verb) == ("the Polish government", "announce")


def test_quote_fragment_inside_a_paraphrase():
    a = attr("The president told them to “get out of all these conventions” because of cost.")
    assert (a.speaker, a.verb) == ("The president", "tell")
    assert (a.quote, a.is_direct_quote) == ("get out of all these conventions", True)


def test_quote_without_a_cue_has_no_speaker():
    a = attr("“Or it will be our own mines where we know where they are.”")
    assert (a.speaker, a.verb, a.is_direct_quote) == (None, "quote", True)


def test_reporting_verb_inside_the_quote_is_ignored():
    a = attr("“They said no,” the mayor wrote.")
    assert (a.speaker, a.verb) == ("the mayor", "write")


def test_quoted_name_is_not_a_quote():
    assert find_attribution("In May, Warsaw launched the ‘Eastern Shield’ initiative.") is None


def test_sentence_adverb_is_not_part_of_the_speaker():
    assert attr("Meanwhile the union has said it will strike.").speaker == "the union"


@pytest.mark.parametrize(
    "sentence",
    [
        "The said agreement was signed in 1997.",
        "All told, 164 countries have signed the treaty.",
        "Landmines have seen widespread use in the war.",
        "Officials are said to be furious.",
        "Soldiers were told to leave.",
        "They would not say.",
    ],
)
def test_near_misses_are_not_attributions(sentence):
    assert find_attribution(sentence) is None
