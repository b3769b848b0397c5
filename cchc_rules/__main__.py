"""`python -m cchc_rules` is the `cchc` command."""

import sys

from cchc_rules.cli.main import main

sys.exit(main())
