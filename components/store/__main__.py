"""`python -m components.store upgrade|sweep|status`: migrate the database in place, delete what expired, or
say which database and revision this is. The database is EXPLORER_DATABASE_URL or the default SQLite file
(`--database URL` names another)."""

from __future__ import annotations

import argparse
import sys

from components.store import engine as engines
from components.store import migrate
from components.store.store import Store, StoreUnavailableError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.store", description=__doc__)
    parser.add_argument("command", choices=["upgrade", "sweep", "status"])
    parser.add_argument("--database", help="a database URL (default: EXPLORER_DATABASE_URL or the SQLite file)")
    options = parser.parse_args(argv)
    url = options.database or engines.database_url()
    try:
        if options.command == "status":
            store = Store.open(url, upgrade=False)
            current = migrate.current_revision(store.engine)
            print(f"{engines.safe_url(url)}: revision {current or 'none'} (newest {migrate.head_revision()})")
        else:
            store = Store.open(url)
            if options.command == "upgrade":
                print(f"{engines.safe_url(url)}: up to date at revision {migrate.head_revision()}")
            else:
                gone = store.sweep()
                print(", ".join(f"{count} {name.replace('_', ' ')}" for name, count in gone.items()) + " deleted")
        store.close()
    except StoreUnavailableError as error:
        print(error.detail, file=sys.stderr)  # the operator's own command: which database and why
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
