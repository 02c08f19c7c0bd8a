"""One link that opens the course on a JupyterHub: an nbgitpuller link.

A student clicks it, logs in to the hub, and nbgitpuller clones (or updates, keeping the
student's own changes) the course repository into their home, then opens JupyterLab on a
notebook. Standard library only, so `import muscletwitch` stays fast.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

REPO_URL = "https://github.com/muscletwitch/muscletwitch"
"""The course repository that hub links pull by default."""

DEFAULT_BRANCH = "main"
DEFAULT_NOTEBOOK = "00_start_here.ipynb"


def repo_dir_name(repo: str) -> str:
    """The folder the course lands in: the repository's last path segment without ``.git``."""
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    name = name.removesuffix(".git")
    if not name or name in {".", ".."}:
        raise ValueError(f"cannot name a folder after the repository {repo!r}")
    return name


def hub_link(
    hub_url: str,
    *,
    repo: str = REPO_URL,
    branch: str = DEFAULT_BRANCH,
    notebook: str = DEFAULT_NOTEBOOK,
) -> str:
    """An nbgitpuller link for `hub_url` that pulls `repo` and opens `notebooks/<notebook>`.

    `hub_url` is the hub's address with scheme, e.g. ``https://hub.example.edu`` (a base
    path such as ``https://example.edu/jupyter`` is kept). Raises ValueError for an address
    without scheme or host, an empty repo or branch, or a notebook that is not a relative
    ``.ipynb`` path.
    """
    parts = urlsplit(hub_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(
            f"hub_url needs a scheme (http or https) and a host, e.g. https://hub.example.edu; "
            f"got {hub_url!r}"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"hub_url must not carry a query or fragment; got {hub_url!r}")
    if not repo.strip():
        raise ValueError("repo must name a git repository")
    if not branch.strip():
        raise ValueError("branch must not be empty")
    segments = notebook.split("/")
    if not notebook.endswith(".ipynb") or notebook.startswith("/") or ".." in segments:
        raise ValueError(
            f"notebook must be a relative path ending in .ipynb, e.g. {DEFAULT_NOTEBOOK}; "
            f"got {notebook!r}"
        )
    folder = repo_dir_name(repo)
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": folder,
            "urlpath": f"lab/tree/{folder}/notebooks/{notebook}",
        },
        quote_via=quote,
        safe="",
    )
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    return f"{base}/hub/user-redirect/git-pull?{query}"
