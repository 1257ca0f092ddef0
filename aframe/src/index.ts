export { registry, PROJECT_SUMMARIES } from './registry.ts';
export { createInitCommand, runConfigFor, defaultSection, RUN_CONFIG_NAME } from './init.ts';
export { sectionOf } from '@aframe/cli';
