"""The benchmark's figures as JSON and as tables: ratios to plain Pelican, the targets of
issue 12 met or missed, and how time and memory grow with the number of documents."""

from __future__ import annotations

from dataclasses import dataclass

COLD = "cold build"
PELICAN_COLD = "plain Pelican, cold"
PELICAN_EDIT = "plain Pelican, one file edited (reader cache)"


@dataclass(frozen=True)
class Target:
    """A limit from issue 12: on a step's median seconds, on the peak memory of the whole
    process tree over all our steps (`step` is None), or on the cold build as a share of plain
    Pelican's (`of_pelican`)."""

    label: str
    limit: float
    unit: str
    step: str | None = None
    of_pelican: bool = False


TARGETS = (
    Target("rebuild after adding a decision", 2.0, "s", "rebuild, one decision added"),
    Target("rebuild after editing a title", 2.0, "s", "rebuild, one decision's title edited"),
    Target("rebuild after changing a status", 2.0, "s", "rebuild, one decision's status changed"),
    Target("rebuild after a body edit", 1.5, "s", "rebuild, one decision edited"),
    Target("rebuild with nothing changed", 1.0, "s", "rebuild, nothing changed"),
    Target("peak memory, whole process tree", 450, "MB"),
    Target("cold build, × plain Pelican cold", 0.7, "×", COLD, of_pelican=True),
)


# Issue 14: what the git history may add, against the same step without a repository.
HISTORY_TARGETS = (("cold build", "cold build, with history", "cold build, no repository", 10.0),
                   ("rebuild after one new commit", "rebuild, one new commit",
                    "rebuild, one decision edited, no repository", 0.5))


def as_json(result: dict) -> dict:
    keys = ("shape", "documents", "repeat", "counts", "generation_seconds", "cpus", "python", "load_average",
            "wall_seconds")
    data = {key: result[key] for key in keys if key in result}
    if result.get("history"):
        data["history"] = history_json(result["history"])
    if "ours" not in result:  # the history's cost measured alone
        return data
    ours, base = result["ours"], result["baseline"]
    data["ours"] = {s.name: s.as_dict() for s in ours["series"]}
    data["ours_output"] = {"bytes": ours["output_bytes"], "files": ours["output_files"]}
    data["search_first_query"] = ours["search"]
    if base:
        data["baseline"] = {s.name: s.as_dict() for s in base["series"]}
        data["baseline_output"] = {"bytes": base["output_bytes"], "files": base["output_files"]}
    data["peak_tree_pss_mb"] = peak_memory(data)
    data["targets"] = targets(data)
    return data


def history_json(history: dict) -> dict:
    """Each history step's figures, and the history's cost: each step with history minus, and
    over, the same step without a repository, against issue 14's limits (memory: the peak of the
    steps with history against the peak without, and against the build's budget)."""
    steps = {s.name: s.as_dict() for s in history["series"]}
    costs = []
    for label, with_history, without, limit in HISTORY_TARGETS:
        extra = steps[with_history]["seconds"] - steps[without]["seconds"]
        costs.append({"step": label, "with_history_s": steps[with_history]["seconds"],
                      "without_s": steps[without]["seconds"], "added_s": round(extra, 3),
                      "ratio": round(steps[with_history]["seconds"] / steps[without]["seconds"], 3),
                      "limit_s": limit, "met": extra <= limit, "pairs": len(steps[with_history]["runs"])})
    peak_with = max(steps[name]["tree_pss_mb"] for _, name, _, _ in HISTORY_TARGETS)
    peak_without = max(steps[name]["tree_pss_mb"] for _, _, name, _ in HISTORY_TARGETS)
    budget = next(t.limit for t in TARGETS if t.step is None)
    return {"commits": history["commits"], "steps": steps, "cost": costs,
            "memory": {"peak_with_history_mb": peak_with, "peak_without_mb": peak_without,
                       "ratio": round(peak_with / peak_without, 3) if peak_without else None,
                       "budget_mb": budget, "met": peak_with <= budget}}


def history_table(data: dict) -> str:
    found = data["history"]
    rows = [("history (git, %d commits)" % found["commits"], "with history", "without", "added", "ratio",
             "limit", "met")]
    for cost in found["cost"]:
        step = f"{cost['step']} (median of {cost['pairs']})"
        rows.append((step, f"{cost['with_history_s']:.2f} s", f"{cost['without_s']:.2f} s",
                     f"{cost['added_s']:+.2f} s", f"{cost['ratio']:.2f}×", f"≤ +{cost['limit_s']:g} s",
                     "met" if cost["met"] else "MISSED"))
    memory = found["memory"]
    rows.append(("peak memory (process tree, PSS)", f"{memory['peak_with_history_mb']:.0f} MB",
                 f"{memory['peak_without_mb']:.0f} MB",
                 f"{memory['peak_with_history_mb'] - memory['peak_without_mb']:+.0f} MB",
                 f"{memory['ratio']:.2f}×" if memory["ratio"] else "—", f"≤ {memory['budget_mb']:g} MB",
                 "met" if memory["met"] else "MISSED"))
    return "\n".join(columns(rows))


def peak_memory(data: dict) -> float:
    """The largest proportional set size of our whole process tree in any of our steps."""
    return max(figures["tree_pss_mb"] for figures in data["ours"].values())


def targets(data: dict) -> list[dict]:
    """Each target with the measured value and whether it is met (None when it cannot be told,
    such as the ratio to plain Pelican without the baseline)."""
    found = []
    for target in TARGETS:
        if target.step is None:
            value = peak_memory(data)
        elif target.of_pelican:
            reference = (data.get("baseline") or {}).get(PELICAN_COLD, {}).get("seconds")
            value = data["ours"][target.step]["seconds"] / reference if reference else None
        else:
            value = data["ours"][target.step]["seconds"]
        found.append({"target": target.label, "limit": target.limit, "unit": target.unit,
                      "value": None if value is None else round(value, 3),
                      "met": None if value is None else value <= target.limit})
    return found


def scaling(small: dict, large: dict) -> dict:
    """How the default shape grows from `small` to `large` documents: the ratio large/small of
    every step's median seconds, of the peak memory, of plain Pelican's cold build, of the output."""
    ratios = {name: round(large["ours"][name]["seconds"] / figures["seconds"], 2)
              for name, figures in small["ours"].items() if name in large["ours"]}
    ratios["peak memory, whole process tree"] = round(large["peak_tree_pss_mb"] / small["peak_tree_pss_mb"], 2)
    ratios["peak memory, cold build, largest process"] = round(
        large["ours"][COLD]["max_rss_mb"] / small["ours"][COLD]["max_rss_mb"], 2)
    if small.get("baseline") and large.get("baseline"):
        ratios[PELICAN_COLD] = round(large["baseline"][PELICAN_COLD]["seconds"]
                                     / small["baseline"][PELICAN_COLD]["seconds"], 2)
    ratios["output bytes"] = round(large["ours_output"]["bytes"] / small["ours_output"]["bytes"], 2)
    return {"from": small["documents"], "to": large["documents"],
            "documents": round(large["documents"] / small["documents"], 2), "ratios": ratios}


def ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "—"
    return f"{value / reference:.2f}×"


def columns(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    text = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    text.insert(1, "-+-".join("-" * w for w in widths))
    return text


def heading(data: dict) -> str:
    counts = data["counts"]
    return (f"Synthetic council, shape {data.get('shape', 'default')}: {data['documents']} documents "
            f"({counts['decisions']} decisions, {counts['reports']} reports, {counts['meetings']} meetings, "
            f"{counts['pages']} pages; {counts.get('attachments', '?')} PDF attachments; "
            f"{counts.get('amending', '?')} decisions amend and {counts.get('repealing', '?')} repeal others, "
            f"longest amendment chain {counts.get('longest_chain', '?')}; "
            f"{counts.get('commits', 'no')} git commits), generated in "
            f"{data['generation_seconds']:.1f} s; {data['cpus']} CPUs; median of {data['repeat']} runs.")


def table(data: dict) -> str:
    if "ours" not in data:
        return "\n".join([heading(data), "", history_table(data)])
    ours, base = data["ours"], data.get("baseline") or {}
    cold_ref = base.get(PELICAN_COLD, {})
    edit_ref = base.get(PELICAN_EDIT, {})
    rows = [("measurement", "value", "× Pelican cold", "× same Pelican step")]
    same_step = {COLD: cold_ref, "rebuild, one decision edited": edit_ref}
    for name, figures in ours.items():
        rows.append((name, f"{figures['seconds']:.2f} s", ratio(figures["seconds"], cold_ref.get("seconds")),
                     ratio(figures["seconds"], same_step.get(name, {}).get("seconds"))))
    for name, figures in base.items():
        rows.append((name, f"{figures['seconds']:.2f} s", ratio(figures["seconds"], cold_ref.get("seconds")), ""))
    cold = ours[COLD]
    rows.append(("peak memory, cold build (largest process)", f"{cold['max_rss_mb']:.0f} MB",
                 ratio(cold["max_rss_mb"], cold_ref.get("max_rss_mb")), ""))
    rows.append(("peak memory, any step (process tree, PSS)", f"{peak_memory(data):.0f} MB",
                 ratio(peak_memory(data), cold_ref.get("tree_pss_mb")), ""))
    if cold_ref:
        rows.append(("plain Pelican peak memory (largest process)", f"{cold_ref['max_rss_mb']:.0f} MB", "1.00×", ""))
    out, base_out = data["ours_output"], data.get("baseline_output") or {}
    rows.append(("output size", f"{out['bytes'] / 1e6:.1f} MB", ratio(out["bytes"], base_out.get("bytes")), ""))
    rows.append(("output files", f"{out['files']}", ratio(out["files"], base_out.get("files")), ""))
    if base_out:
        rows.append(("plain Pelican output", f"{base_out['bytes'] / 1e6:.1f} MB, {base_out['files']} files", "", ""))
    search = data.get("search_first_query")
    label = f"search, first query „{search['query']}”" if search else "search, first query"
    rows.append((label,
                 f"{search['gzip_bytes'] / 1024:.0f} kB gzip ({search['raw_bytes'] / 1024:.0f} kB raw, "
                 f"{search['files']} files)" if search else "n/a", "", ""))
    history = ["", history_table(data)] if data.get("history") else []
    return "\n".join([heading(data), "", *columns(rows), "", *target_lines(data["targets"]), *history])


def target_lines(found: list[dict]) -> list[str]:
    rows = [("target", "limit", "measured", "met")]
    for item in found:
        unit = item["unit"]
        value = "—" if item["value"] is None else f"{item['value']:.2f} {unit}".replace(" ×", "×")
        met = {True: "met", False: "MISSED", None: "—"}[item["met"]]
        rows.append((item["target"], f"≤ {item['limit']:g} {unit}".replace(" ×", "×"), value, met))
    return columns(rows)


def scaling_table(growth: dict) -> str:
    rows = [(f"{growth['to']} / {growth['from']} documents ({growth['documents']:.2f}×)", "ratio")]
    rows += [(name, f"{value:.2f}×") for name, value in growth["ratios"].items()]
    return "\n".join(columns(rows))
