"""The column's claims about jihadist spoilers, held against the record where the data can speak.

Middle East Eye (2015), "Why is a ceasefire so difficult in Aleppo?" (mee2015column), as chapter 11
("What the record shows") reads it. The data: UCDP GED Syria 2016-2017 and the Syrian agreements of
PA-X v4 (data/README.md). Each test states the claim, what the data can and cannot say about it, and
checks what the chapter says the data show. These tests describe; none of them shows cause.
"""

from __future__ import annotations

from widgets import record as rc


def _change(table, kind):
    return rc.change(table.loc[kind, "events_before"], table.loc[kind, "events_after"])


def test_claim_truces_hold_where_jihadist_influence_is_low_approached():
    """'The areas which don't have a significant jihadist influence are the ones where ceasefires have
    successfully taken hold.' The data cannot measure influence; they can compare the fighting a
    ceasefire covered with the fighting it excluded. Around the 27 February 2016 cessation, in all
    Syria and in Aleppo, covered fighting fell while the excluded fighting against IS fell less or
    rose; fighting among non-state groups naming a jihadist group rose."""
    syria = rc.record_table("2016-02-27", "All Syria", 28)
    aleppo = rc.record_table("2016-02-27", "Aleppo", 28)
    assert _change(syria, "covered") < -0.3 and _change(syria, "excluded") > 0
    assert _change(aleppo, "covered") < _change(aleppo, "excluded") < 0
    for table in (syria, aleppo):
        assert _change(table, "jihadist_nonstate") > 0
    # the example, with the precision filters
    assert tuple(aleppo.loc["covered"]) == (72, 29, 775, 82)


def test_the_covered_fighting_includes_the_jihadists():
    """The limit the chapter states first: 'Syrian insurgents' includes Nusra/JFS and Ahrar al-Sham, so
    'covered' fighting is not fighting without jihadists. UCDP never names them as the government's
    opponent in this file."""
    assert rc.jihadist_named_in_government_fighting(rc.load_events()) == 0


def test_covered_fighting_fell_after_each_2016_ceasefire_in_all_syria():
    """Every 2016 ceasefire was followed by less covered fighting in the next 28 days than in the 28
    before, in all Syria: a description of three cases, not a test of why."""
    for date in rc.CEASEFIRES:
        t = rc.record_table(date, "All Syria", 28)
        assert t.loc["covered", "events_after"] < t.loc["covered", "events_before"]


def test_claim_jihadists_incapable_of_any_compromise_even_short_term_is_contradicted_as_worded():
    """'They are incapable of any compromise, even short term.' PA-X records agreements, many of them
    ceasefires, that Nusra/JFS/HTS, Ahrar al-Sham or IS signed, some before the column was written;
    but most were with other armed groups or with one another, few with the government: 'compromise
    with whom' is part of the answer."""
    s = rc.agreements_summary()
    assert s["signed"] >= 40 and s["ceasefire_stage"] >= 30
    assert s["before_column_ceasefires"] >= 3
    assert 1 <= s["with_government"] <= 5
    assert s["with_government"] < s["with_one_another"] < s["with_other_armed_groups"]
    zabadani = rc.load_reading().set_index("AgtId").loc[1440]
    assert zabadani["counterpart"] == "government" and zabadani["Stage"] == "Cea"


def test_claim_striking_jihadists_favours_the_government_cannot_be_tested_here():
    """'Weakening those jihadist groups will automatically give the Syrian regime ... the upper hand.'
    A counterfactual: the record holds no strikes on the jihadist groups separable from the
    government's fighting against 'Syrian insurgents', and the few US strikes on al-Qaida it does
    record fall in 2017 and are coded as neither covered nor excluded fighting."""
    ev = rc.load_events()
    us = ev[ev["side_a"] == "Government of United States of America"]
    assert set(us["side_b"]) == {"al-Qaida"} and len(us) == 3
    assert set(us["kind"]) == {"other"} and (us["date_start"].dt.year == 2017).all()
