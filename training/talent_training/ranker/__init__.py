"""The additive ranker: one small network per feature, summed; trained with a pairwise ranking loss."""
