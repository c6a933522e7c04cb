import itertools

from factcheck.pipeline.actors import (
    expand_group,
    find_actors,
    find_actors_in_sentences,
    people_index,
)


def by_text(sentence, **kw):
    actors = find_actors(sentence, **kw)
    for a in actors:
        assert sentence[a.start : a.end] == a.text
    return {a.text: a for a in actors}


def test_spans_match_the_sentence_and_do_not_overlap():
    s = "Russian President Vladimir Putin met the Polish Ministry of Defence in Warsaw."
    actors = find_actors(s)
    assert [a.text for a in actors] == ["Vladimir Putin", "Polish Ministry of Defence", "Warsaw"]
    for a, b in itertools.pairwise(actors):
        assert a.end <= b.start


def test_country_aliases_map_to_one_canonical_name():
    found = by_text("The U.S., the UK, Britain and the United States of America agreed.")
    assert found["U.S."].name == "United States"
    assert found["UK"].name == "United Kingdom"
    assert found["Britain"].name == "United Kingdom"
    assert found["United States of America"].name == "United States"


def test_demonym_maps_to_its_country_and_says_so():
    a = by_text("Polish officials met Lithuanian troops.")["Polish"]
    assert (a.kind, a.name, a.country, a.via_demonym) == ("country", "Poland", "Poland", True)
    assert by_text("Several Ukrainians fled.")["Ukrainians"].name == "Ukraine"


def test_baltic_states_is_a_group_of_three_countries():
    a = by_text("Poland and the Baltic states signed it.")["Baltic states"]
    assert a.kind == "group"
    assert a.members == ("Estonia", "Latvia", "Lithuania")


def test_baltic_adjective_is_the_group_by_demonym():
    a = by_text("Baltic and Polish defense ministers want out.")["Baltic"]
    assert (a.kind, a.name, a.via_demonym) == ("group", "Baltic states", True)


def test_nato_alone_is_an_organisation_but_nato_members_is_a_group():
    nato = by_text("NATO said so.")["NATO"]
    assert nato.kind == "organisation"
    members = by_text("Four NATO members will leave.")["NATO members"]
    assert members.kind == "group"
    assert len(members.members) == 32


def test_expand_group_knows_aliases_and_member_counts():
    assert expand_group("the Baltic states") == ("Estonia", "Latvia", "Lithuania")
    assert len(expand_group("EU member states")) == 27
    assert len(expand_group("NATO")) == 32
    assert len(expand_group("G7")) == 7
    assert len(expand_group("Five Eyes")) == 5
    assert "Sweden" in expand_group("Nordic countries")


def test_vague_groups_are_not_resolved():
    assert expand_group("the four nations") == ()
    assert not [a for a in find_actors("The four nations agreed.") if a.kind == "group"]


def test_title_case_headline_keeps_only_known_names():
    found = by_text("Poland and Baltic States Withdraw From Landmine Ban Amid Rising Threat")
    assert set(found) == {"Poland", "Baltic States"}


def test_sentence_initial_common_words_are_not_actors():
    for s in [
        "The decision was final.",
        "However, nothing changed.",
        "Despite this, the talks went on.",
        "Landmines were banned.",
    ]:
        assert find_actors(s) == [], s


def test_may_the_month_is_not_a_name_but_theresa_may_is():
    assert [a.text for a in find_actors("In May, Warsaw launched the plan.")] == ["Warsaw"]
    assert "Theresa May" in by_text("Officials met Theresa May, the former prime minister.")


def test_turkey_the_bird_is_not_turkey_the_country():
    found = find_actors("We ate turkey while Turkey hosted the talks.")
    assert [(a.text, a.name) for a in found] == [("Turkey", "Turkey")]


def test_georgia_defaults_to_the_country_and_washington_is_a_place():
    found = by_text("Georgia and Washington disagree.")
    assert found["Georgia"].kind == "country"
    assert (found["Washington"].kind, found["Washington"].country) == ("place", "United States")


def test_jordan_followed_by_a_surname_is_not_the_country():
    found = by_text("Jordan Peterson visited Jordan.")
    assert "Jordan Peterson" in found
    assert found["Jordan"].kind == "country"


def test_title_before_a_name_gives_the_role():
    p = by_text("Poland will buy mines, according to Deputy Defense Minister Pawel Bejda.")[
        "Pawel Bejda"
    ]
    assert (p.kind, p.role) == ("person", "Deputy Defense Minister")
    p = by_text("Russian President Vladimir Putin spoke.")["Vladimir Putin"]
    assert (p.role, p.country) == ("Russian President", "Russia")


def test_rank_is_a_title_and_the_appositive_is_the_role():
    p = by_text("General Janne Jaakkola, the defense chief of Finland, spoke.")["Janne Jaakkola"]
    assert (p.title, p.role, p.country) == ("General", "the defense chief of Finland", "Finland")


def test_appositive_role_stops_before_and_a():
    s = "Hanno Pevkur, Estonia's minister of defense and a signatory to the deal, said no."
    p = by_text(s)["Hanno Pevkur"]
    assert (p.role, p.country) == ("Estonia's minister of defense", "Estonia")


def test_role_before_the_name_with_a_comma():
    p = by_text("Latvia’s foreign minister, Anna Berzina, disagreed.")["Anna Berzina"]
    assert (p.kind, p.role, p.country) == ("person", "Latvia’s foreign minister", "Latvia")


def test_diacritics_stay_inside_names():
    s = "“It is needed,” Dovilė Šakalienė, Lithuania’s minister of national defense, said."
    p = by_text(s)["Dovilė Šakalienė"]
    assert (p.kind, p.country) == ("person", "Lithuania")


def test_name_followed_by_a_reporting_verb_is_a_person():
    assert by_text("Later, Marta Kowalska told reporters it was over.")["Marta Kowalska"].kind == (
        "person"
    )


def test_organisation_cues_make_one_name_with_a_country():
    found = by_text("The Washington Post asked Lithuania’s Ministry of Defense.")
    assert found["Washington Post"].kind == "organisation"
    org = found["Ministry of Defense"]
    assert (org.kind, org.country) == ("organisation", "Lithuania")


def test_acronyms_are_organisations():
    assert by_text("He told local broadcaster RMF FM so.")["RMF FM"].kind == "organisation"


def test_treaties_are_laws_even_when_named_after_a_city():
    a = by_text("They left the Ottawa Convention last year.")["Ottawa Convention"]
    assert a.kind == "law"


def test_and_the_splits_two_organisations():
    found = by_text("Poland and the European Commission agreed.")
    assert found["Poland"].kind == "country"
    assert found["European Commission"].kind == "organisation"


def test_later_mention_by_surname_resolves_to_the_full_name():
    first = find_actors("Deputy Defense Minister Pawel Bejda spoke on Monday.")
    known = people_index(first)
    later = by_text("Bejda told radio listeners the plan.", known_people=known)["Bejda"]
    assert (later.kind, later.name) == ("person", "Pawel Bejda")


def test_article_resolution_upgrades_an_earlier_unknown_name():
    sentences = ["The sprinter James Orwell is confident.", '"I can win," said Orwell.']
    first, second = find_actors_in_sentences(sentences)
    assert [(a.kind, a.name) for a in first] == [("person", "James Orwell")]
    assert [(a.kind, a.name) for a in second] == [("person", "James Orwell")]


def test_shared_surname_is_not_resolved():
    index = people_index(
        find_actors("Dr Anna Smith met Mr John Smith and President Joe Biden on Monday.")
    )
    assert "Smith" not in index
    assert index["Biden"] == "Joe Biden"
