"""Tables, targets and the machine description of ``benchmarks/run.py`` (markdown, to paste as is)."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {
    "query_100k": "every named query p50 < 50 ms and p99 < 200 ms at 100k claims",
    "query_page_100k": "every named query's first page (100 rows, as `ask` and the explorer read it) p50 < 50 ms "
    "and p99 < 200 ms at 100k claims",
    "summary_vs_floor": "queries that read summary edges/tallies: p50 <= 3x the RETURN 1 floor (curated graph)",
    "query_memory_100k": "no named query raises the server's memory by more than 500 MB at 100k claims",
    "ingest_warm": "ingest pipeline >= 90 % of the pipelined bare writer, warm record cache",
    "ingest_cold": "ingest pipeline >= 60 % of the pipelined bare writer, cold (empty) record cache",
    "ingest_100k": "100k claims ingested in < 20 s (cold record cache; warm in brackets)",
    "cold_ask": "cold `msc-graph ask modes-of-action-rescuing` < 0.5 s at 100k claims, server running",
    "batched_vs_per_row": "batched ingest >= 30x faster than one statement per row (earlier target)",
    "review_rebuild": "full rebuild of the curated review graph < 1 s wall (earlier target)",
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


def _cpu(run: dict[str, Any]) -> str:
    """The client's CPU: this process, and its child processes' when they ran (+)."""
    kids = run.get("children_cpu") or 0.0
    return _s(run["cpu"]) + (f" + {_s(kids)}" if kids >= 0.05 else "")


def _rate(n: int, s: float | None) -> str:
    return "-" if not s else f"{n / s:,.0f}"


def _mb(b: int | None) -> str:
    return "-" if not b else f"{b / 2**20:,.0f}"


def _x(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:.2f}"


def _med(r: dict[str, Any], kind: str) -> float:
    return float(r["ingest"][kind]["wall"]["median"])


def _median_run(r: dict[str, Any], kind: str) -> dict[str, Any]:
    runs = sorted(r["ingest"][kind]["runs"], key=lambda x: x["wall"])
    return dict(runs[len(runs) // 2])


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
    rows = [(s, scales[s]["embedded"]) for s in scales if "embedded" in scales[s]]
    reps = max((len(r["ingest"]["bare"]["runs"]) for _, r in rows), default=0)
    add("")
    add(
        f"#### Ingest (embedded; median of {reps} interleaved rounds on one server; "
        "every writer: no fsync per statement, one `WAITAOF` fsync before the rename)"
    )
    add("")
    add(
        "| scale | claims | nodes | rels | statements | pipeline cold s | pipeline warm s | bare s "
        "| cold / bare | warm / bare | bare, fsync per statement s | one statement per row s | batched speed-up |"
    )
    add("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for s, r in rows:
        ing, pr = r["ingest"], r.get("per_row")
        cold, warm, bare = _med(r, "cold"), _med(r, "warm"), _med(r, "bare")
        run = _median_run(r, "cold")
        always = ing["bare_fsync_always"]["wall"]
        per = f"{_s(pr['seconds'])} ({'all rows' if pr['full'] else 'sampled'})" if pr else "-"
        speed = f"{pr['seconds'] / _median_run(r, 'bare')['data']:.0f}x" if pr else "-"
        add(
            f"| {s} | {r['claims']:,} | {run['nodes']:,} | {run['rels']:,} | {ing['statements']:,} | {_s(cold)} "
            f"| {_s(warm)} | {_s(bare)} | {bare / cold:.0%} | {bare / warm:.0%} | {_s(always)} | {per} | {speed} |"
        )
    add("")
    add(
        "Pipeline stages (median run; base = the rows but the summary edges and the tallies; tallies = "
        "counting them, while the server writes the base rows, in process or, marked *child*, in a forked "
        "child from the end of the load to its last statement received, beside the other stages; write = "
        "the rest: deriving the summary edges (while the base rows are written), encode, send, fsync, "
        "publish) and memory (client CPU = this process + its child processes: the parse workers of a "
        "cold load, the tally child):"
    )
    add("")
    add(
        "| scale | cold: load+validate / base / tallies / write s | warm: load+validate / base / tallies / write s "
        "| client CPU cold / warm s | client peak RSS MB (of a child process) "
        "| server used_memory MB (after ingests / queries) | server peak RSS MB |"
    )
    add("|---|--:|--:|--:|--:|--:|--:|")
    for s, r in rows:
        stage = {}
        for kind in ("cold", "warm"):
            run = _median_run(r, kind)
            load, build, tally = run.get("load", 0.0), run.get("build", 0.0), run.get("tallies", 0.0)
            child = run.get("tallies_child")
            rest = run["wall"] - load - build - tally
            tallies = _s(tally) if child is None else f"{_s(child)} *child*"
            stage[kind] = (f"{_s(load)} / {_s(build)} / {tallies} / {_s(rest)}", run)
        m1, m2 = r.get("server_memory_ingest") or {}, r.get("server_memory") or {}
        rss = max(stage["cold"][1]["maxrss"] or 0, stage["warm"][1]["maxrss"] or 0)
        kids_rss = max(stage["cold"][1].get("children_maxrss") or 0, stage["warm"][1].get("children_maxrss") or 0)
        add(
            f"| {s} | {stage['cold'][0]} | {stage['warm'][0]} | {_cpu(stage['cold'][1])} / "
            f"{_cpu(stage['warm'][1])} | {_mb(rss)}{f' (a child: {_mb(kids_rss)})' if kids_rss else ''} "
            f"| {_mb(m1.get('used_memory'))} / {_mb(m2.get('used_memory'))} | {_mb(m2.get('VmHWM'))} |"
        )
    add("")
    add(
        "#### Query latency (embedded; engine round trip p50 / p99 in ms; x = p50 / RETURN 1 p50; "
        "MB = server peak RSS rise during the query's first run; * = reads summary edges or tallies)"
    )
    add("")
    add("| query | " + " | ".join(f"{s}: rows | p50 / p99 | x | MB" for s, _ in rows) + " |")
    add("|---|" + "--:|--:|--:|--:|" * len(rows))
    names = sorted({q for _, r in rows for q in r["queries"]}, key=lambda q: (q != "RETURN 1", q))
    for q in names:
        cells, star = [], ""
        for _, r in rows:
            e = r["queries"].get(q)
            floor = r["queries"]["RETURN 1"]["engine"]["p50"]
            mem = _mb((e or {}).get("memory", {}) and e["memory"].get("rss")) if e else "-"
            if e is None or "error" in e:
                cells.append(f"- | error | - | {mem}" if e else "- | - | - | -")
                continue
            star = "*" if e.get("summary") else star
            en = e["engine"]
            cells.append(f"{e['rows']:,} | {_ms(en['p50'])} / {_ms(en['p99'])} | {en['p50'] / floor:.1f} | {mem}")
        add(f"| {q}{star} | " + " | ".join(cells) + " |")
    big_scale, big = rows[-1]
    anatomy = {q: e["anatomy"] for q, e in big["queries"].items() if isinstance(e, dict) and e.get("anatomy")}
    if anatomy:
        add("")
        add(
            f"#### Where a read's time goes ({big_scale}; one raw-socket read each: the server's own execution "
            "time, the reply's size, the whole read; round trip p50 from the table above)"
        )
        add("")
        add("| query | rows | reply MB | server executes ms | raw read ms | round trip p50 ms | executing share |")
        add("|---|--:|--:|--:|--:|--:|--:|")
        for q in sorted(anatomy, key=lambda q: -anatomy[q]["reply_bytes"]):
            a, e = anatomy[q], big["queries"][q]
            p50 = e["engine"]["p50"]
            ex = a["server_ms"]
            share = f"{ex / (p50 * 1000):.0%}" if ex is not None and p50 else "-"
            add(
                f"| {q} | {e['rows']:,} | {a['reply_bytes'] / 1e6:.2f} | {'-' if ex is None else f'{ex:.1f}'} | "
                f"{_ms(a['raw_wall'])} | {_ms(p50)} | {share} |"
            )
    pages = {q: e for q, e in big["queries"].items() if q != "RETURN 1" and isinstance(e, dict) and e.get("page")}
    if pages:
        add("")
        add(
            f"#### The first page ({big_scale}; the first 100 rows, as `ask` prints a table and the explorer "
            "shows an answer: the engine stops there; engine round trip p50 / p99 in ms)"
        )
        add("")
        add("| query | rows of the answer | rows of the page | page p50 / p99 | whole answer p50 | whole / page |")
        add("|---|--:|--:|--:|--:|--:|")
        for q in sorted(pages):
            e = pages[q]
            pg, whole = e["page"], e["engine"]["p50"]
            add(
                f"| {q} | {e['rows']:,} | {e['page_rows']:,} | {_ms(pg['p50'])} / {_ms(pg['p99'])} | {_ms(whole)} "
                f"| {whole / pg['p50']:.1f}x |"
            )
    errors = [(s, q, e["error"]) for s, r in rows for q, e in r["queries"].items() if "error" in e]
    if errors:
        add("")
        add("Errors: " + "; ".join(f"{s} {q}: {err[:120]}" for s, q, err in errors))
    whole = [(s, r["whole_graph"]) for s, r in rows if r.get("whole_graph")]
    if whole:
        add("")
        add(
            "#### The whole graph into networkx (embedded; `Graph.to_networkx()`, no tallies, against the very "
            "reads it makes, one after another with nothing built; medians of interleaved rounds)"
        )
        add("")
        add("| scale | nodes | edges | `to_networkx` s | its reads alone, in sequence s | to_networkx / reads |")
        add("|---|--:|--:|--:|--:|--:|")
        for s, w in whole:
            nx_s, reads = w["to_networkx"]["median"], w["reads_alone"]["median"]
            add(f"| {s} | {w['nodes']:,} | {w['edges']:,} | {_s(nx_s)} | {_s(reads)} | {nx_s / reads:.2f} |")
    cold_rows = [(s, r["cold"]) for s, r in rows if r.get("cold")]
    if cold_rows:
        add("")
        add("#### Cold CLI, fresh process (embedded; median / best, s)")
        add("")
        add("| scale | `msc-graph --help` | `ask` server running | `ask` server stopped | `ask` peak RSS MB |")
        add("|---|--:|--:|--:|--:|")
        for s, c in cold_rows:
            st = c.get("stopped")
            stopped = f"{_s(st['median'])} / {_s(st['best'])}" if st else "-"
            helps = f"{_s(c['help']['median'])} / {_s(c['help']['best'])}"
            running = f"{_s(c['running']['median'])} / {_s(c['running']['best'])}"
            add(f"| {s} | {helps} | {running} | {stopped} | {_mb(c['maxrss'])} |")
    for backend in [b for b in result["backends"] if b != "embedded"]:
        other = [(s, scales[s][backend]) for s in scales if backend in scales[s]]
        add("")
        add(f"#### {backend} (best of the repetitions)")
        add("")
        add("| scale | pipeline s | bare s | pipeline/bare |")
        add("|---|--:|--:|--:|")
        for s, r in other:
            pw, bw = r["pipeline"]["wall"]["best"], r["bare"]["wall"]["best"]
            add(f"| {s} | {_s(pw)} | {_s(bw)} | {_x(bw, pw)} |")
    add("")
    add("#### Targets (embedded engine, verdicts computed from this run)")
    add("")
    add("| target | measured | verdict |")
    add("|---|---|---|")
    for name, (measured, verdict) in targets(result).items():
        add(f"| {TARGETS[name]} | {measured} | {verdict} |")
    return "\n".join(lines)


def targets(result: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each target: what was measured and MET / MISSED by how much (left out when its scale was not run)."""
    emb = {s: r["embedded"] for s, r in result["scales"].items() if "embedded" in r}
    out: dict[str, tuple[str, str]] = {}

    def verdict(ok: bool, miss: str) -> str:
        return "MET" if ok else f"MISSED ({miss})"

    big = emb.get("100k")
    if big:
        qs = {q: v for q, v in big["queries"].items() if q != "RETURN 1"}
        for target, key in (("query_100k", "engine"), ("query_page_100k", "page")):
            bad = []
            for q, v in sorted(qs.items()):
                if "error" in v or key not in v:
                    bad.append(f"{q} error")
                elif v[key]["p50"] >= 0.05 or v[key]["p99"] >= 0.2:
                    bad.append(f"{q} {v[key]['p50'] * 1000:.0f} / {v[key]['p99'] * 1000:.0f} ms")
            worst = max((q for q in qs if key in qs[q]), key=lambda q: qs[q][key]["p99"], default=None)
            measured = f"{len(qs) - len(bad)} of {len(qs)} within both" + (
                f"; worst p99 {worst} {qs[worst][key]['p99'] * 1000:.1f} ms" if worst else ""
            )
            out[target] = (measured, verdict(not bad, ", ".join(bad)))
    if "review" in emb:
        qs = emb["review"]["queries"]
        floor = qs["RETURN 1"]["engine"]["p50"]
        x = {q: v["engine"]["p50"] / floor for q, v in qs.items() if v.get("summary") and "engine" in v}
        over = {q: v for q, v in x.items() if v > 3}
        out["summary_vs_floor"] = (
            f"floor {floor * 1000:.2f} ms; {len(x) - len(over)} of {len(x)} within 3x"
            + (f"; worst {max(x, key=lambda q: x[q])} {max(x.values()):.1f}x" if x else ""),
            verdict(bool(x) and not over, ", ".join(f"{q} {v:.1f}x" for q, v in sorted(over.items())) or "none"),
        )
    if big:
        mem = {q: (v.get("memory") or {}).get("rss") for q, v in big["queries"].items() if q != "RETURN 1"}
        known = {q: b for q, b in mem.items() if b is not None}
        over = {q: b for q, b in known.items() if b > 500 * 2**20}
        worst = max(known, key=lambda q: known[q]) if known else None
        out["query_memory_100k"] = (
            f"largest {worst} {known[worst] / 2**20:,.0f} MB" if worst else "-",
            verdict(bool(known) and not over, ", ".join(f"{q} {b / 2**20:,.0f} MB" for q, b in over.items())),
        )
    for kind, goal in (("warm", 0.9), ("cold", 0.6)):
        ratios = {s: _med(r, "bare") / _med(r, kind) for s, r in emb.items()}
        if ratios:
            short = {s: v for s, v in ratios.items() if v < goal}
            out[f"ingest_{kind}"] = (
                ", ".join(f"{s}: {v:.0%}" for s, v in ratios.items()),
                verdict(not short, ", ".join(f"{s} {v:.0%}" for s, v in short.items())),
            )
    if big:
        cold, warm = _med(big, "cold"), _med(big, "warm")
        out["ingest_100k"] = (f"{cold:.1f} s ({warm:.1f} s)", verdict(cold < 20, f"cold {cold - 20:.1f} s over"))
        c = big.get("cold")
        if c:
            t = c["running"]["median"]
            out["cold_ask"] = (f"{t:.3f} s (median)", verdict(t < 0.5 and not c["errors"], f"{t - 0.5:.3f} s over"))
    speed = {s: r["per_row"]["seconds"] / _median_run(r, "bare")["data"] for s, r in emb.items() if r.get("per_row")}
    if speed:
        low = {s: v for s, v in speed.items() if v < 30}
        out["batched_vs_per_row"] = (
            ", ".join(f"{s}: {v:.0f}x" for s, v in speed.items()),
            verdict(not low, ", ".join(f"{s} {v:.1f}x" for s, v in low.items())),
        )
    if "review" in emb:
        w = _med(emb["review"], "cold")
        out["review_rebuild"] = (f"{w:.3f} s (cold cache)", verdict(w < 1.0, f"{w - 1:.2f} s over"))
    return out
