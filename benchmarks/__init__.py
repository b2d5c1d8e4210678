"""Build-speed benchmark: a generated corpus (generate.py) and the runner (run.py)."""
