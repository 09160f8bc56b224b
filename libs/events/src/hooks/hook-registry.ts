import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, InjectConfig } from '@tally/config';
import { unknownPatterns } from '../event-types';
import { AfterHook, BeforeHook, HOOK_INFO, HookInfo } from './hook';

export interface FoundHook {
  info: HookInfo;
  instance: unknown;
}

export interface ActiveHooks {
  before: { info: HookInfo; hook: BeforeHook }[];
  after: { info: HookInfo; hook: AfterHook }[];
}

/**
 * The hooks this configuration turns on, checked the way jobs are: refuses (throws) when a
 * configured module has no hooks, two hooks share a name, a hook lacks the method its phase
 * needs, or a pattern names no known event. Pure, so the rules are unit-tested without Nest.
 */
export function activeHooks(found: readonly FoundHook[], modules: readonly string[]): ActiveHooks {
  const problems: string[] = [];
  const names = new Map<string, number>();
  for (const { info } of found) names.set(info.name, (names.get(info.name) ?? 0) + 1);
  for (const [name, count] of names) if (count > 1) problems.push(`hook name "${name}" is used by ${count} hooks`);
  for (const module of modules) {
    if (!found.some((h) => h.info.module === module)) {
      const known = [...new Set(found.map((h) => h.info.module))].sort();
      problems.push(`TALLY_HOOKS names module "${module}", which has no hooks (known: ${known.join(', ') || 'none'})`);
    }
  }
  const active: ActiveHooks = { before: [], after: [] };
  for (const { info, instance } of found) {
    if (!modules.includes(info.module)) continue;
    const bad = unknownPatterns(info.events);
    if (!info.events.length || bad.length) problems.push(`hook "${info.name}" listens to no known event (${bad.join(', ') || 'none given'})`);
    const method = info.phase === 'before' ? 'check' : 'handle';
    if (typeof (instance as Record<string, unknown>)?.[method] !== 'function') {
      problems.push(`hook "${info.name}" is a ${info.phase}-hook without a ${method}() method`);
      continue;
    }
    if (info.phase === 'before') active.before.push({ info, hook: instance as BeforeHook });
    else active.after.push({ info, hook: instance as AfterHook });
  }
  if (problems.length) throw new Error(`hook registry refused to start:\n  - ${problems.join('\n  - ')}`);
  return active;
}

/** Finds every @Hook provider at boot and keeps those TALLY_HOOKS turns on. */
@Injectable()
export class HookRegistry implements OnModuleInit {
  private hooks: ActiveHooks = { before: [], after: [] };

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit() {
    const found: FoundHook[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const info = this.reflector.get<HookInfo | undefined>(HOOK_INFO, instance.constructor);
      if (info) found.push({ info, instance });
    }
    this.hooks = activeHooks(found, this.config.events.hookModules);
  }

  get before() {
    return this.hooks.before;
  }

  get after() {
    return this.hooks.after;
  }

  /** What GET /hooks shows: every active hook, before-hooks first. */
  describe(): HookInfo[] {
    return [...this.hooks.before, ...this.hooks.after].map((h) => h.info);
  }
}
