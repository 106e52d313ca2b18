"""The benchmark's figures as JSON and as a table of ratios to plain Pelican."""

from __future__ import annotations


def as_json(result: dict) -> dict:
    ours, base = result["ours"], result["baseline"]
    data = {key: result[key] for key in ("documents", "repeat", "counts", "generation_seconds", "cpus", "python")}
    data["ours"] = {s.name: s.as_dict() for s in ours["series"]}
    data["ours_output"] = {"bytes": ours["output_bytes"], "files": ours["output_files"]}
    data["search_first_query"] = ours["search"]
    if base:
        data["baseline"] = {s.name: s.as_dict() for s in base["series"]}
        data["baseline_output"] = {"bytes": base["output_bytes"], "files": base["output_files"]}
    return data


def ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "—"
    return f"{value / reference:.2f}×"


def table(data: dict) -> str:
    ours, base = data["ours"], data.get("baseline") or {}
    cold_ref = base.get("plain Pelican, cold", {})
    edit_ref = base.get("plain Pelican, one file edited (reader cache)", {})
    counts = data["counts"]
    lines = [f"Synthetic council: {data['documents']} documents ({counts['decisions']} decisions, "
             f"{counts['reports']} reports, {counts['meetings']} meetings, {counts['pages']} pages), "
             f"generated in {data['generation_seconds']:.1f} s; {data['cpus']} CPUs; "
             f"median of {data['repeat']} runs.", ""]
    rows = [("measurement", "value", "× Pelican cold", "× same Pelican step")]
    same_step = {"cold build": cold_ref, "rebuild, one decision edited": edit_ref}
    for name, figures in ours.items():
        rows.append((name, f"{figures['seconds']:.2f} s", ratio(figures["seconds"], cold_ref.get("seconds")),
                     ratio(figures["seconds"], same_step.get(name, {}).get("seconds"))))
    for name, figures in base.items():
        rows.append((name, f"{figures['seconds']:.2f} s", ratio(figures["seconds"], cold_ref.get("seconds")), ""))
    cold = ours["cold build"]
    rows.append(("peak memory, cold build (largest process)", f"{cold['max_rss_mb']:.0f} MB",
                 ratio(cold["max_rss_mb"], cold_ref.get("max_rss_mb")), ""))
    rows.append(("peak memory, cold build (process tree, PSS)", f"{cold['tree_pss_mb']:.0f} MB",
                 ratio(cold["tree_pss_mb"], cold_ref.get("tree_pss_mb")), ""))
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
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    text = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    text.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines + text)
