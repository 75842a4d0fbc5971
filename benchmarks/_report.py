"""Tables, targets and the machine description of ``benchmarks/run.py`` (markdown, to paste as is)."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# target name -> (description, comparison) ; evaluated by targets()
TARGETS = {
    "pipeline_vs_bare": "pipeline ingest throughput >= 90 % of the bare engine's (same rows)",
    "batched_vs_per_row": "batched ingest >= 30x faster than one statement per row",
    "review_rebuild": "full rebuild of the curated review graph < 1 s wall",
    "ingest_100k": "100k-claim corpus ingested in < 60 s",
    "query_vs_floor": "every named query p50 <= 3x the RETURN 1 round trip (curated graph)",
    "query_100k": "every named query p50 < 50 ms at 100k claims",
    "cold_ask": "cold `msc-graph ask` < 0.5 s with the server running",
}


def machine(falkordb_version: str) -> dict[str, Any]:
    """nproc, memory, CPU model, Python, FalkorDB, git commit, load average."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "nproc": os.cpu_count(),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "falkordb": falkordb_version,
        "commit": commit,
        "loadavg_start": os.getloadavg(),
    }


def _ms(s: float | None) -> str:
    return "-" if s is None else (f"{s * 1000:.2f}" if s < 0.01 else f"{s * 1000:.1f}")


def _s(s: float | None) -> str:
    return "-" if s is None else (f"{s:.3f}" if s < 10 else f"{s:.1f}")


def _rate(n: int, s: float | None) -> str:
    return "-" if not s else f"{n / s:,.0f}"


def _mb(b: int | None) -> str:
    return "-" if not b else f"{b / 2**20:,.0f}"


def _x(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:.2f}"


def tables(result: dict[str, Any]) -> str:
    """The markdown report of one run (all scales)."""
    scales = result["scales"]
    lines: list[str] = []
    add = lines.append
    m = result["machine"]
    add(
        f"machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} RAM, Python {m['python']}, "
        f"{m['falkordb']}, commit {m['commit']}, load average at start "
        f"{' '.join(f'{x:.2f}' for x in m['loadavg_start'])}, at end "
        f"{' '.join(f'{x:.2f}' for x in m.get('loadavg_end', ()))}"
    )
    for backend in result["backends"]:
        rows = [(s, scales[s][backend]) for s in scales if backend in scales[s]]
        add("")
        add(f"### Ingest ({backend}; best of the repetitions, throughput = items / wall time)")
        add("")
        add(
            "| scale | claims | nodes | rels | pipeline s | nodes/s | rels/s | bare s | nodes/s | rels/s "
            "| pipeline/bare | write stage/bare | per-row s (extrap.) | batched speed-up (data) |"
        )
        add("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for s, r in rows:
            p, b, pr = r["pipeline"], r["bare"], r.get("per_row")
            pw, bw = p["wall"]["best"], b["wall"]["best"]
            best = min(p["runs"], key=lambda x: x["wall"])
            pwrite = best["wall"] - best.get("load", 0) - best.get("build", 0)
            per = pr["extrapolated_seconds"] if pr else None
            bd = b["data"]["best"]
            add(
                f"| {s} | {r['claims']:,} | {p['nodes']:,} | {p['rels']:,} | {_s(pw)} | {_rate(p['nodes'], pw)} "
                f"| {_rate(p['rels'], pw)} | {_s(bw)} | {_rate(p['nodes'], bw)} | {_rate(p['rels'], bw)} "
                f"| {_x(bw, pw)} | {_x(bw, pwrite)} | {_s(per)} | {_x(per, bd)}x |"
            )
        add("")
        add("Pipeline stages (best run), CPU and memory (server: after the ingests / after the queries):")
        add("")
        add(
            "| scale | load+validate s | build s | write+publish s | client CPU s | bare client CPU s "
            "| per-row sample | client peak RSS MB | server used_memory MB | server used_memory_peak MB "
            "| server peak RSS MB |"
        )
        add("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for s, r in rows:
            p = r["pipeline"]
            best = min(p["runs"], key=lambda x: x["wall"])
            load, build = best.get("load"), best.get("build")
            write = best["wall"] - (load or 0) - (build or 0)
            m1, m2 = r.get("server_memory_ingest") or {}, r.get("server_memory") or {}
            pr = r.get("per_row") or {}
            add(
                f"| {s} | {_s(load)} | {_s(build)} | {_s(write)} | {_s(best['cpu'])} | {_s(r['bare']['cpu']['best'])} "
                f"| {pr.get('sampled_rows', '-')} rows | {_mb(p['maxrss'])} "
                f"| {_mb(m1.get('used_memory'))} / {_mb(m2.get('used_memory'))} "
                f"| {_mb(m1.get('used_memory_peak'))} / {_mb(m2.get('used_memory_peak'))} "
                f"| {_mb(m1.get('VmHWM'))} / {_mb(m2.get('VmHWM'))} |"
            )
        add("")
        add(f"### Query latency ({backend}; engine round trip p50 / p99 in ms, x = p50 / RETURN 1 p50)")
        add("")
        add("| query | " + " | ".join(f"{s}: rows | p50 / p99 | x" for s, _ in rows) + " |")
        add("|---|" + "--:|--:|--:|" * len(rows))
        names = sorted({q for _, r in rows for q in r["queries"]}, key=lambda q: (q != "RETURN 1", q))
        for q in names:
            cells = []
            for _, r in rows:
                e = r["queries"].get(q)
                floor = r["queries"]["RETURN 1"]["engine"]["p50"]
                if e is None or "error" in e:
                    cells.append("- | error | -" if e else "- | - | -")
                    continue
                en = e["engine"]
                cells.append(f"{e['rows']:,} | {_ms(en['p50'])} / {_ms(en['p99'])} | {en['p50'] / floor:.1f}")
            add(f"| {q} | " + " | ".join(cells) + " |")
        add("")
        add(
            "API level (`Graph.ask` -> DataFrame; `Graph.cypher` for RETURN 1), p50 ms: "
            + "; ".join(
                f"{s}: "
                + ", ".join(
                    f"{q} {_ms(r['queries'][q]['api']['p50'])}" for q in names if (r["queries"].get(q) or {}).get("api")
                )
                for s, r in rows[:1]
            )
        )
        cold_rows = [(s, r["cold"]) for s, r in rows if r.get("cold")]
        if cold_rows:
            add("")
            add(f"### Cold CLI, fresh process ({backend}; median / best, s)")
            add("")
            add("| scale | `msc-graph --help` | `ask` server running | `ask` server stopped | `ask` peak RSS MB |")
            add("|---|--:|--:|--:|--:|")
            for s, c in cold_rows:
                st = c.get("stopped")
                stopped = f"{_s(st['median'])} / {_s(st['best'])}" if st else "-"
                helps = f"{_s(c['help']['median'])} / {_s(c['help']['best'])}"
                running = f"{_s(c['running']['median'])} / {_s(c['running']['best'])}"
                add(f"| {s} | {helps} | {running} | {stopped} | {_mb(c['maxrss'])} |")
    add("")
    add("### Targets (embedded engine)")
    add("")
    add("| target | measured | verdict |")
    add("|---|---|---|")
    for name, (measured, verdict) in targets(result).items():
        add(f"| {TARGETS[name]} | {measured} | {verdict} |")
    return "\n".join(lines)


def targets(result: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each target: what was measured and MET / MISSED by how much (n/a when its scale was not run)."""
    emb = {s: r["embedded"] for s, r in result["scales"].items() if "embedded" in r}
    out: dict[str, tuple[str, str]] = {}

    def verdict(ok: bool, miss: str) -> str:
        return "MET" if ok else f"MISSED ({miss})"

    ratios = {s: r["bare"]["wall"]["best"] / r["pipeline"]["wall"]["best"] for s, r in emb.items()}
    if ratios:
        worst = min(ratios, key=lambda s: ratios[s])
        out["pipeline_vs_bare"] = (
            ", ".join(f"{s}: {v:.0%}" for s, v in ratios.items()),
            verdict(ratios[worst] >= 0.9, f"{worst}: {ratios[worst]:.0%}, {0.9 - ratios[worst]:.0%} short"),
        )
    speed = {
        s: r["per_row"]["extrapolated_seconds"] / r["bare"]["data"]["best"] for s, r in emb.items() if r.get("per_row")
    }
    if speed:
        worst = min(speed, key=lambda s: speed[s])
        out["batched_vs_per_row"] = (
            ", ".join(f"{s}: {v:.0f}x" for s, v in speed.items()),
            verdict(speed[worst] >= 30, f"{worst}: {speed[worst]:.1f}x"),
        )
    if "review" in emb:
        w = emb["review"]["pipeline"]["wall"]["best"]
        out["review_rebuild"] = (f"{w:.3f} s", verdict(w < 1.0, f"{w - 1:.2f} s over"))
    if "100k" in emb:
        w = emb["100k"]["pipeline"]["wall"]["best"]
        out["ingest_100k"] = (f"{w:.1f} s", verdict(w < 60, f"{w - 60:.1f} s over"))
    if "review" in emb:
        qs = emb["review"]["queries"]
        floor = qs["RETURN 1"]["engine"]["p50"]
        x = {q: v["engine"]["p50"] / floor for q, v in qs.items() if q != "RETURN 1" and "engine" in v}
        over = {q: v for q, v in x.items() if v > 3}
        out["query_vs_floor"] = (
            f"floor {floor * 1000:.2f} ms; {len(x) - len(over)} of {len(x)} within 3x; "
            f"worst {max(x, key=lambda q: x[q])} {max(x.values()):.1f}x"
            if x
            else "-",
            verdict(not over, ", ".join(f"{q} {v:.1f}x" for q, v in sorted(over.items(), key=lambda kv: -kv[1]))),
        )
    if "100k" in emb:
        qs = emb["100k"]["queries"]
        p50 = {q: v["engine"]["p50"] for q, v in qs.items() if q != "RETURN 1" and "engine" in v}
        over = {q: v for q, v in p50.items() if v >= 0.05}
        failed = sorted(q for q, v in qs.items() if "error" in v)
        misses = [f"{q} {v * 1000:.0f} ms" for q, v in sorted(over.items(), key=lambda kv: -kv[1])]
        misses += [f"{q} error ({qs[q]['error'].split(':')[-1].strip()})" for q in failed]
        worst = max(p50, key=lambda q: p50[q]) if p50 else None
        out["query_100k"] = (
            f"{len(p50) - len(over)} of {len(p50) + len(failed)} under 50 ms; worst measured "
            f"{worst} {p50[worst] * 1000:.1f} ms"
            if worst
            else "-",
            verdict(not misses, ", ".join(misses)),
        )
    colds = {s: r["cold"]["running"]["median"] for s, r in emb.items() if r.get("cold")}
    if colds:
        worst = max(colds, key=lambda s: colds[s])
        out["cold_ask"] = (
            ", ".join(f"{s}: {v:.3f} s" for s, v in colds.items()),
            verdict(colds[worst] < 0.5, f"{worst}: {colds[worst] - 0.5:.3f} s over"),
        )
    return out
