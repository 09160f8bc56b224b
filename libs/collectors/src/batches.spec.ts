import { CollectTargetSnapshot } from '@tally/jobs';
import { batches } from './collection.service';

const vm = (id: string, clusterFqdn: string | null): CollectTargetSnapshot => ({ resourceId: id, type: 'ganeti-vm', name: id, clusterFqdn, ssh: null, measurements: {} });
const byCluster = { batchSize: 2, batchKey: (t: CollectTargetSnapshot) => `cluster ${t.clusterFqdn}` };

describe('batches', () => {
  it('never mixes clusters, cuts each at the batch size, and keeps every target once, in order', () => {
    const targets = [vm('a1', 'a'), vm('b1', 'b'), vm('a2', 'a'), vm('a3', 'a'), vm('b2', 'b'), vm('n1', null)];
    expect(batches(byCluster, targets).map((b) => b.map((t) => t.resourceId))).toEqual([['a1', 'a2'], ['a3'], ['b1', 'b2'], ['n1']]);
  });

  it('gives a plugin with batch size 1 a batch per target', () => {
    const perHost = { batchSize: 1, batchKey: (t: CollectTargetSnapshot) => t.resourceId };
    expect(batches(perHost, [vm('x', null), vm('y', null)]).map((b) => b.map((t) => t.resourceId))).toEqual([['x'], ['y']]);
  });

  it('makes no batch from no targets', () => {
    expect(batches(byCluster, [])).toEqual([]);
  });
});
