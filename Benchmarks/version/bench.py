#!/usr/bin/env python3
"""Helper for Benchmarks/version/run.sh (stdlib only).

    bench.py repos HISTORIES_DIR OUTDIR SYNTHETIC_COMMITS SEED
        build one git repository per real release range of the history corpus, plus one
        synthetic repository, under OUTDIR; write OUTDIR/repos.json and print a summary
    bench.py measure SPEC_JSON
        ask every tool for its answer on every repository, time it, and write
        results.json + results.md

Repositories are written with `git fast-import`, so every commit message is stored byte
for byte (no `git commit` clean-up of trailing blank lines or `#` lines), and every
author, committer, tagger and date is fixed: the same inputs give the same object ids.

Real ranges: `commits.txt` in each corpus folder holds `git log --format=%H%n%B%n==END==
<previous>..<release>` (newest first). The repository gets an initial commit with a
package.json at the previous version, an annotated tag `v<previous>` on it, then every
commit of the range, oldest first, as an empty commit with the exact message.

Synthetic: an initial commit with package.json 1.0.0, tag `v1.0.0`, then N conventional
commits drawn from a seeded random generator (see `synthetic_message`); the only
breaking changes are `BREAKING CHANGE:` footers in the last 5 % of the history, so
every tool should answer 2.0.0.

`measure` reads a JSON spec written by run.sh:
    {"repos": [...repos.json entries...], "tools": [{"name", "version", "argv", "cwd",
     "answer": "slipway-json"|"cz"|"cliff"|"psr", "timed": bool, "notes"}],
     "runs", "warmup", "results_md", "results_json", "meta": {...}}
`{repo}` in argv or cwd stands for the repository path.
"""

from __future__ import annotations

import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_MARK = "{repo}"
NEXT = "slipway --next"  # the tool row of `slipway version --next` (run.sh)
AUTHOR = b"Slipway Bench <bench@example.invalid>"
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z; commit i is dated EPOCH + 60 * i
SCRUBBED_ENV = ("GH_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN", "GITEA_TOKEN", "BITBUCKET_TOKEN", "GH_HOST",
                "GH_ENTERPRISE_TOKEN", "CI", "GITHUB_ACTIONS", "GITLAB_CI")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Slipway Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Slipway Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": f"@{EPOCH} +0000", "GIT_COMMITTER_DATE": f"@{EPOCH} +0000",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- repos


def parse_commits(path: Path) -> list[bytes]:
    """Messages of a `%H%n%B%n==END==` log, newest first, byte for byte."""
    raw = path.read_bytes()
    records = raw.split(b"==END==\n")
    if records and records[-1].strip() == b"":
        records.pop()
    messages = []
    for rec in records:
        head, sep, rest = rec.partition(b"\n")
        if not sep or not re.fullmatch(rb"[0-9a-f]{40}", head):
            raise SystemExit(f"bench: {path}: unexpected record start {head[:60]!r}")
        if not rest.endswith(b"\n"):
            raise SystemExit(f"bench: {path}: record for {head.decode()} does not end with a newline")
        messages.append(rest[:-1])  # %B, then the %n before ==END==
    return messages


def read_tags(path: Path) -> tuple[str, str]:
    tags = {}
    for line in path.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            tags[parts[0]] = parts[1]
    return tags["previous_tag"], tags["release_tag"]


def data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def fast_import_stream(previous: str, messages_oldest_first: list[bytes], name: str) -> bytes:
    ident = lambda i: AUTHOR + b" %d +0000" % (EPOCH + 60 * i)  # noqa: E731
    package = json.dumps({"name": name, "version": previous, "private": True}, indent=2).encode() + b"\n"
    out = [b"blob\nmark :1\n", data(package)]
    out += [b"commit refs/heads/main\nmark :2\n", b"author " + ident(0) + b"\n", b"committer " + ident(0) + b"\n",
            data(b"chore: initial commit\n"), b"M 100644 :1 package.json\n\n"]
    out += [b"tag v%s\nfrom :2\n" % previous.encode(), b"tagger " + ident(0) + b"\n",
            data(b"chore(release): %s\n" % previous.encode())]
    for i, msg in enumerate(messages_oldest_first, start=1):
        out += [b"commit refs/heads/main\n", b"author " + ident(i) + b"\n", b"committer " + ident(i) + b"\n",
                data(msg), b"\n"]
    out.append(b"done\n")
    return b"".join(out)


def make_repo(dest: Path, stream: bytes, remote: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True, env=env)
    # python-semantic-release stops without an `origin` remote (`git remote get-url origin`);
    # nothing is ever fetched from it, and the tools run without network anyway.
    subprocess.run(["git", "-C", str(dest), "remote", "add", "origin", remote], check=True, env=env)
    subprocess.run(["git", "-C", str(dest), "fast-import", "--quiet", "--done"], input=stream, check=True, env=env)
    subprocess.run(["git", "-C", str(dest), "checkout", "-q", "-f", "main"], check=True, env=env)


SCOPES = ["core", "cli", "api", "config", "deps", "parser", "changelog", "git", "docs", "ci", "release", "auth",
          "cache", "http", "ui", "build", "tests", "plugins", "logging", "perf"]
WORDS = ("handle add remove update support avoid allow use move rename split simplify document validate cache "
         "parse render retry skip respect expose refactor tighten relax clarify migrate bump pin drop fix "
         "empty missing nested legacy default unicode large concurrent optional trailing duplicate stale "
         "tag commit config file path scope token header footer version range branch remote flag option "
         "error warning timeout request response output input changelog release note entry section").split()
TYPES = [("fix", 30), ("chore", 25), ("docs", 14), ("feat", 14), ("refactor", 5), ("test", 4), ("ci", 3),
         ("perf", 2), ("build", 1), ("style", 1), ("revert", 0)]


def phrase(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def synthetic_message(rng: random.Random, i: int, n: int) -> bytes:
    """A realistic conventional commit: type mix of real projects, 60 % scoped, 35 % with a
    body, some `Closes #N` / `Co-authored-by:` trailers, 1 % not conventional at all (count
    as a patch for standard-version, ignored by the others), and `BREAKING CHANGE:` footers only in the last 5 % of the history (1 in 100 there)."""
    r = rng.random()
    if r < 0.01:
        return f"Update {rng.choice(['README.md', 'CONTRIBUTING.md', 'LICENSE', 'Makefile'])}\n".encode()
    typ = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    scope = f"({rng.choice(SCOPES)})" if rng.random() < 0.6 else ""
    subject = f"{typ}{scope}: {phrase(rng, 3, 9)}"
    if rng.random() < 0.3:
        subject += f" (#{1000 + i})"
    paras = []
    if rng.random() < 0.35:
        paras.append("\n".join(phrase(rng, 6, 14) for _ in range(rng.randint(1, 4))))
        if rng.random() < 0.3:
            paras.append("\n".join(f"- {phrase(rng, 3, 8)}" for _ in range(rng.randint(2, 5))))
    footers = []
    if i > n * 0.95 and rng.random() < 0.01:
        footers.append(f"BREAKING CHANGE: {phrase(rng, 5, 12)}")
    if rng.random() < 0.1:
        footers.append(f"Closes #{rng.randint(1, 5000)}")
    if rng.random() < 0.05:
        footers.append("Co-authored-by: Another Dev <another@example.invalid>")
    if footers:
        paras.append("\n".join(footers))
    return ("\n\n".join([subject] + paras) + "\n").encode()


# Small hand-written histories where the tools' rules are known to differ (docs/versioning.md):
# (folder, title, previous version, standard-version's answer, messages oldest first).
EDGE_CASES = [
    ("edge-chore-only", "edge case: only chore/docs/ci/test commits", "1.4.2", "1.4.3", [
        b"chore(deps): bump actions/checkout from 3 to 4\n",
        b"docs: fix a typo in the README\n",
        b"ci: cache the build directory\n",
        b"test: cover an empty tag list\n",
        b"chore: update .gitignore\n",
    ]),
    ("edge-refactor-only", "edge case: only refactor commits", "1.4.2", "1.4.3", [
        b"refactor(parser): split the footer scanner\n",
        b"refactor: inline the version helpers\n\nNo behaviour change.\n",
    ]),
    ("edge-breaking-below-1", "edge case: breaking change below 1.0.0", "0.3.1", "0.4.0", [
        b"fix: handle an empty changelog\n",
        b"feat!: drop the legacy manifest format\n",
        b"feat(cli): add --dry-run\n",
    ]),
    ("edge-feat-below-1", "edge case: feature below 1.0.0", "0.3.1", "0.3.2", [
        b"fix: handle an empty changelog\n",
        b"feat(cli): add --dry-run\n",
    ]),
]


def cmd_repos(histories: Path, outdir: Path, synthetic: int, seed: int) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    repos = []
    for tags_file in sorted(list(histories.glob("*/tags.txt")) + list(histories.glob("*/more/*/tags.txt"))):
        folder = tags_file.parent
        project = (folder if folder.parent.name != "more" else folder.parent.parent).name
        previous_tag, release_tag = read_tags(tags_file)
        messages = parse_commits(folder / "commits.txt")
        prev, rel = previous_tag.removeprefix("v"), release_tag.removeprefix("v")
        name = f"{project.replace('__', '/')} {previous_tag}..{release_tag}"
        dest = outdir / f"{project}__{previous_tag}..{release_tag}"
        make_repo(dest, fast_import_stream(prev, list(reversed(messages)), project.split("__")[1]),
                  f"https://github.com/{project.replace('__', '/')}.git")
        repos.append({"name": name, "path": str(dest), "previous": prev, "expected": rel,
                      "expected_source": f"upstream release tag {release_tag}", "commits": len(messages),
                      "source": str(folder.relative_to(histories.parent.parent)), "kind": "real"})
    if os.environ.get("BENCH_EDGE_CASES", "1") == "1":
        for folder, title, prev, sv, messages in EDGE_CASES:
            dest = outdir / folder
            make_repo(dest, fast_import_stream(prev, messages, folder), f"https://github.com/example/{folder}.git")
            repos.append({"name": title, "path": str(dest), "previous": prev, "expected": sv,
                          "expected_source": "standard-version 9's rule (docs/versioning.md); the peers' own rules "
                                             "differ here by design",
                          "commits": len(messages), "source": f"bench.py EDGE_CASES[{folder}]", "kind": "edge"})
    if synthetic > 0:
        rng = random.Random(seed)
        messages = [synthetic_message(rng, i, synthetic) for i in range(1, synthetic + 1)]
        breaking = sum(1 for m in messages if b"\nBREAKING CHANGE:" in m)
        dest = outdir / f"synthetic-{synthetic}"
        make_repo(dest, fast_import_stream("1.0.0", messages, "synthetic"), "https://github.com/example/synthetic.git")
        types: dict[str, int] = {}
        for m in messages:
            t = re.match(rb"([a-z]+)[(:]", m)
            key = t.group(1).decode() if t else "(not conventional)"
            types[key] = types.get(key, 0) + 1
        repos.append({"name": f"synthetic {synthetic:,} commits after v1.0.0", "path": str(dest),
                      "previous": "1.0.0", "expected": "2.0.0" if breaking else None,
                      "expected_source": f"by construction ({breaking} `BREAKING CHANGE:` footers)",
                      "commits": synthetic, "source": f"bench.py synthetic_message, seed {seed}",
                      "types": dict(sorted(types.items(), key=lambda kv: -kv[1])), "breaking": breaking,
                      "kind": "synthetic"})
    for r in repos:
        head = subprocess.run(["git", "-C", r["path"], "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        count = int(subprocess.run(["git", "-C", r["path"], "rev-list", "--count", f"v{r['previous']}..HEAD"],
                                   capture_output=True, text=True, check=True).stdout)
        if count != r["commits"]:
            raise SystemExit(f"bench: {r['path']}: {count} commits after the tag, expected {r['commits']}")
        r["head"] = head
        print(f"{r['commits']:>6} commits  v{r['previous']} -> {r['expected']}  {r['name']}  (HEAD {head[:12]})",
              file=sys.stderr)
    (outdir / "repos.json").write_text(json.dumps(repos, indent=2) + "\n")


# ------------------------------------------------------------------------- measure


LO_UP = 'ip link set lo up && exec "$@"'


def netns_prefix(allow_net: bool) -> list[str]:
    """Every measured command runs in a fresh network namespace when possible: proof that
    the tools really work offline. The namespace's loopback is brought up (it stays
    isolated from every real interface): swift-corelibs-foundation's `Process` needs a
    working loopback for its run-loop wake-up sockets, and without one slipway's git
    subprocesses are never seen to exit (see `probe_loopback_down`)."""
    if allow_net:
        return []
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or ("/usr/sbin/ip" if os.access("/usr/sbin/ip", os.X_OK) else None)
    if not unshare or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        log("note: `unshare -n` unavailable (not root?); tools run with the host network")
        return []
    prefix = [unshare, "-n", "sh", "-c", LO_UP.replace("ip ", f"{ip} ", 1) if ip else LO_UP, "sh"]
    if ip and subprocess.run(prefix + ["true"], capture_output=True).returncode == 0:
        return prefix
    log("note: cannot bring up loopback in a network namespace (no `ip`?); tools run with the host network")
    return []


def probe_loopback_down(tools: list[dict], repo: dict, env: dict, seconds: int) -> list[dict]:
    """Run each tool once in a namespace whose loopback is left down (plain `unshare -n`),
    with a time limit: records which tools need a loopback interface."""
    unshare, timeout = shutil.which("unshare"), shutil.which("timeout")
    if not unshare or not timeout:
        return []
    out = []
    for tool in tools:
        if not tool.get("timed", True):
            continue
        argv = [subst(a, repo["path"]) for a in tool["argv"]]
        cwd = subst(tool.get("cwd", REPO_MARK), repo["path"])
        t0 = time.perf_counter()
        p = subprocess.run([unshare, "-n", timeout, "-k", "2", str(seconds)] + argv, cwd=cwd, env=env,
                           capture_output=True, stdin=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode in (124, 137):
            answer, detail = "timed out", f"killed after {seconds} s"
        else:
            answer, detail = interpret(tool["answer"], p.returncode, p.stdout.decode("utf-8", "replace"), err,
                                       repo["previous"])
        first_err = next((l.strip() for l in err.splitlines() if "CFSocket" in l or "error" in l.lower()), "")
        out.append({"name": tool["name"], "answer": answer, "detail": detail, "wall_s": wall,
                    "stderr_hint": first_err[:200]})
        log(f"   lo down: {tool['name']:<24} {answer} ({detail}) {first_err[:120]}")
    return out


def subst(x: str, repo: str) -> str:
    return x.replace(REPO_MARK, repo)


def interpret(kind: str, rc: int, out: str, err: str, previous: str) -> tuple[str, str]:
    """(answer, detail): answer is a version, "no release", or "error"."""
    text = out.strip()
    if kind == "slipway-json":
        try:
            doc = json.loads(out)
        except ValueError:
            return "error", f"exit {rc}, not JSON: {(err or out).strip()[-200:]}"
        nxt = doc.get("nextVersion")
        detail = f"releaseType {doc.get('releaseType')}, previousVersion {doc.get('previousVersion')}"
        if doc.get("isRelease") is False or not nxt or nxt == previous:
            return "no release", detail
        return nxt, detail
    if kind == "slipway-next":
        # `slipway version --next`: the version alone on stdout; nothing (and the reason on stderr) without a release.
        if rc != 0:
            return "error", f"exit {rc}: {(err.strip().splitlines() or [''])[-1][:200]}"
        if not text:
            return "no release", f"exit 0, stdout empty; stderr: {err.strip()[:120]}"
        return text.splitlines()[-1], "exit 0"
    if kind == "cz":
        if rc == 21:
            return "no release", "exit 21 (NoneIncrementExit: no commits eligible for a bump)"
        if rc != 0 or not text:
            return "error", f"exit {rc}: {(err.strip().splitlines() or [''])[-1][:200]}"
        return text.splitlines()[-1], "exit 0"
    if kind in ("cliff", "psr"):
        if rc != 0 or not text:
            lines = [l for l in err.strip().splitlines() if "WARNING" not in l]
            return "error", f"exit {rc}: {(lines or [''])[-1][:200]}"
        v = text.splitlines()[-1].strip()
        v = v[1:] if v.startswith("v") else v
        if v == previous:
            return "no release", f"printed {text.splitlines()[-1].strip()} (the current version)"
        return v, "exit 0"
    raise ValueError(kind)


def answer_run(tool: dict, repo: dict, prefix: list[str], env: dict) -> dict:
    argv = [subst(a, repo["path"]) for a in tool["argv"]]
    cwd = subst(tool.get("cwd", REPO_MARK), repo["path"])
    t0 = time.perf_counter()
    p = subprocess.run(prefix + argv, cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    answer, detail = interpret(tool["answer"], p.returncode, out, err, repo["previous"])
    status = subprocess.run(["git", "-C", repo["path"], "status", "--porcelain"], capture_output=True, text=True).stdout
    head = subprocess.run(["git", "-C", repo["path"], "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    tags = subprocess.run(["git", "-C", repo["path"], "tag"], capture_output=True, text=True).stdout.split()
    changed = bool(status.strip()) or head != repo["head"] or tags != [f"v{repo['previous']}"]
    return {"answer": answer, "detail": detail, "exit_code": p.returncode, "first_wall_ms": wall * 1000,
            "stdout_tail": out[-600:], "stderr_tail": err[-600:], "changed_repo": changed}


def time_hyperfine(hf: str, name: str, argv: list[str], prefix: list[str], cwd: str, env: dict, runs: int,
                   warmup: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        export = tmp.name
    try:
        cmd = prefix + [hf, "--shell=none", "--ignore-failure", "--style", "basic", "--runs", str(runs),
                        "--warmup", str(warmup), "--export-json", export, "--command-name", name, shlex.join(argv)]
        subprocess.run(cmd, cwd=cwd, env=env, check=True, stdin=subprocess.DEVNULL, stdout=sys.stderr)
        r = json.loads(Path(export).read_text())["results"][0]
    finally:
        os.unlink(export)
    return {"method": "hyperfine", "times_s": r["times"], "median_s": r["median"], "mean_s": r["mean"],
            "stddev_s": r.get("stddev") or 0.0, "min_s": r["min"], "max_s": r["max"],
            "user_s": r.get("user"), "system_s": r.get("system")}


def time_python(argv: list[str], prefix: list[str], cwd: str, env: dict, runs: int, warmup: int) -> dict:
    times, cpu = [], []
    for i in range(warmup + runs):
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run(prefix + argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        after = os.times()
        if i >= warmup:
            times.append(dt)
            cpu.append((after.children_user - before.children_user, after.children_system - before.children_system))
    return {"method": "python perf_counter", "times_s": times, "median_s": statistics.median(times),
            "mean_s": statistics.fmean(times), "stddev_s": statistics.stdev(times) if len(times) > 1 else 0.0,
            "min_s": min(times), "max_s": max(times), "user_s": statistics.fmean(u for u, _ in cpu),
            "system_s": statistics.fmean(s for _, s in cpu)}


def combine_rounds(parts: list[dict]) -> dict:
    """One timing from several rounds of the same command: all run times pooled, CPU averaged over all runs."""
    times = [t for part in parts for t in part["times_s"]]
    def pooled(key: str) -> float | None:
        values = [(part[key], len(part["times_s"])) for part in parts if part.get(key) is not None]
        return sum(v * n for v, n in values) / sum(n for _, n in values) if values else None
    return {"method": parts[0]["method"] + (f", {len(parts)} interleaved rounds" if len(parts) > 1 else ""),
            "times_s": times, "median_s": statistics.median(times), "mean_s": statistics.fmean(times),
            "stddev_s": statistics.stdev(times) if len(times) > 1 else 0.0, "min_s": min(times), "max_s": max(times),
            "user_s": pooled("user_s"), "system_s": pooled("system_s")}


def ms(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def verdict(ratio: float, target: str) -> str:
    """ratio = peer median / slipway median."""
    speed = f"slipway {ratio:.2f}× faster" if ratio >= 1 else f"slipway {1 / ratio:.2f}× slower"
    if target == "10x":
        return f"{'**met**' if ratio >= 10 else '**not met**'} ({speed}; target: ≥ 10× faster)"
    return f"{'**met**' if ratio >= 1 else '**not met**'} ({speed}; target: not slower)"


def measure(spec_path: Path) -> None:
    spec = json.loads(spec_path.read_text())
    runs, warmup = int(spec["runs"]), int(spec["warmup"])
    rounds = max(1, int(spec.get("rounds", 1)))
    per_round = max(1, runs // rounds)
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update({"NO_COLOR": "1", "CLICOLOR": "0", "TERM": "dumb", "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_TERMINAL_PROMPT": "0"})
    prefix = netns_prefix(bool(spec.get("allow_net")))
    hf = shutil.which("hyperfine") if not spec.get("no_hyperfine") else None
    tools, repos, meta = spec["tools"], spec["repos"], spec["meta"]
    only = set(filter(None, spec.get("only_repos", "").split(",")))

    selected = [r for r in repos if not only or any(o in r["name"] or o in r["path"] for o in only)]
    probe = []
    if prefix and spec.get("probe_seconds", 0) > 0 and selected:
        log(f"=== loopback-down probe on {selected[0]['name']}")
        probe = probe_loopback_down(tools, selected[0], env, int(spec["probe_seconds"]))
        meta["probe_repo"] = selected[0]["name"]
    results = []
    for repo in selected:
        log(f"=== {repo['name']} ({repo['commits']} commits after v{repo['previous']})")
        rr = {"repo": repo, "tools": []}
        timed = []
        for tool in tools:
            argv = [subst(a, repo["path"]) for a in tool["argv"]]
            cwd = subst(tool.get("cwd", REPO_MARK), repo["path"])
            a = answer_run(tool, repo, prefix, env)
            log(f"   {tool['name']:<32} {a['answer']:<12} ({a['detail']})")
            if a["changed_repo"]:
                raise SystemExit(f"bench: {tool['name']} changed {repo['path']} (status, HEAD or tags)")
            t = {"name": tool["name"], **a}
            if tool.get("timed", True):
                timed.append((t, argv, cwd))
            rr["tools"].append(t)
        # Interleaved rounds, the tools' order reversed every other round, so that a machine whose speed drifts
        # during the run does not favour whichever tool was timed first.
        samples: dict[str, list[dict]] = {t["name"]: [] for t, _, _ in timed}
        for k in range(rounds):
            for t, argv, cwd in (timed if k % 2 == 0 else list(reversed(timed))):
                wu = warmup if k == 0 else 1
                samples[t["name"]].append(
                    time_hyperfine(hf, f"{t['name']} @ {repo['name']}", argv, prefix, cwd, env, per_round, wu) if hf
                    else time_python(argv, prefix, cwd, env, per_round, wu))
        for t, _, _ in timed:
            t["timing"] = combine_rounds(samples[t["name"]])
        results.append(rr)

    meta["load_after"] = load_now()
    meta["probe"] = probe
    Path(spec["results_json"]).write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n")
    md = render(spec, results, bool(hf), bool(prefix))
    Path(spec["results_md"]).write_text(md, encoding="utf-8")
    print(md)


def render(spec: dict, results: list[dict], used_hf: bool, isolated: bool) -> str:
    meta, tools = spec["meta"], {t["name"]: t for t in spec["tools"]}
    runs, warmup = spec["runs"], spec["warmup"]
    rounds = max(1, int(spec.get("rounds", 1)))
    runs = max(1, int(runs) // rounds) * rounds
    ref = "slipway"
    L = [
        "# `slipway version` benchmark",
        "",
        f"Generated by `Benchmarks/version/run.sh` on {meta['date']}. A benchmark, not a test: the times depend on "
        "the machine and its load; the answers do not.",
        "",
        f"- Machine: {meta['cpu']}, {meta['nproc']} cores (nproc), {meta['mem']} RAM, {meta['os']}, kernel "
        f"{meta['kernel']}, git {meta['git']}",
        f"- Load average (1/5/15 min): {meta['load_before']} before the run, {meta.get('load_after', '?')} after it (the machine "
        "was shared with other work; above ~0.5 expect noisy medians)",
        f"- Timing: {'hyperfine ' + meta['hyperfine'] if used_hf else 'python perf_counter fallback'}, {runs} runs "
        f"after {warmup} warm-up run(s) per tool and repository"
        f"{f', in {rounds} interleaved rounds (tool order reversed every other round)' if rounds > 1 else ''}"
        ", output discarded",
        f"- Network: {'every command (answer runs and timed runs) ran inside `unshare -n`, a fresh network namespace whose only interface is its own loopback (brought up with `ip link set lo up`; see Notes)' if isolated else 'host network (not isolated)'}; "
        "forge tokens and CI variables removed from the environment",
        f"- Tools: " + "; ".join(f"{t['name']} {t['version']}" for t in spec["tools"] if t.get("timed", True)),
        "",
        "## Answers",
        "",
        "Next version each tool computes for the commits after the previous tag. \"no release\" = the tool "
        "declines to bump (commitizen exit 21, semantic-release/git-cliff print the current version). "
        "⚠ marks an answer that differs from slipway's.",
        "",
    ]
    names = [t["name"] for t in spec["tools"]]
    L.append("| repository | commits | previous | upstream release / expected¹ | " + " | ".join(names) + " |")
    L.append("| --- | ---: | --- | --- | " + " | ".join("---" for _ in names) + " |")
    disagreements = []
    for rr in results:
        repo = rr["repo"]
        by = {t["name"]: t for t in rr["tools"]}
        slip = by.get(ref, {}).get("answer")
        cells = []
        for n in names:
            a = by.get(n, {}).get("answer", "—")
            mark = ""
            if n != ref and slip is not None and a != slip and tools[n].get("timed", True):
                mark = " ⚠"
                disagreements.append((repo["name"], n, a, slip))
            cells.append(f"{a}{mark}")
        L.append(f"| {repo['name']} | {repo['commits']:,} | {repo['previous']} | {repo['expected'] or '—'} | "
                 + " | ".join(cells) + " |")
    L += ["", "¹ Real ranges: the version the project released. Synthetic: 2.0.0 by construction. Edge cases: "
          "standard-version 9's answer (slipway's default rules).", ""]
    if disagreements:
        L.append(f"{len(disagreements)} peer answer(s) differ from slipway's (default standard-version rules):")
        L.append("")
        for name, tool, a, s in disagreements:
            L.append(f"- {name}: {tool} says **{a}**, slipway **{s}**")
        L.append("")
    else:
        L += ["Every peer agrees with slipway on every repository.", ""]
    off = [(rr["repo"], t) for rr in results for t in rr["tools"]
           if rr["repo"].get("kind") != "edge" and rr["repo"].get("expected") and t["answer"] != rr["repo"]["expected"]]
    if off:
        L += ["Answers that differ from the upstream release (or the synthetic history's expected version; edge "
              "cases are not counted here):", ""]
        L += [f"- {r['name']}: {t['name']} says {t['answer']}, upstream released {r['expected']}" for r, t in off]
        L.append("")
    else:
        L += ["Outside the edge cases, every answer equals the version the project actually released (synthetic: "
              "the expected 2.0.0).", ""]
    L += ["## Times", "",
          "Median wall time per tool and repository; ratio = tool median ÷ slipway median (above 1: slower than "
          "slipway). Targets from the issue: at least 10× faster than commitizen, and no slower than git-cliff.", ""]
    verdicts = []
    for rr in results:
        repo = rr["repo"]
        ref_t = next((t for t in rr["tools"] if t["name"] == ref and "timing" in t), None)
        L += [f"### {repo['name']}", "",
              f"{repo['commits']:,} commits after `v{repo['previous']}`; expected {repo['expected'] or '—'} "
              f"({repo['expected_source']}); source `{repo['source']}`.", "",
              "| tool | answer | median wall ms | min–max ms | CPU ms (user+sys) | ratio vs slipway |",
              "| --- | --- | ---: | ---: | ---: | ---: |"]
        for t in rr["tools"]:
            if "timing" not in t:
                continue
            tm = t["timing"]
            cpu = None if tm.get("user_s") is None else (tm["user_s"] + (tm.get("system_s") or 0)) * 1000
            ratio = "n/a" if ref_t is None else f"{tm['median_s'] / ref_t['timing']['median_s']:.2f}×"
            L.append(f"| {t['name']} | {t['answer']} | {ms(tm['median_s'] * 1000)} | "
                     f"{ms(tm['min_s'] * 1000)}–{ms(tm['max_s'] * 1000)} | {ms(cpu)} | {ratio} |")
        L.append("")
        by = {t["name"]: t for t in rr["tools"] if "timing" in t}
        for own in (ref, NEXT):
            if own not in by:
                continue
            line = []
            for peer, target in (("commitizen", "10x"), ("git-cliff", "1x")):
                if peer in by:
                    r = by[peer]["timing"]["median_s"] / by[own]["timing"]["median_s"]
                    v = verdict(r, target)
                    line.append(f"vs {peer}: {v}")
                    verdicts.append((repo["name"], peer, r, target))
            label = "Targets" if own == ref else f"Targets for `{own}` (the like-for-like answer)"
            L += [f"{label} — " + "; ".join(line) + ".", ""]
    # Summary of targets
    if verdicts:
        L += ["## Targets at a glance", "",
              f"`slipway` is the full plan (`--dry-run --format json`: changelog section, notes, reasons); `{NEXT}` "
              "prints only the next version, as `cz bump --get-next` and `git-cliff --bumped-version` do.", "",
              "| repository | slipway | ms | ≥ 10× faster than commitizen (ratio) | no slower than git-cliff (ratio) |",
              "| --- | --- | ---: | --- | --- |"]
        for rr in results:
            by = {t["name"]: t for t in rr["tools"] if "timing" in t}
            for own in (ref, NEXT):
                if own not in by:
                    continue
                s = by[own]["timing"]["median_s"]
                c = by.get("commitizen", {}).get("timing", {}).get("median_s")
                g = by.get("git-cliff", {}).get("timing", {}).get("median_s")
                cz = "n/a" if c is None else f"{'yes' if c / s >= 10 else 'NO'} ({c / s:.2f}×; commitizen {ms(c * 1000)} ms)"
                gc = "n/a" if g is None else f"{'yes' if g / s >= 1 else 'NO'} ({g / s:.2f}×; git-cliff {ms(g * 1000)} ms)"
                L.append(f"| {rr['repo']['name']} | `{own}` | {ms(s * 1000)} | {cz} | {gc} |")
        L.append("")
    L += ["## Exact commands", "",
          "`REPO` is the repository's absolute path; `CFG` is the work directory holding the peers' "
          "configuration files (their content is below). Each command ran from REPO, inside "
          f"`unshare -n sh -c '{LO_UP}' sh <command>` (for the timing, hyperfine itself ran inside the namespace).",
          "", "```sh"]
    for t in spec["tools"]:
        cwd = t.get("cwd", REPO_MARK)
        disp = shlex.join(t["argv"]).replace(shlex.quote(REPO_MARK), "REPO").replace(REPO_MARK, "REPO")
        disp = disp.replace(spec["cfg_dir"], "CFG")
        for p, short in meta.get("short_paths", {}).items():
            disp = disp.replace(p, short)
        where = "(cd REPO && " if cwd == REPO_MARK else ""
        L.append(f"{where}{disp}{')' if where else ''}" + ("" if t.get("timed", True) else "   # answer only, not timed"))
    L += ["```", ""]
    for fname, content in spec.get("config_files", {}).items():
        L += [f"`CFG/{fname}`:", "", "```toml", content.rstrip(), "```", ""]
    L += ["Timed with", "", "```sh",
          f"unshare -n sh -c '{LO_UP}' sh \\",
          f"  hyperfine --shell=none --ignore-failure --style basic --runs {runs} --warmup {warmup} "
          "--export-json OUT.json '<command>'   # from REPO",
          "```", ""]
    notes = [f"- **{t['name']}** ({t['version']}): {t['notes']}" for t in spec["tools"] if t.get("notes")]
    if meta.get("probe"):
        first = meta.get("probe_repo", "the first repository")
        notes.append(f"- **Loopback-down probe** (each tool once under plain `unshare -n`, loopback left down, "
                     f"on {first}): " + "; ".join(
                         f"{p['name']} → {p['answer']} ({p['wall_s']:.1f} s{', stderr: `' + p['stderr_hint'] + '`' if p['answer'] in ('timed out', 'error') and p['stderr_hint'] else ''})"
                         for p in meta["probe"]) + ".")
    notes += [f"- {x}" for x in meta.get("extra_notes", [])]
    if notes:
        L += ["## Notes", ""] + notes + [""]
    L += ["## Repositories", "",
          "Built by `bench.py repos` with `git fast-import` (fixed author, committer and dates, so object ids "
          "are reproducible): an initial commit with `package.json` at the previous version, an annotated tag "
          "`v<previous>` on it, then the range's commits oldest first as empty commits with their exact messages.",
          "", "| repository | commits | HEAD | source |", "| --- | ---: | --- | --- |"]
    for rr in results:
        r = rr["repo"]
        L.append(f"| {r['name']} | {r['commits']:,} | `{r['head'][:12]}` | `{r['source']}` |")
    edges = [rr["repo"] for rr in results if rr["repo"].get("kind") == "edge"]
    if edges:
        L += ["", "Edge-case messages (oldest first):", ""]
        for e in edges:
            msgs = next(m for f, _, _, _, m in EDGE_CASES if e["path"].endswith("/" + f))
            L.append(f"- {e['name']} (after `v{e['previous']}`): " + "; ".join(
                "`" + m.decode().strip().replace(chr(10) + chr(10), " ⏎ ") + "`" for m in msgs))
    syn = next((rr["repo"] for rr in results if "types" in rr["repo"]), None)
    if syn:
        mix = ", ".join(f"{k} {v:,}" for k, v in syn["types"].items())
        L += ["", f"Synthetic type mix: {mix}; {syn['breaking']} commits carry a `BREAKING CHANGE:` footer (all in "
              "the last 5 % of the history)."]
    L.append("")
    return "\n".join(L)


def load_now() -> str:
    try:
        return " / ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "repos":
        cmd_repos(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) == 3 and sys.argv[1] == "measure":
        measure(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "render":  # re-render results.md from a spec + results.json
        spec = json.loads(Path(sys.argv[2]).read_text())
        doc = json.loads(Path(spec["results_json"]).read_text())
        res, spec["meta"] = doc["results"], doc["meta"]
        md = render(spec, res, not spec.get("no_hyperfine"), not spec.get("allow_net"))
        Path(spec["results_md"]).write_text(md, encoding="utf-8")
        print(md)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
