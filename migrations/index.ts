import { InitialSchema1795460000000 } from './1795460000000-InitialSchema';
import { RunOutcomesTable1795470000000 } from './1795470000000-RunOutcomesTable';
import { CoveringSamplesKey1795480000000 } from './1795480000000-CoveringSamplesKey';

/** Every migration, in order. Listed explicitly so compiled and ts-node runs see the same set. */
export const MIGRATIONS = [InitialSchema1795460000000, RunOutcomesTable1795470000000, CoveringSamplesKey1795480000000];
