"""The structured resume profile: the contract every downstream step (scoring, fairness, API) uses."""
