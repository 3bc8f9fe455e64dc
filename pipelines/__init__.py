"""Jobs the user runs: extract, score, train/evaluate/promote, reports, and the CLI."""
