"""The job-family classifier: a small head over the encoder's embeddings, temperature-calibrated."""
