"""The bias audit of a job: selection and scoring rates, impact ratios, four-fifths flags, small groups."""

from __future__ import annotations

from datetime import UTC, datetime

from talent.contracts.events import RaceEthnicity, ScreeningStatus, Sex, Stage
from talent.domain.fairness import FOUR_FIFTHS, SelfIdentified, fairness_report
from talent.domain.models import Application, ApplicationStatus, Ranking, ScoreResult

NOW = datetime(2026, 11, 25, tzinfo=UTC)


Person = tuple[Sex | None, RaceEthnicity | None, Stage, float]


def people(spec: list[Person]):
    applications, rankings, identities = [], [], []
    for i, (sex, race, stage, score) in enumerate(spec):
        app_id = f"app-{i}"
        applications.append(
            Application(
                tenant="t",
                application_id=app_id,
                candidate_id=f"c-{i}",
                job_id="j",
                submitted_at=NOW,
                status=ApplicationStatus.RECEIVED,
                stage=stage,
            )
        )
        result = ScoreResult(
            score=score,
            baseline=0.0,
            contributions={},
            model_version="m",
            feature_spec_version="f",
            input_sha256="0" * 64,
        )
        rankings.append(
            Ranking(
                tenant="t",
                application_id=app_id,
                candidate_id=f"c-{i}",
                job_id="j",
                job_version=1,
                status=ScreeningStatus.SCREENED,
                result=result,
                screened_at=NOW,
            )
        )
        if sex or race:
            identities.append(
                SelfIdentified(tenant="t", job_id="j", application_id=app_id, sex=sex, race_ethnicity=race)
            )
    return applications, rankings, identities


def test_a_group_selected_at_under_four_fifths_of_the_best_rate_is_flagged() -> None:
    # Given 10 men (6 interviewed, high scores) and 10 women (3 interviewed, low scores), all white
    white = RaceEthnicity.WHITE
    spec: list[Person] = [(Sex.MALE, white, Stage.INTERVIEW if i < 6 else Stage.REJECTED, 10.0 + i) for i in range(10)]
    spec += [(Sex.FEMALE, white, Stage.INTERVIEW if i < 3 else Stage.REJECTED, float(i)) for i in range(10)]
    report = fairness_report("j", *people(spec))
    by_group = {(g.category, g.group): g for g in report.groups}
    women, men = by_group["sex", "female"], by_group["sex", "male"]
    assert (men.selection_rate, women.selection_rate) == (0.6, 0.3)
    assert women.selection_impact_ratio == 0.5 and men.selection_impact_ratio == 1.0
    assert women.scoring_rate == 0.0 and men.scoring_rate == 1.0  # all men above the median score
    assert any("sex female: selection impact ratio 0.50" in f for f in report.flags)
    assert by_group["intersection", "female / white"].applicants == 10
    assert not [f for f in report.flags if "male:" in f and "female" not in f]
    assert report.applicants == report.self_identified == 20


def test_small_groups_and_undisclosed_answers_raise_no_flag() -> None:
    spec: list[Person] = [(Sex.MALE, None, Stage.INTERVIEW, 1.0)] * 10
    spec += [(Sex.NONBINARY, None, Stage.REJECTED, 0.0)] * 2  # too small to flag
    spec += [(Sex.UNDISCLOSED, RaceEthnicity.UNDISCLOSED, Stage.REJECTED, 0.0)] * 5
    spec += [(None, None, Stage.REJECTED, 0.0)] * 3
    report = fairness_report("j", *people(spec))
    nonbinary = next(g for g in report.groups if g.group == "nonbinary")
    assert nonbinary.selection_impact_ratio == 0.0 and nonbinary.excluded and not nonbinary.flags
    assert {g.group for g in report.groups} == {"male", "nonbinary"}  # undisclosed is not a group
    assert report.applicants == 20 and report.self_identified == 12
    assert report.flags == [] and FOUR_FIFTHS == 0.8


def test_an_empty_job_gives_an_empty_report() -> None:
    report = fairness_report("j", [], [], [])
    assert (report.applicants, report.groups, report.flags, report.median_score) == (0, [], [], None)
