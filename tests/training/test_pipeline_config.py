"""The training configuration file is checked: a misspelt key or a wrong type is an error naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("torch")

from talent_training.pipeline.config import PipelineConfig
from talent_training.pipeline.run import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_config_loads() -> None:
    config = PipelineConfig.load(ROOT / "training" / "configs" / "screening.toml")
    assert (config.family_kind, config.ranker_steps, config.promote_metric) == ("terms", 1500, "fit_auc_minor")


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[ranker]\nsteeps = 10\n", "ranker.steeps"),  # a misspelt key no longer leaves the default silently
        ("[rankr]\nsteps = 10\n", "rankr"),
        ("[ranker]\nsteps = 'many'\n", "ranker.steps"),
        ("[job_family]\nkind = 'forest'\n", "job_family.kind"),
        ("[data]\nlimit = -1\n", "data.limit"),
    ],
)
def test_a_wrong_key_or_value_is_an_error_naming_it(tmp_path: Path, toml: str, named: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ValueError, match=named.replace(".", r"\.")):
        PipelineConfig.load(path)


def test_talent_train_reports_it_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[ranker]\nsteeps = 10\n")
    assert main(["--config", str(path)]) == 2
    assert "ranker.steeps" in capsys.readouterr().err
