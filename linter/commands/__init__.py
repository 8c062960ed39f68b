"""One module per sub-command. Each has ``register(subparsers)`` (argparse only: importing a command
module must stay cheap) and a ``run(args) -> int`` that imports what it needs."""
