"""Known vulnerabilities in the dependencies: pip-audit over requirements.lock (PyPI's
advisories) and `npm audit --omit=dev` over the frontend's runtime packages.

Exit status: 0 when every package was checked and none is vulnerable; 1 when a package
has a known vulnerability (upgrade its pin: `make lock`, or `npm update` in frontend/);
2 when an advisory service could not be reached, so some packages went unchecked. With
AUDIT_OFFLINE=warn (`make test` sets it) that last case only warns, loudly, so tests still
run on a machine without those services; `make audit` never lets it pass.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VULNERABLE, UNCHECKED = 1, 2


def pip_audit() -> tuple[list[str], list[str]]:
    """(findings, unchecked packages) for the locked Python dependencies."""
    run = subprocess.run(
        [sys.executable, "-m", "pip_audit", "-r", str(ROOT / "requirements.lock"), "--no-deps",
         "--disable-pip", "-f", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, check=False)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        return [], [f"pip-audit failed: {run.stderr.strip()[-300:]}"]
    findings = [f"{d['name']} {d['version']}: {v['id']} (fixed in "
                f"{', '.join(v['fix_versions']) or 'no release yet'})"
                for d in report["dependencies"] for v in d.get("vulns", [])]
    unchecked = [d["name"] for d in report["dependencies"] if "skip_reason" in d]
    return findings, unchecked


def npm_audit() -> tuple[list[str], list[str]]:
    """(findings, unchecked) for the frontend's runtime packages."""
    run = subprocess.run(["npm", "audit", "--omit=dev", "--json"], cwd=ROOT / "frontend",
                         capture_output=True, text=True, check=False)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        report = {}
    if "vulnerabilities" not in report:  # the advisory endpoint failed: nothing was checked
        reason = report.get("message") or report.get("error", {}).get("summary") or run.stderr
        return [], [str(reason).strip()[-300:]]
    return [f"{name} ({v['severity']}): {v.get('range', '')}"
            for name, v in report["vulnerabilities"].items()], []


def main() -> int:
    status = 0
    for tool, audit in (("pip-audit", pip_audit), ("npm audit", npm_audit)):
        findings, unchecked = audit()
        for finding in findings:
            print(f"{tool}: VULNERABLE {finding}")
        if findings:
            status = VULNERABLE
        elif unchecked:
            print(f"{tool}: COULD NOT CHECK {len(unchecked)} packages (advisory service "
                  f"unreachable?): {', '.join(unchecked[:5])}{' …' if len(unchecked) > 5 else ''}")
            status = status or UNCHECKED
        else:
            print(f"{tool}: no known vulnerabilities")
    if status == UNCHECKED and os.environ.get("AUDIT_OFFLINE") == "warn":
        print("WARNING: the dependency audit could not run here; run `make audit` where PyPI's "
              "and npm's advisory services can be reached")
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
