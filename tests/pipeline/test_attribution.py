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


# --- Abbreviations inside a speaker phrase -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Flights will resume, according to U.K. aviation officials.", "U.K. aviation officials"),
        ("The camp is full, according to senior U.N. diplomats.", "senior U.N. diplomats"),
        ("Sources in St. Petersburg said the port was closed.", "Sources in St. Petersburg"),
        (
            "The deal is off, according to Acme Holdings Inc. executives.",
            "Acme Holdings Inc. executives",
        ),
    ],
)
def test_abbreviation_dots_do_not_cut_the_speaker(sentence, speaker):
    assert attr(sentence).speaker == speaker


def test_a_title_abbreviation_after_according_to_is_kept_with_the_name():
    assert attr("Troops will leave, according to Gen. Ana Ruiz.").speaker == "Ana Ruiz"


# --- Participles used as adjectives are not reporting verbs ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry's stated goal is 40,000 new homes.",
        "Its reported budget was cut by a third.",
        "The union's claimed membership has fallen.",
        "The announced closures will hit the north hardest.",
        "Of the 3,000 reported cases, half were mild.",
        "The widely reported merger collapsed in May.",
        "The bank cut rates below the fund's suggested 3% floor.",
        "Police arrested the 'alleged' ringleader on Friday.",
    ],
)
def test_participle_adjectives_are_not_attributions(sentence):
    assert find_attribution(sentence) is None


# --- Coordination inside the speaker's noun phrase -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The foreign ministers of the Nordic countries and Canada said on Monday that talks "
            "would continue.",
            "The foreign ministers of the Nordic countries and Canada",
        ),
        (
            "Officials from Chile and Peru said the border would reopen.",
            "Officials from Chile and Peru",
        ),
        (
            "The prime ministers of Spain and Portugal told journalists the plan was agreed.",
            "The prime ministers of Spain and Portugal",
        ),
        ("The Times and The Guardian say they will appeal.", "The Times and The Guardian"),
    ],
)
def test_coordination_inside_a_speaker_phrase_is_kept_whole(sentence, speaker):
    assert attr(sentence).speaker == speaker


def test_and_between_clauses_does_not_join_the_speaker():
    assert attr("Exports fell sharply and Canada said it would retaliate.").speaker == "Canada"


def test_a_comma_without_a_list_ends_an_introductory_phrase():
    assert attr("In Lagos, the governor said schools would reopen.").speaker == "the governor"


# --- Brackets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["[PDF]", "(PDF)", "[link]"])
def test_a_link_label_is_not_part_of_the_speaker(label):
    a = attr(f"Costs doubled, according to the Government Accountability Office {label}.")
    assert a.speaker == "the Government Accountability Office"


def test_a_bracketed_acronym_belongs_to_the_name_before_said():
    a = attr("Harvests will shrink, the Food and Agriculture Organization (FAO) said.")
    assert a.speaker == "the Food and Agriculture Organization (FAO)"


# --- Where the speaker stands -----------------------------------------------------------------


def test_inverted_said_after_a_comma_names_the_speaker_after_it():
    a = attr("Demand will keep rising, said Lena Fischer, an economist at Commerzbank.")
    assert (a.speaker, a.role, a.verb) == ("Lena Fischer", "an economist at Commerzbank", "say")


def test_parenthetical_says_with_a_name():
    assert attr("The scheme, says Mr Okafor, is unaffordable.").speaker == "Okafor"


def test_a_clause_after_said_is_not_an_inverted_speaker():
    a = attr("Ms Diaz, the chairwoman, said Peru would stay in the pact.")
    assert (a.speaker, a.role) == ("Diaz", "the chairwoman")


def test_closing_reporting_clause_wins_over_an_earlier_weak_cue():
    a = attr("Several banks have noted the rise in fraud, the Bank of Canada said on Tuesday.")
    assert (a.speaker, a.verb) == ("the Bank of Canada", "say")


def test_relative_clause_with_commas_is_skipped_back_to_the_speaker():
    a = attr("Maria Lopez, who chairs the panel in Lima, in Peru, said the bill was flawed.")
    assert (a.speaker, a.role) == ("Maria Lopez", None)


def test_relative_clause_after_an_appositive_role():
    a = attr("Amir Khan, head of the port authority, which handles most imports, said: “We wait.”")
    assert (a.speaker, a.role) == ("Amir Khan", "head of the port authority")


def test_name_second_between_commas_after_a_lowercase_description():
    a = attr("“It is unfair,” the festival’s director in Oslo, Kari Berg, told reporters.")
    assert (a.speaker, a.role) == ("Kari Berg", "the festival’s director in Oslo")


def test_sentence_adverb_between_commas_is_not_a_role():
    a = attr("The central bank, meanwhile, said inflation had peaked.")
    assert (a.speaker, a.role) == ("The central bank", None)


def test_speaker_with_a_prepositional_head():
    assert attr("A spokeswoman for the airline said no flights were cancelled.").speaker == (
        "A spokeswoman for the airline"
    )


def test_percentage_and_more_than_speakers():
    assert attr("Some 45% said they would vote.").speaker == "Some 45%"
    a = attr("More than half of those polled, 52%, said prices were too high.")
    assert a.speaker == "More than half of those polled"
    assert attr("Growth was 2% more than the Treasury predicted.").speaker == "the Treasury"


def test_adverb_before_the_verb_is_not_the_speaker():
    assert attr("The company strongly denied the allegations.").speaker == "The company"
    assert attr("The family said they were relieved.").speaker == "The family"


def test_capitalised_function_word_inside_a_name():
    a = attr("“We were robbed,” Jo May told the Observer.")
    assert (a.speaker, a.medium) == ("Jo May", "the Observer")


def test_trailing_relative_pronoun_is_left_out():
    a = attr("The leak came from a website which said it had seen the memo.")
    assert a.speaker == "a website"


# --- A reporting verb that shares an earlier subject ------------------------------------------


def test_coordinated_verb_takes_the_clause_subject():
    a = attr("The airline cut 500 jobs last year but said on Friday it would hire again.")
    assert (a.speaker, a.verb) == ("The airline", "say")


def test_participle_clause_takes_the_clause_subject():
    a = attr("The minister rejected the report, saying it was biased.")
    assert (a.speaker, a.verb) == ("The minister", "say")


def test_present_tense_claims_after_a_subject():
    assert attr("The firm claims that profits rose.").speaker == "The firm"
    assert attr("Critics claim it will fail.").speaker == "Critics"


@pytest.mark.parametrize(
    "sentence",
    [
        "The driver was arrested and told to stay at home.",
        "The minister moved to dismiss claims that he lied.",
        "Two men accused of fraud appeared in court.",
        "Rivera added two late goals.",
        "The striker responded quickly by scoring twice.",
        "She claimed victory in the sprint.",
        "Insurance claims rose 8% last year.",
        "Critics think it over-states the risk.",
        "That said, the plan has merit.",
        "The agency has not said whether it will appeal.",
    ],
)
def test_more_near_misses_are_not_attributions(sentence):
    assert find_attribution(sentence) is None


# --- Quotes, media and outlets ----------------------------------------------------------------


def test_straight_quote_closing_a_quote_from_an_earlier_sentence():
    a = attr('Nobody expected that," the coach said.')
    assert (a.speaker, a.quote) == ("the coach", "Nobody expected that")


def test_the_outlet_of_a_programme_is_its_owner():
    assert attr("“No,” he told BBC Radio 5's Sportsweek.").medium == "BBC Radio 5"
    a = attr("She said so in an interview with the Guardian's weekend magazine.")
    assert a.medium == "the Guardian"


@pytest.mark.parametrize(
    "sentence",
    [
        "He told MPs the plan would be published in June.",
        "She told a Senate hearing that funds were short.",
        "He told them the European Union had agreed.",
    ],
)
def test_an_audience_is_not_a_medium(sentence):
    assert attr(sentence).medium is None


def test_quoted_as_saying():
    a = attr("The newspaper quoted Ms Tan as saying the talks had failed.")
    assert (a.speaker, a.verb, a.medium) == ("Tan", "say", "The newspaper")


def test_passive_told_by():
    a = attr("The jury was told by prosecutor Ann Lee that the deal was a sham.")
    assert (a.speaker, a.verb) == ("Ann Lee", "tell")
