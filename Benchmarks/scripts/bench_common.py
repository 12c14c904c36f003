"""What the peer scripts share: one core for numpy's libraries (import this module before
numpy), and the command line `FILE [numbers...] [--repeat N]`."""
import os
import sys

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"


def arguments(defaults, repeat=2):
    """(path, [numbers, one per default], repeats) from sys.argv."""
    words = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--repeat" in sys.argv:
        k = sys.argv.index("--repeat")
        repeat = int(sys.argv[k + 1])
        words = [a for a in words if a != sys.argv[k + 1]]
    numbers = [int(words[1 + k]) if len(words) > 1 + k else d for k, d in enumerate(defaults)]
    return words[0], numbers, repeat
