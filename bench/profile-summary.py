#!/usr/bin/env python3
"""Where a kmodlint JVM spends its time, from a flight recording: each execution sample goes to
the first phase of PHASES whose marker is on its stack. Usage: profile-summary.py REC.jfr"""
import collections, re, subprocess, sys

PHASES = [  # (phase, stack marker): the first phase of this list whose marker is on the stack wins
    ("shadow copy (lsp)", "dev.kmodlint.lsp.Shadow."),
    ("kernel database", "dev.kmodlint.kernel."),
    ("tree walk", "dev.kmodlint.scan.SourceTree."),
    ("fact cache", "dev.kmodlint.cache."),
    ("facts shared (interner)", "dev.kmodlint.model.FactInterner."),
    ("C facts from the AST", "dev.kmodlint.c.CodeExtractor"),
    ("C facts from the AST", "dev.kmodlint.c.CFrontEnd$Extractor"),
    ("C parse (CDT)", "dev.kmodlint.c."),
    ("file facts", "dev.kmodlint.scan."),
    ("Kbuild/Kconfig/compose", "dev.kmodlint.compose."),
    ("suppressions (second read)", "dev.kmodlint.engine.Suppressions."),
    ("rules", "dev.kmodlint.engine.Analyzer.runRules"),
    ("configuration", "dev.kmodlint.config."),
    ("report (text/SARIF)", "dev.kmodlint.cli.TextReport"),
    ("report (text/SARIF)", "dev.kmodlint.sarif."),
    ("rule registry", "dev.kmodlint.engine.RuleRegistry"),
    ("LSP4J / JSON", "org.eclipse.lsp4j"),
    ("server protocol", "dev.kmodlint.server."),
]

WRAPPER = "dev.kmodlint.kernel.KernelDatabase.withAutoIndex"

def main(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for event in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        frames.reverse()  # outermost first
        # a run of a kernel that needs an index made first runs whole inside withAutoIndex: what
        # it calls is the run's, not the kernel database's
        for i in range(len(frames) - 1, -1, -1):
            if frames[i].startswith(WRAPPER):
                frames = frames[i + 1:]
                break
        phase = "other"
        for name, marker in PHASES:
            if any(f.startswith(marker) for f in frames):
                phase = name
                break
        counts[phase] += 1
    total = sum(counts.values()) or 1
    for phase, n in counts.most_common():
        print(f"{phase:28s} {n:6d} samples {100.0 * n / total:5.1f}%")

if __name__ == "__main__":
    main(sys.argv[1])
