"""Prints the state of the given tasks as the result backend holds them, as JSON.

  results.py ID...
"""
import json
import sys

from rigapp import app


def main():
    print(json.dumps({tid: app.AsyncResult(tid).state for tid in sys.argv[1:]}, sort_keys=True))


if __name__ == "__main__":
    main()
