from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from talent.features.featurizer import Featurizer
from talent.features.scoring_text import scoring_text
from talent.features.spec import FeatureSpec, FeatureSpecMismatch
from talent.skills.mentions import SkillMention

RESUME = """{name}
{email} | +1 555 0100 | Springfield

SUMMARY
Data engineer with 6 years of experience. {pronoun} builds streaming pipelines.

EXPERIENCE
Senior Data Engineer, Northwind Analytics (2021 - present)
- Built Kafka and Spark pipelines in Python.

Data Engineer, Contoso Retail (2016 - 2021)
- Wrote SQL and dbt models.

EDUCATION
M.Sc. Computer Science, State University, 2016

SKILLS
Python, SQL, Apache Kafka, Apache Spark
"""

JOB = """Senior Data Engineer

Requirements:
- 4+ years of experience as a data engineer.
- Bachelor's degree in computer science required.
- Python and Java.

Nice to have:
- Experience with Apache Kafka.
"""
AS_OF = date(2024, 6, 30)


def values(featurizer: Featurizer, resume: str, job: str = JOB) -> dict[str, float]:
    candidate = featurizer.candidate(featurizer.parse_resume(resume, AS_OF))
    view = featurizer.job(featurizer.parse_job(job), job)
    return featurizer.values(view, candidate, featurizer.proficiencies(candidate))


def test_features_follow_the_spec_order(featurizer: Featurizer) -> None:
    got = values(featurizer, RESUME.format(name="Avery Quinn", email="a@example.org", pronoun="She"))
    assert list(got) == FeatureSpec.load().names


def test_requirements_are_compared_with_the_profile(featurizer: Featurizer) -> None:
    got = values(featurizer, RESUME.format(name="Avery Quinn", email="a@example.org", pronoun="She"))
    assert got["required_skills_exact"] == pytest.approx(2 / 3)  # computer science, Python; not Java
    assert got["preferred_skills_exact"] == 1.0  # Kafka
    assert got["education_vs_required"] == 1.0  # master against bachelor
    assert got["experience_vs_required"] == 2.0  # 8 years against 4, capped at twice the ask
    assert got["recency"] == 1.0  # the current role is the job's title
    assert got["relevant_experience"] > 1.0  # log1p of years in data engineer roles


def test_name_contact_and_pronouns_do_not_move_any_feature(featurizer: Featurizer) -> None:
    # Given the same resume for two people whose names, emails and pronouns differ
    a = values(featurizer, RESUME.format(name="Emily Walsh", email="emily.walsh@example.org", pronoun="She"))
    b = values(featurizer, RESUME.format(name="Jamal Washington", email="jamal.w@example.org", pronoun="He"))
    # Then every feature is identical
    assert a == b


def test_scoring_text_is_rebuilt_from_the_blind_profile_without_proxies(featurizer: Featurizer) -> None:
    profile = featurizer.parse_resume(RESUME.format(name="Avery Quinn", email="a@x.org", pronoun="Her"), AS_OF)
    with pytest.raises(ValueError, match="blind"):
        scoring_text(profile)
    text = scoring_text(profile.blind())
    assert "Senior Data Engineer" in text and "Kafka" in text
    for proxy in ("Avery", "a@x.org", "Northwind", "State University", "Springfield", "2016", "Her"):
        assert proxy not in text


def test_a_model_of_another_spec_is_refused(tmp_path: Path) -> None:
    spec = FeatureSpec.load()
    with pytest.raises(FeatureSpecMismatch, match="retrain"):
        spec.require("0" * 64, "features.v0", "the ranker in models/ranker")
    spec.require(spec.sha256, spec.version, "the ranker")  # the same spec passes


def test_a_spec_with_repeated_names_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    feature = {"name": "a", "description": "x"}
    spec = {"version": "v", "token_budget": 8, "window": 16, "excluded": "", "features": [feature, feature]}
    path.write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="repeat"):
        FeatureSpec.load(path)


def test_without_a_classifier_family_match_is_nan_so_no_ranker_can_score_it(featurizer: Featurizer) -> None:
    bare = Featurizer(featurizer.labels.encoder, featurizer.extractor, featurizer.lookup)
    got = values(bare, RESUME.format(name="Avery Quinn", email="a@example.org", pronoun="She"))
    assert math.isnan(got["family_match"])


def test_lexical_features_and_skill_count_follow_the_evidence(featurizer: Featurizer) -> None:
    # Given the resume, and the same resume without the lines that name the job's title and skills
    full = RESUME.format(name="Avery Quinn", email="a@example.org", pronoun="She")
    weakened = "\n".join(
        line for line in full.splitlines() if not any(w in line for w in ("Data Engineer", "Python", "Kafka"))
    )
    a, b = values(featurizer, full), values(featurizer, weakened)
    # Then the full resume has more of the job's words, its title's words and its skills
    assert a["lexical_resume"] > b["lexical_resume"] >= 0.0
    assert a["lexical_title"] == 1.0 and b["lexical_title"] < 1.0  # "senior data engineer" all named
    assert a["skills_matched"] == pytest.approx(math.log1p(3))  # computer science, Python, Kafka
    assert b["skills_matched"] < a["skills_matched"]


def test_term_weights_other_than_the_specs_are_refused(featurizer: Featurizer, tmp_path: Path) -> None:
    from talent.features.lexical import TermWeights

    other = TermWeights(idf={"python": 2.0}, sha256="0" * 64)
    with pytest.raises(FeatureSpecMismatch, match="term weights"):
        Featurizer(featurizer.labels.encoder, featurizer.extractor, featurizer.lookup, weights=other)


def test_postings_are_read_by_the_job_extractor_and_resumes_by_the_resume_one(featurizer: Featurizer) -> None:
    class Recording:
        def __init__(self) -> None:
            self.texts: list[str] = []

        def find(self, text: str) -> list[SkillMention]:
            self.texts.append(text)
            return []

    postings = Recording()
    split = Featurizer(featurizer.labels.encoder, featurizer.extractor, featurizer.lookup, job_extractor=postings)
    split.parse_job("Data engineer: Python and Kafka", "Data engineer")
    profile = split.parse_resume("Avery\nSkills: Python, Kafka", date(2026, 11, 1))
    assert postings.texts == ["Data engineer: Python and Kafka"]
    assert {s.label for s in profile.skills} >= {"Apache Kafka"}  # the resume went to the alias extractor
