"""Job descriptions: requirements (required vs preferred skills, years, education, seniority)."""
