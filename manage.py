#!/usr/bin/env python
from samskap.cli import main

if __name__ == "__main__":
    main()
