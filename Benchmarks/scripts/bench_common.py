"""What the peer scripts share: one core for numpy's libraries (import this module before
numpy), and the command line `FILE [numbers...] [--name value ...]`."""
import os
import sys

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"


def option(name, default):
    """The integer after `--name`, or `default`."""
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def arguments(defaults, repeat=2):
    """(path, [numbers, one per default], repeats) from sys.argv; `--name value` pairs are skipped."""
    words, k = [], 1
    while k < len(sys.argv):
        if sys.argv[k].startswith("--"):
            k += 2
            continue
        words.append(sys.argv[k])
        k += 1
    numbers = [int(words[1 + k]) if len(words) > 1 + k else d for k, d in enumerate(defaults)]
    return words[0], numbers, option("--repeat", repeat)
