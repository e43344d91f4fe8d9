#!/usr/bin/env python3
"""Compare Focal's fused focal-loss kernels with PyTorch and JAX on CPU.

Every configuration (implementation x case x thread count) runs in a fresh
subprocess pinned to `threads` CPUs, so thread settings, allocator settings and
compile caches of one run cannot leak into the next. The parent collects one
JSON object per run and prints a markdown table per case, with each figure's
ratio to "torch.compile tuned" at the same thread count (>1 = slower).

Peers measure loss + gradient w.r.t. the logits (forward and backward), float32,
median over --repeats timed calls after --warmup untimed calls (which include
compilation). Focal is measured by its own `focal bench ... --json` command.

Python is only a benchmarking aid: nothing in the Swift package depends on it.
See Benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)

# glibc malloc settings for "torch.compile tuned": keep freed memory in the heap
# instead of returning it with munmap/trim, so each call does not page-fault its
# intermediate buffers back in.
MALLOC_TUNED_ENV = {
    "MALLOC_MMAP_MAX_": "0",
    "MALLOC_TRIM_THRESHOLD_": "68719476736",
    "MALLOC_TOP_PAD_": "1073741824",
}

# name -> (module needed, description)
PEERS = {
    "torch eager": ("torch", "PyTorch eager, autograd backward"),
    "torch.compile": ("torch", "torch.compile (default inductor), autograd backward"),
    "torch.compile tuned": ("torch", "torch.compile in a process with glibc malloc tuned (MALLOC_MMAP_MAX_=0 ...)"),
    "JAX jit": ("jax", "jax.jit(jax.value_and_grad(loss))"),
}
PEER_KEYS = {"eager": "torch eager", "compile": "torch.compile",
             "tuned": "torch.compile tuned", "jax": "JAX jit"}
FOCAL_ROWS = ["focal portable", "focal native"]
# Another build of focal measured in the same run (--before-portable / --before-native), to
# show that a change lost no speed.
BEFORE_ROWS = ["focal portable (before)", "focal native (before)"]
ROW_ORDER = FOCAL_ROWS + BEFORE_ROWS + list(PEERS)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------

def make_cases(quick: bool, only: str | None, extra: bool, precisions: list[str]) -> list[dict]:
    if quick:
        sig, sm1, sm2 = (8192, 80), (16384, 80), (4096, 1000)
    else:
        sig, sm1, sm2 = (131072, 80), (262144, 80), (65536, 1000)
    cases = [
        dict(kind="sigmoid", shape=list(sig), gamma=2.0, alpha=0.25),
        dict(kind="softmax", shape=list(sm1), gamma=2.0, alpha=None),
        dict(kind="softmax", shape=list(sm2), gamma=2.0, alpha=None),
    ]
    if extra:
        cases.append(dict(kind="sigmoid", shape=list(sig), gamma=1.5, alpha=0.25))
    if only:
        cases = [c for c in cases if c["kind"] == only]
    # One table per case and precision: float32 first, then float64 (`focal bench --precision double`).
    cases = [dict(c, precision=p) for p in precisions for c in cases]
    for c in cases:
        c["id"] = case_id(c)
    return cases


def make_variant_cases(quick: bool, only: str | None, names: list[str]) -> list[dict]:
    """One case per focal-loss variant (`--variants`), on focal bench's inputs for that variant."""
    from variant_peers import VARIANTS
    sig, sm = ((8192, 80), (4096, 80)) if quick else ((131072, 80), (65536, 80))
    cases = []
    for name in names:
        kind, peer, params = VARIANTS[name]
        if only and kind != only:
            continue
        cases.append(dict(kind=kind, shape=list(sig if kind == "sigmoid" else sm), variant=name,
                          peer_formula=peer, params=params, precision="float", gamma=None, alpha=None))
    for c in cases:
        c["id"] = case_id(c)
    return cases


def case_id(c: dict) -> str:
    n, k = c["shape"]
    if c.get("variant"):
        return f"{c['kind']} {n}x{k} variant {c['variant']} ({' '.join(c['params'])})"
    s = f"{c['kind']} {n}x{k} gamma {fmt_num(c['gamma'])}"
    if c.get("alpha") is not None:
        s += f" alpha {fmt_num(c['alpha'])}"
    if c.get("precision", "float") == "double":
        s += ", float64"
    return s


def fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def py_gamma(g: float):
    """An integer-valued gamma as int so both torch and JAX use integer powers."""
    return int(g) if float(g).is_integer() else float(g)


# ----------------------------------------------------------------------------
# Worker side (runs in the subprocess)
# ----------------------------------------------------------------------------

def make_inputs(case: dict, seed: int):
    import numpy as np
    rng = np.random.default_rng(seed)
    n, k = case["shape"]
    # Same distributions as `focal bench`: logits uniform in [-4, 4], ~1% positives / uniform labels.
    dtype = np.float64 if case.get("precision") == "double" else np.float32
    x = rng.uniform(-4.0, 4.0, size=(n, k)).astype(dtype)
    if case["kind"] == "sigmoid":
        t = (rng.random((n, k), dtype=np.float32) < 0.01).astype(dtype)  # ~1% positives
    else:
        t = rng.integers(0, k, size=n, dtype=np.int64)
    return x, t


def proc_status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> bool:
    """Reset VmHWM (peak RSS) of this process; Linux >= 4.0."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def time_calls(step, clear, repeats: int, warmup: int, elements: int) -> dict:
    import gc
    for _ in range(warmup):
        step()
        clear()
    # Peak memory of one steady-state call: VmHWM reset, one call, VmHWM - VmRSS before.
    gc.collect()
    mem = {}
    rss0 = proc_status_kib("VmRSS")
    if reset_peak_rss() and rss0 is not None:
        step()
        hwm = proc_status_kib("VmHWM")
        clear()
        mem = {"call_peak_over_rss_mib": round((hwm - rss0) / 1024, 1),
               "rss_before_call_mib": round(rss0 / 1024, 1),
               "method": "VmHWM after one call (reset via /proc/self/clear_refs) minus VmRSS before it"}
    times = []
    gc_was = gc.isenabled()
    gc.disable()
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        t1 = time.perf_counter()
        clear()  # between runs, outside the timed region
        times.append(t1 - t0)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    if gc_was:
        gc.enable()
    return summarise(times, elements, cpu / wall if wall > 0 else None, mem)


def summarise(times: list[float], elements: int, cpu_util, mem: dict) -> dict:
    ns = sorted(t / elements * 1e9 for t in times)
    if len(ns) >= 4:
        q = statistics.quantiles(ns, n=4, method="inclusive")
        q1, q3 = q[0], q[2]
    else:
        q1, q3 = ns[0], ns[-1]
    return {
        "forward_backward_ns_per_element": statistics.median(ns),
        "min_ns_per_element": ns[0], "max_ns_per_element": ns[-1],
        "q1_ns_per_element": q1, "q3_ns_per_element": q3,
        "runs": len(ns), "seconds": times,
        "cpu_utilisation": cpu_util,  # process CPU time / wall time over the timed loop
        "memory": mem,
    }


def torch_loss_fn(case: dict):
    import torch
    import torch.nn.functional as F
    gamma = py_gamma(case["gamma"])
    if case["kind"] == "sigmoid":
        alpha = case["alpha"]

        def sigmoid_focal(x, t):
            # torchvision.ops.sigmoid_focal_loss, reduction="mean"
            p = torch.sigmoid(x)
            ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
            p_t = p * t + (1 - p) * (1 - t)
            loss = ce * ((1 - p_t) ** gamma)
            if alpha is not None and alpha >= 0:
                alpha_t = alpha * t + (1 - alpha) * (1 - t)
                loss = alpha_t * loss
            return loss.mean()
        return sigmoid_focal

    def softmax_focal(x, labels):
        logp = F.log_softmax(x, dim=1)
        logpt = logp.gather(1, labels.unsqueeze(1)).squeeze(1)
        pt = logpt.exp()
        return -(((1 - pt) ** gamma) * logpt).mean()
    return softmax_focal


def run_torch(spec: dict) -> dict:
    import torch
    case, threads = spec["case"], spec["threads"]
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    if case.get("variant"):
        import numpy as np
        from variant_peers import peer_loss_fn, variant_inputs
        n, k = case["shape"]
        xn, tn = variant_inputs(case["variant"], n, k, spec["seed"], np.float32)
        fn = peer_loss_fn(case["variant"])
    else:
        xn, tn = make_inputs(case, spec["seed"])
        fn = torch_loss_fn(case)
    x = torch.from_numpy(xn).requires_grad_(True)
    t = torch.from_numpy(tn)
    if spec["peer"] in ("torch.compile", "torch.compile tuned"):
        fn = torch.compile(fn)
    holder = {}

    def step():
        loss = fn(x, t)
        loss.backward()
        g = x.grad  # materialised by backward on CPU (synchronous)
        holder["out"] = (loss, g)

    def clear():
        x.grad = None
        holder.clear()

    t0 = time.perf_counter()
    step()
    first = time.perf_counter() - t0
    loss_val = float(holder["out"][0])
    grad_abs_sum = float(holder["out"][1].abs().sum())
    clear()
    res = time_calls(step, clear, spec["repeats"], spec["warmup"], xn.size)
    res.update(first_call_seconds=first, loss=loss_val, grad_abs_sum=grad_abs_sum,
               version=torch.__version__, torch_threads=torch.get_num_threads())
    return res


def jax_loss_fn(case: dict):
    import jax
    import jax.numpy as jnp
    gamma = py_gamma(case["gamma"])
    if case["kind"] == "sigmoid":
        alpha = case["alpha"]

        def sigmoid_focal(x, t):
            # optax.sigmoid_focal_loss with stable log_sigmoid cross-entropy, then mean
            p = jax.nn.sigmoid(x)
            ce = -t * jax.nn.log_sigmoid(x) - (1.0 - t) * jax.nn.log_sigmoid(-x)
            p_t = p * t + (1 - p) * (1 - t)
            loss = ce * ((1 - p_t) ** gamma)
            if alpha is not None and alpha >= 0:
                loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
            return jnp.mean(loss)
        return sigmoid_focal

    def softmax_focal(x, labels):
        logp = jax.nn.log_softmax(x, axis=1)
        logpt = jnp.take_along_axis(logp, labels[:, None], axis=1)[:, 0]
        pt = jnp.exp(logpt)
        return -jnp.mean(((1 - pt) ** gamma) * logpt)
    return softmax_focal


def run_jax(spec: dict) -> dict:
    import jax
    case = spec["case"]
    if case.get("precision") == "double":
        jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    xn, tn = make_inputs(case, spec["seed"])
    if case["kind"] == "softmax":
        tn = tn.astype("int32")
    x = jax.device_put(jnp.asarray(xn))
    t = jax.device_put(jnp.asarray(tn))
    f = jax.jit(jax.value_and_grad(jax_loss_fn(case)))
    holder = {}

    def step():
        holder["out"] = jax.block_until_ready(f(x, t))

    def clear():
        holder.clear()

    t0 = time.perf_counter()
    step()
    first = time.perf_counter() - t0
    loss_val = float(holder["out"][0])
    grad_abs_sum = float(jnp.abs(holder["out"][1]).sum())
    clear()
    res = time_calls(step, clear, spec["repeats"], spec["warmup"], xn.size)
    res.update(first_call_seconds=first, loss=loss_val, grad_abs_sum=grad_abs_sum,
               version=jax.__version__, xla_flags=os.environ.get("XLA_FLAGS", ""))
    return res


def worker_main(spec_json: str) -> None:
    spec = json.loads(spec_json)
    out = {"status": "ok"}
    try:
        if spec["peer"] == "JAX jit":
            out.update(run_jax(spec))
        else:
            out.update(run_torch(spec))
    except ImportError as e:
        out = {"status": "skipped", "note": f"not installed: {e}"}
    except Exception as e:  # report, don't crash the sweep
        import traceback
        out = {"status": "error", "note": f"{type(e).__name__}: {e}",
               "traceback": traceback.format_exc()[-4000:]}
    out["affinity"] = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    print("@@RESULT@@" + json.dumps(out), flush=True)


# ----------------------------------------------------------------------------
# Parent side
# ----------------------------------------------------------------------------

def cpu_set(threads: int, pin: bool):
    if not pin or not hasattr(os, "sched_getaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if threads > len(cpus):
        return None
    return set(cpus[:threads])


def run_process(argv: list[str], env: dict, cpus, timeout: float):
    """Run argv; return (returncode, stdout, stderr, peak RSS MiB of the child)."""
    def pre():
        if cpus is not None:
            os.sched_setaffinity(0, cpus)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, stdout=out, stderr=err, env=env, preexec_fn=pre,
                             cwd=PACKAGE_ROOT)
        deadline = time.monotonic() + timeout
        rc, ru = None, None
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid == p.pid:
                rc = os.waitstatus_to_exitcode(status)
                p.returncode = rc
                break
            if time.monotonic() > deadline:
                p.kill()
                _, status, ru = os.wait4(p.pid, 0)
                p.returncode = rc = "timeout"
                break
            time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        peak = round(ru.ru_maxrss / 1024, 1) if ru is not None else None  # ru_maxrss is KiB on Linux
        return rc, out.read().decode(errors="replace"), err.read().decode(errors="replace"), peak


def thread_env(threads: int, peer: str) -> dict:
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[k] = str(threads)
    if peer == "JAX jit":
        env["JAX_PLATFORMS"] = "cpu"
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        if threads == 1:
            # The CPU pinning is what really enforces one thread; these flags reduce Eigen's pool.
            env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") +
                                " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1").strip()
    if peer == "torch.compile tuned":
        env.update(MALLOC_TUNED_ENV)
    return env


def run_peer(peer: str, case: dict, threads: int, args) -> dict:
    spec = {"peer": peer, "case": case, "threads": threads, "repeats": args.repeats,
            "warmup": args.warmup, "seed": args.seed}
    argv = [sys.executable, os.path.abspath(__file__), "--worker", json.dumps(spec)]
    rc, out, err, peak = run_process(argv, thread_env(threads, peer),
                                     cpu_set(threads, not args.no_pin), args.timeout)
    res = None
    for line in out.splitlines():
        if line.startswith("@@RESULT@@"):
            res = json.loads(line[len("@@RESULT@@"):])
    if res is None:
        res = {"status": "error", "note": f"worker exited {rc} without a result",
               "stderr_tail": err[-3000:]}
    elif res.get("status") == "error":
        res["stderr_tail"] = err[-3000:]
    res["process_peak_rss_mib"] = peak
    return res


def run_focal(row: str, binary: str, case: dict, threads: int, args) -> dict:
    n, k = case["shape"]
    if case.get("variant"):
        from variant_peers import focal_variant_name
        model = ["--variant", focal_variant_name(case["variant"])]  # the variant's default parameters
    else:
        model = ["--gamma", fmt_num(case["gamma"])]
    argv = [binary, "bench", "--kind", case["kind"], "--shape", f"{n}x{k}", "--threads", str(threads)] + model + [
            "--precision", case.get("precision", "float"), "--runs", str(args.repeats), "--json"] + shlex.split(args.focal_args)
    env = dict(os.environ)
    rc, out, err, peak = run_process(argv, env, cpu_set(threads, not args.no_pin), args.timeout)
    obj = None
    for line in reversed(out.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
                break
            except json.JSONDecodeError:
                continue
    if obj is None:
        try:
            obj = json.loads(out)
        except json.JSONDecodeError:
            pass
    cmd = " ".join(shlex.quote(a) for a in argv)
    if rc != 0 or not isinstance(obj, dict) or "forward_backward_ns_per_element" not in obj:
        return {"status": "error", "command": cmd,
                "note": f"`focal bench` exited {rc}" + ("" if isinstance(obj, dict) else ", no JSON object"),
                "stdout_tail": out[-2000:], "stderr_tail": err[-2000:], "process_peak_rss_mib": peak}
    res = {"status": "ok", "command": cmd, "raw": obj, "process_peak_rss_mib": peak,
           "forward_backward_ns_per_element": float(obj["forward_backward_ns_per_element"]),
           "forward_ns_per_element": obj.get("forward_ns_per_element"),
           "runs": obj.get("runs")}
    if obj.get("threads") not in (None, threads):
        res["note"] = f"focal reported threads={obj.get('threads')} (asked {threads})"
    if list(obj.get("shape", [n, k])) != [n, k]:
        res["note"] = f"focal reported shape={obj.get('shape')} (asked {[n, k]})"
    for key, theirs in (("min_ns_per_element", "forward_backward_min"),
                        ("max_ns_per_element", "forward_backward_max")):
        if theirs in obj:
            res[key] = obj[theirs]
    return res


def resolve_binary(path: str, default: str) -> str:
    if path == default and not os.path.isabs(path):
        return os.path.join(PACKAGE_ROOT, path)
    return os.path.abspath(path)


def host_cpu_flags() -> set[str]:
    """The flags of this machine's CPU (/proc/cpuinfo), empty where there is none."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def build(args) -> None:
    # The host build takes 16-lane Float kernels where the CPU has AVX-512, and converts Float16
    # with F16C where it has that (Benchmarks/README.md).
    flags = host_cpu_flags()
    wide = ["-Xswiftc", "-DFOCAL_WIDE_VECTORS"] if "avx512f" in flags else []
    wide += ["-Xswiftc", "-DFOCAL_F16C"] if "f16c" in flags else []
    cmds = [
        ["flock", "/tmp/focal-swift-build.lock", "swift", "build", "-c", "release"],
        ["flock", "/tmp/focal-swift-build.lock", "swift", "build", "-c", "release",
         "-Xswiftc", "-target-cpu", "-Xswiftc", "native", *wide, "--scratch-path", ".build-native"],
    ]
    for c in cmds:
        log("$ " + " ".join(c))
        r = subprocess.run(c, cwd=PACKAGE_ROOT)
        if r.returncode != 0:
            log(f"build failed with exit code {r.returncode}; continuing with whatever binaries exist")


# ----------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------

def ns(r: dict | None):
    if r and r.get("status") == "ok":
        return r.get("forward_backward_ns_per_element")
    return None


def spread(r: dict | None) -> str:
    if not r or r.get("status") != "ok":
        return ""
    q1, q3 = r.get("q1_ns_per_element"), r.get("q3_ns_per_element")
    if q1 is None or q3 is None:
        lo, hi = r.get("min_ns_per_element"), r.get("max_ns_per_element")
        if lo is None or hi is None:
            return "—"
        return f"{lo:.3g}–{hi:.3g} (min–max)"
    return f"{q1:.3g}–{q3:.3g}"


def render(report: dict, baseline: str) -> str:
    lines = []
    threads = report["config"]["threads"]
    names = {"float": "float32", "double": "float64"}
    if report["config"].get("variants"):
        lines.append("# Focal's loss variants vs their peers' formulas: loss + gradient w.r.t. logits, float32, CPU")
    else:
        lines.append("# Focal vs PyTorch / JAX: focal loss + gradient w.r.t. logits, "
                     + " and ".join(names[p] for p in report["config"].get("precisions", ["float"])) + ", CPU")
    lines.append("")
    lines.append(f"{report['machine']}. Median ns per logit over {report['config']['repeats']} timed calls "
                 f"after {report['config']['warmup']} warm-up calls (peers); spread = IQR of the per-call times "
                 "(peers) or min–max (focal bench). "
                 f"Ratio = ns / ns of {baseline} at the same thread count (>1 = slower than it). "
                 "Each configuration ran in a fresh process pinned to `threads` CPUs"
                 + (f", best of {report['config']['rounds']} rounds" if report['config']['rounds'] > 1 else "")
                 + ". "
                 "On a shared machine only the ratios are meaningful.")
    short = "tuned" if baseline == "torch.compile tuned" else baseline
    for case in report["cases"]:
        res = report["results"][case["id"]]
        lines.append("")
        lines.append(f"## {case['id']} (mean reduction)")
        if case.get("variant"):
            chk = case.get("check") or {}
            lines.append("")
            lines.append(f"Peer: {case['peer_formula']}. Checked before timing against `focal loss --variant` "
                         "(float64, 64x80, " + ("20% positives" if case["kind"] == "sigmoid" else "uniform labels") + "): "
                         + (f"loss {chk['loss_rel']:.1e}, gradient {chk['grad_rel']:.1e} relative."
                            if "loss_rel" in chk else "not checked."))
        if not any(ns(r) for r in res.get(baseline, {}).values()):
            lines.append("")
            lines.append(f"({baseline} was not measured for this case: no ratios.)")
        lines.append("")
        head = ["implementation"]
        for t in threads:
            head += [f"{t}T ns/elem", f"{t}T spread", f"{t}T vs {short}"]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join([" --- "] + [" ---: "] * (len(head) - 1)) + "|")
        notes = []
        for row in ROW_ORDER:
            if row not in res:
                continue
            cells = [row]
            for t in threads:
                r = res[row].get(str(t))
                v = ns(r)
                b = ns(res.get(baseline, {}).get(str(t)))
                if v is None:
                    cells += ["—", "", ""]
                    if r and r.get("note"):
                        notes.append(f"{row} {t}T: {r['status']}: {r['note']}")
                    continue
                cells += [f"{v:.3f}", spread(r), f"{v / b:.2f}" if b else "—"]
                if r.get("note"):
                    notes.append(f"{row} {t}T: {r['note']}")
            lines.append("| " + " | ".join(cells) + " |")
        if len(threads) >= 2:
            t1, t2 = threads[0], threads[1]
            parts = []
            for row in FOCAL_ROWS + BEFORE_ROWS + [baseline]:
                a, b = ns(res.get(row, {}).get(str(t1))), ns(res.get(row, {}).get(str(t2)))
                if a and b:
                    parts.append(f"{row} {a / b:.2f}x")
            if parts:
                lines.append("")
                lines.append(f"Speed-up {t2} threads over {t1}: " + ", ".join(parts) + ".")
        # Memory (first thread count)
        t0 = str(threads[0])
        mem_rows = []
        for row in ROW_ORDER:
            r = res.get(row, {}).get(t0)
            if not r or r.get("status") != "ok":
                continue
            call = (r.get("memory") or {}).get("call_peak_over_rss_mib")
            raw = r.get("raw") or {}
            own = raw.get("peak_memory_mib", raw.get("peak_rss_mib"))
            if own is None and isinstance(raw.get("peak_bytes"), (int, float)):
                own = round(raw["peak_bytes"] / 2**20, 1)
            mem_rows.append(f"{row}: process peak RSS {r.get('process_peak_rss_mib')} MiB"
                            + (f", one call {call} MiB over RSS before it" if call is not None else "")
                            + (f", focal reports {own} MiB" if own is not None else ""))
        if mem_rows:
            n, k = case["shape"]
            lines.append("")
            size = 8 if case.get("precision") == "double" else 4
            lines.append(f"Memory at {t0}T (logits are {n * k * size / 2**20:.0f} MiB): " + "; ".join(mem_rows) + ".")
        # Correctness cross-check of the peers (same inputs, same seed)
        ok_peers = [res[row][t0] for row in PEERS
                    if row in res and res[row].get(t0, {}).get("status") == "ok"]
        if len(ok_peers) >= 2:
            def rel(key):
                vals = [r[key] for r in ok_peers]
                return (max(vals) - min(vals)) / max(abs(statistics.mean(vals)), 1e-30), vals[0]
            (rl, l0), (rg, g0) = rel("loss"), rel("grad_abs_sum")
            lines.append("")
            lines.append(f"Peers agree: loss ≈ {l0:.6g} to {rl:.1e} relative, "
                         f"sum |grad| ≈ {g0:.6g} to {rg:.1e} relative.")
        for nline in notes:
            lines.append(f"- note: {nline}")
    if report["config"].get("variants"):
        lines += variant_summary(report)
    if report.get("notes"):
        lines.append("")
        lines.append("Notes:")
        for nline in report["notes"]:
            lines.append(f"- {nline}")
    return "\n".join(lines) + "\n"


def check_variant_formulas(cases: list[dict], rows: list, args, ap, notes: list[str]) -> None:
    """Check every variant's peer formula against `focal loss --variant` (float64, small input)
    before timing anything; a case whose formula disagrees is dropped with a note."""
    from variant_peers import check_variant
    binaries = [b for _, kind, b in rows if kind == "focal"]
    if not binaries:
        path = resolve_binary(args.portable, ap.get_default("portable"))
        binaries = [path] if os.path.isfile(path) else []
    if not binaries:
        notes.append("no focal binary: the variants' peer formulas were not checked")
        return
    for case in list(cases):
        r = check_variant(case["variant"], binaries[0])
        case["check"] = r
        if r.get("ok"):
            log(f"check {case['variant']}: loss {r['loss_rel']:.1e}, gradient {r['grad_rel']:.1e} relative to focal")
        else:
            log(f"check {case['variant']} FAILED: {r}")
            notes.append(f"{case['id']}: peer formula disagrees with `focal loss` ({r}); not timed")
            cases.remove(case)


def variant_summary(report: dict) -> list[str]:
    """One row per variant and thread count: each row's median ns/element and how many times
    faster each focal build is than each torch.compile peer in the same run."""
    focal_rows = [r for r in FOCAL_ROWS if any(r in report["results"][c["id"]] for c in report["cases"])]
    peer_rows = [r for r in ("torch.compile", "torch.compile tuned")
                 if any(r in report["results"][c["id"]] for c in report["cases"])]
    head = ["variant", "shape", "threads"] + [f"{r} ns" for r in focal_rows + peer_rows]
    head += [f"{f.split()[1]} speed-up vs {'compile' if p == 'torch.compile' else 'tuned'}"
             for f in focal_rows for p in peer_rows]
    lines = ["", "## Summary: speed-up = peer ns / focal ns (> 1: focal faster), same run", "",
             "| " + " | ".join(head) + " |", "|" + "|".join([" --- "] * 3 + [" ---: "] * (len(head) - 3)) + "|"]
    for case in report["cases"]:
        res = report["results"][case["id"]]
        for t in report["config"]["threads"]:
            vals = {r: ns(res.get(r, {}).get(str(t))) for r in focal_rows + peer_rows}
            cells = [case["variant"], "x".join(map(str, case["shape"])), str(t)]
            cells += [f"{vals[r]:.2f}" if vals[r] else "—" for r in focal_rows + peer_rows]
            cells += [f"{vals[p] / vals[f]:.2f}x" if vals[p] and vals[f] else "—"
                      for f in focal_rows for p in peer_rows]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def machine_line() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--worker":
        worker_main(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--portable", default=".build/release/focal",
                    help="focal binary built with `swift build -c release` (relative defaults are under the package root)")
    ap.add_argument("--native", default=".build-native/release/focal",
                    help="focal binary built with -target-cpu native --scratch-path .build-native")
    ap.add_argument("--build", action="store_true",
                    help="run both `swift build` commands (under flock /tmp/focal-swift-build.lock) first")
    ap.add_argument("--before-portable", metavar="PATH",
                    help="also measure this focal binary (an earlier portable build) as 'focal portable (before)'")
    ap.add_argument("--before-native", metavar="PATH",
                    help="also measure this focal binary (an earlier native build) as 'focal native (before)'")
    ap.add_argument("--quick", action="store_true", help="small shapes, few repeats: a smoke test")
    ap.add_argument("--repeats", type=int, default=None, help="timed calls per peer run (default 20, quick 5)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed calls after the first (compiling) call (default 3, quick 1)")
    ap.add_argument("--only", choices=["sigmoid", "softmax"], help="run only this kind")
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--peers", default=None,
                    help="comma-separated subset of: focal,eager,compile,tuned,jax "
                         "(default: all; with --variants: focal,compile,tuned)")
    ap.add_argument("--variants", nargs="?", const="all", default=None, metavar="LIST",
                    help="time the focal-loss variants instead: each `focal bench --variant V` against its "
                         "peer's formula (Benchmarks/variant_peers.py), after checking that formula's loss and "
                         "gradient against `focal loss --variant V`; LIST is comma-separated or all: "
                         "focal,focal-star,poly1,asl,qfl,vfl,softmax-poly1")
    ap.add_argument("--no-extra", action="store_true", help="skip the extra sigmoid gamma 1.5 case")
    ap.add_argument("--precision", default="float",
                    help="comma-separated precisions, float (float32) and/or double (float64): one table per case and precision")
    ap.add_argument("--baseline", default="torch.compile tuned", choices=ROW_ORDER,
                    help="row the ratios are taken against")
    ap.add_argument("--json", metavar="PATH", help="also write all raw figures as JSON to PATH ('-' = stdout, table then goes to stderr)")
    ap.add_argument("--focal-args", default="", help="extra arguments appended to every `focal bench` call")
    ap.add_argument("--no-pin", action="store_true", help="don't pin each run to `threads` CPUs")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run before it is killed")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=1,
                    help="sweep all configurations this many times (interleaved) and keep, per configuration, "
                         "the round with the lowest median: steadier on a shared machine")
    args = ap.parse_args()
    if args.repeats is None:
        args.repeats = 5 if args.quick else 20
    if args.warmup is None:
        args.warmup = 1 if args.quick else 3
    if args.peers is None:
        args.peers = "focal,compile,tuned" if args.variants else "focal,eager,compile,tuned,jax"
    variant_names = []
    if args.variants:
        from variant_peers import VARIANTS
        variant_names = list(VARIANTS) if args.variants == "all" else \
            [v.strip() for v in args.variants.split(",") if v.strip()]
        unknown = [v for v in variant_names if v not in VARIANTS]
        if unknown:
            ap.error(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    wanted = [p.strip() for p in args.peers.split(",") if p.strip()]
    bad = [p for p in wanted if p not in PEER_KEYS and p != "focal"]
    if bad:
        ap.error(f"unknown peers {bad}")

    notes = []
    if args.build:
        build(args)

    rows = []  # (row name, kind, extra)
    if "focal" in wanted:
        for row, path, default in (("focal portable", args.portable, ap.get_default("portable")),
                                   ("focal native", args.native, ap.get_default("native"))):
            b = resolve_binary(path, default)
            if os.path.isfile(b) and os.access(b, os.X_OK):
                rows.append((row, "focal", b))
            else:
                notes.append(f"{row}: no binary at {b}; skipped (build it, or pass --build)")
        for row, path in (("focal portable (before)", args.before_portable), ("focal native (before)", args.before_native)):
            if path is None:
                continue
            b = os.path.abspath(path)
            if os.path.isfile(b) and os.access(b, os.X_OK):
                rows.append((row, "focal", b))
            else:
                notes.append(f"{row}: no binary at {b}; skipped")
    for key in wanted:
        if key == "focal":
            continue
        row = PEER_KEYS[key]
        mod = PEERS[row][0]
        if importlib.util.find_spec(mod) is None:
            notes.append(f"{row}: Python module `{mod}` not installed; skipped")
        else:
            rows.append((row, "peer", None))
    if "torch.compile tuned" in [r[0] for r in rows]:
        notes.append("torch.compile tuned = torch.compile in a process with "
                     + " ".join(f"{k}={v}" for k, v in MALLOC_TUNED_ENV.items()))
    notes.append("Memory: peers' 'one call' = VmHWM after one steady-state call (reset via /proc/self/clear_refs) "
                 "minus VmRSS before it; a process that keeps freed memory resident (malloc-tuned) shows "
                 "little there, so see also the process peak RSS (ru_maxrss from wait4, includes the interpreter, "
                 "the library and compilation).")
    for m in ("torch", "jax"):
        if importlib.util.find_spec(m) is not None:
            try:
                from importlib.metadata import version
                notes.append(f"{m} {version(m)}")
            except Exception:
                pass

    precisions = [p.strip() for p in args.precision.split(",") if p.strip()]
    if not precisions or any(p not in ("float", "double") for p in precisions):
        ap.error(f"--precision takes float and/or double, got {args.precision!r}")
    if variant_names:
        cases = make_variant_cases(args.quick, args.only, variant_names)
        check_variant_formulas(cases, rows, args, ap, notes)
    else:
        cases = make_cases(args.quick, args.only, not args.no_extra, precisions)
    report = {"machine": machine_line(), "notes": notes, "cases": cases, "results": {},
              "config": {"threads": threads, "repeats": args.repeats, "warmup": args.warmup,
                         "quick": args.quick, "pinned": not args.no_pin, "seed": args.seed,
                         "rounds": args.rounds, "precisions": precisions, "variants": variant_names,
                         "baseline": args.baseline,
                         "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5:
        notes.append(f"load average was {load:.2f} at the start: other work was running, absolute times are rough")
    all_rounds = {}
    for rnd in range(args.rounds):
        for case in cases:
            for row, kind, binary in rows:
                for t in threads:
                    log(f"[round {rnd + 1}/{args.rounds}] [{case['id']}] {row} {t}T ...")
                    t0 = time.perf_counter()
                    la = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
                    if kind == "focal":
                        r = run_focal(row, binary, case, t, args)
                    else:
                        r = run_peer(row, case, t, args)
                    r["wall_seconds"] = round(time.perf_counter() - t0, 1)
                    r["loadavg_before"] = la
                    r["round"] = rnd + 1
                    all_rounds.setdefault((case["id"], row, str(t)), []).append(r)
                    v = ns(r)
                    log(f"    {v:.3f} ns/elem ({r['wall_seconds']} s)" if v is not None
                        else f"    {r.get('status')}: {r.get('note')}")
    for (cid, row, t), rs in all_rounds.items():
        ok = [r for r in rs if ns(r) is not None]
        best = min(ok, key=ns) if ok else rs[-1]
        if len(rs) > 1:
            best = dict(best, all_rounds_ns_per_element=[ns(r) for r in rs])
        report["results"].setdefault(cid, {}).setdefault(row, {})[t] = best
    for line in notes:
        log("note: " + line)
    md = render(report, args.baseline)
    report["markdown"] = md
    if args.json == "-":
        sys.stderr.write(md)
        json.dump(report, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(md)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(report, f, indent=1)
            log(f"raw figures written to {args.json}")


if __name__ == "__main__":
    main()
