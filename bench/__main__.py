"""`make bench`: every benchmark, one after the other (never part of `make test`)."""

import subprocess
import sys

BENCHMARKS = ["bench.search", "bench.load"]


def main() -> int:
    failed = 0
    for module in BENCHMARKS:
        print(f"\n=== {module}", flush=True)
        failed |= subprocess.run([sys.executable, "-m", module, *sys.argv[1:]]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
