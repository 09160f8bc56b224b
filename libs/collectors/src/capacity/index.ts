export { CapacityLimit, CapacityLimitName, CapacitySettings, DurationStats } from './capacity';
export { CapacityReport, CapacityService } from './capacity.service';
