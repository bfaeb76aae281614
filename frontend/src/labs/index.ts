// Every lab there is, by the name the address gives it (?lab=NAME); without one, the lab is
// the 2D lab, so every link from before there were labs still opens what it did.

import type { Lab } from "../shell/lab";
import { attention } from "./attention/lab";
import { images } from "./images/lab";
import { points } from "./points/lab";
import { sequences } from "./sequences/lab";

/** A lab whose frame and data types only the lab itself knows: `open` hands it to a page,
 *  which works with a lab of any types. */
export interface RegisteredLab {
  readonly name: string;
  open<R>(page: <F extends object, D>(lab: Lab<F, D>) => R): R;
}

const register = <F extends object, D>(lab: Lab<F, D>): RegisteredLab => ({ name: lab.name, open: (page) => page(lab) });

export const LABS: readonly RegisteredLab[] = [register(points), register(images), register(sequences), register(attention)];

export const DEFAULT_LAB = points.name;

/** The lab named `name` (the default one when undefined), or a message naming the labs
 *  there are when there is none of that name. */
export function findLab(name: string | undefined): RegisteredLab | string {
  const wanted = name ?? DEFAULT_LAB;
  return LABS.find((lab) => lab.name === wanted) ?? `There is no lab "${wanted}"; the labs are ${LABS.map((lab) => lab.name).join(", ")}.`;
}
