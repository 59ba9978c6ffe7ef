"""Mutation check of the models: does the model stage of `make test` notice a plausible wrong edit?

Each mutation below is one small, plausible slip in a model module (a lever dropped, a sign or an
operator flipped, a boundary moved). The script applies them one at a time to a scratch copy of
the repository and runs the model tests there (`pytest -m "not browser" tests`, minus the tests that
exercise tooling rather than models); a mutation is *caught* when that run fails. It prints one line
per mutation and the mutation score, which should stay at or above 90%.

    .venv/bin/python benchmarks/mutations.py            # all mutations (a few minutes)
    .venv/bin/python benchmarks/mutations.py lab militias   # only these modules

Each snippet must occur exactly once in its module (tests/test_mutations_list.py checks it), so a
refactor that moves the code updates this list in the same change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (module, original snippet, mutated snippet, what the slip means)
MUTATIONS: list[tuple[str, str, str, str]] = [
    # the four edits that issue 10 found the suite missing
    (
        "lab",
        "return WARLORD_HAZARD * (1.0 - share) * (1.0 - SEPARATION_EFFECT * lv.separation)",
        "return WARLORD_HAZARD * (1.0 - share)",
        "separation of forces ignored in the warlord hazard",
    ),
    (
        "lab",
        "return p_commanders[:, None] * p_spoiler[None, :] * p_opposition * holding",
        "return p_commanders[:, None] * p_spoiler[None, :] * holding",
        "the opposition ignored in the phase diagram",
    ),
    (
        "militias",
        'sanction = d["patronage"] + self.arrest_penalty',
        'sanction = self.arrest_penalty + 0.0 * d["patronage"]',
        "patronage ignored in the militia model",
    ),
    (
        "style",
        'return 50 + 22 * (title.count("<br>") + 1) + 26 * legend_rows',
        'return 50 + 22 * (title.count("<br>") + 1) + 26',
        "legend rows ignored in the top margin",
    ),
    # bargaining (chapter 2)
    (
        "bargaining",
        "low, high = max(0.0, p - cost_a), min(1.0, p + cost_b)",
        "low, high = max(0.0, p - cost_a), min(1.0, p + cost_a)",
        "B's cost replaced by A's",
    ),
    (
        "bargaining",
        "return None if low > high else (low, high)",
        "return None if low >= high else (low, high)",
        "a one-point range called empty",
    ),
    (
        "bargaining",
        "costs = cost_b * (1.0 - 0.5 * u[:n_veto])",
        "costs = cost_b * (1.0 + 0.5 * u[:n_veto])",
        "extra veto players pay more than the first",
    ),
    (
        "bargaining",
        "return bargaining_range(p, cost_a, float(costs_b.min()))",
        "return bargaining_range(p, cost_a, float(costs_b.max()))",
        "the least reluctant veto player decides",
    ),
    # redeployment (chapter 3)
    (
        "redeployment",
        "p = np.where(total > 0, am / np.where(total > 0, total, 1.0), 0.5)",
        "p = np.where(total > 0, am / np.where(total > 0, total, 1.0), 0.0)",
        "a front with no forces goes to B",
    ),
    (
        "redeployment",
        "return base + (s[..., None] * regime_aleppo) * per_front",
        "return base + (s[..., None] * regime_aleppo) * per_front * 0.5",
        "half the freed forces vanish",
    ),
    # pressure (chapter 4)
    (
        "pressure",
        "return bargaining_range(p, cost_a, cost_b - patience * min(shift, p))",
        "return bargaining_range(p, cost_a, cost_b - min(shift, p))",
        "patience ignored in the shifting-power range",
    ),
    (
        "pressure",
        "discounted = patience * shifts / (1.0 - patience * decay)",
        "discounted = patience * shifts / (1.0 - decay)",
        "the discount dropped from the future shifts",
    ),
    # spoilers (chapter 5)
    (
        "spoilers",
        "return attack_probability(spoiler_strength, spoiler_type, inducement) * (1.0 - monitoring)",
        "return attack_probability(spoiler_strength, spoiler_type, inducement)",
        "monitoring ignored",
    ),
    (
        "spoilers",
        'BUYABLE = {"limited": 1.0, "greedy": 0.5, "total": 0.0}',
        'BUYABLE = {"limited": 1.0, "greedy": 0.5, "total": 0.5}',
        "a total spoiler can be bought off",
    ),
    (
        "spoilers",
        "k = np.minimum(MAX_ANSWERS, 1 + np.floor(MAX_ANSWERS * (1.0 - u[:, -2]))).astype(int)",
        "k = np.minimum(MAX_ANSWERS, 2 + np.floor(MAX_ANSWERS * (1.0 - u[:, -2]))).astype(int)",
        "every truce absorbs one more breach",
    ),
    # strikes (chapter 7)
    (
        "strikes",
        "return _out(jihadist_strength * (1.0 - strike_effect * s), strike_intensity)",
        "return _out(jihadist_strength * (1.0 - strike_effect), strike_intensity)",
        "strike intensity ignored",
    ),
    (
        "strikes",
        "opposition = moderate_strength + j",
        "opposition = moderate_strength",
        "jihadists left out of opposition strength",
    ),
    # warlords (chapter 8)
    ("warlords", "worth = c * patience**delay", "worth = c * patience", "the delay of the peace dividend ignored"),
    (
        "warlords",
        'return float(np.count_nonzero(g >= _required(w, c, delay, d["base"], d["patience"]))) / d["base"].size',
        'return float(np.count_nonzero(g > _required(w, c, delay, d["base"], d["patience"]))) / d["base"].size',
        "a commander exactly indifferent refuses",
    ),
    # militias (chapter 9)
    (
        "militias",
        "return np.where(gap > 0, kappa, 0.0)",
        "return np.where(gap >= 0, kappa, 0.0)",
        "a commander whose promise covers his rents needs control",
    ),
    # survival (Kaplan-Meier, chapter 10)
    (
        "survival",
        "survival = np.cumprod((at_risk - events) / at_risk)",
        "survival = np.cumprod((at_risk - events) / (at_risk + 1))",
        "Kaplan-Meier's risk set off by one",
    ),
    # local truces (chapter 6)
    (
        "local_truces",
        "spoiler_strength * influence, n=n_districts, seed=seed,",
        "spoiler_strength * 0.5, n=n_districts, seed=seed,",
        "jihadist influence ignored in a district's truce",
    ),
    # the lab (chapter 10)
    (
        "lab",
        "opposition = 1.0 - min(1.0, loss_elsewhere(lv.freed_share, lv.coverage) / worst)",
        "opposition = 1.0 - min(1.0, loss_elsewhere(lv.freed_share, 0.0) / worst)",
        "other fronts frozen too ignored by the opposition",
    ),
    (
        "lab",
        "* (1.0 - GUARANTEE_EFFECT * lv.guarantees) * (1.0 - SEPARATION_EFFECT * lv.separation)\n",
        "* (1.0 - GUARANTEE_EFFECT * lv.guarantees) * (1.0 - SEPARATION_EFFECT * lv.guarantees)\n",
        "separation replaced by guarantees in the baseline hazard",
    ),
]

# tests that exercise tooling (nbval, notebooks, the Jupyter server), not the models: slow and beside the point
SKIP_TESTS = [
    "tests/test_nbval_tolerance.py",
    "tests/test_save_hook.py",
    "tests/test_notebooks.py",
    "tests/test_glue.py",
    "tests/test_mutations_list.py",
]
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "_build", "node_modules", "test-output", "*.egg-info", "__pycache__", ".hypothesis"
)


def module_path(root: Path, module: str) -> Path:
    return root / "widgets" / f"{module}.py"


def check_list(root: Path = ROOT) -> list[str]:
    """Problems with the list: a snippet missing from its module, or found more than once."""
    problems = []
    for module, old, new, _ in MUTATIONS:
        count = module_path(root, module).read_text().count(old)
        if count != 1:
            problems.append(f"{module}: snippet found {count} times: {old[:70]}")
        if old == new:
            problems.append(f"{module}: mutation changes nothing: {old[:70]}")
    return problems


def run(modules: list[str] | None = None, timeout: int = 600) -> tuple[int, int, list[tuple]]:
    chosen = [m for m in MUTATIONS if not modules or m[0] in modules]
    caught, rows = 0, []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(ROOT, work, ignore=IGNORE)
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-m",
            "not browser",
            "-p",
            "no:cacheprovider",
            *[f"--ignore={t}" for t in SKIP_TESTS],
            "tests",
        ]
        env = {**__import__("os").environ, "PYTHONPATH": str(work)}
        for module, old, new, meaning in chosen:
            path = module_path(work, module)
            original = path.read_text()
            if original.count(old) != 1:
                rows.append((module, meaning, "stale", 0.0))
                continue
            path.write_text(original.replace(old, new))
            start = time.perf_counter()
            try:
                result = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
                killed = result.returncode != 0
            except subprocess.TimeoutExpired:
                killed = True  # a mutant that hangs the tests is noticed too
            finally:
                path.write_text(original)
            caught += killed
            rows.append((module, meaning, "caught" if killed else "SURVIVED", time.perf_counter() - start))
            print(f"{module:<14}{'caught' if killed else 'SURVIVED':<10}{rows[-1][3]:6.1f} s  {meaning}", flush=True)
    applicable = sum(1 for r in rows if r[2] != "stale")
    return caught, applicable, rows


def main(argv: list[str]) -> int:
    problems = check_list()
    for p in problems:
        print("stale mutation:", p)
    caught, total, _ = run(argv or None)
    score = caught / total if total else 0.0
    print(f"mutation score: {caught}/{total} caught = {score:.0%} (target >= 90%)")
    return 0 if score >= 0.9 and not problems else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
