import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { COLLECTED_RESOURCE_TYPES } from '@tally/database';
import { BUILTIN_MEASUREMENTS, MeasurementSpec } from '@tally/metering';
import { COLLECT_PLUGINS, CollectPlugin } from './collect-plugin';

/**
 * The rules a plugin set must meet, pure so they are unit-tested: one plugin per collected
 * resource type, and every declared key a built-in measurement of the plugin's source.
 */
export function checkPlugins(
  plugins: readonly Pick<CollectPlugin, 'name' | 'resourceType' | 'measurementKeys'>[],
  catalog: readonly MeasurementSpec[],
  types: readonly string[],
): void {
  const problems: string[] = [];
  for (const type of types) {
    const owners = plugins.filter((p) => p.resourceType === type);
    if (owners.length !== 1) problems.push(`resource type ${type} has ${owners.length} plugins (${owners.map((p) => p.name).join(', ') || 'none'}); it needs exactly one`);
  }
  for (const p of plugins) {
    if (!types.includes(p.resourceType)) problems.push(`plugin ${p.name} collects ${p.resourceType}, which is not a collected resource type`);
    for (const key of p.measurementKeys) {
      const spec = catalog.find((m) => m.key === key);
      if (!spec) problems.push(`plugin ${p.name} declares ${key}, which is not in the built-in catalog`);
      else if (spec.source !== p.name) problems.push(`plugin ${p.name} declares ${key}, whose catalog source is ${spec.source}`);
    }
  }
  if (problems.length) throw new Error(`collector plugins refused:\n  - ${problems.join('\n  - ')}`);
}

/** Resource type → plugin, checked when the module starts so a bad set never boots. */
@Injectable()
export class PluginRegistry implements OnModuleInit {
  private readonly byType = new Map<string, CollectPlugin>();

  constructor(@Inject(COLLECT_PLUGINS) private readonly plugins: CollectPlugin[]) {}

  onModuleInit() {
    checkPlugins(this.plugins, BUILTIN_MEASUREMENTS, COLLECTED_RESOURCE_TYPES);
    for (const p of this.plugins) this.byType.set(p.resourceType, p);
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }

  for(type: string): CollectPlugin {
    const plugin = this.byType.get(type);
    if (!plugin) throw new Error(`no collector plugin for resource type ${type}`);
    return plugin;
  }
}
