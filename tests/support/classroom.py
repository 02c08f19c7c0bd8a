"""A class on a throwaway JupyterHub, on 127.0.0.1 only: test and benchmark support.

Starts a real JupyterHub with the login of `deploy/z2jh-values.yaml` (its `hub.config` and
`hub.extraConfig`, applied in the order Zero to JupyterHub applies them, plus the class password
given at start, as `helm --set` gives it), SimpleLocalProcessSpawner with homes in a temporary
folder, configurable-http-proxy from node_modules and an API service token that has only the
scopes a course run needs (`SERVICE_SCOPES`). Logs the students in, spawns their servers through
the hub's REST API, pulls the course into each home with nbgitpuller from a local git
repository, and runs every notebook for every student, all at once, through the kernel
websocket behind the proxy (messages made by jupyter_client's `Session`, binary frames read by
jupyter_server's own decoder). Used by tests/hub and benchmarks/bench_hub.py; also runnable:
`python tests/support/classroom.py --students 3`.

Needs the `hub` extra (`pip install -e '.[hub]'`) and `npm ci` (configurable-http-proxy).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import psutil
import requests
import websocket
import yaml
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import deserialize_binary_message

from muscletwitch.hub import hub_link, repo_dir_name

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "notebooks"
VALUES = ROOT / "deploy" / "z2jh-values.yaml"
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "course-admin"
# what the course run does with the service token: start students' servers, read whether they
# are ready, and reach those servers' REST API, kernels and nbgitpuller. Nothing else: no
# stopping servers, no user admin, no tokens, no groups, no proxy.
SERVICE_SCOPES = ("start:servers", "read:servers", "access:servers")
CELL_TIMEOUT_S = 180.0
HANDSHAKE_TIMEOUT_S = 180.0
MiB = 1024 * 1024


class ClassroomError(RuntimeError):
    """The hub or a student's server did not do what a class needs."""


def course_notebooks(course: Path = COURSE) -> list[Path]:
    """The course's notebooks, in lesson order."""
    return sorted(course.glob("[0-9][0-9]_*.ipynb"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_course_repo(where: Path, course: Path = COURSE, name: str = "muscletwitch") -> Path:
    """A local git repository (branch main) holding the course's notebooks folder."""
    repo = where / name
    shutil.copytree(course, repo / "notebooks", ignore=shutil.ignore_patterns(".*", "__pycache__"))
    git = ["git", "-C", str(repo), "-c", "user.name=course", "-c", "user.email=course@localhost"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "course"], check=True)
    return repo


def deployed_login(password: str | None, values: Path = VALUES) -> dict:
    """The `hub` section of the values file that decides who logs in (`config`, `extraConfig`),
    with `password` set as `helm --set hub.config.SharedPasswordAuthenticator.user_password=...`
    sets it (None: nothing passed at deploy time)."""
    hub = yaml.safe_load(values.read_text())["hub"]
    login = {"config": hub.get("config", {}), "extraConfig": hub.get("extraConfig", {})}
    if password is not None:
        auth = login["config"].setdefault("SharedPasswordAuthenticator", {})
        auth["user_password"] = password
    return login


# How Zero to JupyterHub's jupyterhub_config.py applies the chart's `hub` values, after its own
# settings: every `hub.config` section onto `c`, then each `hub.extraConfig` snippet, by key.
_APPLY_LOGIN = """
for _app, _cfg in LOGIN["config"].items():
    c[_app].update(_cfg)
for _key, _snippet in sorted(LOGIN["extraConfig"].items()):
    exec(_snippet)
"""


def _hub_config(workdir: Path, port: int, token: str, login: dict) -> str:
    bindir = Path(sys.executable).parent
    args = ["--allow-root"] if os.geteuid() == 0 else []
    roles = [{"name": SERVICE, "scopes": list(SERVICE_SCOPES), "services": [SERVICE]}]
    settings = {
        "JupyterHub": {
            "ip": "127.0.0.1",
            "port": port,
            "hub_ip": "127.0.0.1",
            "hub_port": free_port(),
            "spawner_class": "simple",
            "db_url": f"sqlite:///{workdir / 'jupyterhub.sqlite'}",
            "cookie_secret_file": str(workdir / "cookie_secret"),
            "services": [{"name": SERVICE, "api_token": token}],
            "load_roles": roles,
            "cleanup_servers": True,
            "concurrent_spawn_limit": 0,
        },
        "ConfigurableHTTPProxy": {
            "command": [str(CHP)],
            "api_url": f"http://127.0.0.1:{free_port()}",
            "pid_file": str(workdir / "proxy.pid"),
        },
        "SimpleLocalProcessSpawner": {"home_dir_template": str(workdir / "home" / "{username}")},
        "Spawner": {
            "cmd": [str(bindir / "jupyterhub-singleuser")],
            "args": args,
            "ip": "127.0.0.1",
            "default_url": "/lab",
            "start_timeout": 300,
            "http_timeout": 300,
        },
    }
    lines = [
        f"c.{section}.{key} = {value!r}"
        for section, d in settings.items()
        for key, value in d.items()
    ]
    return "\n".join([*lines, f"LOGIN = {login!r}", _APPLY_LOGIN])


@dataclass
class Hub:
    """A running hub: its public URL, the service token, the class password, the hub process."""

    url: str
    token: str
    password: str | None
    proc: subprocess.Popen
    workdir: Path

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(
            method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kw
        )

    def log_warnings(self, last: int = 30) -> str:
        """The last warnings and errors of the hub, the proxy and the students' servers (all
        write to the hub's log): what a failed class run shows beside its failures."""
        log = self.workdir / "hub.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        marked = [
            line
            for line in lines
            if line.startswith(("[W ", "[E ", "[C "))
            or "[ConfigProxy] warn" in line
            or "[ConfigProxy] error" in line
        ]
        return "\n".join(marked[-last:]) or "(no warnings in the hub's log)"

    def server_url(self, name: str) -> str:
        return f"{self.url}/user/{quote(name)}"

    def server_processes(self) -> dict[str, psutil.Process]:
        """Each student's single-user server process, by name."""
        found = {}
        for p in _descendants(self.proc.pid):
            try:
                if any("jupyterhub-singleuser" in a for a in p.cmdline()):
                    user = p.environ().get("JUPYTERHUB_USER")
                    if user:
                        found[user] = p
            except psutil.Error:
                continue
        return found


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _wait_for(url: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ClassroomError(f"the hub exited ({proc.returncode}); log:\n{_tail(log)}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise ClassroomError(f"the hub did not answer {url} in {timeout:.0f} s; log:\n{_tail(log)}")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """Stop the hub and every process it started (servers, kernels, proxy), by id."""
    tree = _descendants(proc.pid)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the hub stops its servers and proxy itself
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    for p in tree:  # servers and kernels run in sessions of their own: any left over
        try:
            if p.is_running():  # psutil checks the start time too: never a reused pid
                p.kill()
        except psutil.Error:
            continue


def class_password() -> str:
    """A new class password, as a lecturer would make one: 16 random URL-safe characters."""
    return secrets.token_urlsafe(12)


@contextmanager
def running_hub(
    workdir: Path, *, password: str | None, values: Path = VALUES, timeout: float = 90.0
) -> Iterator[Hub]:
    """Start a JupyterHub on 127.0.0.1 in `workdir` with the login of `values` and the class
    `password` passed as at deploy time (None: none passed); always stop it and all it started.
    Raises ClassroomError, with the hub's log, if the hub refuses to start."""
    if not CHP.exists():
        raise ClassroomError(f"{CHP} is missing: run `npm ci` in {ROOT}")
    workdir.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(32)
    config = workdir / "jupyterhub_config.py"
    config.write_text(_hub_config(workdir, port, token, deployed_login(password, values)))
    log = workdir / "hub.log"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(f"{url}/hub/api/", proc, timeout, log)
        yield Hub(url=url, token=token, password=password, proc=proc, workdir=workdir)
    finally:
        _stop(proc)


# --- a student ------------------------------------------------------------------------------


def log_in(hub: Hub, name: str, password: str | None = None) -> requests.Session:
    """Log in through the hub's login form, as a browser does (default: the class password);
    raise if refused."""
    s = requests.Session()
    s.get(f"{hub.url}/hub/login", timeout=30).raise_for_status()
    password = hub.password if password is None else password
    form = {"username": name, "password": password or "", "_xsrf": s.cookies.get("_xsrf", "")}
    r = s.post(f"{hub.url}/hub/login", data=form, allow_redirects=False, timeout=30)
    if r.status_code != 302 or not any(c.name.startswith("jupyterhub-session") for c in s.cookies):
        raise ClassroomError(f"login as {name!r} refused ({r.status_code})")
    return s


def student_token(hub: Hub, session: requests.Session, name: str) -> str:
    """A new API token of a logged-in student, made as the hub's token page makes it (the
    session cookie plus its XSRF token); it carries the student's own scopes."""
    r = session.post(
        f"{hub.url}/hub/api/users/{quote(name)}/tokens",
        json={"note": "classroom"},
        headers={"X-XSRFToken": session.cookies.get("_xsrf", "")},
        timeout=30,
    )
    if r.status_code != 201:
        raise ClassroomError(f"token for {name}: {r.status_code} {r.text}")
    return r.json()["token"]


def spawn(hub: Hub, name: str, timeout: float = 300.0) -> float:
    """Start a student's server through the REST API; seconds until it answers via the proxy.

    The hub reports a server `ready` while it may still be adding the proxy's route to it
    (JupyterHub 5/6: `ready` ignores the proxy step), so readiness is an answer through the
    proxy, as the spawn page waits for it in a browser.
    """
    t0 = time.monotonic()
    r = hub.api("POST", f"/users/{quote(name)}/server")
    if r.status_code not in (201, 202):
        raise ClassroomError(f"spawn {name}: {r.status_code} {r.text}")
    status = f"{hub.server_url(name)}/api/status"
    headers = {"Authorization": f"token {hub.token}"}
    while time.monotonic() - t0 < timeout:
        server = hub.api("GET", f"/users/{quote(name)}").json()["servers"].get("", {})
        if server.get("ready") and _answers(status, headers):
            return time.monotonic() - t0
        time.sleep(0.3)
    raise ClassroomError(f"{name}'s server was not ready in {timeout:.0f} s")


def _answers(url: str, headers: dict[str, str]) -> bool:
    r = requests.get(url, headers=headers, allow_redirects=False, timeout=30)
    return r.status_code == 200


def follow_link(hub: Hub, session: requests.Session, link: str, name: str) -> str:
    """Follow a student's nbgitpuller link through the hub (user-redirect, then spawn, which
    passes a running server straight on) to the student's own git-pull page; its path."""
    url, hops = link, []
    while len(hops) < 5:
        r = session.get(url, allow_redirects=False, timeout=30)
        if r.status_code != 302:
            raise ClassroomError(f"link for {name}: {r.status_code} after {hops}")
        target = urlsplit(r.headers["Location"])
        hops.append(target.path)
        if target.path.startswith("/user/"):
            break
        url = f"{hub.url}{r.headers['Location']}"
    if target.path != f"/user/{name}/git-pull":
        raise ClassroomError(f"link for {name} led to {hops}")
    if parse_qs(target.query) != parse_qs(urlsplit(link).query):
        raise ClassroomError(f"link for {name} lost its query: {target.query}")
    return target.path


def pull(hub: Hub, name: str, link: str) -> list[str]:
    """What nbgitpuller does after the link's page loads: its event stream, until finished."""
    query = urlsplit(link).query
    r = requests.get(
        f"{hub.server_url(name)}/git-pull/api?{query}",
        headers={"Authorization": f"token {hub.token}"},
        stream=True,
        timeout=120,
    )
    r.raise_for_status()
    events = []
    for line in r.iter_lines(decode_unicode=True):
        if not line or not line.startswith("data:"):
            continue
        event = json.loads(line[5:])
        events.append(event.get("output", "").rstrip() or event.get("phase", ""))
        if event.get("phase") == "error":
            raise ClassroomError(f"nbgitpuller for {name}: {event.get('message')}")
        if event.get("phase") == "finished":
            return events
    raise ClassroomError(f"nbgitpuller for {name} ended without finishing: {events}")


@dataclass
class CellFailure:
    notebook: str
    cell: int
    error: str


@dataclass
class NotebookRun:
    path: str
    seconds: float
    cells: int
    connect_s: float = 0.0  # the kernel websocket's handshake
    failures: list[CellFailure] = field(default_factory=list)


def _decode(frame: str | bytes) -> dict:
    """A kernel message from the websocket (jupyter_server's default protocol): JSON text, or
    a binary frame for messages with buffers (e.g. widget state)."""
    return json.loads(frame) if isinstance(frame, str) else deserialize_binary_message(frame)


def _request(
    ws: websocket.WebSocket, session: Session, msg: dict, timeout: float
) -> tuple[dict, list[str]]:
    """Send one shell request; wait for its reply and the kernel going idle; collect errors."""
    ws.send(session.pack({**msg, "channel": "shell"}).decode())
    msg_id, reply, idle, errors = msg["header"]["msg_id"], None, False, []
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        ws.settimeout(max(0.1, deadline - time.monotonic()))
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer to {msg['header']['msg_type']} in {timeout:.0f} s")
        m = _decode(ws.recv())
        if m.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = m["header"]["msg_type"]
        if m["channel"] == "shell" and kind.endswith("_reply"):
            reply = m["content"]
        elif kind == "status" and m["content"]["execution_state"] == "idle":
            idle = True
        elif kind == "error":
            errors.append(f"{m['content']['ename']}: {m['content']['evalue']}")
    return reply, errors


def run_notebook(hub: Hub, name: str, path: str) -> NotebookRun:
    """Run every code cell of a notebook in the student's home, as JupyterLab would."""
    base, headers = hub.server_url(name), {"Authorization": f"token {hub.token}"}
    t0 = time.monotonic()
    r = requests.get(f"{base}/api/contents/{quote(path)}", headers=headers, timeout=60)
    r.raise_for_status()
    cells = [c for c in r.json()["content"]["cells"] if c["cell_type"] == "code"]
    body = {
        "path": path,
        "type": "notebook",
        "name": Path(path).name,
        "kernel": {"name": "python3"},
    }
    r = requests.post(f"{base}/api/sessions", json=body, headers=headers, timeout=120)
    r.raise_for_status()
    session_id, kernel_id = r.json()["id"], r.json()["kernel"]["id"]
    run = NotebookRun(path=path, seconds=0.0, cells=len(cells))
    ws_url = "ws" + base.removeprefix("http") + f"/api/kernels/{kernel_id}/channels"
    ws = None
    try:
        # The server answers the handshake once the new kernel has replied to kernel_info, or
        # after its own kernel_info_timeout (60 s) if it has not; a browser waits for that
        # answer without a limit, so the handshake may take longer than the server's wait.
        t_connect = time.monotonic()
        ws = websocket.create_connection(
            ws_url, header=[f"Authorization: token {hub.token}"], timeout=HANDSHAKE_TIMEOUT_S
        )
        run.connect_s = time.monotonic() - t_connect
        session = Session(username=name, key=b"")  # the server signs for the kernel, not us
        _request(ws, session, session.msg("kernel_info_request", {}), 120)
        for i, cell in enumerate(cells):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            content = {
                "code": source,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            }
            reply, errors = _request(
                ws, session, session.msg("execute_request", content), CELL_TIMEOUT_S
            )
            expected = "raises-exception" in cell.get("metadata", {}).get("tags", [])
            failed = reply.get("status") != "ok" or errors
            if failed and not expected:
                error = "; ".join(errors) or f"status {reply.get('status')}"
                run.failures.append(CellFailure(path, i, error))
            elif expected and not failed:
                run.failures.append(CellFailure(path, i, "expected an exception, none raised"))
    except (TimeoutError, websocket.WebSocketException, OSError) as e:
        run.failures.append(CellFailure(path, -1, f"{type(e).__name__}: {e}"))
    finally:
        if ws is not None:
            ws.close()
        requests.delete(f"{base}/api/sessions/{session_id}", headers=headers, timeout=60)
    run.seconds = time.monotonic() - t0
    return run


@dataclass
class StudentRun:
    name: str
    spawn_s: float = 0.0
    pull_s: float = 0.0
    notebooks: list[NotebookRun] = field(default_factory=list)
    error: str = ""
    peak_rss_mib: float = 0.0

    @property
    def notebook_s(self) -> float:
        return sum(n.seconds for n in self.notebooks)

    @property
    def failures(self) -> list[CellFailure]:
        return [f for n in self.notebooks for f in n.failures]

    @property
    def ok(self) -> bool:
        return not self.error and not self.failures and bool(self.notebooks)


def attend(hub: Hub, name: str, repo: str, notebooks: list[str]) -> StudentRun:
    """One student's lesson: log in, start the server, open the link, pull, run the course."""
    run = StudentRun(name)
    try:
        session = log_in(hub, name)
        run.spawn_s = spawn(hub, name)
        link = hub_link(hub.url, repo=repo)
        follow_link(hub, session, link, name)
        t0 = time.monotonic()
        pull(hub, name, link)
        run.pull_s = time.monotonic() - t0
        folder = repo_dir_name(repo)
        for nb in notebooks:
            run.notebooks.append(run_notebook(hub, name, f"{folder}/notebooks/{nb}"))
    except (ClassroomError, requests.RequestException, OSError, KeyError) as e:
        run.error = f"{type(e).__name__}: {e}"
    return run


class _MemorySampler(threading.Thread):
    """Samples each student's server + kernels RSS; keeps each student's peak."""

    def __init__(self, hub: Hub, every_s: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.hub, self.every_s = hub, every_s
        self.peak: dict[str, int] = {}
        self.hub_peak = 0
        self._stop_event = threading.Event()

    def sample(self) -> None:
        for user, server in self.hub.server_processes().items():
            rss = 0
            for p in [server, *_descendants(server.pid)]:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    continue
            self.peak[user] = max(self.peak.get(user, 0), rss)
        try:
            hub_rss = psutil.Process(self.hub.proc.pid).memory_info().rss
            self.hub_peak = max(self.hub_peak, hub_rss)
        except psutil.Error:
            pass

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.every_s)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class ClassRun:
    students: list[StudentRun]
    wall_s: float
    hub_rss_mib: float


def teach(hub: Hub, names: list[str], repo: str, notebooks: list[str]) -> ClassRun:
    """All students at once on a running hub; what each saw and what each cost the hub."""
    sampler = _MemorySampler(hub)
    sampler.start()
    t0 = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            runs = list(pool.map(lambda n: attend(hub, n, repo, notebooks), names))
    finally:
        sampler.stop()
    for run in runs:
        run.peak_rss_mib = sampler.peak.get(run.name, 0) / MiB
    return ClassRun(runs, time.monotonic() - t0, sampler.hub_peak / MiB)


def run_class(workdir: Path, n_students: int, *, course: Path = COURSE) -> ClassRun:
    """A class of `n_students` on a fresh hub in `workdir`, running the whole course."""
    notebooks = [p.name for p in course_notebooks(course)]
    if not notebooks:
        raise ClassroomError(f"no notebooks in {course}")
    repo = make_course_repo(workdir / "origin", course)
    names = [f"student{i:02d}" for i in range(1, n_students + 1)]
    with running_hub(workdir / "hub", password=class_password()) as hub:
        return teach(hub, names, repo.as_uri(), notebooks)


def report(cls: ClassRun) -> str:
    lines = [
        f"{'student':<12}{'spawn s':>9}{'pull s':>8}{'notebooks s':>13}{'connect s':>11}"
        f"{'peak MiB':>10}  result"
    ]
    for s in cls.students:
        result = (
            "ok"
            if s.ok
            else (s.error or "; ".join(f"{f.notebook}[{f.cell}] {f.error}" for f in s.failures))
        )
        lines.append(
            f"{s.name:<12}{s.spawn_s:>9.1f}{s.pull_s:>8.1f}{s.notebook_s:>13.1f}"
            f"{max((n.connect_s for n in s.notebooks), default=0):>11.1f}"
            f"{s.peak_rss_mib:>10.0f}  {result}"
        )
    lines.append(f"class wall time {cls.wall_s:.1f} s; hub process peak {cls.hub_rss_mib:.0f} MiB")
    lines.append("(connect s: the slowest kernel websocket handshake of the student's notebooks)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import tempfile

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=3)
    p.add_argument("--course", type=Path, default=COURSE)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="classroom-") as tmp:
        cls = run_class(Path(tmp), args.students, course=args.course)
    print(report(cls))
    return 0 if all(s.ok for s in cls.students) else 1


if __name__ == "__main__":
    sys.exit(main())
