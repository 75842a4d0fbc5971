"""``python -m msc_graph``."""

from .cli import main

main(prog_name="msc-graph")
