export { Exposition, ExpositionParseError, ExpositionSample, parseExposition } from './exposition.parser';
export { ExporterMappingRule, MappedReading, mapExposition, NODE_EXPORTER_MAPPING } from './exporter-mapping';
export { ScrapeOptions, ScrapeResult, scrapeExporter } from './exporter-scrape';
