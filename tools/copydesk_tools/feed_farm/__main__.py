"""`python -m copydesk_tools.feed_farm`: serve a feed farm until SIGTERM; prints its base URL first."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from copydesk_tools.feed_farm.plan import make_plan
from copydesk_tools.feed_farm.server import FarmServer, FarmState


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m copydesk_tools.feed_farm", description=__doc__)
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    server = FarmServer(("127.0.0.1", args.port), FarmState(make_plan(args.feeds, args.items, args.seed)))
    # shutdown() waits for serve_forever, so it must run on another thread than the one serving.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
