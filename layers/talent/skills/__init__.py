"""Skills: the taxonomy (ESCO + O*NET), the extractors and how they combine."""
