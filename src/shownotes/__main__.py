from shownotes.cli import main

raise SystemExit(main())
