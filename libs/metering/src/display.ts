import type { MeasurementEntity } from '@tally/database';
import { conversionProblem, DisplaySpec, MAX_DISPLAY_PLACES, normalizeUnit, usageUnitOf } from '@tally/money';

/** The unit a measurement's report lines are in (design §4). */
export function usageUnitOfMeasurement(m: Pick<MeasurementEntity, 'kind' | 'unit'>): string {
  return usageUnitOf(m.kind, m.unit);
}

/** How a measurement's usage is shown; a stored null display unit is the usage unit itself. */
export function displayOf(m: Pick<MeasurementEntity, 'kind' | 'unit' | 'displayUnit' | 'displayPlaces'>): DisplaySpec {
  return { unit: m.displayUnit ?? usageUnitOfMeasurement(m), places: m.displayPlaces };
}

export interface DisplayInput {
  displayUnit?: string;
  displayPlaces?: number;
}

/**
 * Checks a display setting against the measurement's usage unit; returns the unit to store
 * (null for the usage unit itself) or the reason, starting with the field name.
 */
export function checkDisplay(m: Pick<MeasurementEntity, 'kind' | 'unit'>, input: DisplayInput): { unit?: string | null; problem?: string } {
  if (input.displayPlaces !== undefined && !(Number.isInteger(input.displayPlaces) && input.displayPlaces >= 0 && input.displayPlaces <= MAX_DISPLAY_PLACES)) {
    return { problem: `displayPlaces must be an integer from 0 to ${MAX_DISPLAY_PLACES}` };
  }
  if (input.displayUnit === undefined) return {};
  const usage = usageUnitOfMeasurement(m);
  const unit = normalizeUnit(input.displayUnit);
  const problem = conversionProblem(usage, unit);
  if (problem) return { problem: `displayUnit: ${problem}` };
  return { unit: unit === usage ? null : unit };
}

/** A catalog entry as the API returns it and as its events carry it: one shape for both. */
export function measurementView(m: MeasurementEntity) {
  const display = displayOf(m);
  return {
    key: m.key, kind: m.kind, unit: m.unit, usageUnit: usageUnitOfMeasurement(m), displayUnit: display.unit, displayPlaces: display.places,
    source: m.source, description: m.description, builtin: m.builtin, createdAt: m.createdAt.toISOString(),
  };
}
