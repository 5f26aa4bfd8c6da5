from samskap.cli import main

main()
