export const HELP_TEXT = `Usage: fwlint [options] <files|directories|globs|->
       fwlint [options] --changed [REF]
       fwlint parse <file> [--json]
       fwlint rules [--json] [ID]   The rules (id, severity, preset, fixable), or one rule's documentation
       fwlint tunnels [options] [paths…]   Every tunnel's verdict (up, ike-fails, …) and both ends;
                                           fwlint tunnels --help
       fwlint explain [options] RUNTIME [paths…]   From a device's failure reason (display ike
                                           error-info/offline-info, IPSEC logs) to the configuration
                                           lines that cause it; fwlint explain "<reason>", --list,
                                           fwlint explain --help

Lints Huawei USG/AR configuration files (display current-configuration), both ends of every
IPSec tunnel together. Inside a repository (the directory of fwlint.config.json, or the git
top level), the files named are the targets and every other configuration is loaded as context:
findings are reported for the targets and the other ends of their tunnels.

Output:
  -f, --format <name>         pretty | json | sarif | github | compact
                              (default: github under GitHub Actions, pretty on a terminal, else compact)
  -o, --output-file <file>    Write the report to this file instead of stdout
      --quiet                 Report errors only
      --max-warnings <n>      Exit 1 when there are more than n warnings
      --exit-zero             Exit 0 even when problems are found (2 still means fwlint could not run)
      --verbose               Also print notes (what could not be checked) on stderr
      --stats                 After the report, the number of findings per rule on stderr
      --color, --no-color     Force or disable colours

Fixes:
      --fix                   Apply the safe fixes to the files (re-linting, at most 10 passes)
      --fix-dry-run           Print the fixes as a unified diff; write nothing
      --unsafe-fixes          Also apply unsafe fixes (with --fix, --fix-dry-run, fix --commands)
  fwlint fix --commands [options] [paths…]   The device command script of every safe fix, per file

Configuration:
  -c, --config <file>         Use this config file instead of the nearest fwlint.config.json
      --no-config             Ignore fwlint.config.json files (recommended preset)
      --rule <id:severity>    Set a rule's severity (off | warn | error); repeatable
      --print-config <file>   Print the rules in effect for <file> (severity and options) and exit

Files:
      --changed [REF]         Lint the configuration files changed since HEAD (working tree and
                              index), or since the merge base of REF and HEAD (e.g. origin/main)
      --no-context            Load only the files given, not the rest of the repository
      --ext <.cfg,.txt>       Extensions picked up in directories (overrides the config's "files")
      --stdin-filename <path> Name reported for input read from "-"
      --max-file-size <MB>    Skip larger files with an io-error finding (default 32)

Baseline, cache, speed:
      --baseline <file>       Suppress findings listed in a baseline file
      --write-baseline[=file] Write all current findings to a baseline (default fwlint-baseline.json)
      --cache                 Reuse parse results of unchanged files, and the findings of an identical run
      --cache-location <path> Cache file or directory (default .fwlintcache)
      --concurrency <n|auto>  Parser threads (default auto; at most min(2 x CPUs, 16))
      --timing                Print the time of each phase and the peak memory on stderr
                              (also FWLINT_TIMING=1)

  -h, --help                  Show this help
  -v, --version               Show the version

With no path, fwlint lints the repository: the directory of fwlint.config.json, else the git
top level. A subcommand wins over a path of the same name: "fwlint ./rules" lints a directory.

Exit codes: 0 no errors (and warnings within --max-warnings); 1 problems found, including files
that could not be read or parsed (io-error, parse-error findings); 2 the run could not be
evaluated (bad option, invalid config file, unreadable baseline, internal error).
`;
