"""`talent train`: build the benchmark, train classifier and ranker, evaluate, track in MLflow, promote."""
