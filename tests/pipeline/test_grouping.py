"""Grouping only ever adds: claims join the group of their best partner or found one."""

from factcheck.pipeline.grouping import Member, canonical_member, plan_groups


def test_ungrouped_agreeing_claims_found_one_group_transitively():
    plan = plan_groups([(1, 2, 0.9), (2, 3, 0.8)], {1: None, 2: None, 3: None})
    assert plan.new_groups == [[1, 2, 3]]
    assert plan.joins == {}


def test_a_new_claim_joins_the_group_of_its_strongest_partner():
    plan = plan_groups([(1, 10, 0.7), (1, 20, 0.95)], {1: None, 10: 100, 20: 200})
    assert plan.joins == {1: 200}
    assert plan.new_groups == []


def test_a_component_with_one_grouped_partner_joins_that_group_whole():
    plan = plan_groups([(1, 2, 0.9), (2, 30, 0.8)], {1: None, 2: None, 30: 300})
    assert plan.joins == {1: 300, 2: 300}


def test_grouped_claims_are_never_moved_and_groups_never_merged():
    plan = plan_groups([(10, 20, 0.99)], {10: 100, 20: 200})
    assert plan.joins == {}
    assert plan.new_groups == []


def test_claims_an_editor_placed_neither_move_nor_pull_others_in():
    plan = plan_groups([(1, 2, 0.9), (2, 3, 0.9)], {1: None, 2: None, 3: None}, locked=[2])
    assert plan.new_groups == []
    assert plan.joins == {}


def test_the_canonical_wording_stands_on_its_own_and_is_not_a_quote():
    members = [
        Member(1, "They said over 160 countries had joined the treaty by then.", 0.9, True, False),
        Member(
            2, "“Over 160 countries have joined,” she said, repeating herself.", 0.95, False, True
        ),
        Member(3, "More than 160 countries are parties to the mine ban treaty.", 0.7, False, False),
    ]
    assert canonical_member(members).id == 3
