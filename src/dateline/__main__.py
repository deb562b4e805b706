from dateline.interfaces.cli import cli

cli()
