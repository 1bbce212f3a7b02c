"""Versioned event contracts: what ATS systems send us and what we publish."""
