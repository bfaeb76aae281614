// The lab page: the address names the lab (?lab=NAME, the 2D lab without one), the shell runs it.

// The shell first: its style sheet comes before the labs' own.
import { openLabPage, showNoLab } from "./shell/app";
import { labOf } from "./shell/settings";
import { findLab } from "./labs";

const lab = findLab(labOf(window.location.search));
if (typeof lab === "string") showNoLab(lab);
else lab.open(openLabPage);
