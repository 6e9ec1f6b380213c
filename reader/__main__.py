"""`python -m reader`: the same as the `reader` command."""

from reader.cli import main

if __name__ == "__main__":
    main(prog_name="reader")
