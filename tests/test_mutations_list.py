"""The mutation check of `make bench` stays applicable: every snippet it mutates is in the code once."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.mutations import MUTATIONS, check_list  # noqa: E402


def test_every_mutation_applies_to_the_current_models():
    assert check_list() == []


def test_enough_plausible_mutations_across_the_model_modules():
    assert len(MUTATIONS) >= 20
    assert len({m[0] for m in MUTATIONS}) >= 8
