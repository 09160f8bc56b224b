export { Dependency, Outage, OutageLog } from './outage-log';
export { ReconcileResult, SlotLedgerService } from './slot-ledger.service';
