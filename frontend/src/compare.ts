// The comparison page: the address names the lab as on the lab page, the shell runs the comparison.

// The shell first: its style sheet comes before the labs' own.
import { openComparison, showNoComparison } from "./shell/compare/page";
import { labOf } from "./shell/settings";
import { findLab } from "./labs";

const lab = findLab(labOf(window.location.search));
if (typeof lab === "string") showNoComparison(lab);
else lab.open(openComparison);
