export * from './collect-plugin';
export * from './plugin-registry';
export * from './ganeti.plugin';
export * from './ssh.plugin';
