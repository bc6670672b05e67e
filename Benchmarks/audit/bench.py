#!/usr/bin/env python3
"""Helper for Benchmarks/audit/run.sh (stdlib only).

    bench.py stage CORPUS_DIR DEST LAYOUT      copy the corpus into DEST, print the file list
    bench.py measure SPEC_JSON                 sanity-run, time and measure every tool,
                                               write results.json + results.md, print the table

`stage` with LAYOUT=upstream rebuilds each file's path in its source repository from
MANIFEST.tsv (`<owner>/<repo>/<path>`), so tools that classify inputs by file name
(zizmor only audits a file as an action when it is called action.yml/action.yaml) see
the corpus as they would see the real repositories. LAYOUT=flat keeps the corpus's
flattened `<owner>__<repo>__<path>` names. The bytes are the same either way.

`measure` reads a JSON spec written by run.sh:
    {"workdir": ..., "files": [...], "runs": 5, "warmup": 1, "rss_runs": 3,
     "results_md": ..., "results_json": ..., "reference": "slipway",
     "meta": {...}, "tools": [{"name", "version", "argv": [...], "notes"}]}
Every tool's argv ends with the literal "{files}", expanded to all corpus files.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES_MARK = "{files}"
# Never let a peer pick up credentials and go online.
SCRUBBED_ENV = ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN", "GH_HOST", "GH_ENTERPRISE_TOKEN")


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- stage


def stage(corpus: Path, dest: Path, layout: str) -> None:
    manifest = corpus / "MANIFEST.tsv"
    on_disk = sorted(p.name for p in corpus.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    rows: dict[str, tuple[str, str]] = {}
    if manifest.is_file():
        with manifest.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                rows[row["file"]] = (row["repo"], row["path"])
    else:
        log(f"warning: {manifest} missing; falling back to the flat layout")
        layout = "flat"
    missing = sorted(set(rows) - set(on_disk))
    unlisted = sorted(set(on_disk) - set(rows))
    if missing:
        log(f"warning: {len(missing)} manifest entries have no file: {missing[:3]}")
    if unlisted and layout == "upstream":
        log(f"warning: {len(unlisted)} files not in the manifest keep their flat name: {unlisted[:3]}")

    dest.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    seen: set[str] = set()
    for name in on_disk:
        if layout == "upstream" and name in rows:
            repo, path = rows[name]
            rel = f"{repo}/{path}"
        else:
            rel = f"flat/{name}" if layout == "upstream" else name
        if rel in seen or re.search(r"\s", rel) or rel.startswith("/") or ".." in Path(rel).parts:
            raise SystemExit(f"bench: refusing corpus path {rel!r}")
        seen.add(rel)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / name, target)  # copies, not symlinks: tools must not see the flat name
        out.append(rel)
    sys.stdout.write("".join(f"{p}\n" for p in out))


# ------------------------------------------------------------------------- measure


def expand(argv: list[str], files: list[str]) -> list[str]:
    res: list[str] = []
    for a in argv:
        res.extend(files if a == FILES_MARK else [a])
    return res


def netns_prefix(allow_net: bool) -> list[str]:
    """Run every measured command in a fresh network namespace (no interfaces but a
    down loopback) when we can: proof that the peers really work offline."""
    if allow_net:
        return []
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    log("note: `unshare -n` unavailable (not root?); tools run with the host network")
    return []


def count_findings(stdout: bytes) -> int | None:
    try:
        doc = json.loads(stdout)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(doc, list):
        return len(doc)
    if isinstance(doc, dict):
        if isinstance(doc.get("runs"), list):  # SARIF
            return sum(len(r.get("results") or []) for r in doc["runs"])
        for key in ("findings", "results", "diagnostics", "problems", "errors"):
            if isinstance(doc.get(key), list):
                return len(doc[key])
        files = doc.get("files")
        if isinstance(files, list):
            total = 0
            for f in files:
                if isinstance(f, dict) and isinstance(f.get("findings"), list):
                    total += len(f["findings"])
            return total
    return None


def sanity(tool: dict, argv: list[str], prefix: list[str], cwd: str, env: dict) -> dict:
    t0 = time.perf_counter()
    p = subprocess.run(prefix + argv, cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    rc = p.returncode
    crashed = rc < 0 or rc >= 128 or (len(p.stdout.strip()) == 0)
    res = {
        "exit_code": rc,
        "stdout_bytes": len(p.stdout),
        "stderr_bytes": len(p.stderr),
        "findings": count_findings(p.stdout),
        "crashed": crashed,
        "first_wall_ms": wall * 1000,
        "stderr_tail": p.stderr.decode("utf-8", "replace")[-1500:],
    }
    err = p.stderr.decode("utf-8", "replace")
    skipped = len(re.findall(r"failed to (?:validate|parse|load)", err))
    if skipped:
        res["skipped_inputs"] = skipped
    out_dir = Path(tool["_outdir"])
    (out_dir / f"{tool['name']}.stdout").write_bytes(p.stdout)
    (out_dir / f"{tool['name']}.stderr").write_bytes(p.stderr)
    return res


def time_hyperfine(hf: str, name: str, argv: list[str], prefix: list[str], cwd: str, env: dict, runs: int, warmup: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        export = tmp.name
    try:
        cmd = prefix + [hf, "--shell=none", "--ignore-failure", "--style", "basic",
                        "--runs", str(runs), "--warmup", str(warmup),
                        "--export-json", export, "--command-name", name, shlex.join(argv)]
        subprocess.run(cmd, cwd=cwd, env=env, check=True, stdin=subprocess.DEVNULL, stdout=sys.stderr)
        r = json.loads(Path(export).read_text())["results"][0]
    finally:
        os.unlink(export)
    codes = r.get("exit_codes") or []
    return {
        "method": "hyperfine",
        "times_s": r["times"],
        "median_s": r["median"],
        "mean_s": r["mean"],
        "stddev_s": r.get("stddev") or 0.0,
        "min_s": r["min"],
        "max_s": r["max"],
        "user_s": r.get("user"),
        "system_s": r.get("system"),
        "run_crashed": any(c is None or c < 0 or c >= 128 for c in codes),
    }


def time_python(argv: list[str], prefix: list[str], cwd: str, env: dict, runs: int, warmup: int) -> dict:
    # The namespace is entered once per run here (hyperfine enters it once in all);
    # unshare -n costs well under a millisecond.
    times, cpu, crashed = [], [], False
    for i in range(warmup + runs):
        before = os.times()
        t0 = time.perf_counter()
        p = subprocess.run(prefix + argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        after = os.times()
        if i >= warmup:
            times.append(dt)
            cpu.append((after.children_user - before.children_user, after.children_system - before.children_system))
            crashed |= p.returncode < 0 or p.returncode >= 128
    return timing_summary("python perf_counter", times, statistics.fmean(u for u, _ in cpu),
                          statistics.fmean(s for _, s in cpu), crashed)


def timing_summary(method: str, times: list[float], user: float | None, system: float | None, crashed: bool) -> dict:
    return {
        "method": method,
        "times_s": times,
        "median_s": statistics.median(times),
        "mean_s": statistics.fmean(times),
        "stddev_s": statistics.stdev(times) if len(times) > 1 else 0.0,
        "min_s": min(times),
        "max_s": max(times),
        "user_s": user,
        "system_s": system,
        "run_crashed": crashed,
    }


def peak_rss(gnu_time: str | None, argv: list[str], prefix: list[str], cwd: str, env: dict, runs: int) -> float | None:
    """Max resident set size in MiB (GNU time -v), the largest over `runs` runs."""
    if not gnu_time:
        return None
    peaks = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as tmp:
            out = tmp.name
        try:
            subprocess.run(prefix + [gnu_time, "-v", "-o", out] + argv, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", Path(out).read_text())
        finally:
            os.unlink(out)
        if m:
            peaks.append(int(m.group(1)) / 1024.0)
    return max(peaks) if peaks else None


def combine_rounds(parts: list[dict]) -> dict:
    """One timing from several rounds of the same command: all run times pooled, CPU averaged over all runs."""
    times = [t for part in parts for t in part["times_s"]]
    def pooled(key: str) -> float | None:
        values = [(part[key], len(part["times_s"])) for part in parts if part.get(key) is not None]
        return sum(v * n for v, n in values) / sum(n for _, n in values) if values else None
    method = parts[0]["method"] + (f", {len(parts)} interleaved rounds" if len(parts) > 1 else "")
    return timing_summary(method, times, pooled("user_s"), pooled("system_s"), any(p["run_crashed"] for p in parts))


def fmt(x: float | None, digits: int = 1) -> str:
    return "n/a" if x is None else f"{x:,.{digits}f}"


def measure(spec_path: Path) -> None:
    spec = json.loads(spec_path.read_text())
    cwd, files = spec["workdir"], spec["files"]
    runs, warmup, rss_runs = int(spec["runs"]), int(spec["warmup"]), int(spec["rss_runs"])
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update({"NO_COLOR": "1", "CLICOLOR": "0", "TERM": "dumb"})
    prefix = netns_prefix(bool(spec.get("allow_net")))
    hf = shutil.which("hyperfine") if not spec.get("no_hyperfine") else None
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    out_dir = Path(spec["outdir"])
    out_dir.mkdir(parents=True, exist_ok=True)

    results = []
    for tool in spec["tools"]:
        tool["_outdir"] = str(out_dir)
        argv = expand(tool["argv"], files)
        log(f"== {tool['name']}: sanity run")
        r = {"name": tool["name"], "version": tool["version"], "notes": tool.get("notes", ""),
             "display": shlex.join(tool["argv"]).replace(shlex.quote(FILES_MARK), "<files…>")}
        r["sanity"] = sanity(tool, argv, prefix, cwd, env)
        s = r["sanity"]
        log(f"   exit {s['exit_code']}, {s['stdout_bytes']} bytes out, findings {s['findings']}"
            + (", CRASHED or no output" if s["crashed"] else ""))
        ok_codes = tool.get("ok_exit_codes")
        if s["crashed"] or (ok_codes is not None and s["exit_code"] not in ok_codes):
            if tool.get("skip_if_broken"):
                log(f"   {tool['name']} did not run properly; not timed. stderr tail:\n{s['stderr_tail']}")
                r["skipped"] = "did not run (exit %d)" % s["exit_code"]
                results.append(r)
                continue
        r["_argv"] = argv
        log(f"== {tool['name']}: peak RSS over {rss_runs} runs")
        r["peak_rss_mib"] = peak_rss(gnu_time, argv, prefix, cwd, env, rss_runs)
        results.append(r)

    # Timing in rounds, the tools' order reversed every other round, so that a machine that gets slower or faster
    # during the run (a shared VM does) does not favour whichever tool ran first.
    rounds = max(1, int(spec.get("rounds", 1)))
    timed = [r for r in results if "_argv" in r]
    samples: dict[str, list[dict]] = {r["name"]: [] for r in timed}
    per_round = max(1, runs // rounds)
    for k in range(rounds):
        for r in (timed if k % 2 == 0 else list(reversed(timed))):
            log(f"== {r['name']}: timing round {k + 1}/{rounds}, {per_round} runs")
            argv, wu = r["_argv"], warmup if k == 0 else 1
            samples[r["name"]].append(time_hyperfine(hf, r["name"], argv, prefix, cwd, env, per_round, wu) if hf
                                      else time_python(argv, prefix, cwd, env, per_round, wu))
    for r in timed:
        r["timing"] = combine_rounds(samples[r["name"]])
        del r["_argv"]

    ref = next((r for r in results if r["name"] == spec.get("reference") and "timing" in r), None)
    n = len(files)
    lines = []
    meta = spec["meta"]
    lines += [
        "# Workflow audit benchmark",
        "",
        f"Generated by `Benchmarks/audit/run.sh` on {meta['date']}. A benchmark, not a test: "
        "numbers depend on the machine and its load.",
        "",
        f"- Machine: {meta['cpu']}, {meta['nproc']} cores (nproc), {meta['mem']} RAM, {meta['os']}, kernel {meta['kernel']}; "
        f"load average before the run {meta.get('load', '?')} (1/5/15 min; above ~0.5 the numbers are noisy)",
        f"- Corpus: {n} files, {meta['corpus_bytes']:,} bytes, from `{meta['corpus']}` "
        f"(layout `{meta['layout']}`: {meta['layout_note']})",
        f"- Timing: {'hyperfine ' + meta['hyperfine'] if hf else 'python perf_counter fallback'}, "
        f"{per_round * rounds} runs after {warmup} warm-up run(s)"
        f"{f' in {rounds} interleaved rounds (tool order reversed every other round)' if rounds > 1 else ''}"
        ", output discarded; peak RSS: "
        f"{'GNU time -v, largest of ' + str(rss_runs) + ' run(s)' if gnu_time else 'unavailable (/usr/bin/time missing)'}",
        f"- Network: {'every command ran inside `unshare -n` (no network at all)' if prefix else 'host network (not isolated)'}; "
        "GH_TOKEN/GITHUB_TOKEN/ZIZMOR_GITHUB_TOKEN removed from the environment",
        f"- Each tool is run once over all {n} files per measurement (single invocation).",
        "",
        "| tool | version | median wall ms | min–max ms | CPU ms (user+sys) | files/s | peak RSS MiB | ratio vs slipway | exit | findings |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        s = r["sanity"]
        flag = " ⚠ crash/no output" if s["crashed"] else ""
        if "timing" not in r:
            lines.append(f"| {r['name']} | {r['version']} | skipped: {r.get('skipped', '')} | | | | | | {s['exit_code']}{flag} | |")
            continue
        t = r["timing"]
        med_ms = t["median_s"] * 1000
        cpu = None if t.get("user_s") is None else (t["user_s"] + (t["system_s"] or 0)) * 1000
        ratio = "n/a" if ref is None else f"{t['median_s'] / ref['timing']['median_s']:.2f}×"
        if t["run_crashed"]:
            flag += " ⚠ crash during timing"
        findings = "n/a" if s["findings"] is None else str(s["findings"])
        if s.get("skipped_inputs"):
            findings += f" ({s['skipped_inputs']} inputs skipped)"
        lines.append(
            f"| {r['name']} | {r['version']} | {med_ms:,.1f} | {t['min_s']*1000:,.1f}–{t['max_s']*1000:,.1f} | "
            f"{fmt(cpu)} | {n / t['median_s']:,.0f} | {fmt(r.get('peak_rss_mib'))} | {ratio} | "
            f"{s['exit_code']}{flag} | {findings} |"
        )
    lines += [
        "",
        "Ratio = tool median / slipway median (above 1: slower than slipway). Findings are counted "
        "from each tool's JSON output and are not comparable across tools (different checks). "
        "Exit codes are ignored except for crashes (signal, ≥128, or no output).",
        "",
        "## Exact commands",
        "",
        f"Run from the staged corpus directory; `<files…>` stands for the {n} paths listed "
        "at the end of this file (same order for every tool).",
        "",
        "```sh",
    ]
    for r in results:
        lines.append(r["display"])
    lines += ["```", ""]
    notes = [f"- **{r['name']}**: {r['notes']}" for r in results if r.get("notes")]
    if meta.get("extra_notes"):
        notes += [f"- {x}" for x in meta["extra_notes"]]
    if notes:
        lines += ["## Notes", ""] + notes + [""]
    lines += ["<details><summary>The files, in command-line order</summary>", "", "```"] + files + ["```", "", "</details>", ""]
    md = "\n".join(lines)
    Path(spec["results_md"]).write_text(md, encoding="utf-8")
    for r in results:
        r.get("sanity", {}).pop("stderr_tail", None)
    Path(spec["results_json"]).write_text(json.dumps({"meta": meta, "files": n, "results": results}, indent=2) + "\n")
    print(md.split("<details>")[0].rstrip())


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "stage" and len(sys.argv) == 5:
        layout = sys.argv[4]
        if layout not in ("upstream", "flat"):
            raise SystemExit("bench: LAYOUT must be upstream or flat")
        stage(Path(sys.argv[2]), Path(sys.argv[3]), layout)
    elif len(sys.argv) == 3 and sys.argv[1] == "measure":
        measure(Path(sys.argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
