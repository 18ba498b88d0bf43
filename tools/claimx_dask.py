#!/usr/bin/env python3
"""Runs `claimx extract` over a dump as N shards on a Dask cluster.

Each task runs `claimx extract --shard K/N --out STORE PATH...` on a worker;
the shards split the documents by id hash with no coordination, and all of
them write into one store (a PostgreSQL URL) at the same time. Every shard
reads all of the input in its first pass, so cross-document repeats agree.

  claimx_dask.py --shards 8 --out postgresql://... dump.jsonl.zst
  claimx_dask.py --scheduler tcp://host:8786 --shards 64 --out ... PATHS...

Without --scheduler a LocalCluster of worker processes runs on this
machine. The input paths and the claimx binary must be visible to every
worker at the same paths (a shared file system). Exit status: 0 when every
shard finished with status 0 or 1 (1 = some documents failed, reported in
the store's run_errors), 2 otherwise.
"""
import argparse
import subprocess
import sys


def run_shard(claimx, k, n, out, paths, jobs):
    cmd = [claimx, "extract", "--shard", f"{k}/{n}", "--out", out]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    p = subprocess.run(cmd + list(paths), capture_output=True, text=True)
    return k, p.returncode, p.stderr[-2000:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claimx", default="claimx")
    ap.add_argument("--shards", type=int, required=True)
    ap.add_argument("--out", required=True, help="store: postgresql://... URL")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=0,
                    help="LocalCluster worker processes (default: --shards)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="claimx threads per shard (default 1)")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    from dask.distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers or a.shards,
                               threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(run_shard, a.claimx, k, a.shards, a.out,
                                 a.paths, a.jobs, pure=False)
                   for k in range(1, a.shards + 1)]
        worst = 0
        for k, rc, err in sorted(client.gather(futures)):
            print(f"shard {k}/{a.shards}: exit {rc}", file=sys.stderr)
            if rc not in (0, 1):
                sys.stderr.write(err)
            worst = max(worst, rc)
    finally:
        client.close()
        if cluster:
            cluster.close()
    return 0 if worst <= 1 else 2


if __name__ == "__main__":
    sys.exit(main())
