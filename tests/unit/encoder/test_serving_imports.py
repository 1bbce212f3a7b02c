from __future__ import annotations

import subprocess
import sys

TRAINING_ONLY = ("torch", "transformers", "mlflow", "sentence_transformers", "talent_training")


def test_serving_modules_never_import_training_libraries() -> None:
    # Given a fresh interpreter that imports the serving side of every model
    code = (
        "import sys, talent.encoder, talent.skills.tagger, talent.skills.linker; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({TRAINING_ONLY!r})))"
    )

    # When it has imported them
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    # Then none of the training libraries was loaded
    assert result.stdout.strip() == "[]"
