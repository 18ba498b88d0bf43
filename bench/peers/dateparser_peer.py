#!/usr/bin/python3
"""dateparser (Python, dates only): dateparser.search.search_dates over each
document of a JSON Lines dump, English, with the publication date as
RELATIVE_BASE. Prints the counts as one JSON line, like the JS harnesses.
Debian's python3-dateparser (the system python3; PyPI is not reachable)."""
import datetime, json, sys, time, warnings
warnings.simplefilter("ignore")
from dateparser.search import search_dates

docs = nbytes = dates = 0
t0 = time.process_time()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        d = json.loads(line)
        ref = datetime.datetime.fromisoformat(d["published"]) if d.get("published") else datetime.datetime(2024, 1, 1)
        dates += len(search_dates(d.get("text") or "", languages=["en"], settings={"RELATIVE_BASE": ref}) or [])
        nbytes += len(line.encode("utf-8"))
        docs += 1
print(json.dumps({"docs": docs, "bytes": nbytes, "loop_cpu_s": round(time.process_time() - t0, 2), "dates": dates}))
