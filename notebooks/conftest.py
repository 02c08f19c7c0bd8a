"""nbval runs these notebooks with the same kernel environment as tools/run_notebooks.py."""

import run_notebooks  # tools/, on the path by pyproject's [tool.pytest.ini_options] pythonpath

run_notebooks.apply_env()
