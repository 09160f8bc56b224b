export { FAILURE_CLASSES, FailureClass, MetricDef, METRICS, SCRAPE_READ_TIMEOUT_MS } from './metric-names';
export { MetricsRegistry, within } from './metrics.registry';
export { MetricsAccess, metricsAccess, METRICS_REFUSED } from './metrics-auth';
export { serveMetrics } from './metrics-server';
export { MetricsModule } from './metrics.module';
