"""The README works as written (issue 17).

* Its walk-through (the ```bash blocks under ``## Walk-through``) runs as one bash script with
  ``set -euo pipefail`` in an empty temporary folder, ``uv run`` resolving to this project
  offline (``UV_PROJECT``, ``UV_OFFLINE=1``, ``UV_PYTHON_DOWNLOADS=never``), and what it prints
  where it matters is checked: the import names the sender and the cases arrive at the court.
* Every ``mediation-desk`` command the README shows (in its blocks and in the verb table) parses
  with the program's own argument parser, each row's example is its row's verb, and every verb
  the program has is in the table: a verb or option renamed or dropped fails here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mediation_desk.cli import build_parser
from tests.cli.helpers import LOGIN_ENV

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WALKTHROUGH = "## Walk-through"
COMMAND = "uv run mediation-desk"
NUMBER = re.compile(r"^（\d{4}）\S+号$")
ENV = re.compile(r"^(?:[A-Z_]+=\S+ )+")
"""Variables set for one command (``MEDIATION_DESK_PASSWORD=... uv run ...``)."""


def section(text: str, heading: str) -> str:
    """The part of ``text`` from the line starting with ``heading`` to the next ``## ``."""
    text = "\n" + text
    start = text.index("\n" + heading) + 1
    end = text.find("\n## ", start + len(heading))
    return text[start:] if end < 0 else text[start:end]


def bash_blocks(text: str) -> list[str]:
    """The bodies of the ```bash fenced blocks in ``text``, in order."""
    return re.findall(r"^```bash\n(.*?)^```$", text, flags=re.M | re.S)


def block_commands(block: str) -> list[str]:
    """The ``uv run mediation-desk`` commands of a block, continuation lines joined, from the
    command itself to its end (a ``$(...)`` around one is left out)."""
    joined = re.sub(r"\s*\\\n\s*", " ", block)
    found = []
    for line in joined.splitlines():
        line = line.split(" # ")[0].strip()
        if COMMAND in line:
            cmd = line[line.index(COMMAND):]
            found.append(cmd.split(" | ")[0].removesuffix(")"))
    return found


def table_rows(text: str) -> list[tuple[str, list[str]]]:
    """The verb table: (the row's verb, the commands of its example column), the commands being
    its code spans that start with ``uv run mediation-desk``, or with a verb and name a
    ``--db`` (`investigation` or `add --json` in the text is a mention)."""
    verbs = verb_names()
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\| `([a-z-]+)` \| (.*) \|$", line)
        if m and m.group(1) in verbs:
            spans = [ENV.sub("", s) for s in re.findall(r"`([^`]+)`", m.group(2))]
            cmds = [s for s in spans
                    if s.startswith(COMMAND + " ") or (s.split(" ")[0] in verbs and " --db " in s)]
            rows.append((m.group(1), cmds))
    return rows


def verb_names() -> set[str]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if a.dest == "verb")
    assert sub.choices is not None
    return set(sub.choices)


def argv_of(command: str) -> list[str]:
    """The arguments after ``mediation-desk`` (a bare ``verb ...`` span is taken as is)."""
    words = shlex.split(command)
    return words[3:] if words[:3] == COMMAND.split() else words


# -- every command parses ------------------------------------------------------------------
def test_every_command_and_verb_in_the_readme_matches_the_program(capsys):
    text = README.read_text(encoding="utf-8")
    commands = [c for b in bash_blocks(text) for c in block_commands(b)]
    rows = table_rows(section(text, "## Command line"))
    assert len(rows) > 20, "the verb table was not found"
    for verb, cmds in rows:
        assert cmds, f"the {verb} row shows no command"
        assert argv_of(cmds[0])[0] == verb, f"the {verb} row's first example is another verb"
        commands += cmds
    parser = build_parser()
    shown = {argv_of(c)[0] for _, cmds in rows for c in cmds}
    assert shown == verb_names(), (
        f"verbs of the program the README's table has no example of: {verb_names() - shown}; "
        f"verbs it shows the program does not have: {shown - verb_names()}")
    for command in commands:
        argv = argv_of(command)
        if argv[0] in ("--demo", "--db"):  # the application, not a verb
            continue
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"the README's command does not parse: {command}\n"
                        f"{capsys.readouterr().err}")


def test_the_document_kinds_in_the_readme_are_the_programs():
    from mediation_desk.documents.kinds import ALL_KINDS

    (row,) = [line for line in README.read_text(encoding="utf-8").splitlines()
              if line.startswith("| `document` |")]
    (kinds,) = re.findall(r"kinds: `([^`]+)`", row)
    assert kinds.split() == list(ALL_KINDS)


def test_the_extraction_finds_commands_a_table_row_and_a_broken_one():
    sample = ("## Walk-through\n\n```bash\nX=$(uv run mediation-desk cases --db d.db | cut -f1)\n"
              "uv run mediation-desk export --db d.db \\\n    --to Z --out f.mdx   # send\n```\n"
              "## Command line\n\n| verb | example |\n|---|---|\n"
              "| `check` | `MEDIATION_DESK_PASSWORD=x uv run mediation-desk check --db d.db` (then "
              "`backup --db d.db`; `add --json` is a mention) |\n")
    blocks = bash_blocks(section(sample, WALKTHROUGH))
    assert [c for b in blocks for c in block_commands(b)] == [
        "uv run mediation-desk cases --db d.db", "uv run mediation-desk export --db d.db --to Z "
        "--out f.mdx"]
    assert table_rows(section(sample, "## Command line")) == [
        ("check", ["uv run mediation-desk check --db d.db", "backup --db d.db"])]
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv_of("uv run mediation-desk init --db c.db --kind "
                                          "center|court"))


# -- what the first run downloads ------------------------------------------------------------
PLATFORMS = {
    "linux": (["manylinux_2_39_x86_64"] + [f"manylinux_2_{i}_x86_64" for i in range(38, 4, -1)]
              + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64",
                 "linux_x86_64"],
              {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
               "platform_machine": "x86_64"}),
    "windows": (["win_amd64"], {"sys_platform": "win32", "platform_system": "Windows",
                                "os_name": "nt", "platform_machine": "AMD64"}),
}


def locked_wheels(platform: str, extras: tuple[str, ...]) -> dict[str, int]:
    """The size of each wheel uv fetches from ``uv.lock`` for CPython 3.11 on ``platform``:
    the project's dependencies (and ``extras``), their markers evaluated, the best-tagged wheel
    of each."""
    import tomllib

    from packaging.markers import Marker
    from packaging.tags import compatible_tags, cpython_tags
    from packaging.utils import parse_wheel_filename

    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in lock["package"]}
    platforms, markers = PLATFORMS[platform]
    env = markers | {"python_version": "3.11", "python_full_version": "3.11.7", "extra": "",
                     "implementation_name": "cpython",
                     "platform_python_implementation": "CPython"}
    tags = [*cpython_tags((3, 11), platforms=platforms),
            *compatible_tags((3, 11), platforms=platforms)]
    rank = {tag: i for i, tag in enumerate(tags)}
    root = packages["mediation-desk"]
    todo = list(root["dependencies"])
    for extra in extras:
        todo += root["optional-dependencies"][extra]
    sizes: dict[str, int] = {}
    while todo:
        dep = todo.pop()
        if dep["name"] in sizes or ("marker" in dep and not Marker(dep["marker"]).evaluate(env)):
            continue
        package = packages[dep["name"]]
        todo += package.get("dependencies", [])
        for extra in dep.get("extra", []):
            todo += package["optional-dependencies"][extra]
        best: tuple[int, int] | None = None  # (the rank of its best tag, its size)
        for wheel in package.get("wheels", []):
            wheel_tags = parse_wheel_filename(wheel["url"].rsplit("/", 1)[1])[3]
            fits = [rank[t] for t in wheel_tags if t in rank]
            if fits and (best is None or min(fits) < best[0]):
                best = (min(fits), wheel["size"])
        assert best is not None, f"no wheel of {dep['name']} for {platform}: uv would build it"
        sizes[dep["name"]] = best[1]
    return sizes


def test_the_download_sizes_in_the_readme_are_the_locked_wheels():
    text = section(README.read_text(encoding="utf-8"), "### What the first run downloads")
    for label, extras in (("the application", ()), ("with the test extra", ("test",))):
        (row,) = [line for line in text.splitlines() if line.startswith(f"| {label} ")]
        shown = re.findall(r"(\d+) wheels, (\d+) MB", row)
        locked = [locked_wheels(p, extras) for p in ("linux", "windows")]
        assert shown == [(str(len(w)), str(round(sum(w.values()) / 1e6))) for w in locked], row
    addons = [round(locked_wheels(p, ())["pyside6-addons"] / 1e6) for p in ("linux", "windows")]
    assert f"PySide6-Addons {addons[0]} MB ({addons[1]} MB on Windows" in text


# -- .ci/run does what the README says ---------------------------------------------------
def test_ci_runs_the_readme_test_command_installs_its_packages_and_uv_as_it_says():
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    quick = [line.split(" #")[0].strip() for line in
             bash_blocks(section(text, "## Quick start"))[0].splitlines()]
    (test_command,) = [line for line in quick if "pytest" in line]
    code_lines = [line.strip() for line in ci.splitlines()
                  if line.strip() and not line.lstrip().startswith("#")]
    assert code_lines.count(test_command) == 1, "the README's test command, once, as written"
    # the packaging smoke test runs (beside the suite: built and tested under Wine in a background
    # job) and after the test command only the background jobs' results: their logs, their exit
    # statuses checked; each packaging script is one the README names
    assert sum(line.startswith("packaging/smoke_installer.sh") for line in code_lines) == 1, "runs"
    after = code_lines[code_lines.index(test_command) + 1:]
    assert "cat build/packaging.log" in " ".join(after), "its lines after the suite's"
    assert re.search(r'\[ .*"\$packaging_rc" -eq 0 \]', after[-1]), "and its status checked last"
    assert all(line.startswith(("wait ", "cat ", "[ ", "demo_rc=", "linux_packaging_rc=",
                                "packaging_rc="))
               for line in after), after
    scripts = set(re.findall(r"packaging/\w+\.sh", "\n".join(code_lines)))
    windows = section(text, "## On Windows")
    assert all(script in windows for script in scripts), scripts
    (apt,) = bash_blocks(section(text, "### Linux system packages"))
    readme_packages = set(apt.replace("\\\n", " ").split()) - {"sudo", "apt-get", "install"}
    listed = ci[ci.index("APT_PACKAGES=(") + len("APT_PACKAGES=("):]
    listed = listed[:listed.index("\n)")]
    ci_packages = {w for line in listed.splitlines() for w in line.split("#")[0].split()}
    assert readme_packages == ci_packages
    assert "pipx install uv" in section(text, "### Installing uv")
    assert re.search(r'^  pipx install "uv', ci, flags=re.M)
    code = [line for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code if "pip install" in line], "pip into a system Python"


# -- the walk-through runs -------------------------------------------------------------------
def uv_on_path(bin_dir: Path) -> dict[str, str]:
    """The environment in which ``uv run`` is this project's, offline: the real uv if there is
    one, else a stand-in that runs this environment's ``mediation-desk`` (and nothing else)."""
    env = {k: v for k, v in os.environ.items() if k not in LOGIN_ENV}
    env.update(UV_PROJECT=str(ROOT), UV_OFFLINE="1", UV_PYTHON_DOWNLOADS="never",
               UV_NO_PROGRESS="1")
    if shutil.which("uv") is None:
        import sys
        script = bin_dir / "uv"
        script.write_text('#!/usr/bin/env bash\n[ "$1 $2" = "run mediation-desk" ] || '
                          '{ echo "stand-in uv: only uv run mediation-desk" >&2; exit 2; }\n'
                          f'shift 2; exec {shlex.quote(sys.executable)} -m mediation_desk "$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
        env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    return env


def test_the_walkthrough_runs_as_written(tmp_path):
    text = README.read_text(encoding="utf-8")
    blocks = bash_blocks(section(text, WALKTHROUGH))
    script = "set -euo pipefail\n" + "\n".join(blocks)
    for verb in ("init", "demo", "cases", "show", "document", "keys", "trust", "export",
                 "import"):
        assert f"{COMMAND} {verb} " in script, f"the walk-through lost its {verb} step"
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "bin").mkdir()
    shown = '\nprintf "\\n(picked) %s %s\\n" "$CASE" "$AGREED"\n'  # the variables it set
    r = subprocess.run(["bash", "-c", script + shown], cwd=work, env=uv_on_path(tmp_path / "bin"),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    out = r.stdout
    assert r.returncode == 0, f"the walk-through failed (exit {r.returncode}):\n{out[-3000:]}" \
                              f"\n--- stderr ---\n{r.stderr[-3000:]}"
    folder = work / "walkthrough"
    assert "已创建加密数据库 court.db" in out and "恢复密钥" in out
    assert "演示数据库已就绪：demo.db" in out
    assert re.search(r"^（\d{4}）\S+号\t调解中\t", out, flags=re.M), "cases found no case"
    picked = re.findall(r"^\(picked\) (.*) (.*)$", out, flags=re.M)
    ((case, agreed),) = picked
    assert NUMBER.match(case) and NUMBER.match(agreed), f"no case numbers picked: {picked}"
    assert re.search(rf"^{re.escape(case)}\s+调解中", out, flags=re.M), "show did not show it"
    assert re.search(rf"^已记录：{re.escape(case)}第\d+次调解.*记录人演示主任", out, flags=re.M)
    pdf = folder / "协议书.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-") and "《人民调解协议书》" in out
    assert "本机签发" in out, "verify did not find the paper it just printed"
    assert (folder / "ZDFY.card").is_file() and (folder / "center.card").is_file()
    trusted = re.findall(r"^已信任 .+（(\S+)）$", out, flags=re.M)
    assert trusted[0] == "ZDFY" and len(trusted) == 2, trusted
    center = trusted[1]
    sent = re.search(r"^已导出并校验：给法院\.mdx（.*cases (\d+)", out, flags=re.M)
    assert sent, "export did not report its cases"
    assert re.search(rf"^预览（未导入）：来自 {re.escape(center)}，序号 1。新增 [1-9]", out,
                     flags=re.M), "the dry run did not preview the file"
    imported = re.search(rf"^已导入：来自 {re.escape(center)}，序号 1。新增 [1-9].*案件 (\d+) 件",
                         out, flags=re.M)
    assert imported, "the import did not report the cases it brought"
    assert imported.group(1) == sent.group(1), "the import brought other cases than were sent"
    assert re.search(rf"^1\t.+（{re.escape(center)}）\t", out, flags=re.M), (
        "court-summary does not rank the center whose file was imported")
    env = uv_on_path(tmp_path / "bin") | {"MEDIATION_DESK_USER": "王法官"}
    env["MEDIATION_DESK_PASSWORD"] = re.findall(r"MEDIATION_DESK_USER=王法官 "
                                                r"MEDIATION_DESK_PASSWORD=(\S+)", script)[-1]
    listed = subprocess.run(["uv", "run", "mediation-desk", "court-cases", "--db", "court.db",
                             "--center", center, "--limit", "100000", "--json"], cwd=folder,
                            env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == int(sent.group(1))
