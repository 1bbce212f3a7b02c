"""A token-classification tagger for skill and knowledge spans, trained on SkillSpan, exported to ONNX."""
