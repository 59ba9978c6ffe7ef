"""Chapter 2's claims, as the column and the literature state them, checked against the model."""

from widgets.bargaining import bargaining_range, veto_player_costs, veto_range


def test_claim_a_freeze_should_have_been_possible_when_war_is_costly_for_both():
    # Fearon (1995): with positive costs some split beats war for both, at any balance of power.
    for p in (0.2, 0.5, 0.6, 0.8):
        assert bargaining_range(p, 0.05, 0.05) is not None


def test_claim_an_offer_near_the_front_lines_lies_in_the_range_under_different_beliefs():
    # Exercise 2: keeping the current lines (x = 0.5) beats war whether p is 0.45 or 0.6.
    for p in (0.45, 0.6):
        low, high = bargaining_range(p, 0.15, 0.15)
        assert low <= 0.5 <= high


def test_claim_one_veto_player_that_gains_from_war_can_block_every_deal():
    # Cunningham (2006): every veto player must accept; one that gains from fighting more than
    # the other side loses leaves no deal at all, however many others would accept.
    assert veto_range(0.6, 0.15, veto_player_costs(4, 0.3, spoiler_gain=0.0)) is not None
    assert veto_range(0.6, 0.15, veto_player_costs(4, 0.3, spoiler_gain=0.2)) is None


def test_claim_a_spoiler_that_gains_more_than_a_loses_closes_the_range_from_the_first_veto_player():
    # Chapter 2's width figure: with a veto player that gains 0.2 (> c_A = 0.15) the width is
    # zero from the first veto player on, and a gain of 0.1 (< c_A) leaves a range at every size.
    from widgets.bargaining import width_by_veto_players

    widths = width_by_veto_players((0.1, 0.2))
    assert all(w == 0 for w in widths[0.2])
    assert all(w > 0 for w in widths[0.1])
